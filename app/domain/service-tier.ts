/**
 * A supplier's service tier: how fast it commits to hand an order to the carrier. Routing reads
 * it with the supplier's handling days, the escalation ladder sets its patience by it, and the
 * supplier form offers exactly these. The one declaration; everything else imports it.
 */
export const SERVICE_TIERS = ["same_day", "next_day", "48_hour", "special_order"] as const;

/** One of `SERVICE_TIERS`. */
export type ServiceTier = (typeof SERVICE_TIERS)[number];

/** The most handling business days each tier stands for (null: a special order sets its own). */
export const TIER_HANDLING_DAYS: Readonly<Record<ServiceTier, number | null>> = {
  same_day: 0,
  next_day: 1,
  "48_hour": 2,
  special_order: null,
};

const TIER_NAMES: Readonly<Record<ServiceTier, string>> = {
  same_day: "Same day",
  next_day: "Next day",
  "48_hour": "48 hours",
  special_order: "Special order",
};

const days = (n: number): string => `${n} business day${n === 1 ? "" : "s"}`;

/**
 * Why a supplier's service tier and handling days disagree, or null when they fit. A tier names
 * how fast the supplier hands an order to the carrier; handling is what routing and the promise
 * count. One business day of slack over the tier is normal (a late pick-up); more means one of
 * the two is wrong, and the ladder's patience (set by the tier) and the promise (set by the
 * handling days) would contradict each other.
 */
export function tierHandlingMismatch(tier: ServiceTier, handling: { readonly min: number; readonly max: number }): string | null {
  const limit = TIER_HANDLING_DAYS[tier];
  if (limit === null) return null;
  if (handling.min <= limit && handling.max <= limit + 1) return null;
  const range = handling.min === handling.max ? days(handling.max) : `${handling.min}–${days(handling.max)}`;
  return (
    `The "${TIER_NAMES[tier]}" tier means handing orders to the carrier within ${days(limit)}, but handling is set to ${range}. ` +
    `Routing and the checkout promise count the handling days; the escalation ladder's patience follows the tier. Change the tier or the handling days so they agree.`
  );
}
