/**
 * Chooses which supplier takes which line: fewest parcels that place every placeable line,
 * then the best weighted score. Exhaustive over supplier combinations up to `maxParcels`
 * (bitset coverage checks keep it cheap); greedy beyond a fixed budget. `reference.ts` states the
 * same search plainly (every combination, no bitsets, no reused arrays).
 */
import { reservePlanWork } from "../kernel";

export interface PlanLine {
  /** Units on the line (placing more units beats placing fewer). */
  readonly units: number;
  /** Importance of the line's score (its revenue, at least 1). */
  readonly weight: number;
  /** How many eligible suppliers the line has: entries 0 … count − 1 of `supplier` and `totals`. */
  readonly count: number;
  /**
   * Eligible suppliers as the caller numbers them (whole numbers ≥ 0, each at most once per line),
   * entries supplierAt … supplierAt + count − 1; among equals the lower number wins. Their totals
   * are entries totalAt onwards of `totals`. The engine passes its explanation columns as they are.
   */
  readonly supplier: readonly number[];
  readonly supplierAt: number;
  readonly totals: readonly number[];
  readonly totalAt: number;
}

/** The caller's supplier number per line (same order as given); null = not placed. */
export type PlanAssignment = (number | null)[];

/** Beyond this many combinations the search turns greedy, so routing time stays bounded. */
export const COMBINATION_BUDGET = 50_000;
/** Placing as much as possible when nothing places everything is scored per combination: smaller budget. */
export const PARTIAL_COMBINATION_BUDGET = 5_000;

// Flat rows: supplier s's row starts at s × lines (scores) or s × words (masks). Masks hold 32-bit
// words as signed int32 (what JS bit operations yield). The two big ones are views of the kernel's
// working arrays, reused by the next order (a matrix is valid until `planMatrix` runs again):
// they were a fifth of a large order's garbage.
/** Which supplier can take which line, and at what score: built once per order (`planMatrix`). */
export interface Matrix {
  /** Row s is the caller's supplier number ids[s]: the suppliers that can take some line, ascending. */
  readonly ids: readonly number[];
  readonly lines: number;
  readonly words: number;
  /** score[s × lines + i], or -1 when supplier s cannot take line i. */
  readonly score: Float64Array;
  readonly masks: Int32Array;
  readonly target: readonly number[];
  /** takers[i]: the suppliers that can take line i, ascending. */
  readonly takers: readonly (readonly number[])[];
}

/** The eligibility and score matrix of the lines, for `oneSupplierTakesAll` and `planAssignment`. */
export function planMatrix(lines: readonly PlanLine[]): Matrix {
  // Rows for the suppliers that appear, in the caller's numbering order: no map, no sort.
  let numbers = 0;
  for (const line of lines) for (let j = 0; j < line.count; j += 1) numbers = Math.max(numbers, line.supplier[line.supplierAt + j]! + 1);
  const row = new Array<number>(numbers).fill(-1);
  for (const line of lines) for (let j = 0; j < line.count; j += 1) row[line.supplier[line.supplierAt + j]!] = 0;
  const ids: number[] = [];
  for (let k = 0; k < numbers; k += 1) {
    if (row[k]! < 0) continue;
    row[k] = ids.length;
    ids.push(k);
  }
  const n = lines.length;
  const words = Math.max(1, Math.ceil(n / 32));
  const target = new Array<number>(words).fill(0);
  const rows = reservePlanWork(ids.length * n, ids.length * words);
  const score = rows.score.subarray(0, ids.length * n).fill(-1);
  const masks = rows.masks.subarray(0, ids.length * words).fill(0);
  for (let i = 0; i < n; i += 1) {
    const bit = 1 << (i & 31);
    const word = i >>> 5;
    const line = lines[i]!;
    for (let j = 0; j < line.count; j += 1) {
      const s = row[line.supplier[line.supplierAt + j]!]!;
      score[s * n + i] = line.totals[line.totalAt + j]!;
      masks[s * words + word]! |= bit;
      target[word]! |= bit;
    }
  }
  const takers = new Array<number[]>(n);
  for (let i = 0; i < n; i += 1) {
    const list = new Array<number>(lines[i]!.count);
    let t = 0;
    for (let s = 0; s < ids.length; s += 1) if (score[s * n + i]! >= 0) list[t++] = s;
    takers[i] = list;
  }
  return { ids, lines: n, words, score, masks, target, takers };
}

interface Evaluation {
  combo: readonly number[];
  units: number;
  parcels: number;
  score: number;
}

