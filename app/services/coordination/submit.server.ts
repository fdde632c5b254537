/**
 * Getting fulfillment requests out and keeping our purchase orders in step with Shopify: the
 * submit job (after routing, or a `fulfillment_orders/moved` webhook) and the sync job (the
 * fulfillment service callback, and a periodic sweep because callbacks are throttled and can be
 * missed). Both read Shopify's state first, so running them twice does nothing new.
 */
import { z } from "zod";
import { takeOwnCallback } from "~/models/own-changes.server";
import { latestDecision } from "~/models/routing.server";
import { routeOrderJob } from "~/services/queue/routing";
import { eachPurchaseOrder, purchaseOrderForFulfillmentOrder } from "~/models/purchase-orders.server";
import { getSupplier, listSuppliers, type SupplierRecord } from "~/models/suppliers.server";
import type { AdminClient } from "~/shopify/client.server";
import { UserErrorsFailure } from "~/shopify/errors";
import { fetchOrderFulfillmentOrders } from "~/shopify/order-for-routing";
import { listAssignedFulfillmentOrders } from "~/shopify/fulfillment-requests";
import { freshHandoff, SubmitHandoff } from "~/services/queue/handoff";
import type { JobWork } from "~/services/queue/job-queue";
import { markCancellationRequested } from "./cancellations.server";
import { dispatchFrom, dispatchPurchaseOrder } from "./dispatch.server";
import { submitRequestsJob } from "~/services/queue/coordination";
import { rescheduleTimer } from "./ladder.server";
import type { CoordinationServices } from "./services.server";

const SubmitPayload = z.object({
  orderId: z.string(),
  approvePoId: z.string().nullable().default(null),
  /** What routing read and moved (parsed by SubmitHandoff when used). */
  handoff: z.unknown().optional(),
});

/** Fulfillment orders waiting at a supplier whose request is ours to submit (or already out). */
const SUBMITTABLE = (fo: { status: string; requestStatus: string }) => fo.status === "OPEN" && ["UNSUBMITTED", "SUBMITTED"].includes(fo.requestStatus);

function byLocation(suppliers: readonly SupplierRecord[]): Map<string, SupplierRecord> {
  return new Map(suppliers.filter((s) => s.locationId).map((s) => [s.locationId as string, s]));
}

/** Reads the order's fulfillment orders and submits those waiting at suppliers' locations. */
async function submitFromShopify(s: CoordinationServices, shop: string, client: AdminClient, orderId: string, approvePoId: string | null): Promise<void> {
  const order = await fetchOrderFulfillmentOrders(client, orderId);
  if (!order || order.cancelledAt) return;
  const suppliers = byLocation(await listSuppliers(s.db, shop));
  for (const fo of order.fulfillmentOrders.nodes) {
    const supplier = suppliers.get(fo.assignedLocation.location?.id ?? "");
    if (!supplier || !SUBMITTABLE(fo)) continue;
    const existing = await purchaseOrderForFulfillmentOrder(s.db, shop, fo.id, supplier.id);
    const approved = existing !== null && existing.id === approvePoId;
    await dispatchPurchaseOrder(s, client, fo.id, supplier, { submit: fo.requestStatus === "UNSUBMITTED", approved });
  }
}

/**
 * Submits what routing left at suppliers' locations, from what routing read and moved: no read.
 * False when the hand-off does not fit what we know now (a supplier's location changed).
 */
async function submitFromHandoff(s: CoordinationServices, shop: string, client: AdminClient, handoff: SubmitHandoff): Promise<boolean> {
  const suppliers = new Map<string, SupplierRecord | null>();
  for (const fo of handoff.fulfillmentOrders) if (!suppliers.has(fo.supplierId)) suppliers.set(fo.supplierId, await getSupplier(s.db, shop, fo.supplierId));
  const work: { fo: SubmitHandoff["fulfillmentOrders"][number]; supplier: SupplierRecord }[] = [];
  for (const fo of handoff.fulfillmentOrders.filter(SUBMITTABLE)) {
    const supplier = suppliers.get(fo.supplierId);
    if (!supplier || supplier.locationId !== fo.locationId) return false;
    work.push({ fo, supplier });
  }
  for (const { fo, supplier } of work) {
    const skus = handoff.supplierSkus?.[fo.supplierId];
    const source = { ...fo, order: handoff.order, lineItems: { nodes: fo.lineItems } };
    await dispatchFrom(s, client, source, supplier, {
      submit: fo.requestStatus === "UNSUBMITTED",
      ...(skus ? { supplierSkus: new Map(Object.entries(skus)) } : {}),
    });
  }
  return true;
}

/**
 * Submits every fulfillment order of the order that waits, unsubmitted, at a supplier's location.
 * After routing it works from what routing handed over (first attempt, fresh, same decision);
 * otherwise — a sweep, an approval, a retry, or Shopify refusing what the hand-off implied — it
 * reads the order from Shopify.
 */
