import type { PrismaClient } from "@prisma/client";
import { z } from "zod";
import { routeOrder, type DecisionPlan } from "~/domain/routing";
import { addOrderEvent } from "~/models/orders.server";
import { latestDecision, loadRoutingPolicy, markDecision, recordDecision } from "~/models/routing.server";
import { withBufferedAvailable } from "~/models/buffer.server";
import { offersForVariants } from "~/models/offers.server";
import { noteOwnChange } from "~/models/own-changes.server";
import { listSuppliers, type SupplierRecord } from "~/models/suppliers.server";
import type { AdminClient } from "~/shopify/client.server";
import { UserErrorsFailure } from "~/shopify/errors";
import { holdFulfillmentOrder, moveFulfillmentOrder, type FulfillmentOrderSnapshot, type MovedFulfillmentOrder } from "~/shopify/fulfillment-orders";
import { fetchOrderFulfillmentOrders, type OrderForRouting } from "~/shopify/order-for-routing";
import { TerminalJobError } from "~/services/queue/errors";
import { freshHandoff, RoutingRead, submitHandoff } from "~/services/queue/handoff";
import type { JobServices } from "~/services/deps";
import type { JobWork } from "~/services/queue/job-queue";
import { submitRequestsJob } from "~/services/queue/coordination";
import { noteAddressOutcome, screenDecision } from "./address-check.server";
import { routingRequest, withPublishedPromises, type OfferRow } from "./inputs";
import { loadCarrierHolidays, loadCarrierHolidaysByCountry, publishedSupplierPromises } from "~/models/promise.server";
import { productScopesFor } from "./product-scopes.server";
import { isLeaving, leavingSuppliers, planRoutingSteps, STOP_LOSS_HOLD_HANDLE, type RoutingStep } from "./steps";

const Payload = z.object({
  orderId: z.string().startsWith("gid://shopify/Order/"),
  exclude: z.array(z.string()).default([]),
  reason: z.string().default(""),
  /** The order as the triggering webhook's handler just read it (parsed by RoutingRead when used). */
  read: z.unknown().optional(),
});

function holdNotes(decision: DecisionPlan): string {
  const text = decision.holds.map((h) => h.message).join(" · ") || "Dropline could not place these items.";
  return text.length > 250 ? `${text.slice(0, 247)}…` : text;
}

async function decide(
  db: PrismaClient,
  client: AdminClient,
  shop: string,
  order: OrderForRouting,
  suppliers: readonly SupplierRecord[],
  pendingIds: Set<string>,
  exclude: string[],
  nowMs: number,
) {
  const variantIds = [...new Set(order.fulfillmentOrders.nodes.flatMap((fo) => fo.lineItems.nodes.map((l) => l.variant?.id).filter((v): v is string => !!v)))];
  const offers = await withBufferedAvailable(db, shop, await offersForVariants(db, shop, variantIds), new Date(nowMs));
  const [policy, published, carrierHolidays, carrierHolidaysByCountry] = await Promise.all([
    loadRoutingPolicy(db, shop),
    publishedSupplierPromises(db, shop, variantIds),
    loadCarrierHolidays(db, shop),
    loadCarrierHolidaysByCountry(db, shop),
  ]);
  const scopes = await productScopesFor({ db, client, now: new Date(nowMs) }, shop, policy, variantIds);
  // One rule with checkout: each supplier's window comes from the promise data published for
  // these variants (learned, calibrated) and the shop's carrier holidays.
  const request = withPublishedPromises(routingRequest(order, pendingIds, suppliers, offers, nowMs, scopes), published, carrierHolidays, {
    carrierHolidaysByCountry,
  });
  if (request.order.lines.length === 0) return null;
  return { decision: routeOrder({ ...request, policy }, { exclude }), request, offers };
}

/** Supplier SKUs by supplier and variant, for the purchase orders submission builds. */
function skusOf(offers: readonly OfferRow[]): Record<string, Record<string, string>> {
  const skus: Record<string, Record<string, string>> = {};
  for (const o of offers) (skus[o.supplierId] ??= {})[o.variantId] = o.supplierSku;
  return skus;
}

/** Carries out one step; a move returns where the lines now are. */
async function execute(services: JobServices, shop: string, client: AdminClient, step: RoutingStep): Promise<MovedFulfillmentOrder | null> {
  if (step.kind === "move") {
    // Noted first: the fulfillment_orders/moved webhook that echoes it then does nothing.
    await noteOwnChange(services.db, shop, { kind: "move", fulfillmentOrderId: step.fulfillmentOrderId, locationId: step.locationId }, services.now());
    const result = await moveFulfillmentOrder(client, step.fulfillmentOrderId, step.locationId, step.lines ?? undefined);
    return result.movedFulfillmentOrder;
  }
  await holdFulfillmentOrder(client, step.fulfillmentOrderId, {
    reason: step.reason,
    reasonNotes: step.notes,
    handle: STOP_LOSS_HOLD_HANDLE,
    notifyMerchant: true,
    ...(step.lines ? { fulfillmentOrderLineItems: step.lines } : {}),
  });
  return null;
}

type Moved = { readonly from: string; readonly partial: boolean; readonly moved: MovedFulfillmentOrder };

/**
 * Carries out the plan's steps in order; returns what each move put where (null if Shopify did
 * not say). A failure marks the decision (failed when Shopify refused, else still applying).
 */
