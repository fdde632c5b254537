/** The tracking job handlers and timers, registered in app/jobs/runtime.server.ts. */
import { z } from "zod";
import type { JobServices } from "~/services/deps";
import type { JobHandler } from "../worker.server";
import { carrierEventWork } from "~/services/tracking/events.server";
import { exceptionSweepWork } from "~/services/tracking/exceptions.server";
import { CARRIER_EVENT_JOB, EXCEPTION_SWEEP_JOB, exceptionSweepJob, RECONCILE_FULFILLMENT_JOB, TRACKING_SYNC_JOB } from "~/services/queue/tracking";
import { syncShipment } from "~/services/tracking/sync.server";
import { reconcileFulfillmentWork } from "~/services/tracking/reconcile-fulfillment.server";

const SyncPayload = z.object({ shipmentId: z.string().min(1) });

/** Retries a fulfillmentCreate that Shopify could not take at the time (throttled, 5xx, network). */
function trackingSyncJobHandler(services: JobServices): JobHandler {
  return {
    kind: TRACKING_SYNC_JOB,
    async perform(job) {
      const outcome = await syncShipment(services, job.shop, SyncPayload.parse(job.payload).shipmentId);
      // A refusal is recorded on the shipment (syncError) for staff; retrying would not change it.
      if (!outcome.ok) return;
    },
  };
}

/** Applies one stored carrier event to its shipment. */
function carrierEventJobHandler(services: JobServices): JobHandler {
  return { kind: CARRIER_EVENT_JOB, ...carrierEventWork(services) };
}

/** Opens and closes the shop's exception cases. */
function exceptionSweepJobHandler(services: JobServices): JobHandler {
  return { kind: EXCEPTION_SWEEP_JOB, ...exceptionSweepWork(services) };
}

/** Reconciles a fulfillment Shopify shows and we did not make (or changed in Shopify). */
function reconcileFulfillmentJobHandler(services: JobServices): JobHandler {
  return { kind: RECONCILE_FULFILLMENT_JOB, ...reconcileFulfillmentWork(services) };
}

export function trackingJobHandlers(services: JobServices): JobHandler[] {
  return [trackingSyncJobHandler(services), carrierEventJobHandler(services), exceptionSweepJobHandler(services), reconcileFulfillmentJobHandler(services)];
}

/** The periodic exception sweep for a shop (one per 15-minute slot). */
export async function scheduleTrackingTimers(services: JobServices, shop: string): Promise<void> {
  await services.queue.enqueue(exceptionSweepJob(shop, services.now()));
}
