import { retentionJobHandlers, scheduleRetentionTimers } from "./retention/handlers.server";
import { DEFAULT_RETENTION, type RetentionPolicy } from "~/domain/retention";
import { acknowledgementsBusy } from "./ack-pressure.server";
import { addressJobHandlers, scheduleAddressTimers } from "./address/handlers.server";
import { alertJobHandlers, scheduleAlertTimers } from "./alerts/handlers.server";
import { tuneSqlite } from "~/db.server";
import { env } from "~/env.server";
import { retentionPolicyOf } from "./retention/policy.server";
import { coordinationJobHandlers, scheduleCoordinationTimers } from "./coordination/handlers.server";
import { ShopNeedsReauthError } from "~/shopify/admin.server";
import { needsReauth } from "~/shopify/offline-tokens.server";
import { promiseTimerJob } from "~/services/queue/promise";
import { promisePublishJobHandler } from "./promise/handlers.server";
import { reconcileRoutingJob, RECONCILE_EVERY_MS } from "~/services/queue/routing";
import { reconcileRoutingJobHandler, routeOrderJobHandler } from "./routing/handlers.server";
import type { CoordinationServices } from "~/services/coordination/services.server";
import type { JobServices } from "~/services/deps";
import { feedPullJobHandler, stockSweepJobHandler, stockSyncJobHandler } from "./stock/handlers.server";
import { stockSweepJob } from "~/services/queue/stock";
import { scheduleTrackingTimers, trackingJobHandlers } from "./tracking/handlers.server";
import { noticeJobHandlers, scheduleNoticeTimers } from "./notices/handlers.server";
import { scheduleScorecardTimers, supplierMeasuresJobHandler } from "./scorecards/handlers.server";
import { playbookJobHandlers } from "./playbook/handlers.server";
import { metricsJobHandlers, scheduleMetricsTimers } from "./metrics/handlers.server";
import { scheduleTokenRefreshes, tokenRefreshJobHandler } from "./token-refresh.server";
import { TimerMemo } from "./timer-memo.server";
import { webhookJobHandler } from "./webhook-job.server";
import { droppingErasedShops } from "./erased-shops.server";
import { Worker, type JobHandler } from "./worker.server";
import { isDeploymentScheduler } from "~/services/queue/job-queue";

/** Every job kind the app knows. */
export function jobHandlers(
  services: CoordinationServices,
  limits: { feedMaxBytes: number; retention?: RetentionPolicy } = {
    feedMaxBytes: env().DROPLINE_MAX_FEED_BYTES,
    retention: retentionPolicyOf(env()),
  },
): JobHandler[] {
  // The webhook handler drops an erased shop's events itself (and erases their payloads).
  const others: JobHandler[] = [
    ...retentionJobHandlers(services, limits.retention ?? DEFAULT_RETENTION),
    routeOrderJobHandler(services),
    reconcileRoutingJobHandler(services),
    ...stockJobHandlers(services, limits.feedMaxBytes),
    ...coordinationJobHandlers(services),
    ...trackingJobHandlers(services),
    ...playbookJobHandlers(services),
    promisePublishJobHandler(services),
    tokenRefreshJobHandler(services),
    ...noticeJobHandlers(services),
    ...alertJobHandlers(services),
    supplierMeasuresJobHandler(services),
    ...metricsJobHandlers(services),
    ...addressJobHandlers(services),
  ];
  return [webhookJobHandler({ db: services.db, services }), ...others.map((handler) => droppingErasedShops(services.db, handler))];
}

/** Stock feeds and buffered publishing (issue #7). */
function stockJobHandlers(services: JobServices, feedMaxBytes: number): JobHandler[] {
  return [stockSyncJobHandler(services), feedPullJobHandler(services, { maxBytes: feedMaxBytes }), stockSweepJobHandler(services)];
}

/** Builds the worker for this process (the web process, or `npm run worker`). */
export function createWorker(services: CoordinationServices, options: { inline?: boolean } = {}): Worker {
  const config = env();
  return new Worker(services.queue, jobHandlers(services), {
    concurrency: config.WORKER_CONCURRENCY,
    pollMs: config.WORKER_POLL_MS,
    // Inside the web process, webhook acknowledgements go first (the inbox already holds the work).
    ...(options.inline ? { defer: () => acknowledgementsBusy() } : {}),
    log: (message, details) => console.warn(`[worker] ${message}`, details ?? ""),
    parking: shopReauthParking(services.db),
  });
}

