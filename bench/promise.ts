/**
 * Delivery-promise accuracy: a simulated year of 10,000 orders (fixed seed) replayed through
 * `simulatePromiseAccuracy`, for Dropline's promise (learned handling and transit
 * distributions, window = shortest run of dates holding 97 % of their sum) and, for
 * comparison, the previous range-based promise and the naive promise built from what suppliers
 * and carriers claim. The numbers are reported as they come out: the simulated world is not
 * tuned to meet the targets.
 */
import { simulatePromiseAccuracy, type AccuracySummary } from "../sim/promise/simulate";
import { oracleTradeOff } from "../sim/promise/simulate-bound";
import { driftRun, oracleCurve, oracleWidthAt, previousMethod, replayDrift, robustMethod, summarise, type DriftSummary } from "../sim/promise/drift";
import { round, type BenchRow } from "./report";

const ORDERS = 10_000;
const SEED = 42;
/** Thresholds of the oracle's trade-off curve (least probability of a date inside its window). */
const BOUND_THRESHOLDS = [0.005, 0.008, 0.01, 0.012, 0.014, 0.016, 0.018, 0.02, 0.025, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.1];

/**
 * What no honest method can beat in this world (see simulate-bound.ts): the best share inside at
 * a mean width within the target, and the least mean width that keeps the share target.
 */
function boundRows(): BenchRow[] {
  const curve = oracleTradeOff({ orders: ORDERS, seed: SEED }, BOUND_THRESHOLDS);
  const withinWidth = curve.filter((p) => p.meanWidthBusinessDays <= 3);
  const keepingShare = curve.filter((p) => p.insideShare >= 0.97);
  return [
    {
      name: "promise bound (oracle knowing the world's hidden parameters): best share inside at mean width ≤ 3",
      value: withinWidth.length > 0 ? round(Math.max(...withinWidth.map((p) => p.insideShare)), 4) : Number.NaN,
      unit: "share",
      target: null,
    },
    {
      name: "promise bound (oracle): least mean width with ≥ 97 % inside",
      value: keepingShare.length > 0 ? round(Math.min(...keepingShare.map((p) => p.meanWidthBusinessDays)), 2) : Number.NaN,
      unit: "business days",
      target: null,
    },
  ];
}

function accuracyRows(label: string, summary: AccuracySummary, withTargets: boolean): BenchRow[] {
  return [
    {
      name: `${label}: share delivered inside the promised window`,
      value: round(summary.insideShare, 4),
      unit: "share",
      target: withTargets ? "≥ 0.97" : null,
    },
    {
      name: `${label}: mean window width`,
      value: round(summary.meanWidthBusinessDays, 2),
      unit: "business days",
      // Issue #18 replaced "≤ 3 business days" (impossible here: the oracle needs 5.0) by the
      // oracle-relative width rows above; the row stays as information.
      target: null,
    },
  ];
}

/** Promises measured in the drifting world (#18 item 4) and its calm control. */
const DRIFT_ORDERS = 5_000;
/** Oracle thresholds: fine enough to interpolate its least width at 90 % and 97 %. */
const DRIFT_THRESHOLDS = [0.001, 0.002, 0.003, 0.004, 0.006, 0.008, 0.01, 0.012, 0.015, 0.02, 0.025, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.1, 0.12, 0.15, 0.2];

const pct = (share: number): number => round(share * 100, 2);

function confidenceRows(world: string, c: number, s: DriftSummary, oracleWidth: number, stationary: boolean): BenchRow[] {
  const label = `${Math.round(c * 100)} %`;
  const lo = c * 100 - 1;
  const hi = c * 100 + 1.5;
  const rows: BenchRow[] = [
    { name: `promise inside at ${label} (${world})`, value: pct(s.inside), unit: "% of promises", target: `${lo}–${hi}` },
    {
      name: `promise width / oracle width at ${label} (${world})`,
      value: round(s.meanWidth / oracleWidth, 3),
      unit: "ratio",
      target: stationary ? "≤ 1.10" : "≤ 1.30",
    },
  ];
  if (stationary) return rows;
  const weeks = s.peakWeeks.map((w) => w.inside);
  return [
    ...rows,
    { name: `promise inside at ${label}: lowest week of the December peak`, value: pct(Math.min(...weeks)), unit: "% of promises", target: `${lo}–${hi}` },
    { name: `promise inside at ${label}: highest week of the December peak`, value: pct(Math.max(...weeks)), unit: "% of promises", target: `${lo}–${hi}` },
    {
      name: `promise inside at ${label}: worst supplier × region segment (≥ 30 deliveries, ${s.segments} segments)`,
      value: pct(s.worstSegment?.inside ?? Number.NaN),
      unit: "% of promises",
      target: `≥ ${c * 100 - 3}`,
    },
    {
      name: `promise inside at ${label}: thin lanes (< 30 deliveries, ${s.thin.promises} promises)`,
      value: pct(s.thin.inside),
      unit: "% of promises",
      target: null,
    },
    { name: `promise mean width at ${label} (${world})`, value: round(s.meanWidth, 2), unit: "business days", target: null },
    { name: `oracle least mean width at ${label} (${world})`, value: round(oracleWidth, 2), unit: "business days", target: null },
  ];
}

/**
 * The drifting world (sim/promise/drift-world.ts) and its calm control: Dropline's promise at 97 %
 * and 90 % against the oracle's least width at the same share inside, and the previous engine.
 */
export function driftRows(stationary: boolean, seed = SEED): BenchRow[] {
  const world = stationary ? "calm control world" : "non-stationary world";
  const run = driftRun({ orders: DRIFT_ORDERS, seed, stationary });
  const scored = replayDrift(run, { c97: robustMethod(0.97), c90: robustMethod(0.9), previous: previousMethod });
  const curve = oracleCurve(run, DRIFT_THRESHOLDS);
  const s97 = summarise(scored.c97 ?? []);
  const s90 = summarise(scored.c90 ?? []);
  const previous = summarise(scored.previous ?? []);
  return [
    ...confidenceRows(world, 0.97, s97, oracleWidthAt(curve, s97.inside), stationary),
    ...confidenceRows(world, 0.9, s90, oracleWidthAt(curve, s90.inside), stationary),
    { name: `previous engine (delivered only, 97 %): inside (${world})`, value: pct(previous.inside), unit: "% of promises", target: null },
    {
      name: `previous engine: width / oracle width at its share inside (${world})`,
      value: round(previous.meanWidth / oracleWidthAt(curve, previous.inside), 3),
      unit: "ratio",
      target: null,
    },
  ];
}

/** Promise accuracy rows: ours against the targets, the naive promise as the baseline. */
export async function benchPromiseRows(): Promise<BenchRow[]> {
  const result = simulatePromiseAccuracy({ orders: ORDERS, seed: SEED });
  return [
    ...driftRows(false),
    ...driftRows(true),
    ...accuracyRows(`promise (learned distributions, ${ORDERS.toLocaleString("en-US")} orders)`, result, true),
    {
      name: "promise (learned distributions): share delivered after the window",
      value: round(result.lateShare, 4),
      unit: "share",
      target: null,
    },
    ...accuracyRows("promise (previous: learned handling range + configured transit)", result.ranges, false),
    ...accuracyRows("promise (naive, configured ranges)", result.naive, false),
    ...boundRows(),
  ];
}
