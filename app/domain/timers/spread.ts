/**
 * Periodic sweeps spread over time (issue #19): instead of every shop's sweep starting at the same
 * instant (the top of each 10-, 15- or 60-minute slot), each shop's slots are shifted by a stable
 * offset derived from its domain. A slot keeps one dedupe key per shop, so a sweep still runs once
 * per slot however often the scheduler ticks; only when the slot begins differs from shop to shop.
 */

const DAY_MS = 86_400_000;

/** A stable number in [0, 1) for a shop domain (FNV-1a, then a 32-bit avalanche so similar names land far apart). */
export function shopPhase(shop: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < shop.length; i++) {
    h ^= shop.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // murmur3's finaliser: every input bit affects every output bit.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 2 ** 32;
}

/** The shop's stable offset inside a period of `periodMs`: in [0, periodMs). */
export function spreadOffsetMs(shop: string, periodMs: number): number {
  if (!(periodMs > 0)) throw new RangeError(`A sweep period must be positive (got ${periodMs})`);
  return Math.floor(shopPhase(shop) * periodMs);
}

/** One slot of a shop's periodic sweep: `index` names it (the dedupe key), `startMs` is when it began. */
export interface SpreadSlot {
  readonly index: number;
  readonly startMs: number;
}

/**
 * The shop's slot of a sweep of period `periodMs` at `nowMs`: slots of the period shifted by the
 * shop's offset, so slot `index` runs from `index × period + offset` to the next one. Over the
 * shops of a deployment the slot starts fall evenly across the period.
 */
export function spreadSlot(shop: string, nowMs: number, periodMs: number): SpreadSlot {
  const offset = spreadOffsetMs(shop, periodMs);
  const index = Math.floor((nowMs - offset) / periodMs);
  return { index, startMs: index * periodMs + offset };
}

/** The UTC date (YYYY-MM-DD) a shop's daily slot at `nowMs` belongs to: its day, with the shop's start shifted into it. */
export function spreadDay(shop: string, nowMs: number): string {
  return new Date(spreadSlot(shop, nowMs, DAY_MS).index * DAY_MS).toISOString().slice(0, 10);
}
