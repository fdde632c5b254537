/** The notice jobs' work: check one order (and fire the carrier-delay Flow trigger), sweep a shop. */
import { z } from "zod";
import { NOT_SHIPPING } from "~/models/shipments.server";
import type { JobWork } from "~/services/queue/job-queue";
import { delayCheckJob } from "~/services/queue/notices";
import { TerminalJobError } from "~/services/queue/errors";
import { checkOrderDelay, forecastOrder } from "./detect.server";
import { DELAY_FLOW_TRIGGER, fireFlowOnce, promiseAtRiskPayload, shipmentDelayedPayload } from "./flow.server";
import type { NoticeServices } from "./send.server";

const CheckPayload = z.object({
  orderId: z.string().min(1),
  cause: z.string().min(1),
  shipmentDelayed: z.object({ trackingNumber: z.string(), carrier: z.string().nullable(), orderName: z.string().nullable() }).optional(),
  promiseAtRisk: z.object({ handle: z.string().min(1), purchaseOrderId: z.string().min(1) }).optional(),
});

export function delayCheckWork(services: NoticeServices): JobWork {
  return {
    async perform(job) {
      const parsed = CheckPayload.safeParse(job.payload);
      if (!parsed.success) throw new TerminalJobError(`Bad delay_check payload: ${parsed.error.message}`);
      const { orderId, cause, shipmentDelayed, promiseAtRisk } = parsed.data;
      if (shipmentDelayed) {
        const window = await forecastOrder(services, job.shop, orderId);
        await fireFlowOnce(
          services,
          job.shop,
          `flow:${DELAY_FLOW_TRIGGER}:${cause}`,
          DELAY_FLOW_TRIGGER,
          shipmentDelayedPayload(orderId, shipmentDelayed, window),
        );
      }
      if (promiseAtRisk) {
        const po = await services.db.purchaseOrder.findFirst({ where: { shop: job.shop, id: promiseAtRisk.purchaseOrderId } });
        const window = await forecastOrder(services, job.shop, orderId);
        if (po) await fireFlowOnce(services, job.shop, `flow:${promiseAtRisk.handle}:${cause}`, promiseAtRisk.handle, promiseAtRiskPayload(po, window));
      }
      await checkOrderDelay(services, job.shop, orderId);
    },
  };
}

const LIVE_PO = ["awaiting_review", "sent", "accepted", "cancellation_requested"];

/** Orders with a supplier part still open or a parcel not yet delivered. */
export async function openOrderIds(services: NoticeServices, shop: string): Promise<string[]> {
  const [pos, shipments] = await Promise.all([
    services.db.purchaseOrder.findMany({ where: { shop, status: { in: LIVE_PO } }, select: { orderId: true }, distinct: ["orderId"] }),
    services.db.shipment.findMany({
      where: { shop, stage: { not: "delivered" }, syncStatus: { notIn: [...NOT_SHIPPING] } },
      select: { orderId: true },
      distinct: ["orderId"],
    }),
  ]);
  return [...new Set([...pos, ...shipments].map((r) => r.orderId))];
}

/** Books a check of every open order (the predictive and no-movement detections need no event to start). */
export function delaySweepWork(services: NoticeServices): JobWork {
  return {
    async perform(job) {
      const slot = (job.payload as { slot?: number }).slot ?? 0;
      for (const orderId of await openOrderIds(services, job.shop)) {
        await services.queue.enqueue(delayCheckJob(job.shop, orderId, `sweep:${slot}`, services.now()));
      }
    },
  };
}
