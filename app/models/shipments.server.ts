/**
 * Shipments (one per Shopify fulfillment), their tracked parcels (one per tracking number), the
 * carrier events received and the per-shop tracking settings. Every query is scoped by shop.
 */
import { randomBytes } from "node:crypto";
import type { Prisma, PrismaClient, Shipment as ShipmentRow, TrackedParcel as ParcelRow } from "@prisma/client";
import { newShipment, type ShipmentState, type TrackingStage } from "~/domain/tracking";

type Db = PrismaClient | Prisma.TransactionClient;

/** One fulfillment order line in a shipment. */
export interface ShipmentLine {
  readonly fulfillmentOrderId: string;
  readonly fulfillmentOrderLineItemId: string;
  readonly lineItemId: string;
  readonly sku: string | null;
  readonly title: string;
  readonly quantity: number;
}

/** pending → synced (or failed when Shopify refused); cancelled when the fulfillment was cancelled in Shopify. */
export type SyncStatus = "pending" | "synced" | "failed" | "cancelled";

/** The source of a shipment recorded from a fulfillment made outside Dropline (Shopify admin, another app). */
export const OUTSIDE_SOURCE = "shopify";

/** Statuses of shipments that are not (or no longer) a parcel on its way to the customer. */
export const NOT_SHIPPING: readonly SyncStatus[] = ["failed", "cancelled"];

export interface ShipmentRecord extends Omit<ShipmentRow, "fulfillmentOrderIds" | "lines" | "trackingUrls" | "stage" | "syncStatus"> {
  readonly fulfillmentOrderIds: string[];
  readonly lines: ShipmentLine[];
  readonly trackingUrls: string[];
  readonly stage: TrackingStage;
  readonly syncStatus: SyncStatus;
  readonly parcels: ParcelRecord[];
}

export interface ParcelRecord extends Omit<ParcelRow, "state" | "stage"> {
  readonly stage: TrackingStage;
  readonly state: ShipmentState;
}

export function toParcel(row: ParcelRow): ParcelRecord {
  return { ...row, stage: row.stage as TrackingStage, state: JSON.parse(row.state) as ShipmentState };
}

export function toShipment(row: ShipmentRow & { parcels?: ParcelRow[] }): ShipmentRecord {
  return {
    ...row,
    fulfillmentOrderIds: JSON.parse(row.fulfillmentOrderIds) as string[],
    lines: JSON.parse(row.lines) as ShipmentLine[],
    trackingUrls: JSON.parse(row.trackingUrls) as string[],
    stage: row.stage as TrackingStage,
    syncStatus: row.syncStatus as SyncStatus,
    parcels: (row.parcels ?? []).map(toParcel),
  };
}

export interface NewShipment {
  readonly orderId: string;
  readonly orderName: string | null;
  readonly supplierId: string | null;
  readonly purchaseOrderId: string | null;
  readonly lines: readonly ShipmentLine[];
  /** Null for a fulfillment marked done in Shopify without tracking. */
  readonly carrier: string | null;
  readonly trackingNumbers: readonly string[];
  readonly trackingUrls: readonly string[];
  readonly dedupeKey: string;
  readonly source: string;
  readonly notifyCustomer: boolean;
  readonly acknowledgedAt: Date | null;
  readonly promise: { earliest: string; latest: string; timeZone: string } | null;
  readonly at: Date;
  /** A fulfillment that already exists in Shopify (made outside Dropline): recorded as synced. */
  readonly fulfillmentId?: string;
}

/** Creates the shipment and its parcels, or returns the one already recorded under the same key. */
export async function createShipment(db: PrismaClient, shop: string, s: NewShipment): Promise<{ shipment: ShipmentRecord; created: boolean }> {
  const existing = await db.shipment.findUnique({ where: { shop_dedupeKey: { shop, dedupeKey: s.dedupeKey } }, include: { parcels: true } });
  if (existing) return { shipment: toShipment(existing), created: false };
  const row = await db.shipment.create({
    data: {
      shop,
      orderId: s.orderId,
      orderName: s.orderName,
      supplierId: s.supplierId,
      purchaseOrderId: s.purchaseOrderId,
      fulfillmentOrderIds: JSON.stringify([...new Set(s.lines.map((l) => l.fulfillmentOrderId))]),
      lines: JSON.stringify(s.lines),
      carrier: s.carrier,
      trackingUrls: JSON.stringify(s.trackingUrls),
      dedupeKey: s.dedupeKey,
      source: s.source,
      notifyCustomer: s.notifyCustomer,
      acknowledgedAt: s.acknowledgedAt,
      labelCreatedAt: s.at,
      createdAt: s.at,
      promisedEarliest: s.promise?.earliest ?? null,
      promisedLatest: s.promise?.latest ?? null,
      promiseTimeZone: s.promise?.timeZone ?? null,
      ...(s.fulfillmentId ? { fulfillmentId: s.fulfillmentId, syncStatus: "synced", syncedAt: s.at } : {}),
      parcels: {
        create: s.trackingNumbers.map((n) => ({
          shop,
          trackingNumber: n,
          carrier: s.carrier,
          stage: "label_created",
          state: JSON.stringify(newShipment(n, s.carrier ?? undefined)),
        })),
      },
    },
    include: { parcels: true },
  });
  return { shipment: toShipment(row), created: true };
}

