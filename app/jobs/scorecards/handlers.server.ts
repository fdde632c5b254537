/** The supplier-measures job (the scorecard feeding routing), registered in app/jobs/runtime.server.ts. */
import type { JobServices } from "~/services/deps";
import { SUPPLIER_MEASURES_JOB, supplierMeasuresJob } from "~/services/queue/scorecards";
import { supplierMeasuresWork } from "~/services/scorecards/measures.server";
import type { JobHandler } from "../worker.server";

export function supplierMeasuresJobHandler(services: JobServices): JobHandler {
  return { kind: SUPPLIER_MEASURES_JOB, ...supplierMeasuresWork(services) };
}

/** Once per UTC day per shop (the enqueue is deduplicated per day, so every scheduler tick may call it). */
export async function scheduleScorecardTimers(services: JobServices, shop: string): Promise<void> {
  await services.queue.enqueue(supplierMeasuresJob(shop, services.now()));
}
