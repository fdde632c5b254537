/**
 * What Dropline already knows that a supplier is about to be slower than its history says (#18
 * item 5), and how the promise reacts: the window widens at once rather than after the late
 * parcels arrive. Pure; the service gathers the signals.
 *
 * - Stale stock feed: stock cannot be confirmed, so an order may wait for a restock: handling gets
 *   a second, later mode (`STALE_FEED_RESTOCK_DAYS` later) as likely as the usual one.
 * - Drifting handling: the control tower's open alert on the supplier's order-to-ship time moves
 *   handling later by the overrun past its limit (at least one day). Until such an alert exists,
 *   the recent deliveries do the same through recency weights and calibration (`learnLane`).
 * - Unacknowledged purchase orders: when several have waited days without the supplier even
 *   acknowledging them, a new order joins that queue: handling moves later by the oldest wait
 *   beyond one day.
 */
import { mixture, shifted, type DayDistribution } from "./learning";

/** Days a restock is assumed to take when the stock feed is stale. */
export const STALE_FEED_RESTOCK_DAYS = 3;
/** Unacknowledged purchase orders needed before their wait counts as a backlog. */
export const UNACKNOWLEDGED_BACKLOG_COUNT = 3;

const DAY_MS = 86_400_000;

export interface SupplierSignals {
  /** The newest stock update is older than the routing policy's freshness limit. */
  readonly feedStale: boolean;
  /** The control tower's open order-to-ship alert for the supplier: the day's value and its limit (ms). */
  readonly handlingAlert: { readonly value: number; readonly limit: number } | null;
  /** Purchase orders sent and not acknowledged: how many, and the oldest's wait in supplier business days. */
  readonly unacknowledged: { readonly count: number; readonly oldestBusinessDays: number };
}

export type ReactionReason = "stale_feed" | "handling_alert" | "unacknowledged_backlog";

export interface Reaction {
  /** Business days handling moves later. */
  readonly shiftDays: number;
  /** Handling gets a restock mode (stale feed). */
  readonly restockDays: number;
  readonly reasons: readonly ReactionReason[];
}

export const NO_REACTION: Reaction = { shiftDays: 0, restockDays: 0, reasons: [] };

/** The reaction to a supplier's signals (none when all is well). */
export function promiseReaction(signals: SupplierSignals): Reaction {
  const reasons: ReactionReason[] = [];
  let shiftDays = 0;
  if (signals.handlingAlert && signals.handlingAlert.value > signals.handlingAlert.limit) {
    shiftDays = Math.max(shiftDays, Math.max(1, Math.ceil((signals.handlingAlert.value - signals.handlingAlert.limit) / DAY_MS)));
    reasons.push("handling_alert");
  }
  const { count, oldestBusinessDays } = signals.unacknowledged;
  if (count >= UNACKNOWLEDGED_BACKLOG_COUNT && oldestBusinessDays >= 2) {
    shiftDays = Math.max(shiftDays, oldestBusinessDays - 1);
    reasons.push("unacknowledged_backlog");
  }
  const restockDays = signals.feedStale ? STALE_FEED_RESTOCK_DAYS : 0;
  if (signals.feedStale) reasons.push("stale_feed");
  return { shiftDays, restockDays, reasons };
}

/** Handling with the reaction applied: moved later, and with a restock mode when the feed is stale. */
export function reactedHandling(handling: DayDistribution, reaction: Reaction): DayDistribution {
  const moved = reaction.shiftDays > 0 ? shifted(handling, reaction.shiftDays) : handling;
  if (reaction.restockDays <= 0) return moved;
  return (
    mixture([
      { distribution: moved, weight: 1 },
      { distribution: shifted(moved, reaction.restockDays), weight: 1 },
    ]) ?? moved
  );
}

/** The admin's sentence for each reason. */
export const REACTION_TEXT: Record<ReactionReason, string> = {
  stale_feed: "stock feed is stale: a restock may be needed",
  handling_alert: "handling is drifting (control tower alert)",
  unacknowledged_backlog: "purchase orders are waiting to be acknowledged",
};
