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
 *
 * When the reaction leaves the delivery date itself untrustworthy (`shipsInApplies`), the promise
 * says when the order ships ("Ships in 3–6 business days", `shipsInDays`) instead of a date.
 */
import { mixture, shifted, type DayDistribution } from "./learning";
import type { DayHistogram, DayRange } from "./types";

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

/**
 * Business days handling moves later from which the delivery history no longer says when a parcel
 * arrives: more than the spread of a usual window, so a date would be a guess.
 */
export const SHIPS_IN_SHIFT_DAYS = 3;

/**
 * Whether shoppers should read when the order ships rather than when it arrives: the reaction moved
 * handling by `SHIPS_IN_SHIFT_DAYS` or more, or two signals fire at once (e.g. a stale feed while
 * purchase orders wait unacknowledged). One mild signal (a stale feed alone, a one-day drift) only
 * widens the window.
 */
export function shipsInApplies(reaction: Reaction): boolean {
  return reaction.shiftDays >= SHIPS_IN_SHIFT_DAYS || reaction.reasons.length >= 2;
}

/**
 * "Ships in X–Y business days": the shortest run of handling days holding `coverage` of the
 * (reacted) handling histogram (ties: the later run, as a late parcel costs more trust).
 */
export function shipsInDays(handling: DayHistogram, coverage: number): DayRange {
  const total = handling.weights.reduce((n, w) => n + w, 0);
  const last = handling.from + handling.weights.length - 1;
  if (total <= 0) return { min: handling.from, max: last };
  const need = Math.min(1, coverage) * total - 1e-9;
  let best: DayRange = { min: handling.from, max: last };
  let mass = 0;
  let from = 0;
  handling.weights.forEach((w, to) => {
    mass += w;
    while (from < to && mass - (handling.weights[from] ?? 0) >= need) mass -= handling.weights[from++] ?? 0;
    if (mass >= need && to - from <= best.max - best.min) best = { min: handling.from + from, max: handling.from + to };
  });
  return best;
}
