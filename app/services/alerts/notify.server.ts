/**
 * Tells the merchant about a new alert, each channel exactly once per alert: the Flow trigger
 * (key `alert:<id>:flow`) and the email (key `alert:<id>:email`) go through performOnce, so a
 * retried or re-run notice job never sends either again once it went out. Neither has a read-back
 * (Flow keeps no queryable log of triggers, SMTP no receipt), so `recover` finds nothing: only
 * when an attempt's outcome was lost (a crash or timeout mid-call) is it sent again, the email
 * with the same Message-ID so mail clients fold the copies.
 */
import { alertEmail, alertFlowPayload, METRIC_ALERT_FLOW_TRIGGER, type AlertNoticeInput } from "~/domain/alerts";
import { getAlert, loadAlertSettings, markAlertNotified, type AlertRecord } from "~/models/alerts.server";
import { getSupplier } from "~/models/suppliers.server";
import { fireFlowTrigger } from "~/shopify/customer-notice";
import { shopProfile } from "~/services/shop/profile.server";
import { MailNotConfiguredError } from "~/services/coordination/mail.server";
import type { CoordinationServices } from "~/services/coordination/services.server";
import { performOnce, RefusedError } from "~/services/exactly-once.server";
import type { JobWork } from "~/services/queue/job-queue";
import { TerminalJobError } from "~/services/queue/errors";

export interface AlertNoticeOutcome {
  readonly flow: "sent" | "already_sent" | "refused";
  readonly email: "sent" | "already_sent" | "refused";
  readonly emailError?: string;
}

async function noticeInput(s: CoordinationServices, shop: string, alert: AlertRecord): Promise<AlertNoticeInput> {
  const segmentName = alert.dimension === "supplierId" ? ((await getSupplier(s.db, shop, alert.segment))?.name ?? alert.segment) : alert.segment;
  return { ...alert, segmentName };
}

/** Where merchant alert mail goes: the address set on the alerts page, else the store's contact email. */
export async function alertRecipient(s: CoordinationServices, shop: string): Promise<string> {
  const { recipientEmail } = await loadAlertSettings(s.db, shop);
  return recipientEmail ?? (await shopProfile(s, shop)).contactEmail;
}

/** Sends one email exactly once under `key`; a missing SMTP setting is a refusal (recorded, not retried). */
export async function sendMailOnce(
  s: CoordinationServices,
  shop: string,
  key: string,
  message: { to: string; subject: string; text: string; messageId: string },
) {
  return performOnce(
    s.db,
    s.now,
    { shop, key, kind: "email", request: { to: message.to, subject: message.subject } },
    {
      recover: async () => null,
      perform: async () => {
        try {
          await s.mailer.send(message);
        } catch (error) {
          if (error instanceof MailNotConfiguredError) throw new RefusedError(error.message);
          throw error;
        }
        return { to: message.to };
      },
    },
  );
}

const word = (outcome: { status: "done"; performed: boolean } | { status: "failed" }) =>
  outcome.status === "failed" ? "refused" : outcome.performed ? "sent" : "already_sent";

/** Fires the alert's Flow trigger and emails the merchant, each at most once in effect. */
export async function notifyAlert(s: CoordinationServices, shop: string, alertId: string): Promise<AlertNoticeOutcome | null> {
  const alert = await getAlert(s.db, shop, alertId);
  if (!alert) return null;
  const input = await noticeInput(s, shop, alert);
  const alertsUrl = `${s.appUrl}/app/alerts`;
  const payload = alertFlowPayload(input, alertsUrl);
  const flow = await performOnce(
    s.db,
    s.now,
    { shop, key: `alert:${alert.id}:flow`, kind: "flow_trigger", request: { handle: METRIC_ALERT_FLOW_TRIGGER, payload } },
    {
      recover: async () => null,
      perform: async () => {
        await fireFlowTrigger(await s.adminFor(shop), METRIC_ALERT_FLOW_TRIGGER, payload);
        return { handle: METRIC_ALERT_FLOW_TRIGGER };
      },
    },
  );
  const mail = alertEmail(input, alertsUrl);
  const email = await sendMailOnce(s, shop, `alert:${alert.id}:email`, {
    to: await alertRecipient(s, shop),
    ...mail,
    messageId: `<alert-${alert.id}@dropline>`,
  });
  await markAlertNotified(s.db, shop, alert.id, s.now());
  return { flow: word(flow), email: word(email), ...(email.status === "failed" ? { emailError: email.error } : {}) };
}

export function alertNotifyWork(s: CoordinationServices): JobWork {
  return {
    perform: async (job) => {
      const alertId = (job.payload as { alertId?: unknown } | null)?.alertId;
      if (typeof alertId !== "string" || alertId === "") throw new TerminalJobError("alert_notify job without an alertId");
      await notifyAlert(s, job.shop, alertId);
    },
  };
}
