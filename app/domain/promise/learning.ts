/**
 * Robust learning of handling and transit distributions (#18 item 3). Pure: every observation
 * carries its own age, nothing reads a clock.
 *
 * - Right-censored observations: a parcel still in transit (or a purchase order not shipped yet)
 *   is "at least N business days so far", not dropped. The distribution is a weighted
 *   Kaplan–Meier estimate, so slow parcels that have not arrived yet are not missing from it.
 * - Recency weights: an observation's weight halves every `halfLifeDays`, so a slowdown moves
 *   the distribution as soon as recent parcels show it.
 * - Thin lanes shrink toward pooled history (the supplier's other lanes, or the region's other
 *   suppliers) and toward the configured range, as a mixture: a lane with few observations keeps
 *   them, and the window is wider, not narrower, for the uncertainty. `basis` says which.
 * - Backlog: open purchase orders are censored handling observations, and when they age past
 *   what 90 % of past orders took, handling moves later at once (`agingDelayDays`).
 * - Calibration on recent outcomes: the nominal coverage a window is cut at follows the
 *   supplier's recent promised-vs-actual miss rate (`missRateCoverage`): the tail left outside
 *   the window shrinks in proportion when recent promises were missed more often than the
 *   merchant's confidence allows, and returns to it once they are kept again. (Adaptive
 *   conformal inference, `calibratedCoverage`, was the first method: it integrates every miss
 *   and pays for a bad week with wide windows for months; decision calib-recent-miss-rate.)
 */
import type { DayHistogram, DayRange } from "./types";
import { reactedHandling, type Reaction } from "./reactions";

/** One duration observation, in whole business days. */
export interface DurationObservation {
  /** Days it took (`done`), or days elapsed so far (still open: the true value is at least this). */
  readonly days: number;
  readonly done: boolean;
  /** Calendar days between the observation's last news and now (≥ 0): drives its weight. */
  readonly ageDays: number;
}

/** A probability distribution over whole days: `p[i]` is the chance of `from + i` days. */
export interface DayDistribution {
  readonly from: number;
  readonly p: readonly number[];
}

/** Where a learned distribution comes from, as the published data and the admin say it. */
export type LearningBasis = "lane" | "blended" | "pooled" | "configured";

export interface LearningOptions {
  /** Days after which an observation counts half. Default 90. */
  readonly halfLifeDays?: number;
  /**
   * How the window's coverage follows recent outcomes: "miss-rate" (default, `missRateCoverage`)
   * or "adaptive-conformal" (`calibratedCoverage`, the earlier method, kept for comparison).
   */
  readonly calibration?: "miss-rate" | "adaptive-conformal";
  /** Parameters of the miss-rate calibration. Default `MISS_RATE_CALIBRATION`. */
  readonly missRate?: MissRateCalibration;
  /** Step of the adaptive conformal calibration per outcome. Default `CALIBRATION_STEP`. */
  readonly calibrationStep?: number;
}

export const DEFAULT_HALF_LIFE_DAYS = 90;

const usable = (o: DurationObservation): boolean => Number.isInteger(o.days) && o.days >= 0 && Number.isFinite(o.ageDays) && o.ageDays >= 0;

/** An observation's recency weight. */
export function recencyWeight(ageDays: number, halfLifeDays = DEFAULT_HALF_LIFE_DAYS): number {
  return Math.pow(0.5, Math.max(0, ageDays) / halfLifeDays);
}

/** Effective number of observations (sum of recency weights): how much a lane's own history is worth. */
export function effectiveCount(observations: readonly DurationObservation[], options: LearningOptions = {}): number {
  return observations.filter(usable).reduce((n, o) => n + recencyWeight(o.ageDays, options.halfLifeDays), 0);
}

/**
 * Weighted Kaplan–Meier estimate of the duration distribution. An open observation of `c` days
 * is known to take at least `c`: it is at risk on every day up to `c` and then leaves the risk
 * set unresolved. Mass the data cannot place (the longest observations still open) is put on the
 * longest open duration — the least it can be, so never earlier than the evidence. Null without
 * any usable observation.
 */
