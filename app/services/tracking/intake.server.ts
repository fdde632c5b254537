/**
 * Tracking intake: what a supplier says it shipped (portal, supplier API, CSV upload) becomes a
 * recorded shipment and a Shopify fulfillment. The seam the portal and API call is
 * `recordSupplierShipment`; every refusal comes back with a reason the supplier can act on.
 */
import { fail, ok, refusal, type Refusal, type Result } from "~/domain/result";
import { createHash } from "node:crypto";
import { z } from "zod";
import { newShipment } from "~/domain/tracking";
import { latestDecision, loadRoutingPolicy } from "~/models/routing.server";
import { createShipment, getShipment, listOrderShipments, numbersInUse, type ShipmentRecord } from "~/models/shipments.server";
import { isOwnChange } from "~/models/own-changes.server";
import { toPurchaseOrder, type PurchaseOrderRecord } from "~/models/purchase-orders.server";
import { getSupplier } from "~/models/suppliers.server";
import { SUBMITTED_REQUEST_NOTIFIES_CUSTOMER } from "~/shopify/fulfillment-requests";
import {
  fetchFulfillmentForReconcile,
  fetchFulfillmentOrderForShipment,
  requestedNotifyCustomer,
  updateFulfillmentTracking,
  type FulfillmentOrderForShipment,
} from "~/shopify/fulfillments";
import { performOnce } from "~/services/exactly-once.server";
import type { JobServices } from "~/services/deps";
import { resolveTracking } from "~/domain/tracking/carriers";
import { replayUnmatchedEvents } from "./events.server";
import { pickLines } from "./lines";
import { publishOrderStatus, syncShipment } from "./sync.server";

const FoId = z.string().startsWith("gid://shopify/FulfillmentOrder/");

/** What a supplier declares for one shipment. Omitted `lines` = everything still to ship. */
export const SupplierShipmentInput = z
  .object({
    supplierId: z.string().min(1),
    orderId: z.string().startsWith("gid://shopify/Order/").optional(),
    fulfillmentOrderIds: z.array(FoId).min(1).optional(),
    lines: z
      .array(
        z
          .object({ fulfillmentOrderLineItemId: z.string().optional(), sku: z.string().trim().min(1).optional(), quantity: z.number().int().positive() })
          .refine((l) => l.fulfillmentOrderLineItemId || l.sku, "Name each line by its line id or SKU."),
      )
      .optional(),
    trackingNumbers: z.array(z.string().trim().min(1)).min(1, "Enter at least one tracking number."),
    carrier: z.string().trim().max(80).optional(),
    url: z.url({ protocol: /^https?$/ }).optional(),
    source: z.enum(["portal", "api", "csv", "admin"]).default("api"),
  })
  .refine((s) => s.orderId || s.fulfillmentOrderIds, "Say which order (orderId) or fulfillment orders this shipment is for.");
export type SupplierShipmentInput = z.input<typeof SupplierShipmentInput>;

/** A recorded shipment and the message the supplier sees (`replay` when it was recorded before). */
export interface RecordedShipment {
  readonly shipment: ShipmentRecord;
  readonly replay: boolean;
  readonly queued: boolean;
  readonly message: string;
}

export type IntakeResult = Result<RecordedShipment, Refusal>;

const refuse = (status: number, reason: string): IntakeResult => fail(refusal(status, reason));

function dedupeKey(input: z.output<typeof SupplierShipmentInput>, numbers: readonly string[]): string {
  const basis = JSON.stringify([
    input.supplierId,
    input.orderId ?? null,
    [...(input.fulfillmentOrderIds ?? [])].sort(),
    input.lines ?? null,
    [...numbers].sort(),
  ]);
  return createHash("sha256").update(basis).digest("hex").slice(0, 32);
}

/** The supplier's fulfillment orders (by id, or its purchase orders for the order), checked to be its own. */
async function supplierFulfillmentOrders(services: JobServices, shop: string, input: z.output<typeof SupplierShipmentInput>, locationId: string | null) {
  const pos = await services.db.purchaseOrder.findMany({
    where: {
      shop,
      supplierId: input.supplierId,
      ...(input.fulfillmentOrderIds ? { fulfillmentOrderId: { in: input.fulfillmentOrderIds } } : { orderId: input.orderId }),
    },
    orderBy: { createdAt: "asc" },
  });
  const ids = input.fulfillmentOrderIds ?? pos.map((p) => p.fulfillmentOrderId);
  if (ids.length === 0) return { error: "No purchase order of yours for this order." };
  const known = locationId ? await fromOwnRecords(services, shop, ids, pos.map(toPurchaseOrder), locationId, input.orderId) : null;
  if (known) return { fos: known, po: pos[0] ?? null };
  const client = await services.adminFor(shop);
  const fos: FulfillmentOrderForShipment[] = [];
  for (const id of ids) {
    const fo = await fetchFulfillmentOrderForShipment(client, id);
    // Another supplier's fulfillment order looks exactly like a missing one.
    if (!fo || !locationId || fo.assignedLocation.location?.id !== locationId) return { error: `Fulfillment order ${id} is not assigned to you.` };
    if (input.orderId && fo.order.id !== input.orderId) return { error: `Fulfillment order ${id} belongs to another order.` };
    fos.push(fo);
  }
  return { fos, po: pos[0] ?? null };
}

