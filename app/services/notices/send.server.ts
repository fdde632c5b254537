/**
 * Sends a customer delay notice: the new window and the reason, in the shop's language, from the
 * app's SMTP under the shop's name with the shop's reply-to, at most one per order per shop-local
 * day. Exactly once per key (`notice:<orderId>:<day>`): the intent is recorded first, the notice is
 * logged as "sending" before SMTP and "sent" after, and a retry reads that log before sending.
 * SMTP cannot be asked what it delivered: if the process dies between SMTP's acceptance and the
 * "sent" mark, the retry sends again with the same Message-ID (mail clients fold such duplicates).
 */
import { createHash } from "node:crypto";
import { noticeDay, noticeEnabled, noticeKey, noticeLocale, reasonText, renderDelayNotice, type DelayReason, type NoticeKind } from "~/domain/notices";
import type { PromiseWindow } from "~/domain/promise";
import { disabledNoticeKinds, findNotice, latestSentNotice, markNoticeSent, recordSending } from "~/models/notices.server";
import { addOrderEvent } from "~/models/orders.server";
import type { Mailer } from "~/services/coordination/mail.server";
import type { JobServices } from "~/services/deps";
import { performOnce } from "~/services/exactly-once.server";
import { publishOrderStatus } from "~/services/tracking/sync.server";
import { shopProfile } from "~/services/shop/profile.server";

/** What sending a notice needs: the job services and the app's mailer. */
export interface NoticeServices extends JobServices {
  readonly mailer: Mailer;
}

export interface DelayNoticeRequest {
  readonly shop: string;
  /** The order's GID. */
  readonly orderId: string;
  readonly reason: DelayReason;
  /** The new estimated delivery window (dates as the promise engine dates them). */
  readonly window: PromiseWindow;
  /** Which detection found it; default `manual` (staff's choice, e.g. a playbook action). */
  readonly kind?: NoticeKind;
}

export type NoticeOutcome =
  | { readonly status: "sent"; readonly key: string; readonly recipient: string; readonly recovered: boolean }
  /** Today's notice for this order already went (whatever found the delay again). */
  | { readonly status: "already_sent"; readonly key: string }
  /** The last notice already gave this window: nothing new to tell. */
  | { readonly status: "unchanged"; readonly key: string }
  | { readonly status: "disabled"; readonly kind: NoticeKind }
  | { readonly status: "no_recipient" }
  | { readonly status: "unknown_order" };

/** A Message-ID that is the same for every attempt of one notice. */
function messageIdOf(shop: string, key: string): string {
  return `<notice-${createHash("sha256").update(`${shop}|${key}`).digest("hex").slice(0, 32)}@dropline.app>`;
}

const sameWindow = (a: { earliest: string; latest: string }, b: PromiseWindow): boolean => a.earliest === b.earliest && a.latest === b.latest;

/** Tells the order's customer about a delay (see the module comment for the guarantees). */
export async function sendDelayNotice(services: NoticeServices, request: DelayNoticeRequest): Promise<NoticeOutcome> {
  const { db } = services;
  const { shop, orderId, window, reason } = request;
  const kind = request.kind ?? "manual";
  const order = await db.order.findFirst({ where: { shop, id: orderId } });
  if (!order || order.cancelledAt || order.redactedAt) return { status: "unknown_order" };
  if (!noticeEnabled(kind, await disabledNoticeKinds(db, shop))) return { status: "disabled", kind };
  if (!order.email) return { status: "no_recipient" };
  const profile = await shopProfile(services, shop);
  const now = services.now();
  const key = noticeKey(orderId, noticeDay(now.getTime(), profile.ianaTimezone));
  const today = await findNotice(db, shop, key);
  const last = await latestSentNotice(db, shop, orderId);
  if (!today && last && kind !== "manual" && sameWindow(last, window)) return { status: "unchanged", key };

  const locale = noticeLocale(profile.primaryLocale);
  const rendered = renderDelayNotice({ orderName: order.name, shopName: profile.name, window, reason }, locale);
  const messageId = messageIdOf(shop, key);
  const recipient = order.email;
  const outcome = await performOnce(
    db,
    services.now,
    { shop, key, kind: "email", request: { to: recipient, subject: rendered.subject, window, reason, kind } },
    {
      recover: async () => ((await findNotice(db, shop, key))?.status === "sent" ? { messageId } : null),
      perform: async () => {
        await recordSending(
          db,
          shop,
          {
            key,
            orderId,
            orderName: order.name,
            kind,
            recipient,
            locale,
            subject: rendered.subject,
            body: rendered.text,
            messageId,
            earliest: window.earliest,
            latest: window.latest,
            reason: JSON.stringify(reason),
          },
          services.now(),
        );
        await services.mailer.send({
          to: recipient,
          subject: rendered.subject,
          text: rendered.text,
          messageId,
          fromName: profile.name,
          replyTo: profile.contactEmail,
        });
        await markNoticeSent(db, shop, key, services.now());
        return { messageId };
      },
    },
  );
  if (outcome.status === "failed") throw new Error(`The delay notice for ${order.name} was refused: ${outcome.error}`);
  // After the send: the order-status page, then the timeline entry, which marks both done. A
  // crash between the send and here leaves no entry, so whichever attempt comes next does them.
  if (!(await db.orderEvent.findUnique({ where: { shop_dedupeKey: { shop, dedupeKey: key } } }))) {
    await publishOrderStatus(services, shop, orderId);
    await addOrderEvent(db, {
      shop,
      orderId,
      kind: "customer_notice",
      detail: `Delay notice emailed to ${recipient}: new estimate ${window.earliest} – ${window.latest} (${reasonText(reason, "en")})`,
      at: now,
      dedupeKey: key,
    });
  }
  if (!outcome.performed && !outcome.recovered) return { status: "already_sent", key };
  return { status: "sent", key, recipient, recovered: outcome.recovered };
}
