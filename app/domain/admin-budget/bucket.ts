/**
 * A shop's Admin API budget shared by every process: Shopify's cost bucket as last reported,
 * projected forward with its restore rate, with the points callers have taken since subtracted.
 * Pure: the store that keeps it (one row per shop) and the clock are passed in.
 */
export interface SharedBucket {
  readonly maximumAvailable: number;
  readonly currentlyAvailable: number;
  /** Points restored per second. */
  readonly restoreRate: number;
  readonly observedAtMs: number;
}

export type SpendDecision = { readonly kind: "take"; readonly next: SharedBucket } | { readonly kind: "wait"; readonly waitMs: number };

/** Points available at `nowMs`: what was there, plus what the restore rate gave back since, capped at the maximum. */
export function availableAt(bucket: SharedBucket, nowMs: number): number {
  const restored = bucket.currentlyAvailable + (bucket.restoreRate * Math.max(0, nowMs - bucket.observedAtMs)) / 1000;
  return Math.min(bucket.maximumAvailable, restored);
}

/**
 * Takes `cost` points (keeping `reserve` spare) when the bucket has them at `nowMs`; otherwise says
 * how long until it will. A cost above the bucket's maximum waits for a full bucket, never forever.
 */
export function spend(bucket: SharedBucket, cost: number, nowMs: number, reserve = 0): SpendDecision {
  const available = availableAt(bucket, nowMs);
  const needed = Math.min(cost + reserve, bucket.maximumAvailable);
  if (available >= needed) return { kind: "take", next: { ...bucket, currentlyAvailable: available - Math.min(cost, available), observedAtMs: nowMs } };
  if (bucket.restoreRate <= 0) return { kind: "wait", waitMs: 1000 };
  return { kind: "wait", waitMs: Math.ceil(((needed - available) / bucket.restoreRate) * 1000) };
}

/**
 * The bucket after Shopify reported `reported` at `atMs`. Shopify's figure is the truth at that
 * instant; an older report (a slow response overtaken by a newer one) changes nothing.
 */
export function observe(bucket: SharedBucket | null, reported: Omit<SharedBucket, "observedAtMs">, atMs: number): SharedBucket | null {
  if (bucket && atMs < bucket.observedAtMs) return null;
  return { ...reported, observedAtMs: atMs };
}

/** Where every process reads and writes the shared buckets (the database in production). */
export interface SharedBucketStore {
  /** Takes `cost` points of `shop`'s bucket now, or returns how many ms to wait first (0 = taken; unknown bucket = go). */
  take(shop: string, cost: number, nowMs: number): Promise<number>;
  /** Records what Shopify reported at `atMs`. */
  record(shop: string, reported: Omit<SharedBucket, "observedAtMs">, atMs: number): Promise<void>;
}