export function submitRequestsWork(s: CoordinationServices): JobWork {
  return {
    async perform(job) {
      const { orderId, approvePoId, handoff } = SubmitPayload.parse(job.payload);
      // A supplier is only asked once Dropline has decided where the order goes: a fulfillment
      // order Shopify placed at a supplier by default may still be routed elsewhere.
      const decision = await latestDecision(s.db, job.shop, orderId);
      if (decision?.status !== "applied") {
        await s.queue.enqueue(routeOrderJob(job.shop, orderId, `before-submit:${job.dedupeKey}`));
        return;
      }
      const client = await s.adminFor(job.shop);
      const handed = job.attempt === 1 && !approvePoId ? freshHandoff(SubmitHandoff, handoff, s.now()) : null;
      if (handed && handed.decisionVersion === decision.version && handed.order.id === orderId) {
        try {
          if (await submitFromHandoff(s, job.shop, client, handed)) return;
        } catch (error) {
          // Shopify refused what the hand-off implied (a person moved or changed it meanwhile): read the truth.
          if (!(error instanceof UserErrorsFailure)) throw error;
        }
      }
      await submitFromShopify(s, job.shop, client, orderId, approvePoId);
    },
  };
}

const SyncPayload = z.object({ kind: z.enum(["FULFILLMENT_REQUEST", "CANCELLATION_REQUEST", "SWEEP"]), fromCallback: z.boolean().default(false) });

/** Requests Shopify shows as submitted to our suppliers but that have no sent purchase order yet. */
async function syncRequested(
  s: CoordinationServices,
  shop: string,
  client: Awaited<ReturnType<CoordinationServices["adminFor"]>>,
  suppliers: Map<string, SupplierRecord>,
) {
  for (const fo of await listAssignedFulfillmentOrders(client, "FULFILLMENT_REQUESTED")) {
    const supplier = suppliers.get(fo.assignedLocation.location?.id ?? "");
    if (!supplier) continue;
    const po = await purchaseOrderForFulfillmentOrder(s.db, shop, fo.id, supplier.id);
    // A request the merchant submitted by hand in Shopify is still a request the supplier must see.
    if (!po || po.status === "draft") await dispatchPurchaseOrder(s, client, fo.id, supplier, { submit: false, approved: true });
  }
}

async function syncCancellations(
  s: CoordinationServices,
  shop: string,
  client: Awaited<ReturnType<CoordinationServices["adminFor"]>>,
  suppliers: Map<string, SupplierRecord>,
) {
  for (const fo of await listAssignedFulfillmentOrders(client, "CANCELLATION_REQUESTED")) {
    const supplier = suppliers.get(fo.assignedLocation.location?.id ?? "");
    const po = supplier ? await purchaseOrderForFulfillmentOrder(s.db, shop, fo.id, supplier.id) : null;
    if (po) await markCancellationRequested(s, po);
  }
}

/** The sweep also catches what a missed trigger left behind: unsubmitted work and lost timers. */
async function sweep(
  s: CoordinationServices,
  shop: string,
  client: Awaited<ReturnType<CoordinationServices["adminFor"]>>,
  suppliers: Map<string, SupplierRecord>,
  slot: string,
) {
  const unsubmitted = await listAssignedFulfillmentOrders(client, "FULFILLMENT_UNSUBMITTED");
  const orders = new Set(unsubmitted.filter((fo) => fo.status === "OPEN" && suppliers.has(fo.assignedLocation.location?.id ?? "")).map((fo) => fo.order.id));
  for (const orderId of orders) await s.queue.enqueue(submitRequestsJob(shop, orderId, `sweep:${slot}`));
  for await (const po of eachPurchaseOrder(s.db, shop, { status: ["sent", "accepted"] })) {
    if (po.ladder && !po.held) await rescheduleTimer(s, shop, po.ladder);
  }
}

export function syncAssignedWork(s: CoordinationServices): JobWork {
  return {
    async perform(job) {
      const { kind, fromCallback } = SyncPayload.parse(job.payload);
      // The callback Shopify sends for a request Dropline itself submitted brings nothing new. (A
      // merchant's own request arriving in the same moment is still found by the periodic sweep.)
      if (kind === "FULFILLMENT_REQUEST" && fromCallback && (await takeOwnCallback(s.db, job.shop, "FULFILLMENT_REQUEST", s.now()))) return;
      const client = await s.adminFor(job.shop);
      const suppliers = byLocation(await listSuppliers(s.db, job.shop));
      if (kind !== "CANCELLATION_REQUEST") await syncRequested(s, job.shop, client, suppliers);
      if (kind !== "FULFILLMENT_REQUEST") await syncCancellations(s, job.shop, client, suppliers);
      if (kind === "SWEEP") await sweep(s, job.shop, client, suppliers, job.dedupeKey.split(":").pop() ?? "");
    },
  };
}