/**
 * The fulfillment orders as Dropline's own records describe them, when those are the whole truth:
 * each is this supplier's accepted purchase order whose fulfillment request Dropline submitted.
 * Dropline is the fulfillment service holding such a fulfillment order, so nobody else ships from
 * it or moves it (a cancellation comes as a request the supplier answers; if Shopify refuses the
 * fulfillment all the same, that refusal is the supplier's answer, as on the read path): what
 * is left to ship is what the purchase order asked for minus what Dropline's shipments took, and
 * the customer notification is the one Dropline's request carried. Lines are named as the
 * supplier's purchase order names them. Null: read Shopify instead.
 */
async function fromOwnRecords(
  services: JobServices,
  shop: string,
  ids: readonly string[],
  pos: readonly PurchaseOrderRecord[],
  locationId: string,
  orderId: string | undefined,
): Promise<FulfillmentOrderForShipment[] | null> {
  const byFo = new Map(pos.map((po) => [po.fulfillmentOrderId, po]));
  const chosen: PurchaseOrderRecord[] = [];
  for (const id of ids) {
    const po = byFo.get(id);
    if (!po || po.status !== "accepted" || (orderId && po.orderId !== orderId)) return null;
    if (!(await isOwnChange(services.db, shop, { kind: "purchase_order_request", purchaseOrderId: po.id }, services.now(), { ever: true }))) return null;
    chosen.push(po);
  }
  const shipped = new Map<string, number>();
  for (const orderOf of new Set(chosen.map((po) => po.orderId))) {
    for (const s of await listOrderShipments(services.db, shop, orderOf)) {
      if (s.syncStatus === "failed") continue;
      for (const l of s.lines) shipped.set(l.fulfillmentOrderLineItemId, (shipped.get(l.fulfillmentOrderLineItemId) ?? 0) + l.quantity);
    }
  }
  return chosen.map((po) => ({
    id: po.fulfillmentOrderId,
    status: "IN_PROGRESS",
    assignedLocation: { location: { id: locationId } },
    order: { id: po.orderId, name: po.orderName },
    lineItems: {
      nodes: po.lines.map((l) => ({
        id: l.fulfillmentOrderLineItemId,
        totalQuantity: l.quantity,
        remainingQuantity: Math.max(0, l.quantity - (shipped.get(l.fulfillmentOrderLineItemId) ?? 0)),
        sku: l.sku || null,
        productTitle: l.title,
        lineItem: { id: l.lineItemId },
      })),
    },
    merchantRequests: { nodes: [{ requestOptions: { notify_customer: SUBMITTED_REQUEST_NOTIFIES_CUSTOMER } }] },
  }));
}

async function promiseFor(services: JobServices, shop: string, orderId: string, supplierId: string) {
  const decision = await latestDecision(services.db, shop, orderId);
  const assignment = decision?.decision.assignments.find((a) => a.supplierId === supplierId);
  if (!assignment) return null;
  // Routing dates the promise in the destination's zone when it knows it (as checkout does).
  const destinationZone = decision?.request.order.destinationTimeZone;
  const timeZone = destinationZone ?? (await loadRoutingPolicy(services.db, shop)).timeZone;
  return { earliest: assignment.promise.earliest, latest: assignment.promise.latest, timeZone };
}

/**
 * Records what a supplier shipped and creates the Shopify fulfillment (tracking, lines, and the
 * customer notification the merchant's fulfillment request asked for). Replaying the same
 * declaration returns the same shipment; a failed sync is retried by the replay.
 */
