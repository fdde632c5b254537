/**
 * Carrier events: stored on arrival (whatever becomes of them, nothing is lost), then folded
 * into the parcel's state by a job — the stage never goes back — and, when the shipment's stage
 * changes, posted to Shopify as a fulfillment event. A delay also fires the merchant's Flow.
 */
import { z } from "zod";
import {
  applyEvent,
  combineParcelStages,
  isExceptionStage,
  simplifyStatus,
  toFulfillmentEventStatus,
  type ShipmentState,
  type TrackingEvent,
} from "~/domain/tracking";
import { addOrderEvent } from "~/models/orders.server";
import { findParcel, getShipment, saveTracking, type ShipmentRecord } from "~/models/shipments.server";
import { createFulfillmentEvent, findFulfillmentEvent } from "~/shopify/fulfillments";
import { performOnce } from "~/services/exactly-once.server";
import type { JobServices } from "~/services/deps";
import type { JobWork } from "~/services/queue/job-queue";
import { normalizeTrackingNumber } from "~/domain/tracking/carriers";
import { carrierEventJob, exceptionSweepJob } from "~/services/queue/tracking";
import { delayCheckJob } from "~/services/queue/notices";
import { publishOrderStatus } from "./sync.server";

// The merchant's "Shipment delayed" Flow trigger fires from the delay check (with the new window).
export { DELAY_FLOW_TRIGGER } from "~/services/queue/notices";

/** The source of events taken from a Shopify fulfillment's `shipment_status` (fulfillments/update). */
export const SHOPIFY_EVENT_SOURCE = "shopify";

/** What became of one incoming event, for the sender's report. */
export interface EventReceipt {
  readonly trackingNumber: string;
  readonly outcome: "accepted" | "duplicate" | "unknown_shipment";
  readonly reason: string;
}

function dedupeKeyOf(e: TrackingEvent): string {
  if (e.eventId) return `id:${e.eventId}`;
  return `${normalizeTrackingNumber(e.trackingNumber)}|${simplifyStatus(e.status)}|${Date.parse(e.happenedAt)}`;
}

/** Stores each event once and queues its processing; replays and strangers are reported, not lost. */
export async function ingestCarrierEvents(services: JobServices, shop: string, events: readonly TrackingEvent[], source: string): Promise<EventReceipt[]> {
  const receipts: EventReceipt[] = [];
  for (const raw of events) {
    const event = { ...raw, trackingNumber: normalizeTrackingNumber(raw.trackingNumber) };
    const dedupeKey = dedupeKeyOf(event);
    const seen = await services.db.carrierEvent.findUnique({ where: { shop_dedupeKey: { shop, dedupeKey } } });
    if (seen) {
      receipts.push({ trackingNumber: event.trackingNumber, outcome: "duplicate", reason: `Already received (${seen.receivedAt.toISOString()}); ignored.` });
      continue;
    }
    const parcel = await findParcel(services.db, shop, event.trackingNumber);
    const row = await services.db.carrierEvent.create({
      data: {
        shop,
        dedupeKey,
        trackingNumber: event.trackingNumber,
        shipmentId: parcel?.shipmentId ?? null,
        payload: JSON.stringify(event),
        source,
        outcome: parcel ? "received" : "unknown_shipment",
        reason: parcel ? null : "No shipment has this tracking number yet; kept, and applied if one is recorded.",
        happenedAt: new Date(event.happenedAt),
        receivedAt: services.now(),
      },
    });
    if (parcel) {
      await services.queue.enqueue(carrierEventJob(shop, row.id, parcel.shipmentId, services.now()));
      receipts.push({ trackingNumber: event.trackingNumber, outcome: "accepted", reason: "Queued." });
    } else {
      receipts.push({ trackingNumber: event.trackingNumber, outcome: "unknown_shipment", reason: row.reason ?? "" });
    }
  }
  return receipts;
}

/** Events that arrived before their shipment was recorded get their turn now. */
export async function replayUnmatchedEvents(services: JobServices, shop: string, numbers: readonly string[]): Promise<void> {
  const waiting = await services.db.carrierEvent.findMany({
    where: { shop, outcome: "unknown_shipment", trackingNumber: { in: [...numbers] } },
    orderBy: { happenedAt: "asc" },
  });
  for (const e of waiting) {
    const parcel = await findParcel(services.db, shop, e.trackingNumber);
    if (!parcel) continue;
    await services.db.carrierEvent.update({ where: { id: e.id }, data: { outcome: "received", reason: null, shipmentId: parcel.shipmentId } });
    await services.queue.enqueue(carrierEventJob(shop, e.id, parcel.shipmentId, services.now()));
  }
}

/** Newest estimate among the parcels (a date or an instant, as the carrier gave it). */
function latestEstimate(states: readonly ShipmentState[]): string | null {
  const withEstimate = states.filter((s) => s.estimatedDeliveryAt).sort((a, b) => (a.lastScanAtMs ?? 0) - (b.lastScanAtMs ?? 0));
  return withEstimate.at(-1)?.estimatedDeliveryAt ?? null;
}

