/**
 * The notice settings page's use cases: which kinds are on, a preview of each rendered as the
 * customer would get it (with a real recent order, or a sample), and saving the switches (which
 * also republishes the checkout calendar flag, so checkout never promises an email that is off).
 */
import { addDays } from "~/domain/promise";
import {
  checkoutMayPromiseNotices,
  NOTICE_KINDS,
  noticeDay,
  noticeLocale,
  renderDelayNotice,
  type AutomaticNoticeKind,
  type DelayReason,
  type RenderedNotice,
} from "~/domain/notices";
import { disabledNoticeKinds, recentNotices, saveDisabledNoticeKinds } from "~/models/notices.server";
import { enqueuePromisePublish } from "~/services/queue/promise";
import type { JobServices } from "~/services/deps";
import { findOrderDelay } from "./detect.server";
import { shopProfile } from "~/services/shop/profile.server";

export interface NoticeSettingsView {
  readonly kinds: readonly { readonly kind: AutomaticNoticeKind; readonly on: boolean }[];
  readonly checkoutPromise: boolean;
  readonly orders: readonly { readonly id: string; readonly name: string }[];
  readonly recent: readonly { key: string; orderName: string; kind: string; recipient: string; window: string; status: string; at: string }[];
}

export async function noticeSettingsView(services: JobServices, shop: string): Promise<NoticeSettingsView> {
  const [disabled, orders, recent] = await Promise.all([
    disabledNoticeKinds(services.db, shop),
    services.db.order.findMany({
      where: { shop, cancelledAt: null, redactedAt: null },
      orderBy: { placedAt: "desc" },
      take: 20,
      select: { id: true, name: true },
    }),
    recentNotices(services.db, shop),
  ]);
  return {
    kinds: NOTICE_KINDS.map((kind) => ({ kind, on: !disabled.includes(kind) })),
    checkoutPromise: checkoutMayPromiseNotices(disabled),
    orders,
    recent: recent.map((n) => ({
      key: n.key,
      orderName: n.orderName,
      kind: n.kind,
      recipient: n.recipient,
      window: `${n.earliest} – ${n.latest}`,
      status: n.status,
      at: n.createdAt.toISOString(),
    })),
  };
}

function sampleReason(kind: AutomaticNoticeKind, today: string): DelayReason {
  switch (kind) {
    case "carrier_delayed":
      return { code: "carrier_delayed" };
    case "no_movement":
      return { code: "no_movement", lastScanDate: addDays(today, -4) };
    case "late_ship_date":
      return { code: "late_ship_date", shipDate: addDays(today, 3) };
    case "predicted":
      return { code: "slow_handling" };
  }
}

export interface NoticePreview extends RenderedNotice {
  readonly fromName: string;
  readonly replyTo: string;
  readonly to: string;
  /** "order": this order's real delay; "sample": sample dates (the order is on time, or none was chosen). */
  readonly basis: "order" | "sample";
}

/** The notice of `kind` as a customer would read it, for a real order when given (its real delay, if it has one). */
export async function previewNotice(services: JobServices, shop: string, kind: AutomaticNoticeKind, orderId: string | null): Promise<NoticePreview> {
  const profile = await shopProfile(services, shop);
  const today = noticeDay(services.now().getTime(), profile.ianaTimezone);
  const order = orderId ? await services.db.order.findFirst({ where: { shop, id: orderId }, select: { id: true, name: true, email: true } }) : null;
  const delay = order ? await findOrderDelay(services, shop, order.id) : null;
  const real = delay && delay.kind === kind ? delay : null;
  const rendered = renderDelayNotice(
    {
      orderName: order?.name ?? "#1001",
      shopName: profile.name,
      window: real?.window ?? { earliest: addDays(today, 5), latest: addDays(today, 7) },
      reason: real?.reason ?? sampleReason(kind, today),
    },
    noticeLocale(profile.primaryLocale),
  );
  return { ...rendered, fromName: profile.name, replyTo: profile.contactEmail, to: order?.email ?? "customer@example.com", basis: real ? "order" : "sample" };
}

/** Saves which kinds are on (the checked ones) and republishes checkout's flag. */
export async function saveNoticeSettings(services: JobServices, shop: string, on: ReadonlySet<string>): Promise<{ checkoutPromise: boolean }> {
  const disabled = NOTICE_KINDS.filter((k) => !on.has(k));
  await saveDisabledNoticeKinds(services.db, shop, disabled);
  await enqueuePromisePublish(services.db, shop, "notice settings", services.now());
  return { checkoutPromise: checkoutMayPromiseNotices(disabled) };
}
