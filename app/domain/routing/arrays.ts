/**
 * New plain arrays of zeros for the engine's numeric columns, copied from templates that already
 * hold unboxed doubles (or small integers). An array created empty, or filled with an integer,
 * keeps small integers; the first fraction written into it makes V8 copy it to a second backing
 * store of doubles, twice the garbage for every column of every order. Plain arrays rather than
 * typed ones: they serialise to JSON as they are, and have no off-heap buffer for the
 * young-generation collector to sweep.
 */
const DOUBLES: number[] = [0.5];
DOUBLES[0] = 0;
const INTEGERS: number[] = [0];

/** n zeros, stored as doubles. */
export function doubles(n: number): number[] {
  while (DOUBLES.length < n) DOUBLES.push(0);
  return DOUBLES.slice(0, n);
}

/** n zeros, stored as small integers (a column that stays whole numbers). */
export function integers(n: number): number[] {
  while (INTEGERS.length < n) INTEGERS.push(0);
  return INTEGERS.slice(0, n);
}
