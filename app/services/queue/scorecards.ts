/** The scorecard job: each supplier's measured performance from FulfillmentFact, written for routing. */
import { spreadDay } from "~/domain/timers/spread";
import type { NewJob } from "./job-queue";

export const SUPPLIER_MEASURES_JOB = "supplier_measures";

/**
 * Recomputes a shop's supplier measures: once per UTC day from the scheduler ("nightly"), and once
 * per trigger after something that changes the facts (the metrics refresh passes its own key).
 */
export function supplierMeasuresJob(shop: string, now: Date, trigger = "nightly"): NewJob {
  // The nightly pass of each shop starts at its own time of day, so shops' passes are spread over the day.
  const day = spreadDay(shop, now.getTime());
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
