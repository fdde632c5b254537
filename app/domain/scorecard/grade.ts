/**
 * A supplier's grade: the weighted mean of its measures' scores (weights in percent, over the
 * measures that have data), a letter band, and the trend against the period before.
 */
import { lineVerdict, measure, type LineVerdict, type MeasureResult } from "./measures";
import type { ScorecardLine } from "./lines";
import { MEASURE_NAMES, type MeasureName, type ScorecardSettings, type ScorecardWeights } from "./settings";

export type Letter = "A" | "B" | "C" | "D" | "F";

/** Letter bands: the lowest grade each letter takes (A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, else F). */
export const LETTER_BANDS: readonly { readonly letter: Letter; readonly min: number }[] = [
  { letter: "A", min: 90 },
  { letter: "B", min: 80 },
  { letter: "C", min: 70 },
  { letter: "D", min: 60 },
  { letter: "F", min: 0 },
];

/** The letter for a 0–100 grade. */
export function letterFor(grade: number): Letter {
  return (LETTER_BANDS.find((b) => grade >= b.min) ?? { letter: "F" as const }).letter;
}

/** A supplier over one period. */
export interface PeriodScore {
  readonly fromMs: number;
  readonly toMs: number;
  readonly measures: Readonly<Record<MeasureName, MeasureResult>>;
  /** Lines the supplier was judged on (not withdrawn, not waiting for its answer). */
  readonly counted: number;
  /** 0..100, 100 best; null with fewer than `minLines` counted lines. */
  readonly grade: number | null;
  readonly letter: Letter | null;
  readonly verdicts: readonly LineVerdict[];
}

const r1 = (x: number): number => Math.round(x * 10) / 10;

/** Weighted mean of the scores that exist (weights renormalised over them); null when none does. */
export function weightedGrade(measures: Readonly<Record<MeasureName, MeasureResult>>, weights: ScorecardWeights): number | null {
  let sum = 0;
  let weight = 0;
  for (const name of MEASURE_NAMES) {
    const score = measures[name].score;
    if (score === null || weights[name] <= 0) continue;
    sum += score * weights[name];
    weight += weights[name];
  }
  return weight > 0 ? r1(sum / weight) : null;
}

/** One supplier's score over [fromMs, toMs) by order creation, judged at `nowMs`. */
export function periodScore(lines: readonly ScorecardLine[], fromMs: number, toMs: number, nowMs: number, settings: ScorecardSettings): PeriodScore {
  const verdicts = lines.filter((l) => l.orderCreatedAtMs >= fromMs && l.orderCreatedAtMs < toMs).map((l) => lineVerdict(l, nowMs, settings.lateToleranceDays));
  const measures = measure(verdicts);
  const counted = verdicts.filter((v) => v.cancelled !== null || v.timeCredit !== null).length;
  const grade = counted >= settings.minLines ? weightedGrade(measures, settings.weights) : null;
  return { fromMs, toMs, measures, counted, grade, letter: grade === null ? null : letterFor(grade), verdicts };
}

export type TrendDirection = "up" | "down" | "flat" | "new";

export interface Trend {
  readonly previousGrade: number | null;
  /** Grade points gained (negative: lost); null when either period has no grade. */
  readonly delta: number | null;
  readonly direction: TrendDirection;
}

/** This period's grade against the previous one; a change under one point is "flat". */
export function trendOf(current: number | null, previous: number | null): Trend {
  if (current === null || previous === null) return { previousGrade: previous, delta: null, direction: "new" };
  const delta = r1(current - previous);
  return { previousGrade: previous, delta, direction: Math.abs(delta) < 1 ? "flat" : delta > 0 ? "up" : "down" };
}