export async function getShipment(db: Db, shop: string, id: string): Promise<ShipmentRecord | null> {
  const row = await db.shipment.findFirst({ where: { shop, id }, include: { parcels: true } });
  return row ? toShipment(row) : null;
}

export async function listOrderShipments(db: Db, shop: string, orderId: string): Promise<ShipmentRecord[]> {
  const rows = await db.shipment.findMany({ where: { shop, orderId }, include: { parcels: true }, orderBy: { createdAt: "asc" } });
  return rows.map(toShipment);
}

/** Tracking numbers of `numbers` already used by a shipment of this shop. */
export async function numbersInUse(db: Db, shop: string, numbers: readonly string[]): Promise<ParcelRecord[]> {
  const rows = await db.trackedParcel.findMany({ where: { shop, trackingNumber: { in: [...numbers] } } });
  return rows.map(toParcel);
}

export async function findParcel(db: Db, shop: string, trackingNumber: string): Promise<ParcelRecord | null> {
  const row = await db.trackedParcel.findUnique({ where: { shop_trackingNumber: { shop, trackingNumber } } });
  return row ? toParcel(row) : null;
}

export async function markShipmentSynced(
  db: Db,
  shop: string,
  id: string,
  data: { fulfillmentId: string; syncedAt: Date; latencyMs: number | null },
): Promise<void> {
  await db.shipment.updateMany({
    where: { shop, id },
    data: { syncStatus: "synced", syncError: null, fulfillmentId: data.fulfillmentId, syncedAt: data.syncedAt, trackingLatencyMs: data.latencyMs },
  });
}

/**
 * The shipment Dropline holds for a Shopify fulfillment: by the fulfillment id stored once it was
 * created, else by one of its tracking numbers (our own fulfillment whose id is not stored yet).
 */
export async function shipmentForFulfillment(db: Db, shop: string, fulfillmentId: string, trackingNumbers: readonly string[]): Promise<ShipmentRecord | null> {
  const byId = await db.shipment.findFirst({ where: { shop, fulfillmentId }, include: { parcels: true } });
  if (byId) return toShipment(byId);
  if (trackingNumbers.length === 0) return null;
  const parcel = await db.trackedParcel.findFirst({ where: { shop, trackingNumber: { in: [...trackingNumbers] } } });
  return parcel ? getShipment(db, shop, parcel.shipmentId) : null;
}

/** The fulfillment was cancelled in Shopify: the shipment stops counting (compare-and-set; true once). */
export async function markShipmentCancelled(db: Db, shop: string, id: string, reason: string): Promise<boolean> {
  const { count } = await db.shipment.updateMany({
    where: { shop, id, syncStatus: { not: "cancelled" } },
    data: { syncStatus: "cancelled", syncError: reason },
  });
  return count === 1;
}

export async function markShipmentFailed(db: Db, shop: string, id: string, error: string): Promise<void> {
  await db.shipment.updateMany({ where: { shop, id }, data: { syncStatus: "failed", syncError: error } });
}

/** Saves one parcel's folded state and the shipment's combined stage and clocks. */
export async function saveTracking(
  db: Db,
  shop: string,
  parcel: { id: string; state: ShipmentState },
  shipment: { id: string; stage: TrackingStage; lastScanAt: Date | null; estimatedDeliveryAt: string | null },
): Promise<void> {
  await db.trackedParcel.updateMany({ where: { shop, id: parcel.id }, data: { state: JSON.stringify(parcel.state), stage: parcel.state.stage } });
  await db.shipment.updateMany({
    where: { shop, id: shipment.id },
    data: { stage: shipment.stage, lastScanAt: shipment.lastScanAt, estimatedDeliveryAt: shipment.estimatedDeliveryAt },
  });
}

/** The shop's tracking settings, created with a fresh carrier-event secret on first use. */
export async function trackingSettings(db: PrismaClient, shop: string) {
  const existing = await db.trackingSettings.findUnique({ where: { shop } });
  if (existing) return existing;
  return db.trackingSettings.upsert({ where: { shop }, create: { shop, carrierEventSecret: randomBytes(24).toString("base64url") }, update: {} });
}

/** Replaces the carrier-event secret (the old one stops working at once). */
export async function rotateCarrierEventSecret(db: PrismaClient, shop: string) {
  await trackingSettings(db, shop);
  return db.trackingSettings.update({ where: { shop }, data: { carrierEventSecret: randomBytes(24).toString("base64url") } });
}