export async function recordSupplierShipment(services: JobServices, shop: string, raw: unknown): Promise<IntakeResult> {
  const parsed = SupplierShipmentInput.safeParse(raw);
  if (!parsed.success) return refuse(400, parsed.error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; "));
  const input = parsed.data;
  const tracking = resolveTracking({ numbers: input.trackingNumbers, carrier: input.carrier ?? null, url: input.url ?? null });
  if (!tracking.ok) return refuse(400, tracking.failure.message);
  const key = dedupeKey(input, tracking.value.numbers);
  const earlier = await services.db.shipment.findUnique({ where: { shop_dedupeKey: { shop, dedupeKey: key } } });
  if (earlier) return finish(services, shop, earlier.id, true);

  const supplier = await getSupplier(services.db, shop, input.supplierId);
  if (!supplier) return refuse(404, "Unknown supplier.");
  const found = await supplierFulfillmentOrders(services, shop, input, supplier.locationId);
  if ("error" in found) return refuse(404, found.error as string);
  const picked = pickLines(found.fos, input.lines);
  if (!picked.ok) return refuse(409, picked.failure.message);
  const used = await numbersInUse(services.db, shop, tracking.value.numbers);
  if (used.length > 0)
    return refuse(409, `Tracking number ${used.map((p) => p.trackingNumber).join(", ")} is already on another shipment; correct that shipment instead.`);

  const first = found.fos[0]!;
  const { shipment } = await createShipment(services.db, shop, {
    orderId: first.order.id,
    orderName: first.order.name,
    supplierId: supplier.id,
    purchaseOrderId: found.po?.id ?? null,
    lines: picked.value,
    carrier: tracking.value.company,
    trackingNumbers: tracking.value.numbers,
    trackingUrls: tracking.value.urls,
    dedupeKey: key,
    source: input.source,
    notifyCustomer: requestedNotifyCustomer(first) ?? true,
    acknowledgedAt: found.po?.acknowledgedAt ?? null,
    promise: await promiseFor(services, shop, first.order.id, supplier.id),
    at: services.now(),
  });
  await replayUnmatchedEvents(services, shop, tracking.value.numbers);
  return finish(services, shop, shipment.id, false);
}

async function finish(services: JobServices, shop: string, shipmentId: string, replay: boolean): Promise<IntakeResult> {
  const synced = await syncShipment(services, shop, shipmentId);
  if (!synced.ok) return refuse(409, synced.failure.message);
  const { shipment, queued } = synced.value;
  const numbers = shipment.parcels.map((p) => p.trackingNumber).join(", ");
  const message = queued
    ? `Tracking ${numbers} recorded; Shopify is busy, it will be sent shortly.`
    : `${replay ? "Already recorded" : "Recorded"}: ${shipment.carrier} ${numbers}.`;
  return ok({ shipment, replay, queued, message });
}

/** Corrects a shipment's tracking (a mistyped number, another carrier) with fulfillmentTrackingInfoUpdate. */
export async function correctShipmentTracking(
  services: JobServices,
  shop: string,
  shipmentId: string,
  raw: { trackingNumbers: string[]; carrier?: string; url?: string },
): Promise<IntakeResult> {
  const shipment = await getShipment(services.db, shop, shipmentId);
  if (!shipment?.fulfillmentId) return refuse(404, "No fulfillment in Shopify for this shipment yet.");
  const tracking = resolveTracking({ numbers: raw.trackingNumbers, carrier: raw.carrier ?? shipment.carrier, url: raw.url ?? null });
  if (!tracking.ok) return refuse(400, tracking.failure.message);
  const { company, numbers, urls } = tracking.value;
  const clash = (await numbersInUse(services.db, shop, numbers)).filter((p) => p.shipmentId !== shipment.id);
  if (clash.length > 0) return refuse(409, `Tracking number ${clash[0]!.trackingNumber} is already on another shipment.`);
  const client = await services.adminFor(shop);
  const fulfillmentId = shipment.fulfillmentId;
  const info = { company, numbers, ...(urls.length ? { urls } : {}) };
  // A correction can email the customer again: once per correction, and a retry after a lost
  // answer first reads the fulfillment's tracking (each finished correction moves the key on).
  const base = `tracking_update:${shipment.id}`;
  const finished = await services.db.mutationIntent.count({ where: { shop, key: { startsWith: base }, status: { in: ["done", "failed"] } } });
  const outcome = await performOnce(
    services.db,
    services.now,
    { shop, key: `${base}#${finished}`, kind: "fulfillment_tracking_update", request: info },
    {
      async recover() {
        const f = await fetchFulfillmentForReconcile(client, fulfillmentId);
        const shown = new Set((f?.trackingInfo ?? []).map((t) => t.number ?? ""));
        return shown.size === numbers.length && numbers.every((n) => shown.has(n)) ? { fulfillmentId } : null;
      },
      async perform() {
        await updateFulfillmentTracking(client, fulfillmentId, info, shipment.notifyCustomer);
        return { fulfillmentId };
      },
    },
  );
  if (outcome.status === "failed") return refuse(409, `Shopify refused the correction: ${outcome.error}`);
  await replaceParcels(services, shop, shipment, { company, numbers, urls });
  await publishOrderStatus(services, shop, shipment.orderId);
  const updated = (await getShipment(services.db, shop, shipmentId))!;
  return ok({ shipment: updated, replay: false, queued: false, message: `Tracking corrected: ${company} ${numbers.join(", ")}.` });
}

/** Keeps the parcels whose number stays (with their events), adds new ones, drops the rest. */
export async function replaceParcels(
  services: JobServices,
  shop: string,
  shipment: ShipmentRecord,
  t: { company: string; numbers: readonly string[]; urls: readonly string[] },
) {
  await services.db.$transaction(async (tx) => {
    await tx.trackedParcel.deleteMany({ where: { shop, shipmentId: shipment.id, trackingNumber: { notIn: [...t.numbers] } } });
    const kept = new Set(shipment.parcels.map((p) => p.trackingNumber));
    for (const n of t.numbers.filter((x) => !kept.has(x))) {
      await tx.trackedParcel.create({
        data: {
          shop,
          shipmentId: shipment.id,
          trackingNumber: n,
          carrier: t.company,
          stage: "label_created",
          state: JSON.stringify(newShipment(n, t.company)),
        },
      });
    }
    await tx.shipment.updateMany({ where: { shop, id: shipment.id }, data: { carrier: t.company, trackingUrls: JSON.stringify(t.urls) } });
  });
  await replayUnmatchedEvents(services, shop, t.numbers);
}
