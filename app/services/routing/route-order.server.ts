import type { PrismaClient } from "@prisma/client";
import { z } from "zod";
import { routeOrder, type DecisionPlan } from "~/domain/routing";
import { addOrderEvent } from "~/models/orders.server";
import { latestDecision, loadRoutingPolicy, markDecision, recordDecision } from "~/models/routing.server";
import { withBufferedAvailable } from "~/models/buffer.server";
import { offersForVariants } from "~/models/offers.server";
import { listSuppliers } from "~/models/suppliers.server";
import type { AdminClient } from "~/shopify/client.server";
import { UserErrorsFailure } from "~/shopify/errors";
import { fetchOrderFulfillmentOrders, holdFulfillmentOrder, moveFulfillmentOrder, type FulfillmentOrderSnapshot, type OrderForRouting } from "~/shopify/fulfillment-orders";
import { TerminalJobError } from "~/services/queue/errors";
import type { JobServices } from "~/services/deps";
import type { JobWork } from "~/services/queue/job-queue";
import { submitRequestsJob } from "~/services/queue/coordination";
import { routingRequest } from "./inputs";
import { isLeaving, leavingSuppliers, planRoutingSteps, STOP_LOSS_HOLD_HANDLE, type RoutingStep } from "./steps";

const Payload = z.object({ orderId: z.string().startsWith("gid://shopify/Order/"), exclude: z.array(z.string()).default([]), reason: z.string().default("") });

function holdNotes(decision: DecisionPlan): string {
  const text = decision.holds.map((h) => h.message).join(" · ") || "Dropline could not place these items.";
  return text.length > 250 ? `${text.slice(0, 247)}…` : text;
}

async function decide(db: PrismaClient, shop: string, order: OrderForRouting, pendingIds: Set<string>, exclude: string[], nowMs: number) {
  const suppliers = await listSuppliers(db, shop);
  const variantIds = [...new Set(order.fulfillmentOrders.nodes.flatMap((fo) => fo.lineItems.nodes.map((l) => l.variant?.id).filter((v): v is string => !!v)))];
  const offers = await withBufferedAvailable(db, shop, await offersForVariants(db, shop, variantIds), new Date(nowMs));
  const policy = await loadRoutingPolicy(db, shop);
  const request = routingRequest(order, pendingIds, suppliers, offers, nowMs);
  if (request.order.lines.length === 0) return null;
  return { decision: routeOrder({ ...request, policy }, { exclude }), request };
}

async function execute(client: AdminClient, step: RoutingStep): Promise<void> {
  if (step.kind === "move") {
    await moveFulfillmentOrder(client, step.fulfillmentOrderId, step.locationId, step.lines ?? undefined);
  } else {
    await holdFulfillmentOrder(client, step.fulfillmentOrderId, {
      reason: step.reason,
      reasonNotes: step.notes,
      handle: STOP_LOSS_HOLD_HANDLE,
      notifyMerchant: true,
      ...(step.lines ? { fulfillmentOrderLineItems: step.lines } : {}),
    });
  }
}

/**
 * Routes what is still waiting at the merchant's locations (and, for an order not decided yet,
 * what Shopify placed at a supplier's location by default): decides (or continues the decision a
 * failed run left half-applied), then moves fulfillment orders to suppliers' locations or holds
 * them for a person. Idempotent: the steps are derived from Shopify's current state each run.
 */
export function routeOrderWork(services: JobServices): JobWork {
  const { db } = services;
  return {
    async perform(job) {
      const { orderId, exclude, reason } = Payload.parse(job.payload);
      const client = await services.adminFor(job.shop);
      const order = await fetchOrderFulfillmentOrders(client, orderId);
      if (!order) throw new TerminalJobError(`Shopify does not know order ${orderId}`);
      if (order.cancelledAt) return;
      const suppliers = await listSuppliers(db, job.shop);
      const locations = new Map(suppliers.filter((s) => s.locationId).map((s) => [s.id, s.locationId as string]));
      const supplierLocationIds = new Set(locations.values());
      // Fulfillment orders a supplier rejected (or one we are re-routing away from) are pending again.
      const leaving = leavingSuppliers(order.fulfillmentOrders.nodes, locations, exclude);
      const stored = await latestDecision(db, job.shop, orderId);
      // Shopify's own order routing may already have put a fulfillment order at a supplier's
      // location (it has stock there). Until Dropline has decided for the order, that placement is
      // only a default: unsubmitted fulfillment orders there are routed like any other.
      const undecided = (fo: FulfillmentOrderSnapshot) => !stored && fo.status === "OPEN" && fo.requestStatus === "UNSUBMITTED";
      const movable = new Set(order.fulfillmentOrders.nodes.filter((fo) => isLeaving(fo, locations, leaving) || undecided(fo)).map((fo) => fo.id));
      const pending = order.fulfillmentOrders.nodes.filter((fo) => fo.status === "OPEN" && (!supplierLocationIds.has(fo.assignedLocation.location?.id ?? "") || movable.has(fo.id)));
      if (pending.length === 0) {
        if (stored?.status === "applying") await markDecision(db, stored.id, "applied", null, services.now());
        await services.queue.enqueue(submitRequestsJob(job.shop, orderId, `routed:${stored?.version ?? 0}`));
        return;
      }
      let current = stored?.status === "applying" ? stored : null;
      if (!current) {
        const made = await decide(db, job.shop, order, new Set(pending.map((fo) => fo.id)), [...leaving], services.now().getTime());
        if (!made) return;
        current = await recordDecision(db, job.shop, order.name, made.decision, made.request);
        await db.$transaction((tx) =>
          addOrderEvent(tx, {
            shop: job.shop,
            orderId,
            kind: "routed",
            detail: `Decision v${current!.version}: ${made.decision.outcome}${reason ? ` (${reason})` : ""}`,
            at: services.now(),
            dedupeKey: `routed:${orderId}:v${current!.version}`,
          }),
        );
      }
      const plan = planRoutingSteps(order.fulfillmentOrders.nodes, current.decision, locations, holdNotes(current.decision), movable);
      try {
        for (const step of plan.steps) await execute(client, step);
      } catch (error) {
        await markDecision(db, current.id, error instanceof UserErrorsFailure ? "failed" : "applying", (error as Error).message, services.now());
        throw error;
      }
      const blocked = plan.skipped.filter((skip) => skip.blocking);
      if (blocked.length > 0) {
        // Not silently "done": the merchant sees why part of the plan could not be carried out.
        await markDecision(db, current.id, "failed", blocked.map((b) => `${b.fulfillmentOrderId}: ${b.why}`).join("; "), services.now());
        return;
      }
      await markDecision(db, current.id, "applied", null, services.now());
      // What now sits at a supplier's location gets its fulfillment request (and purchase order).
      await services.queue.enqueue(submitRequestsJob(job.shop, orderId, `routed:${current.version}`));
    },
  };
}
