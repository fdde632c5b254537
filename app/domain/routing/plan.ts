/**
 * Chooses which supplier takes which line: fewest parcels that place every placeable line,
 * then the best weighted score. Exhaustive over supplier combinations up to `maxParcels`
 * (bitset coverage checks keep it cheap); greedy beyond a fixed budget.
 */
import { cmp } from "./context";

export interface PlanLine {
  /** Units on the line (placing more units beats placing fewer). */
  readonly units: number;
  /** Importance of the line's score (its revenue, at least 1). */
  readonly weight: number;
  /** Eligible suppliers and their totals. */
  readonly scores: ReadonlyMap<string, number>;
}

/** Supplier id per line (same order as given); null = not placed. */
export type PlanAssignment = (string | null)[];

/** Beyond this many combinations the search turns greedy, so routing time stays bounded. */
export const COMBINATION_BUDGET = 50_000;
/** Placing as much as possible when nothing places everything is scored per combination: smaller budget. */
export const PARTIAL_COMBINATION_BUDGET = 5_000;

interface Matrix {
  readonly ids: readonly string[];
  /** score[s][i], or -1 when supplier s cannot take line i. */
  readonly score: readonly Float64Array[];
  readonly masks: readonly Uint32Array[];
  readonly target: Uint32Array;
}

function buildMatrix(lines: readonly PlanLine[]): Matrix {
  const ids = [...new Set(lines.flatMap((l) => [...l.scores.keys()]))].sort(cmp);
  const words = Math.max(1, Math.ceil(lines.length / 32));
  const target = new Uint32Array(words);
  const score = ids.map(() => new Float64Array(lines.length).fill(-1));
  const masks = ids.map(() => new Uint32Array(words));
  ids.forEach((id, s) => {
    lines.forEach((line, i) => {
      const total = line.scores.get(id);
      if (total === undefined) return;
      score[s]![i] = total;
      masks[s]![i >>> 5]! |= 1 << (i & 31);
      target[i >>> 5]! |= 1 << (i & 31);
    });
  });
  return { ids, score, masks, target };
}

interface Evaluation {
  readonly combo: readonly number[];
  readonly units: number;
  readonly parcels: number;
  readonly score: number;
}

function bestIn(m: Matrix, combo: readonly number[], i: number): number {
  let best = -1;
  let bestScore = -1;
  for (const s of combo) {
    const score = m.score[s]![i]!;
    if (score > bestScore) {
      best = s;
      bestScore = score;
    }
  }
  return best;
}

// `combo` may be a scratch array the caller reuses: copy it before keeping the result.
function evaluate(m: Matrix, lines: readonly PlanLine[], combo: readonly number[]): Evaluation {
  let units = 0;
  let score = 0;
  let used = 0;
  for (let i = 0; i < lines.length; i += 1) {
    const best = bestIn(m, combo, i);
    if (best < 0) continue;
    used |= 1 << combo.indexOf(best);
    units += lines[i]!.units;
    score += lines[i]!.weight * m.score[best]![i]!;
  }
  let parcels = 0;
  for (; used; used &= used - 1) parcels += 1;
  return { combo, units, parcels, score };
}

// More units placed, then fewer parcels, then a higher score; ties keep the earlier combo.
function better(a: Evaluation, b: Evaluation | null): boolean {
  if (!b) return true;
  if (a.units !== b.units) return a.units > b.units;
  if (a.parcels !== b.parcels) return a.parcels < b.parcels;
  return a.score > b.score + 1e-9;
}

function covers(or: Uint32Array, target: Uint32Array): boolean {
  for (let w = 0; w < target.length; w += 1) if ((or[w]! & target[w]!) >>> 0 !== target[w]) return false;
  return true;
}

/** Visits every k-combination of suppliers with the OR of their masks. */
function eachCombination(m: Matrix, k: number, visit: (combo: number[], or: Uint32Array) => void): void {
  const combo: number[] = [];
  const stack = Array.from({ length: k + 1 }, () => new Uint32Array(m.target.length));
  const dfs = (start: number, depth: number): void => {
    if (depth === k) return visit(combo, stack[depth]!);
    for (let s = start; s <= m.ids.length - (k - depth); s += 1) {
      const prev = stack[depth]!;
      const next = stack[depth + 1]!;
      for (let w = 0; w < next.length; w += 1) next[w] = prev[w]! | m.masks[s]![w]!;
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
  for (let k = 1; k <= Math.min(maxParcels, m.ids.length) && !found.best; k += 1) {
    eachCombination(m, k, (combo, or) => {
      if (!covers(or, m.target)) return;
      const e = evaluate(m, lines, combo);
      if (better(e, found.best)) found.best = keep(e);
    });
  }
  return found.best;
}

/** Nothing places everything within the limit: place as many units as possible. */
function partialCover(m: Matrix, lines: readonly PlanLine[], maxParcels: number): Evaluation {
  if (combinationCount(m.ids.length, maxParcels) > PARTIAL_COMBINATION_BUDGET) return greedy(m, lines, maxParcels);
  const found: { best: Evaluation | null } = { best: null };
  for (let k = 1; k <= Math.min(maxParcels, m.ids.length); k += 1) {
    eachCombination(m, k, (combo) => {
      const e = evaluate(m, lines, combo);
      if (better(e, found.best)) found.best = keep(e);
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
      const e = evaluate(m, lines, [...chosen, s].sort((a, b) => a - b));
      if (e.units > current.units && (!next || e.units > next.units || (e.units === next.units && e.score > next.score + 1e-9))) next = e;
    }
    if (!next) break;
    chosen.splice(0, chosen.length, ...next.combo);
    current = next;
  }
  return current;
}

/** Assigns lines to at most `maxParcels` suppliers: fewest parcels first, then best score. */
export function planAssignment(lines: readonly PlanLine[], maxParcels: number): PlanAssignment {
  const m = buildMatrix(lines);
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
