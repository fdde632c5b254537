/**
 * The three risk signals that raise a buffer: demand velocity, feed staleness and the
 * supplier's oversell history. Each is a plain number so the routing engine can reuse them.
 */

export const MS_PER_DAY = 86_400_000;

/** One sale of the product (an order line), as the shell reads it from order events. */
export interface SaleEvent {
  readonly atMs: number;
  readonly quantity: number;
}

/** When the supplier's feed last updated successfully, and how often it is meant to. */
export interface FeedFreshness {
  /** Last good (applied, not quarantined) update; null = never. */
  readonly lastGoodUpdateAtMs: number | null;
  /** How often the feed is expected to update. */
  readonly cadenceMs: number;
}

/** The supplier's oversell record: accepted orders it later could not fill. */
export interface OversellHistory {
  readonly incidents: number;
  readonly orders: number;
}

/** Units sold per day over the last `windowDays` days before `nowMs` (future and non-positive lines ignored). */
export function velocity(events: readonly SaleEvent[], nowMs: number, windowDays: number): number {
  if (!(windowDays > 0)) throw new RangeError(`Sales window must be positive, got ${windowDays} days`);
  const fromMs = nowMs - windowDays * MS_PER_DAY;
  let units = 0;
  for (const event of events) {
    if (event.atMs > fromMs && event.atMs <= nowMs && event.quantity > 0) units += event.quantity;
  }
  return units / windowDays;
}

/** Feed age in cadences: ≤ 1 is on schedule, 3 means three cadences old; Infinity if never updated. */
export function staleCadences(feed: FeedFreshness, nowMs: number): number {
  if (!(feed.cadenceMs > 0)) throw new RangeError(`Feed cadence must be positive, got ${feed.cadenceMs} ms`);
  if (feed.lastGoodUpdateAtMs === null) return Number.POSITIVE_INFINITY;
  // An update stamped in the future (clock skew) counts as fresh, not as negative age.
  const ageMs = Math.max(0, nowMs - feed.lastGoodUpdateAtMs);
  return ageMs / feed.cadenceMs;
}

/** Oversell incidents per order, 0..1; small samples are damped by counting at least `minOrders` orders. */
export function oversellRate(history: OversellHistory, minOrders: number): number {
  const incidents = Math.max(0, history.incidents);
  if (incidents === 0) return 0;
  const orders = Math.max(history.orders, minOrders, 1);
  return Math.min(1, incidents / orders);
}
