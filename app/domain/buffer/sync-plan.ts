/**
 * Pure decisions of a stock sync: which offers need a write to Shopify, and what to write after
 * a compare-and-set failed because a sale landed first. No I/O here.
 */

/** One offer's buffered quantity against what was last published. */
export interface PublishCandidate {
  readonly key: string;
  readonly variantId: string;
  /** The buffered quantity we want Shopify to show. */
  readonly target: number;
  readonly previous: {
    readonly target: number | null;
    readonly published: number | null;
    readonly inventoryItemId: string | null;
    readonly locationId: string | null;
  } | null;
}

/**
 * Offers that need a write: never published, published to another location, or the buffered
 * target moved. An unchanged target is skipped even when Shopify now shows less — those are
 * sales since the last publish, and writing the target again would un-sell them.
 */
export function needsPublish(candidate: PublishCandidate, locationId: string): boolean {
  const prev = candidate.previous;
  if (!prev || prev.published === null || prev.target === null || prev.inventoryItemId === null) return true;
  if (prev.locationId !== locationId) return true;
  return prev.target !== candidate.target;
}

/** Offers whose current Shopify quantity we must read first (no trusted compare value). */
export function needsRead(candidate: PublishCandidate, locationId: string): boolean {
  const prev = candidate.previous;
  return !prev || prev.published === null || prev.inventoryItemId === null || prev.locationId !== locationId;
}

/**
 * The quantity to write after a stale compare: units Shopify sold since `expected` are kept off
 * the new target (a sale is never overwritten); a rise (a restock or cancellation) is not added,
 * since the supplier's feed is the truth for stock.
 */
export function afterConcurrentSale(target: number, expected: number, current: number): number {
  const sold = Math.max(0, expected - current);
  return Math.max(0, target - sold);
}

/** Splits a list into batches of at most `size`. */
export function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