export function survivalDistribution(observations: readonly DurationObservation[], options: LearningOptions = {}): DayDistribution | null {
  const obs = observations.filter(usable).map((o) => ({ days: o.days, done: o.done, w: recencyWeight(o.ageDays, options.halfLifeDays) }));
  if (obs.length === 0) return null;
  const maxDay = Math.max(...obs.map((o) => o.days));
  const events = Array<number>(maxDay + 1).fill(0);
  // Weight at risk on day d: every observation with days ≥ d (done or open).
  const leaving = Array<number>(maxDay + 2).fill(0);
  let atRisk = 0;
  for (const o of obs) {
    atRisk += o.w;
    // Both are at risk up to their days: an open one may still end on the day it has reached.
    if (o.done) events[o.days] = (events[o.days] ?? 0) + o.w;
    leaving[o.days + 1] = (leaving[o.days + 1] ?? 0) + o.w;
  }
  const p = Array<number>(maxDay + 1).fill(0);
  let survival = 1;
  for (let d = 0; d <= maxDay; d += 1) {
    atRisk -= leaving[d] ?? 0;
    const e = events[d] ?? 0;
    if (e > 0 && atRisk > 0) {
      const hazard = Math.min(1, e / atRisk);
      p[d] = survival * hazard;
      survival *= 1 - hazard;
    }
  }
  if (survival > 1e-12) {
    const open = obs.filter((o) => !o.done).map((o) => o.days);
    const tail = open.length > 0 ? Math.max(...open) : maxDay;
    p[tail] = (p[tail] ?? 0) + survival;
  }
  return trim({ from: 0, p });
}

function trim(d: DayDistribution): DayDistribution | null {
  let lo = 0;
  let hi = d.p.length - 1;
  while (lo <= hi && (d.p[lo] ?? 0) <= 0) lo += 1;
  while (hi >= lo && (d.p[hi] ?? 0) <= 0) hi -= 1;
  if (lo > hi) return null;
  const slice = d.p.slice(lo, hi + 1);
  const total = slice.reduce((s, x) => s + x, 0);
  return { from: d.from + lo, p: slice.map((x) => x / total) };
}

/** Every day of a range equally likely. */
export function uniformDistribution(range: DayRange): DayDistribution {
  const n = range.max - range.min + 1;
  return { from: range.min, p: Array<number>(n).fill(1 / n) };
}

/** A weighted mixture of distributions (weights need not sum to 1; zero-weight parts are ignored). */
export function mixture(parts: readonly { readonly distribution: DayDistribution | null; readonly weight: number }[]): DayDistribution | null {
  const live = parts.filter((x): x is { distribution: DayDistribution; weight: number } => x.distribution !== null && x.weight > 0);
  if (live.length === 0) return null;
  const from = Math.min(...live.map((x) => x.distribution.from));
  const to = Math.max(...live.map((x) => x.distribution.from + x.distribution.p.length - 1));
  const total = live.reduce((s, x) => s + x.weight, 0);
  const p = Array<number>(to - from + 1).fill(0);
  for (const { distribution, weight } of live) {
    distribution.p.forEach((q, i) => {
      p[distribution.from - from + i] = (p[distribution.from - from + i] ?? 0) + (q * weight) / total;
    });
  }
  return trim({ from, p });
}

/** A distribution moved `days` later (never below 0 days). */
export function shifted(d: DayDistribution, days: number): DayDistribution {
  return { from: Math.max(0, d.from + Math.round(days)), p: d.p };
}

/** Prior strengths of shrinkage, in effective observations. */
export interface ShrinkagePrior {
  /** Weight of pooled history (the region's or supplier's). Default 3. */
  readonly pooled?: number;
  /** Weight of the configured range. Default 1. */
  readonly configured?: number;
  /** A lane with at least this many effective observations stands on its own. Default 15. */
  readonly ownAbove?: number;
}

/** A learned distribution and what it stands on. */
export interface LearnedDistribution {
  readonly distribution: DayDistribution;
  readonly basis: LearningBasis;
  /** Effective observations of the lane's own history. */
  readonly own: number;
}

/**
 * The lane's own history, shrunk toward pooled history and the configured range while it is
 * thin: a mixture weighted by the lane's effective count against the priors' strengths. At or
 * above `ownAbove` effective observations the lane stands alone ("lane"); with some of its own
 * it is "blended"; with none, "pooled" when pooled history exists, else "configured".
 */
export function shrinkToward(
  own: readonly DurationObservation[],
  pooled: readonly DurationObservation[],
  configured: DayRange,
  options: LearningOptions & ShrinkagePrior = {},
): LearnedDistribution {
  const n = effectiveCount(own, options);
  const ownDistribution = survivalDistribution(own, options);
  const pooledDistribution = survivalDistribution(pooled, options);
  const ownAbove = options.ownAbove ?? 15;
  if (ownDistribution && n >= ownAbove) return { distribution: ownDistribution, basis: "lane", own: n };
  const configuredDistribution = uniformDistribution(configured);
  const mixed = mixture([
    { distribution: ownDistribution, weight: n },
    { distribution: pooledDistribution, weight: options.pooled ?? 3 },
    { distribution: configuredDistribution, weight: options.configured ?? 1 },
  ]);
  const basis: LearningBasis = ownDistribution && n > 0 ? "blended" : pooledDistribution ? "pooled" : "configured";
  return { distribution: mixed ?? configuredDistribution, basis, own: n };
}

