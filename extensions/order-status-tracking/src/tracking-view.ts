/** What the block says, as plain strings: built from the decoded metafield, no DOM, easy to test. */
import type { OrderTrackingStatus } from "../../../app/domain/tracking/order-status";

export type Translate = (key: string, replacements?: Record<string, string | number>) => string;
export type FormatDate = (date: string) => string;

export interface ParcelLine {
  readonly key: string;
  readonly text: string;
  readonly window: string | null;
  readonly link: { readonly href: string; readonly label: string } | null;
}

export interface TrackingView {
  /** The revised window from the latest delay notice, with its reason (null when none was sent). */
  readonly notice: { readonly window: string; readonly reason: string } | null;
  readonly split: string | null;
  readonly parcels: readonly ParcelLine[];
  readonly awaiting: string | null;
}

function windowText(w: readonly [string, string] | null, t: Translate, formatDate: FormatDate): string | null {
  if (!w) return null;
  const [earliest, latest] = w;
  const range = earliest === latest ? formatDate(earliest) : `${formatDate(earliest)} – ${formatDate(latest)}`;
  return t("window", { window: range });
}

// Reason codes the block has words for (app/domain/notices DelayReason); others get the generic line.
const REASONS: readonly string[] = ["carrier_delayed", "no_movement", "late_ship_date", "slow_handling", "slow_transit"];

function noticeText(status: OrderTrackingStatus, t: Translate, formatDate: FormatDate): TrackingView["notice"] {
  if (!status.d) return null;
  const [earliest, latest] = status.d.w;
  const range = earliest === latest ? formatDate(earliest) : `${formatDate(earliest)} – ${formatDate(latest)}`;
  return { window: t("notice", { window: range }), reason: t(`reason.${REASONS.includes(status.d.r) ? status.d.r : "other"}`) };
}

/** One line per parcel with its plain stage, the split note when there are several, and what is still with the supplier. */
export function buildTrackingView(status: OrderTrackingStatus, t: Translate, formatDate: FormatDate): TrackingView {
  const parcels = status.p.map((p, i) => ({
    key: p.n.join(",") || String(i),
    text: t("parcel", { index: i + 1, count: p.q, stage: t(`stage.${p.s}`) }),
    window: p.s === "delivered" ? null : windowText(p.w, t, formatDate),
    link: p.u ? { href: p.u, label: t("track", { carrier: p.c ?? p.n.join(", ") }) } : null,
  }));
  const total = status.p.length + (status.a > 0 && status.p.length > 0 ? 1 : 0);
  return {
    notice: noticeText(status, t, formatDate),
    split: total > 1 ? t("split", { count: total }) : null,
    parcels,
    awaiting: status.a > 0 ? t("awaiting", { count: status.a }) : null,
  };
}
