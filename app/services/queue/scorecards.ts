/** The scorecard job: each supplier's measured performance from FulfillmentFact, written for routing. */
import type { NewJob } from "./job-queue";

export const SUPPLIER_MEASURES_JOB = "supplier_measures";
const DAY_MS = 86_400_000;

/**
 * Recomputes a shop's supplier measures: once per UTC day from the scheduler ("nightly"), and once
 * per trigger after something that changes the facts (the metrics refresh passes its own key).
 */
export function supplierMeasuresJob(shop: string, now: Date, trigger = "nightly"): NewJob {
  const day = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
  return {
    shop,
    kind: SUPPLIER_MEASURES_JOB,
    dedupeKey: trigger === "nightly" ? `supplier_measures:${shop}:nightly:${day}` : `supplier_measures:${shop}:${trigger}`,
    groupKey: `supplier_measures:${shop}`,
    payload: { trigger },
    maxAttempts: 3,
    runAt: now,
  };
}