/** Total weight of a published histogram: probabilities are packed as whole thousandths. */
export const PACKED_TOTAL = 1000;

/**
 * A distribution as a whole-number histogram (thousandths, so it packs into the metafield).
 * A day with any mass keeps at least one thousandth: rounding never erases a slow tail.
 */
export function toHistogram(d: DayDistribution): DayHistogram {
  const weights = d.p.map((q) => (q > 0 ? Math.max(1, Math.round(q * PACKED_TOTAL)) : 0));
  return { from: d.from, weights };
}

/** The distribution of a histogram. */
export function fromHistogram(h: DayHistogram): DayDistribution {
  const total = h.weights.reduce((s, w) => s + w, 0);
  return { from: h.from, p: h.weights.map((w) => w / total) };
}

/** Smallest day by which at least `q` of the distribution has happened. */
export function quantileOf(d: DayDistribution, q: number): number {
  let mass = 0;
  for (let i = 0; i < d.p.length; i += 1) {
    mass += d.p[i] ?? 0;
    if (mass >= q - 1e-9) return d.from + i;
  }
  return d.from + d.p.length - 1;
}

/** Open purchase orders that must have overrun before handling moves later (see `agingDelayDays`). */
export const BACKLOG_OPEN_ORDERS = 3;

/**
 * A slowdown the open purchase orders already show: when at least three are older (in business
 * days) than 90 % of past orders took, new orders join the same queue, so handling moves later by
 * how far the third-oldest has overrun — at once, before any of them ships. (Two was the earlier
 * rule: in the bench one or two stragglers moved windows late for nothing — early deliveries.)
 */
export function agingDelayDays(openAges: readonly number[], handling: DayDistribution): number {
  if (openAges.length < BACKLOG_OPEN_ORDERS) return 0;
  const nth = [...openAges].sort((a, b) => b - a)[BACKLOG_OPEN_ORDERS - 1];
  return Math.max(0, (nth ?? 0) - quantileOf(handling, 0.9));
}

/** Mean of a distribution. */
export function meanOf(d: DayDistribution): number {
  return d.p.reduce((s, q, i) => s + q * (d.from + i), 0);
}

/** One resolved promise: was the parcel delivered inside its window? Oldest first. */
export interface PromiseOutcome {
  readonly kept: boolean;
}

/** Bounds of the calibrated nominal coverage. */
export const CALIBRATION_FLOOR = 0.5;
export const CALIBRATION_CEILING = 0.999;
/** Step of the adaptive update per outcome. */
export const CALIBRATION_STEP = 0.005;

/**
 * Adaptive conformal calibration: starting at the chosen confidence `target`, every resolved
 * promise moves the nominal level by `step · (missed − (1 − target))` — up after a miss, a little
 * down after a kept one — so over any stretch of outcomes the share kept converges on `target`
 * whatever the drift. Replayed from the outcomes (oldest first), so it needs no stored state.
 */
export function calibratedCoverage(outcomes: readonly PromiseOutcome[], target: number, step = CALIBRATION_STEP, start = target): number {
  const alpha = 1 - target;
  let level = start;
  for (const o of outcomes) {
    level += step * ((o.kept ? 0 : 1) - alpha);
    level = Math.min(CALIBRATION_CEILING, Math.max(CALIBRATION_FLOOR, level));
  }
  return level;
}

/** How the nominal coverage follows recent outcomes. */
export interface MissRateCalibration {
  /** Half-life of an outcome's weight, in later outcomes. */
  readonly halfLife: number;
  /** Prior strength, in outcomes, pulling the recent miss rate toward 1 − confidence. */
  readonly prior: number;
  /** Exponent of the tail correction: 1 fully rescales the tail by the observed miss rate. */
  readonly gain: number;
  /** Largest factor the tail may grow by when recent promises were all kept (narrowing). */
  readonly maxNarrowing: number;
}

export const MISS_RATE_CALIBRATION: MissRateCalibration = { halfLife: 20, prior: 10, gain: 1, maxNarrowing: 1.5 };

/**
 * Recency-weighted share of recent promises missed (oldest first, as `calibratedCoverage`), shrunk
 * toward `1 − target` with the calibration's prior strength: a few outcomes move it a little.
 */
export function recentMissRate(outcomes: readonly PromiseOutcome[], target: number, calibration: MissRateCalibration = MISS_RATE_CALIBRATION): number {
  const decay = Math.pow(0.5, 1 / calibration.halfLife);
  let weight = 1;
  let missed = 0;
  let total = 0;
  for (let i = outcomes.length - 1; i >= 0 && weight > 1e-4; i -= 1) {
    if (!outcomes[i]!.kept) missed += weight;
    total += weight;
    weight *= decay;
  }
  return (missed + calibration.prior * (1 - target)) / (total + calibration.prior);
}