const blank = (): Evaluation => ({ combo: [], units: 0, parcels: 0, score: 0 });

function bestIn(m: Matrix, combo: readonly number[], i: number): number {
  let best = -1;
  let bestScore = -1;
  for (const s of combo) {
    const score = m.score[s * m.lines + i]!;
    if (score > bestScore) {
      best = s;
      bestScore = score;
    }
  }
  return best;
}

// Writes into `out` (reused across combinations: no garbage per combination); `combo` may be a
// scratch array the caller reuses, so `keep` copies both. Runs for every covering combination, so
// the best supplier per line is found inline (as bestIn would).
function evaluate(m: Matrix, lines: readonly PlanLine[], combo: readonly number[], out: Evaluation = blank()): Evaluation {
  const n = m.lines;
  const scores = m.score;
  let units = 0;
  let score = 0;
  let used = 0;
  for (let i = 0; i < lines.length; i += 1) {
    let at = -1;
    let best = -1;
    for (let j = 0; j < combo.length; j += 1) {
      const candidate = scores[combo[j]! * n + i]!;
      if (candidate > best) {
        at = j;
        best = candidate;
      }
    }
    if (at < 0) continue;
    used |= 1 << at;
    const line = lines[i]!;
    units += line.units;
    score += line.weight * best;
  }
  let parcels = 0;
  for (; used; used &= used - 1) parcels += 1;
  out.combo = combo;
  out.units = units;
  out.parcels = parcels;
  out.score = score;
  return out;
}

// More units placed, then fewer parcels, then a higher score; ties keep the earlier combo.
function better(a: Evaluation, b: Evaluation | null): boolean {
  if (!b) return true;
  if (a.units !== b.units) return a.units > b.units;
  if (a.parcels !== b.parcels) return a.parcels < b.parcels;
  return a.score > b.score + 1e-9;
}

/** Visits every k-combination of suppliers with the OR of their masks (`or[at …]`, valid during the visit). */
function eachCombination(m: Matrix, k: number, visit: (combo: number[], or: readonly number[], at: number) => void): void {
  const combo: number[] = [];
  const words = m.words;
  // Row d holds the OR of the first d suppliers of the combination.
  const stack = new Array<number>((k + 1) * words).fill(0);
  const dfs = (start: number, depth: number): void => {
    if (depth === k) return visit(combo, stack, depth * words);
    const prev = depth * words;
    const next = prev + words;
    for (let s = start; s <= m.ids.length - (k - depth); s += 1) {
      for (let w = 0; w < words; w += 1) stack[next + w] = stack[prev + w]! | m.masks[s * words + w]!;
      combo.push(s);
      dfs(s + 1, depth + 1);
      combo.pop();
    }
  };
  dfs(0, 0);
}

/** The lowest line the OR at `or[at …]` leaves uncovered, or -1. */
function lowestUncovered(m: Matrix, or: readonly number[], at: number): number {
  for (let w = 0; w < m.words; w += 1) {
    const open = m.target[w]! & ~or[at + w]!;
    if (open !== 0) return w * 32 + 31 - Math.clz32(open & -open);
  }
  return -1;
}

/**
 * Visits the k-combinations whose masks cover the target, exactly those and in the order
 * `eachCombination` would. A branch stops when all the suppliers after it together could not
 * complete a cover, and the last supplier is chosen only among those that can take the lowest
 * line still open (a cover must include one), instead of trying every supplier.
 */
function eachCover(m: Matrix, k: number, visit: (combo: number[]) => void): void {
  const { words, target } = m;
  const n = m.ids.length;
  // suffix row s: the OR of the masks of suppliers s … n-1.
  const suffix = new Array<number>((n + 1) * words).fill(0);
  for (let s = n - 1; s >= 0; s -= 1) {
    for (let w = 0; w < words; w += 1) suffix[s * words + w] = suffix[(s + 1) * words + w]! | m.masks[s * words + w]!;
  }
  const combo: number[] = [];
  const stack = new Array<number>((k + 1) * words).fill(0);
  const pick = (s: number): void => {
    combo.push(s);
    visit(combo);
    combo.pop();
  };
  const last = (start: number, at: number): void => {
    const line = lowestUncovered(m, stack, at);
    if (line < 0) {
      // Already covered: any supplier completes it.
      for (let s = start; s < n; s += 1) pick(s);
      return;
    }
    for (const s of m.takers[line]!) {
      if (s < start) continue;
      let covered = true;
      for (let w = 0; w < words && covered; w += 1) covered = ((stack[at + w]! | m.masks[s * words + w]!) & target[w]!) === target[w];
      if (covered) pick(s);
    }
  };
  const dfs = (start: number, depth: number): void => {
    const at = depth * words;
    for (let w = 0; w < words; w += 1) if (((stack[at + w]! | suffix[start * words + w]!) & target[w]!) !== target[w]) return;
    if (depth === k - 1) return last(start, at);
    for (let s = start; s <= n - (k - depth); s += 1) {
      for (let w = 0; w < words; w += 1) stack[at + words + w] = stack[at + w]! | m.masks[s * words + w]!;
      combo.push(s);
      dfs(s + 1, depth + 1);
      combo.pop();
    }
  };
  dfs(0, 0);
}