async function carryOut(services: JobServices, shop: string, client: AdminClient, decisionId: string, steps: readonly RoutingStep[]): Promise<Moved[] | null> {
  const moves: Moved[] = [];
  let known = true;
  try {
    for (const step of steps) {
      const moved = await execute(services, shop, client, step);
      if (moved) moves.push({ from: step.fulfillmentOrderId, partial: step.lines !== null, moved });
      else if (step.kind === "move") known = false;
    }
  } catch (error) {
    await markDecision(services.db, decisionId, error instanceof UserErrorsFailure ? "failed" : "applying", (error as Error).message, services.now());
    throw error;
  }
  return known ? moves : null;
}

/**
 * Routes what is still waiting at the merchant's own locations (and, for an order not decided yet,
 * what Shopify placed at a supplier's location by default): decides (or continues the decision a
 * failed run left half-applied), then moves fulfillment orders to suppliers' locations or holds
 * them for a person, and hands submission what it read and moved. Idempotent: the steps are
 * derived from Shopify's current state each run. The order as the trigger read it stands in for
 * that state only on a first attempt, while fresh, and before Dropline has decided anything for
 * the order (until then nothing of ours can have changed its fulfillment orders).
 */
export function routeOrderWork(services: JobServices): JobWork {
  const { db } = services;
  return {
    async perform(job) {
      const { orderId, exclude, reason, read } = Payload.parse(job.payload);
      const client = await services.adminFor(job.shop);
      const stored = await latestDecision(db, job.shop, orderId);
      const handed = job.attempt === 1 && !stored ? freshHandoff(RoutingRead, read, services.now()) : null;
      const readAt = handed ? new Date(handed.readAt) : services.now();
      const order = handed && handed.order.id === orderId ? handed.order : await fetchOrderFulfillmentOrders(client, orderId);
      if (!order) throw new TerminalJobError(`Shopify does not know order ${orderId}`);
      if (order.cancelledAt) return;
      const suppliers = await listSuppliers(db, job.shop);
      const locations = new Map(suppliers.filter((s) => s.locationId).map((s) => [s.id, s.locationId as string]));
      const supplierLocationIds = new Set(locations.values());
      // Fulfillment orders a supplier rejected (or one we are re-routing away from) are pending again.
      const leaving = leavingSuppliers(order.fulfillmentOrders.nodes, locations, exclude);
      // Shopify's own order routing may already have put a fulfillment order at a supplier's
      // location (it has stock there). Until Dropline has decided for the order, that placement is
      // only a default: unsubmitted fulfillment orders there are routed like any other.
      const undecided = (fo: FulfillmentOrderSnapshot) => !stored && fo.status === "OPEN" && fo.requestStatus === "UNSUBMITTED";
      const movable = new Set(order.fulfillmentOrders.nodes.filter((fo) => isLeaving(fo, locations, leaving) || undecided(fo)).map((fo) => fo.id));
      const pending = order.fulfillmentOrders.nodes.filter(
        (fo) => fo.status === "OPEN" && (!supplierLocationIds.has(fo.assignedLocation.location?.id ?? "") || movable.has(fo.id)),
      );
      if (pending.length === 0) {
        if (stored?.status === "applying") await markDecision(db, stored.id, "applied", null, services.now());
        const version = stored?.version ?? 0;
        const handoff = stored ? submitHandoff(order, readAt, version, locations, []) : null;
        await services.queue.enqueue(submitRequestsJob(job.shop, orderId, `routed:${version}`, { handoff }));
        return;
      }
      let current = stored?.status === "applying" ? stored : null;
      let offers: readonly OfferRow[] | undefined;
      if (!current) {
        const made = await decide(db, client, job.shop, order, suppliers, new Set(pending.map((fo) => fo.id)), [...leaving], services.now().getTime());
        if (!made) return;
        offers = made.offers;
        // Nothing leaves for an address its carrier would refuse: those lines wait, held for the address.
        const { decision, screened } = await screenDecision(db, job.shop, order, made.decision, suppliers);
        current = await recordDecision(db, job.shop, order.name, decision, made.request, services.now());
        const ref = { orderId, orderName: order.name, channel: made.request.order.channel, decisionVersion: current.version };
        await noteAddressOutcome(db, job.shop, ref, decision, screened, services.now());
        await db.$transaction((tx) =>
          addOrderEvent(tx, {
            shop: job.shop,
            orderId,
            kind: "routed",
            detail: `Decision v${current!.version}: ${decision.outcome}${reason ? ` (${reason})` : ""}`,
            at: services.now(),
            dedupeKey: `routed:${orderId}:v${current!.version}`,
          }),
        );
      }
      const plan = planRoutingSteps(order.fulfillmentOrders.nodes, current.decision, locations, holdNotes(current.decision), movable);
      const moves = await carryOut(services, job.shop, client, current.id, plan.steps);
      const blocked = plan.skipped.filter((skip) => skip.blocking);
      if (blocked.length > 0) {
        // Not silently "done": the merchant sees why part of the plan could not be carried out.
        await markDecision(db, current.id, "failed", blocked.map((b) => `${b.fulfillmentOrderId}: ${b.why}`).join("; "), services.now());
        return;
      }
      await markDecision(db, current.id, "applied", null, services.now());
      // What now sits at a supplier's location gets its fulfillment request (and purchase order),
      // built from what this run read and moved.
      const handoff = moves ? submitHandoff(order, readAt, current.version, locations, moves, offers ? skusOf(offers) : undefined) : null;
      await services.queue.enqueue(submitRequestsJob(job.shop, orderId, `routed:${current.version}`, { handoff }));
    },
  };
}
