/**
 * Carries out one confirmed CaseAction (the `case_action` job). Safe to re-run: the row is only
 * finished once, and the Shopify actions go through performOnce, so a retry after a lost answer
 * or a crash finds the earlier refund, replacement order or cancellation instead of repeating it.
 */
import { z } from "zod";
import type { DelayReason } from "~/domain/notices";
import { finishCaseAction, getCaseAction, type CaseActionRecord } from "~/models/case-actions.server";
import { markCaseActed, STAFF_SUBJECT_PREFIX } from "~/models/exceptions.server";
import { addOrderEvent } from "~/models/orders.server";
import { rerouteAway } from "~/services/coordination/actions.server";
import type { CoordinationServices } from "~/services/coordination/services.server";
import type { IntentOutcome } from "~/services/exactly-once.server";
import { deliverJob } from "~/services/queue/coordination";
import type { JobWork } from "~/services/queue/job-queue";
import { sendDelayNotice } from "~/services/notices/send.server";
import { ActionRequestSchema } from "./request";
import { cancelOnce, refundOnce, reshipOnce, type ShopifyEffect } from "./shopify-actions.server";
import { caseTarget, type CaseTarget } from "./target.server";

/** What the review confirmed for a customer notice: the window and reason shown, sent as confirmed. */
const NoticeParams = z.object({
  window: z.object({ earliest: z.string(), latest: z.string() }).passthrough(),
  reason: z.custom<DelayReason>((v) => typeof v === "object" && v !== null && typeof (v as { code?: unknown }).code === "string"),
});

type Outcome = { status: "done"; text: string; shopifyIds: readonly string[] } | { status: "failed"; error: string };

const fromIntent = (o: IntentOutcome<ShopifyEffect>): Outcome =>
  o.status === "done" ? { status: "done", text: o.result.text, shopifyIds: o.result.ids } : { status: "failed", error: o.error };

async function carryOut(s: CoordinationServices, a: CaseActionRecord, t: CaseTarget): Promise<Outcome> {
  const request = ActionRequestSchema.parse(a.params);
  const shop = a.shop;
  switch (request.action) {
    case "refund":
      return fromIntent(
        await refundOnce(s, shop, {
          intentKey: a.key,
          orderId: t.orderId,
          lines: t.lines,
          shipping: request.shipping,
          confirmedAmount: String(a.params.confirmedAmount),
        }),
      );
    case "reship":
      return fromIntent(await reshipOnce(s, shop, { intentKey: a.key, orderId: t.orderId, lines: t.lines }));
    case "cancel_order":
      return fromIntent(
        await cancelOnce(s, shop, { intentKey: a.key, orderId: t.orderId, reason: request.reason, refund: request.refund, restock: request.restock }),
      );
    case "reroute":
      if (!t.po || !["sent", "accepted"].includes(t.po.status)) return { status: "failed", error: "The purchase order is no longer sent or accepted." };
      await rerouteAway(s, t.po, "re-routed from an exception case");
      return {
        status: "done",
        text: `${t.po.number} taken from ${t.supplierName ?? "the supplier"}; the order is being routed again`,
        shopifyIds: [t.po.fulfillmentOrderId],
      };
    case "notify_customer": {
      const { window, reason } = NoticeParams.parse(a.params);
      const sent = await sendDelayNotice(s, { shop, orderId: t.orderId, window, reason, kind: "manual" });
      switch (sent.status) {
        case "sent":
          return { status: "done", text: `Delay notice emailed to ${sent.recipient} (new window ${window.earliest} – ${window.latest})`, shopifyIds: [] };
        case "already_sent":
          return { status: "done", text: "Today's notice for this order had already gone out; nothing more was sent", shopifyIds: [] };
        case "unchanged":
          return { status: "done", text: "The customer already has this window; nothing more was sent", shopifyIds: [] };
        case "no_recipient":
          return { status: "failed", error: "The order has no customer email address." };
        case "disabled":
        case "unknown_order":
          return { status: "failed", error: "The order is cancelled, erased or unknown: no notice was sent." };
      }
      break;
    }
    case "remind_supplier": {
      if (!t.po || !["sent", "accepted"].includes(t.po.status)) return { status: "failed", error: "The purchase order is no longer open." };
      const kind = t.po.status === "sent" ? "reminder" : "tracking_reminder";
      await s.queue.enqueue(deliverJob(shop, t.po.id, kind, `playbook:${a.key}`));
      return { status: "done", text: `Reminder sent to ${t.supplierName ?? "the supplier"} about ${t.po.number}`, shopifyIds: [] };
    }
    case "wait":
      return { status: "done", text: `Set aside until ${request.until}`, shopifyIds: [] };
  }
}

/** What the case becomes after the action. */
async function settleCase(s: CoordinationServices, a: CaseActionRecord, t: CaseTarget): Promise<void> {
  const at = s.now();
  if (a.action === "wait") {
    await markCaseActed(s.db, a.shop, t.case.id, { action: "wait", sleepUntil: new Date(Number(a.params.untilMs)) }, at);
    return;
  }
  const resolving = a.action === "refund" || a.action === "reship" || a.action === "cancel_order";
  // A rule's case stays until its condition clears (set aside meanwhile); a staff-opened case is done.
  const resolve = !resolving ? undefined : t.case.subjectId.startsWith(STAFF_SUBJECT_PREFIX) ? ("close" as const) : ("dismiss" as const);
  await markCaseActed(s.db, a.shop, t.case.id, { action: a.action, resolve, closedReason: `Resolved: ${a.action.replace(/_/g, " ")}`, sleepUntil: null }, at);
}

export async function executeCaseAction(s: CoordinationServices, shop: string, actionId: string): Promise<Outcome | null> {
  const a = await getCaseAction(s.db, shop, actionId);
  if (!a || a.status !== "requested") return null;
  const t = await caseTarget(s, shop, a.caseId);
  const outcome: Outcome = t ? await carryOut(s, a, t) : { status: "failed", error: "The case no longer exists." };
  await finishCaseAction(s.db, shop, a.id, outcome, s.now());
  if (outcome.status === "done" && t) await settleCase(s, a, t);
  if (a.orderId)
    await addOrderEvent(s.db, {
      shop,
      orderId: a.orderId,
      kind: `playbook_${a.action}`,
      detail: `${a.actor}: ${outcome.status === "done" ? outcome.text : `failed: ${outcome.error}`}`,
      at: s.now(),
      dedupeKey: `playbook:${a.key}`,
    });
  return outcome;
}

const Payload = z.object({ actionId: z.string().min(1) });

export function caseActionWork(s: CoordinationServices): JobWork {
  return {
    async perform(job) {
      await executeCaseAction(s, job.shop, Payload.parse(job.payload).actionId);
    },
  };
}