/**
 * Nominal coverage from the recent miss rate: the tail left outside the window is the chosen
 * `1 − target` scaled by `((1 − target) / missRate)^gain` — smaller (a wider window) the more
 * recent promises were missed, a little larger (at most `maxNarrowing` times) when they were all
 * kept. It depends only on the recent outcomes, so it returns to the confidence once a bad
 * stretch has passed instead of paying for it with wide windows long after.
 */
export function missRateCoverage(outcomes: readonly PromiseOutcome[], target: number, calibration: MissRateCalibration = MISS_RATE_CALIBRATION): number {
  const alpha = 1 - target;
  const rate = recentMissRate(outcomes, target, calibration);
  const tail = Math.min(alpha * calibration.maxNarrowing, alpha * Math.pow(alpha / Math.max(rate, 1e-6), calibration.gain));
  return Math.min(CALIBRATION_CEILING, Math.max(CALIBRATION_FLOOR, 1 - tail));
}

/** The confidences a merchant can choose (share of deliveries inside the window). */
export const CONFIDENCE_CHOICES = [0.9, 0.95, 0.97, 0.99] as const;
export type Confidence = (typeof CONFIDENCE_CHOICES)[number];

/** Everything Dropline knows about one supplier → destination lane when it promises. */
export interface LaneEvidence {
  readonly configuredHandling: DayRange;
  readonly configuredTransit: DayRange;
  /** The supplier's orders: shipped (done) and open purchase orders (days so far). */
  readonly handling: readonly DurationObservation[];
  /** The lane's parcels: delivered (done) and in transit (days so far). */
  readonly transit: readonly DurationObservation[];
  /** Parcels of comparable lanes to the same region (other suppliers, similar configured range). */
  readonly pooledTransit: readonly DurationObservation[];
  /** Resolved promises of the supplier and of this lane, oldest first. */
  readonly supplierOutcomes: readonly PromiseOutcome[];
  readonly laneOutcomes: readonly PromiseOutcome[];
  /** The merchant's confidence, e.g. 0.97. */
  readonly confidence: number;
  /** What the supplier's signals call for (stale feed, drifting handling, backlog); none by default. */
  readonly reaction?: Reaction;
}

/** A lane's learned promise inputs, ready to publish. */
export interface LearnedLane {
  readonly handling: DayHistogram;
  readonly transit: DayHistogram;
  /** The nominal coverage to cut the window at (calibrated). */
  readonly coverage: number;
  readonly handlingBasis: LearningBasis;
  readonly transitBasis: LearningBasis;
  /** Business days the open purchase orders' ageing adds to handling. */
  readonly backlogDays: number;
}

function calibratedLevel(evidence: LaneEvidence, options: LearningOptions): number {
  if (options.calibration !== "adaptive-conformal") return missRateCoverage(evidence.supplierOutcomes, evidence.confidence, options.missRate);
  const step = options.calibrationStep ?? CALIBRATION_STEP;
  const supplierLevel = calibratedCoverage(evidence.supplierOutcomes, evidence.confidence, step);
  return calibratedCoverage(evidence.laneOutcomes, evidence.confidence, step, supplierLevel);
}

/**
 * One lane's distributions and calibrated coverage. Handling stands on the supplier's own orders
 * (open ones censored) shrunk toward its configured range, moved later by the backlog beyond
 * usual; transit on the lane's parcels (in-transit ones censored) shrunk toward comparable lanes
 * and the configured range; the coverage is the merchant's confidence corrected by the supplier's
 * recent miss rate (`missRateCoverage`; with the adaptive conformal calibration, on the supplier's
 * outcomes, then on the lane's).
 */
export function learnLane(evidence: LaneEvidence, options: LearningOptions & ShrinkagePrior = {}): LearnedLane {
  const handling = shrinkToward(evidence.handling, [], evidence.configuredHandling, options);
  const transit = shrinkToward(evidence.transit, evidence.pooledTransit, evidence.configuredTransit, options);
  const backlogDays = agingDelayDays(
    evidence.handling.filter((o) => !o.done).map((o) => o.days),
    handling.distribution,
  );
  const coverage = calibratedLevel(evidence, options);
  const aged = backlogDays > 0 ? shifted(handling.distribution, backlogDays) : handling.distribution;
  return {
    handling: toHistogram(evidence.reaction ? reactedHandling(aged, evidence.reaction) : aged),
    transit: toHistogram(transit.distribution),
    coverage,
    handlingBasis: handling.basis,
    transitBasis: transit.basis,
    backlogDays,
  };
}
