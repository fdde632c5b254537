/** The metrics job handlers and timers, registered in app/jobs/runtime.server.ts. */
import type { JobServices } from "~/services/deps";
import { nightlyMetrics, refreshMetrics } from "~/services/metrics/refresh.server";
import { METRICS_NIGHTLY_JOB, METRICS_REFRESH_JOB, metricsNightlyJob, metricsRefreshJob } from "~/services/queue/metrics";
import { alertEvaluateJob } from "~/services/queue/alerts";
import { supplierMeasuresJob } from "~/services/queue/scorecards";
import type { JobHandler } from "../worker.server";

export function metricsJobHandlers(services: JobServices): JobHandler[] {
  return [
    {
      kind: METRICS_REFRESH_JOB,
      async perform(job) {
        await refreshMetrics(services, job.shop);
      },
    },
    {
      kind: METRICS_NIGHTLY_JOB,
      async perform(job) {
        await nightlyMetrics(services, job.shop);
        // The loop: yesterday's rollup feeds the suppliers' measures (routing) and the alerts at once.
        await services.queue.enqueue(supplierMeasuresJob(job.shop, services.now(), "metrics-nightly"));
        await services.queue.enqueue(alertEvaluateJob(job.shop, services.now(), "rollup"));
      },
    },
  ];
}

/** The shop's 15-minute refresh and today's nightly pass (each enqueued once per slot). */
export async function scheduleMetricsTimers(services: JobServices, shop: string): Promise<void> {
  await services.queue.enqueue(metricsRefreshJob(shop, services.now()));
  await services.queue.enqueue(metricsNightlyJob(shop, services.now()));
}
