/**
 * What the escalation ladder's actions do in the world. Each runs as its own job keyed by the
 * ladder's idempotency key, so a step's reminder, staff task or re-route happens once however
 * often the step is replayed; each is written to be safe if its own job is retried.
 */
import type { Action, RerouteReason } from "~/domain/escalation";
import { openStaffTask, getPurchaseOrder, transitionPurchaseOrder, type PurchaseOrderRecord } from "~/models/purchase-orders.server";
import { getSupplier } from "~/models/suppliers.server";
import { tagOrder } from "~/shopify/customer-notice";
import { shopProfile } from "~/services/shop/profile.server";
import { delayCheckJob } from "~/services/queue/notices";
import { acceptCancellationRequest, fetchFulfillmentOrderDetail, rejectFulfillmentRequest, submitCancellationRequest } from "~/shopify/fulfillment-requests";
import { routeOrderJob } from "~/services/queue/routing";
import type { JobWork } from "~/services/queue/job-queue";
import { deliver } from "./deliver.server";
import { adoptShopifyAcceptance, SHOWS_ACCEPTED } from "./acceptance.server";
import { feedLadder } from "./ladder.server";
import type { CoordinationServices } from "./services.server";

const REROUTE_WORDS: Readonly<Record<RerouteReason, string>> = {
  no_acknowledgement: "the supplier did not acknowledge it in time",
  rejected: "the supplier rejected it",
  stockout_before_ack: "the supplier reported a stockout",
  stockout_unresolved: "the supplier's stockout was not resolved in time",
};

/**
 * Takes the fulfillment order away from the supplier and routes it again without them. Dropline
 * is the supplier's fulfillment service, so an unanswered request is rejected on its behalf; an
 * accepted one is cancelled (requested, then accepted) so the lines come back to route.
 *
 * A purchase order we still think unanswered (`sent`, or `accepting` after a crash) that Shopify
 * shows accepted is never taken away: the supplier did answer, so the acceptance is adopted and
 * the ladder acknowledged instead. Returns whether the order was re-routed.
 */
export async function rerouteAway(s: CoordinationServices, po: PurchaseOrderRecord, why: string): Promise<boolean> {
  const client = await s.adminFor(po.shop);
  const supplier = await getSupplier(s.db, po.shop, po.supplierId);
  const fo = await fetchFulfillmentOrderDetail(client, po.fulfillmentOrderId);
  const here = fo && supplier?.locationId && fo.assignedLocation.location?.id === supplier.locationId;
  if (here && (po.status === "sent" || po.status === "accepting") && SHOWS_ACCEPTED.includes(fo.requestStatus)) {
    await adoptShopifyAcceptance(s, po, "the escalation ladder stopped instead of re-routing");
    return false;
  }
  if (here && fo.requestStatus === "SUBMITTED") {
    await rejectFulfillmentRequest(client, { id: fo.id, reason: "OTHER", message: `Dropline re-routed purchase order ${po.number}: ${why}.` });
  } else if (here && (fo.requestStatus === "ACCEPTED" || fo.requestStatus === "CANCELLATION_REJECTED") && fo.status === "IN_PROGRESS") {
    await submitCancellationRequest(client, fo.id, `Dropline re-routes purchase order ${po.number}: ${why}.`);
    await acceptCancellationRequest(client, fo.id, "Accepted by Dropline for the supplier (re-route).");
  }
  await transitionPurchaseOrder(s.db, po.shop, po.id, ["sent", "accepting", "accepted", "cancellation_requested"], "rerouted");
  await s.queue.enqueue(routeOrderJob(po.shop, po.orderId, `reroute:${po.id}`, { exclude: [po.supplierId], reason: `re-route: ${why}` }));
  return true;
}

/**
 * Tags the order and books the delay check, which fires the merchant's Flow trigger with the
 * order's new estimated window and emails the customer when the promise no longer holds.
 */
export async function notifyCustomer(s: CoordinationServices, po: PurchaseOrderRecord, action: Extract<Action, { kind: "notify_customer" }>): Promise<void> {
  const client = await s.adminFor(po.shop);
  await tagOrder(client, po.orderId, [action.orderTag]);
  const promiseAtRisk = { handle: action.flowTrigger, purchaseOrderId: po.id };
  await s.queue.enqueue(delayCheckJob(po.shop, po.orderId, `ladder:${action.idempotencyKey}`, s.now(), { promiseAtRisk }));
}

async function emailMerchant(s: CoordinationServices, po: PurchaseOrderRecord): Promise<void> {
  const contact = await shopProfile(s, po.shop);
  const supplier = await getSupplier(s.db, po.shop, po.supplierId);
  await s.mailer.send({
    to: contact.contactEmail,
    subject: `Supplier has not answered purchase order ${po.number} (${po.orderName})`,
    text: `${supplier?.name ?? "The supplier"} has not accepted or rejected purchase order ${po.number} for order ${po.orderName}, sent ${po.sentAt?.toISOString() ?? ""}.\nA task is waiting in Dropline (${s.appUrl}/app/purchase-orders). If nobody answers, Dropline re-routes the order to the next supplier.`,
  });
}

async function perform(s: CoordinationServices, shop: string, action: Action): Promise<void> {
  const po = await getPurchaseOrder(s.db, shop, action.poId);
  if (!po) return;
  switch (action.kind) {
    case "send_reminder":
      if (po.status === "sent") await deliver(s, po, "reminder");
      return;
    case "create_staff_task":
      return openStaffTask(s.db, shop, {
        purchaseOrderId: po.id,
        kind: action.phase === "stockout" ? "stockout_unresolved" : "no_acknowledgement",
        message: `${po.number} (${po.orderName}): no ${action.phase === "stockout" ? "answer on the reported stockout" : "acknowledgement"} from the supplier yet. Contact them, or re-route now.`,
        dedupeKey: action.idempotencyKey,
      });
    case "email_merchant":
      return emailMerchant(s, po);
    case "reroute":
      // Another supplier now has to start from scratch: the promise to the customer is at risk.
      if ((await rerouteAway(s, po, REROUTE_WORDS[action.reason])) && action.reason !== "rejected")
        await feedLadder(s, shop, po.id, { type: "promise_at_risk" });
      return;
    case "notify_customer":
      return notifyCustomer(s, po, action);
  }
}

export function ladderActionWork(s: CoordinationServices): JobWork {
  return {
    perform: (job) => perform(s, job.shop, job.payload as Action),
  };
}
