/**
 * A supplier's service tier: how fast it commits to hand an order to the carrier. Routing reads
 * it with the supplier's handling days, the escalation ladder sets its patience by it, and the
 * supplier form offers exactly these. The one declaration; everything else imports it.
 */
export const SERVICE_TIERS = ["same_day", "next_day", "48_hour", "special_order"] as const;

/** One of `SERVICE_TIERS`. */
export type ServiceTier = (typeof SERVICE_TIERS)[number];
