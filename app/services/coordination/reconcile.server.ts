/**
 * The periodic reconciliation of a shop with Shopify. Webhooks can be missed, arrive out of
 * order or for changes Shopify has no topic for (there is no "fulfillment order updated"), so
 * every RECONCILE_FO_EVERY_MS a job reads every fulfillment order assigned to the suppliers'
 * fulfillment-service locations — all pages — plus, by id, those of our open purchase orders that
 * left that list (closed, cancelled, moved), compares each with its purchase order
 * (app/domain/purchase-order/drift.ts) and repairs the drift through the same use cases the
 * webhooks drive. Each run is recorded with what it read and what it repaired.
 */
import { spreadSlot } from "~/domain/timers/spread";
import { z } from "zod";
import { driftRepairs, type Repair } from "~/domain/purchase-order/drift";
import { addOrderEvent } from "~/models/orders.server";
import { eachPurchaseOrder, OPEN_STATUSES, transitionPurchaseOrder, type PurchaseOrderRecord } from "~/models/purchase-orders.server";
import { listSuppliers } from "~/models/suppliers.server";
import { eachAssignedFulfillmentOrderPage, fetchFulfillmentOrdersById, type FulfillmentOrderForDrift } from "~/shopify/fulfillment-requests";
import type { JobWork, NewJob } from "~/services/queue/job-queue";
import { adoptShopifyAcceptance, confirmAcceptance } from "./acceptance.server";
import { applyShopifyAnswer } from "./answers.server";
import { markCancellationRequested } from "./cancellations.server";
import { feedLadder } from "./ladder.server";
import { holdReason, reflectShopifyHold, reflectShopifyRelease } from "./holds.server";
import type { CoordinationServices } from "./services.server";

export const RECONCILE_FO_JOB = "reconcile_fulfillment_orders";
export const RECONCILE_FO_EVERY_MS = 30 * 60_000;
/** Shopify's page size for the assigned fulfillment orders (max 250; 50 keeps each call cheap). */
export const RECONCILE_PAGE_SIZE = 50;

export function reconcileFulfillmentOrdersJob(shop: string, now: Date): NewJob {
  const slot = spreadSlot(shop, now.getTime(), RECONCILE_FO_EVERY_MS).index;
  return {
    shop,
    kind: RECONCILE_FO_JOB,
    dedupeKey: `reconcile_fos:${shop}:${slot}`,
    groupKey: `reconcile-fos:${shop}`,
    payload: { slot: String(slot) },
    runAt: now,
    maxAttempts: 3,
  };
}

export interface RepairRecord {
  readonly kind: Repair["kind"];
  readonly purchaseOrderId: string;
  readonly fulfillmentOrderId: string;
  readonly detail: string;
  /** False when the repair found nothing left to do (another actor got there first). */
  readonly applied: boolean;
}

export interface ReconciliationReport {
  readonly pages: number;
  readonly fulfillmentOrders: number;
  readonly purchaseOrders: number;
  readonly repairs: readonly RepairRecord[];
}

const DETAIL: Readonly<Record<Exclude<Repair["kind"], "note" | "hold">, string>> = {
  adopt_acceptance: "Shopify shows the supplier's acceptance; the purchase order is now accepted",
  resume_acceptance: "The supplier's acceptance had not reached Shopify; passed on",
  rejected: "Shopify shows the request rejected; the purchase order is rejected and the order re-routed",
  cancelled: "Shopify shows the fulfillment order cancelled; the purchase order is cancelled",
  order_cancelled: "The order was cancelled and Shopify closed the fulfillment order; the purchase order is cancelled",
  cancellation_requested: "Shopify shows a cancellation request; the supplier is asked",
  cancellation_rejected: "Shopify shows the cancellation rejected; the purchase order is accepted again",
  release: "The hold in Shopify is gone; escalation picks up again",
};

async function apply(s: CoordinationServices, po: PurchaseOrderRecord, fo: FulfillmentOrderForDrift | null, repair: Repair, key: string): Promise<boolean> {
  const shop = po.shop;
  const change = { fulfillmentOrderId: po.fulfillmentOrderId, at: s.now(), key };
  const answer = async (a: Parameters<typeof applyShopifyAnswer>[2]["answer"]) =>
    (await applyShopifyAnswer(s, shop, { fulfillmentOrderId: po.fulfillmentOrderId, answer: a, message: null, key })).includes(po.id);
  switch (repair.kind) {
    case "adopt_acceptance":
      return adoptShopifyAcceptance(s, po, "found by the periodic reconciliation with Shopify");
    case "resume_acceptance":
      return (await confirmAcceptance(s, shop, po.id)).status === "accepted";
    case "rejected":
      return answer("request_rejected");
    case "cancelled":
      return answer("cancellation_accepted");
    case "cancellation_rejected":
      return answer("cancellation_rejected");
    case "order_cancelled":
      if (!(await transitionPurchaseOrder(s.db, shop, po.id, ["draft", "awaiting_review", "sent", "accepting"], "cancelled", {}, s.now()))) return false;
      await feedLadder(s, shop, po.id, { type: "cancelled" });
      return true;
    case "cancellation_requested":
      await markCancellationRequested(s, po);
      return true;
    case "hold":
      return (
        (await reflectShopifyHold(s, shop, change, holdReason((fo?.fulfillmentHolds ?? []).map((h) => ({ reason: h.reason, reason_notes: h.reasonNotes }))))) >
        0
      );
    case "release":
      return (await reflectShopifyRelease(s, shop, change)) > 0;
    case "note":
      return false;
  }
}

