/**
 * A supplier's acceptance, exactly once against Shopify. The acceptance is committed here first
 * (`sent → accepting`, with the committed ship date), then passed to Shopify under an intent, then
 * confirmed (`accepting → accepted`, the ladder acknowledged). A crash or a lost answer between
 * the two leaves the purchase order `accepting` and the intent pending; whoever picks it up next
 * (the confirm job, the periodic reconciliation) reads the fulfillment order's request status
 * before accepting again. The ladder does not chase an `accepting` purchase order, and never
 * re-routes one Shopify shows accepted (actions.server.ts).
 */
import { z } from "zod";
import { addOrderEvent } from "~/models/orders.server";
import { getPurchaseOrder, transitionPurchaseOrder, type PurchaseOrderRecord } from "~/models/purchase-orders.server";
import { AdminApiError } from "~/shopify/errors";
import { acceptFulfillmentRequest, fetchFulfillmentOrderState } from "~/shopify/fulfillment-requests";
import { performOnce } from "~/services/exactly-once.server";
import type { JobWork, NewJob } from "~/services/queue/job-queue";
import { feedLadder } from "./ladder.server";
import type { CoordinationServices } from "./services.server";

/** Request statuses that mean Shopify holds the supplier's acceptance (a later cancellation request keeps it). */
export const SHOWS_ACCEPTED: readonly string[] = ["ACCEPTED", "CANCELLATION_REQUESTED", "CANCELLATION_REJECTED", "CANCELLATION_ACCEPTED"];

export type AcceptanceOutcome =
  | { readonly status: "accepted"; readonly po: PurchaseOrderRecord }
  | { readonly status: "refused"; readonly reason: string }
  /** Shopify's answer was lost: the confirm job finds out. */
  | { readonly status: "unknown" };

export const CONFIRM_ACCEPTANCE_JOB = "confirm_acceptance";

export function confirmAcceptanceJob(shop: string, poId: string, runAt: Date): NewJob {
  return {
    shop,
    kind: CONFIRM_ACCEPTANCE_JOB,
    dedupeKey: `confirm_acceptance:${shop}:${poId}`,
    groupKey: `po:${shop}:${poId}`,
    payload: { poId },
    runAt,
    maxAttempts: 8,
  };
}

export const acceptIntentKey = (poId: string) => `accept:${poId}`;

/**
 * Passes an `accepting` purchase order's acceptance to Shopify (once) and confirms it here. A
 * refusal puts the purchase order back to `sent` (Shopify did not take it); a lost answer leaves
 * it `accepting` with a confirm job booked.
 */
export async function confirmAcceptance(s: CoordinationServices, shop: string, poId: string, message?: string): Promise<AcceptanceOutcome> {
  const po = await getPurchaseOrder(s.db, shop, poId);
  if (!po) return { status: "refused", reason: "That purchase order no longer exists." };
  if (po.status === "accepted") return { status: "accepted", po };
  if (po.status !== "accepting") return { status: "refused", reason: `Purchase order ${po.number} is ${po.status.replace(/_/g, " ")}.` };
  const client = await s.adminFor(shop);
  const shipAt = (po.committedShipAt ?? s.now()).toISOString();
  let outcome;
  try {
    outcome = await performOnce<{ requestStatus: string }>(
      s.db,
      s.now,
      {
        shop,
        key: acceptIntentKey(po.id),
        kind: "fulfillment_request_accept",
        request: { id: po.fulfillmentOrderId, estimatedShippedAt: shipAt },
      },
      {
        async recover() {
          const fo = await fetchFulfillmentOrderState(client, po.fulfillmentOrderId);
          return fo && SHOWS_ACCEPTED.includes(fo.requestStatus) ? { requestStatus: fo.requestStatus } : null;
        },
        async perform() {
          const fo = await acceptFulfillmentRequest(client, po.fulfillmentOrderId, shipAt, message ?? `Accepted: ${po.number}`);
          return { requestStatus: fo.fulfillmentOrder?.requestStatus ?? "ACCEPTED" };
        },
      },
    );
  } catch (error) {
    if (error instanceof AdminApiError && error.retryable) {
      await s.queue.enqueue(confirmAcceptanceJob(shop, po.id, new Date(s.now().getTime() + 60_000)));
      return { status: "unknown" };
    }
    throw error;
  }
  if (outcome.status === "failed") {
    await transitionPurchaseOrder(s.db, shop, po.id, ["accepting"], "sent", { committedShipAt: null, acknowledgedAt: null });
    return { status: "refused", reason: outcome.error.replace(/^[^:]*: /, "") };
  }
  return { status: "accepted", po: await markAccepted(s, po) };
}

/** `accepting → accepted`, the ladder acknowledged (and warned when the committed date breaks the promise). */
async function markAccepted(s: CoordinationServices, po: PurchaseOrderRecord): Promise<PurchaseOrderRecord> {
  if (await transitionPurchaseOrder(s.db, po.shop, po.id, ["accepting"], "accepted")) {
    await feedLadder(s, po.shop, po.id, { type: "ack" });
    if (po.committedShipAt && po.committedShipAt.getTime() > po.shipBy.getTime()) await feedLadder(s, po.shop, po.id, { type: "promise_at_risk" });
  }
  return (await getPurchaseOrder(s.db, po.shop, po.id)) ?? { ...po, status: "accepted" };
}

/**
 * Shopify shows the fulfillment order accepted while our purchase order still waits (`sent`, or
 * `accepting` after a crash): adopt the acceptance instead of escalating. Used by the ladder's
 * re-route guard and the periodic reconciliation.
 */
export async function adoptShopifyAcceptance(s: CoordinationServices, po: PurchaseOrderRecord, why: string): Promise<boolean> {
  const moved =
    po.status === "accepting" ||
    (await transitionPurchaseOrder(s.db, po.shop, po.id, ["sent", "awaiting_review"], "accepting", { acknowledgedAt: po.acknowledgedAt ?? s.now() }));
  if (!moved) return false;
  await settleAcceptIntent(s, po.shop, po.id);
  await markAccepted(s, { ...po, status: "accepting" });
  await addOrderEvent(s.db, {
    shop: po.shop,
    orderId: po.orderId,
    kind: "acceptance_reconciled",
    detail: `${po.number}: Shopify shows the supplier's acceptance; ${why}.`,
    at: s.now(),
    dedupeKey: `acceptance_reconciled:${po.id}`,
  });
  return true;
}

/** The acceptance intent (if we ever made one) is settled by what Shopify shows: accepted. */
export async function settleAcceptIntent(s: Pick<CoordinationServices, "db" | "now">, shop: string, poId: string): Promise<void> {
  await s.db.mutationIntent.updateMany({
    where: { shop, key: acceptIntentKey(poId), status: "pending" },
    data: { status: "done", result: JSON.stringify({ requestStatus: "ACCEPTED" }), completedAt: s.now() },
  });
}

const Payload = z.object({ poId: z.string().min(1) });

export function confirmAcceptanceWork(s: CoordinationServices): JobWork {
  return {
    async perform(job) {
      const outcome = await confirmAcceptance(s, job.shop, Payload.parse(job.payload).poId);
      // Still unknown: the job's own retry asks again (a new job was booked under the same key).
      if (outcome.status === "unknown") throw new Error("Shopify's answer to the acceptance was lost again; retrying.");
    },
  };
}