/** Jobs of a shop whose token Shopify will not refresh wait, parked, until the merchant opens Dropline. */
export function shopReauthParking(db: JobServices["db"]) {
  return {
    reasonFor: (error: unknown) => (error instanceof ShopNeedsReauthError ? error.message : null),
    stillWaiting: (shop: string) => needsReauth(db, shop),
  };
}

/**
 * Enqueues each active shop's periodic sweeps (deduplicated per time slot; each shop's slots start
 * at its own offset, app/domain/timers/spread.ts). With `memo` (the running scheduler's), timers
 * this process already enqueued on its previous tick are not sent again.
 */
export async function scheduleTimers(services: JobServices, memo?: TimerMemo): Promise<void> {
  if (memo) {
    try {
      return await scheduleTimers({ ...services, queue: memo.through(services.queue) });
    } finally {
      memo.endTick();
    }
  }
  const shops = await services.db.shop.findMany({ where: { uninstalledAt: null }, select: { domain: true } });
  for (const { domain } of shops) {
    await services.queue.enqueue(reconcileRoutingJob(domain, services.now()));
    await scheduleCoordinationTimers(services, domain);
    await scheduleTrackingTimers(services, domain);
    await scheduleNoticeTimers(services, domain);
    await scheduleAlertTimers(services, domain);
    await scheduleScorecardTimers(services, domain);
    await scheduleMetricsTimers(services, domain);
    await scheduleRetentionTimers(services, domain);
    await scheduleAddressTimers(services, domain);
  }
  for (const { domain } of shops) await services.queue.enqueue(stockSweepJob(domain, services.now()));
  for (const { domain } of shops) await services.queue.enqueue(promiseTimerJob(domain, services.now()));
  await scheduleTokenRefreshes(services, env().SHOPIFY_TOKEN_REFRESH_MARGIN_SECONDS * 1000, SCHEDULER_EVERY_MS * 2);
}

/** How often the timers above are (re)enqueued. */
const SCHEDULER_EVERY_MS = Math.min(RECONCILE_EVERY_MS, 60_000);

/**
 * The periodic timers: on PostgreSQL one tick per minute for the whole deployment (the queue's
 * cron), so N worker processes do not each enqueue (and mostly duplicate) every shop's timers;
 * on SQLite a local interval in the one worker.
 */
function startScheduler(services: CoordinationServices): () => Promise<void> {
  const memo = new TimerMemo();
  const run = () => scheduleTimers(services, memo).catch((e: unknown) => console.warn("[scheduler]", e));
  const queue = services.queue;
  if (isDeploymentScheduler(queue)) {
    const stopping = queue.everyMinute("timers", run).catch((e: unknown) => {
      console.warn("[scheduler] could not register the cron schedule", e);
      return async () => undefined;
    });
    return async () => (await stopping)();
  }
  const scheduler = setInterval(() => void run(), SCHEDULER_EVERY_MS);
  void run();
  return async () => clearInterval(scheduler);
}

/** A running worker with its timers. */
export interface RunningWorker {
  readonly worker: Worker;
  stop(): Promise<void>;
}

/**
 * Runs the worker and the periodic timers in this thread: the body of a worker thread, of
 * `npm run worker`, and of the inline topology. `inline` is for a worker sharing the web
 * process's event loop (acknowledgements go first).
 */
export function runWorker(services: CoordinationServices, options: { inline?: boolean } = {}): RunningWorker {
  const worker = createWorker(services, options);
  // A busy database must not leave this rejection unhandled: the worker starts with the defaults.
  void tuneSqlite(services.db).then(
    () => worker.start(),
    (error: unknown) => {
      console.warn("[worker] could not tune SQLite; starting anyway", error);
      worker.start();
    },
  );
  const stopScheduler = startScheduler(services);
  return {
    worker,
    async stop() {
      await stopScheduler();
      await worker.stop();
    },
  };
}