/**
 * One reconciliation of `shop` for time slot `slot`. Safe to run again: a finished slot returns
 * its stored report, and every repair is a compare-and-set on the purchase order.
 */
export async function reconcileFulfillmentOrders(
  s: CoordinationServices,
  shop: string,
  slot: string,
  options: { pageSize?: number } = {},
): Promise<ReconciliationReport> {
  const done = await s.db.reconciliationRun.findUnique({ where: { shop_slot: { shop, slot } } });
  if (done?.finishedAt) {
    return {
      pages: done.pages,
      fulfillmentOrders: done.fulfillmentOrders,
      purchaseOrders: done.purchaseOrders,
      repairs: JSON.parse(done.repairs) as RepairRecord[],
    };
  }
  await s.db.reconciliationRun.upsert({
    where: { shop_slot: { shop, slot } },
    create: { shop, slot, startedAt: s.now() },
    update: { startedAt: s.now(), error: null },
  });
  const client = await s.adminFor(shop);
  const locationOf = new Map((await listSuppliers(s.db, shop)).map((x) => [x.id, x.locationId] as const));
  const assigned = new Map<string, FulfillmentOrderForDrift>();
  const pages = await eachAssignedFulfillmentOrderPage(client, options.pageSize ?? RECONCILE_PAGE_SIZE, async (nodes) => {
    for (const fo of nodes) assigned.set(fo.id, fo);
  });
  const open: PurchaseOrderRecord[] = [];
  for await (const po of eachPurchaseOrder(s.db, shop, { status: OPEN_STATUSES })) open.push(po);
  const elsewhere = await fetchFulfillmentOrdersById(client, [...new Set(open.map((po) => po.fulfillmentOrderId).filter((id) => !assigned.has(id)))]);

  const repairs: RepairRecord[] = [];
  for (const po of open) {
    const fo = assigned.get(po.fulfillmentOrderId) ?? elsewhere.get(po.fulfillmentOrderId) ?? null;
    const view = fo
      ? {
          status: fo.status,
          requestStatus: fo.requestStatus,
          locationId: fo.assignedLocation.location?.id ?? null,
          orderCancelled: fo.order.cancelledAt !== null,
          holdReason: fo.fulfillmentHolds.length > 0 ? holdReason(fo.fulfillmentHolds.map((h) => ({ reason: h.reason, reason_notes: h.reasonNotes }))) : null,
        }
      : null;
    for (const repair of driftRepairs({ status: po.status, shopifyHold: po.shopifyHold, locationId: locationOf.get(po.supplierId) ?? null }, view)) {
      const applied = await apply(s, po, fo, repair, `reconcile:${slot}`);
      const detail =
        repair.kind === "note"
          ? repair.detail
          : repair.kind === "hold"
            ? `Shopify shows the fulfillment order on hold (${repair.reason})`
            : DETAIL[repair.kind];
      repairs.push({ kind: repair.kind, purchaseOrderId: po.id, fulfillmentOrderId: po.fulfillmentOrderId, detail, applied });
      if (applied) {
        await addOrderEvent(s.db, {
          shop,
          orderId: po.orderId,
          kind: "reconciled_with_shopify",
          detail: `${po.number}: ${detail}.`,
          at: s.now(),
          dedupeKey: `reconciled:${po.id}:${repair.kind}:${slot}`,
        });
      }
    }
  }
  const report = { pages, fulfillmentOrders: assigned.size, purchaseOrders: open.length, repairs };
  await s.db.reconciliationRun.update({
    where: { shop_slot: { shop, slot } },
    data: { finishedAt: s.now(), pages, fulfillmentOrders: assigned.size, purchaseOrders: open.length, repairs: JSON.stringify(repairs) },
  });
  // A run every half hour is 17,500 rows a year per shop: keep a month of history.
  await s.db.reconciliationRun.deleteMany({ where: { shop, startedAt: { lt: new Date(s.now().getTime() - RUN_HISTORY_MS) } } });
  return report;
}

const RUN_HISTORY_MS = 30 * 24 * 3_600_000;

/** The latest runs of a shop, newest first (for staff and tests). */
export async function recentReconciliations(s: Pick<CoordinationServices, "db">, shop: string, take = 10) {
  return s.db.reconciliationRun.findMany({ where: { shop }, orderBy: { startedAt: "desc" }, take });
}

const Payload = z.object({ slot: z.string().min(1) });

export function reconcileFulfillmentOrdersWork(s: CoordinationServices): JobWork {
  return {
    async perform(job) {
      const { slot } = Payload.parse(job.payload);
      await reconcileFulfillmentOrders(s, job.shop, slot);
    },
  };
}
