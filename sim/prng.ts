/** A small seeded PRNG for simulations: same seed, same sequence, on every runtime. */

/** A source of uniform numbers in [0, 1). */
export type Random = () => number;

/** Mulberry32: 32-bit state, fast, good enough for Monte-Carlo (not for anything secret). */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Whole number in [min, max]. */
export function randomInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** One element, uniformly. */
export function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new RangeError("Cannot pick from an empty list");
  return item;
}

/** One element, with probability proportional to its weight. */
export function pickWeighted<T>(random: Random, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((sum, [, w]) => sum + w, 0);
  let r = random() * total;
  for (const [item, weight] of items) {
    r -= weight;
    if (r < 0) return item;
  }
  const last = items[items.length - 1];
  if (!last) throw new RangeError("Cannot pick from an empty list");
  return last[0];
}

/** Failures before the first success with probability p (0, 1, 2, …). */
export function geometric(random: Random, p: number): number {
  let n = 0;
  while (random() >= p && n < 60) n += 1;
  return n;
}