const asInstant = (estimate: string | null): string | null => (estimate && /^\d{4}-\d{2}-\d{2}$/.test(estimate) ? `${estimate}T00:00:00Z` : estimate);

/**
 * Posts the shipment's new stage to Shopify as a fulfillment event, exactly once per stage change:
 * the intent (keyed by the carrier event that changed the stage) is recorded first, and a retry
 * — the answer was lost, or we died before saving the stage — looks for the fulfillment's event
 * with that status and time before posting again.
 */
async function postToShopify(
  services: JobServices,
  shop: string,
  carrierEventId: string,
  shipment: ShipmentRecord,
  event: TrackingEvent,
  stage: ShipmentRecord["stage"],
  estimate: string | null,
): Promise<string | null> {
  const fulfillmentId = shipment.fulfillmentId;
  if (!fulfillmentId) return null;
  const client = await services.adminFor(shop);
  const status = toFulfillmentEventStatus(stage);
  const input = {
    fulfillmentId,
    status,
    happenedAt: event.happenedAt,
    estimatedDeliveryAt: asInstant(estimate),
    message: event.description ?? event.status,
    city: event.location?.city ?? null,
    province: event.location?.province ?? null,
    country: event.location?.country ?? null,
    zip: event.location?.zip ?? null,
  };
  const outcome = await performOnce<string | null>(
    services.db,
    services.now,
    { shop, key: `fulfillment_event:${fulfillmentId}:${carrierEventId}`, kind: "fulfillment_event", request: input },
    { recover: () => findFulfillmentEvent(client, fulfillmentId, status, event.happenedAt), perform: () => createFulfillmentEvent(client, input) },
  );
  if (outcome.status === "failed") return null;
  return outcome.result;
}

const Payload = z.object({ carrierEventId: z.string().min(1) });

/** Applies one stored event. Safe to re-run: a processed event is left alone. */
export async function processCarrierEvent(services: JobServices, shop: string, carrierEventId: string): Promise<void> {
  const row = await services.db.carrierEvent.findFirst({ where: { shop, id: carrierEventId } });
  if (!row || row.outcome !== "received") return;
  const event = JSON.parse(row.payload) as TrackingEvent;
  const parcel = await findParcel(services.db, shop, row.trackingNumber);
  const shipment = parcel ? await getShipment(services.db, shop, parcel.shipmentId) : null;
  if (!parcel || !shipment) {
    await services.db.carrierEvent.update({
      where: { id: row.id },
      data: { outcome: "unknown_shipment", reason: "The shipment for this number is gone (corrected tracking)." },
    });
    return;
  }
  const result = applyEvent(parcel.state, event);
  const states = shipment.parcels.map((p) => (p.id === parcel.id ? result.state : p.state));
  const stage = combineParcelStages(states.map((s) => s.stage));
  const estimate = latestEstimate(states);
  const changed = stage !== shipment.stage;
  // Progress Shopify reported (a fulfillment made outside Dropline) is Shopify's already: never posted back.
  const fulfillmentEventId =
    changed && row.source !== SHOPIFY_EVENT_SOURCE ? await postToShopify(services, shop, row.id, shipment, event, stage, estimate) : null;
  const scans = states.map((s) => s.lastScanAtMs ?? 0);
  await services.db.$transaction(async (tx) => {
    await saveTracking(
      tx,
      shop,
      { id: parcel.id, state: result.state },
      { id: shipment.id, stage, lastScanAt: Math.max(...scans) > 0 ? new Date(Math.max(...scans)) : null, estimatedDeliveryAt: estimate },
    );
    const applied = result.outcome !== "duplicate" && result.outcome !== "wrong_shipment";
    await tx.carrierEvent.update({
      where: { id: row.id },
      data: { outcome: applied ? "applied" : "ignored", reason: `${result.outcome}: ${result.reason}`, stage, processedAt: services.now(), fulfillmentEventId },
    });
    if (changed) {
      await addOrderEvent(tx, {
        shop,
        orderId: shipment.orderId,
        kind: "shipment_stage",
        detail: `${row.trackingNumber}: ${shipment.stage} → ${stage}`,
        at: new Date(event.happenedAt),
        dedupeKey: `shipment_stage:${shipment.id}:${stage}:${row.id}`,
      });
    }
  });
  if (changed) await publishOrderStatus(services, shop, shipment.orderId);
  // A stage that is news on its own (delayed, failed attempt, returned, lost) opens its case now, not at the next periodic sweep.
  if (changed && isExceptionStage(stage)) await services.queue.enqueue(exceptionSweepJob(shop, services.now(), `stage:${shipment.id}:${row.id}`));
  // A carrier delay: the customer hears the new window (and the merchant's Flow fires with it).
  if (changed && stage === "delayed") {
    const hint = { trackingNumber: row.trackingNumber, carrier: shipment.carrier, orderName: shipment.orderName };
    await services.queue.enqueue(delayCheckJob(shop, shipment.orderId, `carrier:${row.id}`, services.now(), { shipmentDelayed: hint }));
  }
}

export function carrierEventWork(services: JobServices): JobWork {
  return {
    async perform(job) {
      await processCarrierEvent(services, job.shop, Payload.parse(job.payload).carrierEventId);
    },
  };
}
