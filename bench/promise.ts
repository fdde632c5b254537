/**
 * Delivery-promise accuracy: a simulated year of 10,000 orders (fixed seed) replayed through
 * `simulatePromiseAccuracy`, for Dropline's promise (learned handling and transit
 * distributions, window = shortest run of dates holding 97 % of their sum) and, for
 * comparison, the previous range-based promise and the naive promise built from what suppliers
 * and carriers claim. The numbers are reported as they come out: the simulated world is not
 * tuned to meet the targets.
 */
import { simulatePromiseAccuracy, type AccuracySummary } from "../app/domain/promise/simulate";
import { round, type BenchRow } from "./report";

const ORDERS = 10_000;
const SEED = 42;

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
  ];
}
