/**
 * Getting fulfillment requests out and keeping our purchase orders in step with Shopify: the
 * submit job (after routing, or a `fulfillment_orders/moved` webhook) and the sync job (the
 * fulfillment service callback, and a periodic sweep because callbacks are throttled and can be
 * missed). Both read Shopify's state first, so running them twice does nothing new.
 */
import { z } from "zod";
import { latestDecision } from "~/models/routing.server";
import { routeOrderJob } from "~/services/queue/routing";
import { listPurchaseOrders, purchaseOrderForFulfillmentOrder } from "~/models/purchase-orders.server";
import { listSuppliers, type SupplierRecord } from "~/models/suppliers.server";
import { fetchOrderFulfillmentOrders } from "~/shopify/fulfillment-orders";
import { listAssignedFulfillmentOrders } from "~/shopify/fulfillment-requests";
import type { JobWork } from "~/services/queue/job-queue";
import { markCancellationRequested } from "./cancellations.server";
import { dispatchPurchaseOrder } from "./dispatch.server";
import { submitRequestsJob } from "~/services/queue/coordination";
import { rescheduleTimer } from "./ladder.server";
import type { CoordinationServices } from "./services.server";

const SubmitPayload = z.object({ orderId: z.string(), approvePoId: z.string().nullable().default(null) });

function byLocation(suppliers: readonly SupplierRecord[]): Map<string, SupplierRecord> {
  return new Map(suppliers.filter((s) => s.locationId).map((s) => [s.locationId as string, s]));
}

/** Submits every fulfillment order of the order that waits, unsubmitted, at a supplier's location. */
export function submitRequestsWork(s: CoordinationServices): JobWork {
  return {
    async perform(job) {
      const { orderId, approvePoId } = SubmitPayload.parse(job.payload);
      // A supplier is only asked once Dropline has decided where the order goes: a fulfillment
      // order Shopify placed at a supplier by default may still be routed elsewhere.
      const decision = await latestDecision(s.db, job.shop, orderId);
      if (decision?.status !== "applied") {
        await s.queue.enqueue(routeOrderJob(job.shop, orderId, `before-submit:${job.dedupeKey}`));
        return;
      }
      const client = await s.adminFor(job.shop);
      const order = await fetchOrderFulfillmentOrders(client, orderId);
      if (!order || order.cancelledAt) return;
      const suppliers = byLocation(await listSuppliers(s.db, job.shop));
      for (const fo of order.fulfillmentOrders.nodes) {
        const supplier = suppliers.get(fo.assignedLocation.location?.id ?? "");
        if (!supplier || fo.status !== "OPEN" || !["UNSUBMITTED", "SUBMITTED"].includes(fo.requestStatus)) continue;
        const existing = await purchaseOrderForFulfillmentOrder(s.db, job.shop, fo.id, supplier.id);
        const approved = existing !== null && existing.id === approvePoId;
        await dispatchPurchaseOrder(s, client, fo.id, supplier, { submit: fo.requestStatus === "UNSUBMITTED", approved });
      }
    },
  };
}

const SyncPayload = z.object({ kind: z.enum(["FULFILLMENT_REQUEST", "CANCELLATION_REQUEST", "SWEEP"]) });

/** Requests Shopify shows as submitted to our suppliers but that have no sent purchase order yet. */
async function syncRequested(s: CoordinationServices, shop: string, client: Awaited<ReturnType<CoordinationServices["adminFor"]>>, suppliers: Map<string, SupplierRecord>) {
  for (const fo of await listAssignedFulfillmentOrders(client, "FULFILLMENT_REQUESTED")) {
    const supplier = suppliers.get(fo.assignedLocation.location?.id ?? "");
    if (!supplier) continue;
    const po = await purchaseOrderForFulfillmentOrder(s.db, shop, fo.id, supplier.id);
    // A request the merchant submitted by hand in Shopify is still a request the supplier must see.
    if (!po || po.status === "draft") await dispatchPurchaseOrder(s, client, fo.id, supplier, { submit: false, approved: true });
  }
}

async function syncCancellations(s: CoordinationServices, shop: string, client: Awaited<ReturnType<CoordinationServices["adminFor"]>>, suppliers: Map<string, SupplierRecord>) {
  for (const fo of await listAssignedFulfillmentOrders(client, "CANCELLATION_REQUESTED")) {
    const supplier = suppliers.get(fo.assignedLocation.location?.id ?? "");
    const po = supplier ? await purchaseOrderForFulfillmentOrder(s.db, shop, fo.id, supplier.id) : null;
    if (po) await markCancellationRequested(s, po);
  }
}

/** The sweep also catches what a missed trigger left behind: unsubmitted work and lost timers. */
async function sweep(s: CoordinationServices, shop: string, client: Awaited<ReturnType<CoordinationServices["adminFor"]>>, suppliers: Map<string, SupplierRecord>, slot: string) {
  const unsubmitted = await listAssignedFulfillmentOrders(client, "FULFILLMENT_UNSUBMITTED");
  const orders = new Set(unsubmitted.filter((fo) => fo.status === "OPEN" && suppliers.has(fo.assignedLocation.location?.id ?? "")).map((fo) => fo.order.id));
  for (const orderId of orders) await s.queue.enqueue(submitRequestsJob(shop, orderId, `sweep:${slot}`));
  for (const po of await listPurchaseOrders(s.db, shop, { status: ["sent", "accepted"] })) {
    if (po.ladder && !po.held) await rescheduleTimer(s, shop, po.ladder);
  }
}

export function syncAssignedWork(s: CoordinationServices): JobWork {
  return {
    async perform(job) {
      const { kind } = SyncPayload.parse(job.payload);
      const client = await s.adminFor(job.shop);
      const suppliers = byLocation(await listSuppliers(s.db, job.shop));
      if (kind !== "CANCELLATION_REQUEST") await syncRequested(s, job.shop, client, suppliers);
      if (kind !== "FULFILLMENT_REQUEST") await syncCancellations(s, job.shop, client, suppliers);
      if (kind === "SWEEP") await sweep(s, job.shop, client, suppliers, job.dedupeKey.split(":").pop() ?? "");
    },
  };
}
