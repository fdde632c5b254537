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
      target: withTargets ? "≤ 3" : null,
    },
  ];
}

/** Promise accuracy rows: ours against the targets, the naive promise as the baseline. */
export async function benchPromiseRows(): Promise<BenchRow[]> {
  const result = simulatePromiseAccuracy({ orders: ORDERS, seed: SEED });
  return [
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