function combinationCount(n: number, maxK: number): number {
  let total = 0;
  let c = 1;
  for (let k = 1; k <= Math.min(maxK, n); k += 1) {
    c = (c * (n - k + 1)) / k;
    total += c;
  }
  return total;
}

const keep = (e: Evaluation): Evaluation => ({ ...e, combo: [...e.combo] });

/** The best plan placing every placeable line with the fewest parcels, or null if none fits. */
function fullCover(m: Matrix, lines: readonly PlanLine[], maxParcels: number): Evaluation | null {
  const found: { best: Evaluation | null } = { best: null };
  const current = blank();
  for (let k = 1; k <= Math.min(maxParcels, m.ids.length) && !found.best; k += 1) {
    eachCover(m, k, (combo) => {
      evaluate(m, lines, combo, current);
      if (better(current, found.best)) found.best = keep(current);
    });
  }
  return found.best;
}

/** Nothing places everything within the limit: place as many units as possible. */
function partialCover(m: Matrix, lines: readonly PlanLine[], maxParcels: number): Evaluation {
  if (combinationCount(m.ids.length, maxParcels) > PARTIAL_COMBINATION_BUDGET) return greedy(m, lines, maxParcels);
  const found: { best: Evaluation | null } = { best: null };
  const current = blank();
  for (let k = 1; k <= Math.min(maxParcels, m.ids.length); k += 1) {
    eachCombination(m, k, (combo) => {
      evaluate(m, lines, combo, current);
      if (better(current, found.best)) found.best = keep(current);
    });
  }
  return found.best ?? evaluate(m, lines, []);
}

function exhaustive(m: Matrix, lines: readonly PlanLine[], maxParcels: number): Evaluation {
  return fullCover(m, lines, maxParcels) ?? partialCover(m, lines, maxParcels);
}

function greedy(m: Matrix, lines: readonly PlanLine[], maxParcels: number): Evaluation {
  const chosen: number[] = [];
  let current = evaluate(m, lines, chosen);
  while (chosen.length < maxParcels) {
    let next: Evaluation | null = null;
    for (let s = 0; s < m.ids.length; s += 1) {
      if (chosen.includes(s)) continue;
      const e = evaluate(
        m,
        lines,
        [...chosen, s].sort((a, b) => a - b),
      );
      if (e.units > current.units && (!next || e.units > next.units || (e.units === next.units && e.score > next.score + 1e-9))) next = e;
    }
    if (!next) break;
    chosen.splice(0, chosen.length, ...next.combo);
    current = next;
  }
  return current;
}

/** Whether one supplier can take every line (none may be left without an eligible supplier). */
export function oneSupplierTakesAll(m: Matrix): boolean {
  const full = m.lines;
  for (let s = 0; s < m.ids.length; s += 1) {
    let taken = 0;
    for (let w = 0; w < m.words; w += 1) {
      for (let bits = m.masks[s * m.words + w]!; bits; bits &= bits - 1) taken += 1;
    }
    if (taken === full) return true;
  }
  return false;
}

/** Assigns lines to at most `maxParcels` suppliers: fewest parcels first, then best score. */
export function planAssignment(lines: readonly PlanLine[], maxParcels: number, m: Matrix = planMatrix(lines)): PlanAssignment {
  const result =
    m.ids.length === 0
      ? null
      : combinationCount(m.ids.length, maxParcels) <= COMBINATION_BUDGET
        ? exhaustive(m, lines, maxParcels)
        : greedy(m, lines, maxParcels);
  return lines.map((_, i) => {
    const best = result ? bestIn(m, result.combo, i) : -1;
    return best < 0 ? null : m.ids[best]!;
  });
}
