/**
 * Promise publishing state, scoped by shop: the carrier holidays the merchant sets (published as the
 * shop's `$app.calendar`) and what was last written to each `$app` metafield, with its hash.
 */
import type { PrismaClient } from "@prisma/client";
import { z } from "zod";
import { decodePromiseData, type SupplierPromiseData } from "~/domain/promise";

/** Metafield keys, as declared in extensions/delivery-promise/shopify.extension.toml. */
export const PROMISE_KEY = "promise";
export const CALENDAR_KEY = "calendar";

export interface PublishedValue {
  readonly ownerId: string;
  readonly key: string;
  readonly hash: string;
  readonly value: string;
  readonly publishedAt: Date;
}

const Dates = z.array(z.string());

/** The shop's carrier non-delivery dates (none until the merchant sets some). */
export async function loadCarrierHolidays(db: PrismaClient, shop: string): Promise<string[]> {
  const row = await db.promiseSettings.findUnique({ where: { shop } });
  return row ? Dates.parse(JSON.parse(row.carrierHolidays)) : [];
}

/** Saves validated carrier holidays. */
export async function saveCarrierHolidays(db: PrismaClient, shop: string, dates: readonly string[]): Promise<void> {
  const json = JSON.stringify(dates);
  await db.promiseSettings.upsert({ where: { shop }, create: { shop, carrierHolidays: json }, update: { carrierHolidays: json } });
}

const CountryDates = z.record(z.string().regex(/^[A-Z]{2}$/), z.array(z.string()));

/** Carrier non-delivery dates of single destination countries (none until the merchant sets some). */
export async function loadCarrierHolidaysByCountry(db: PrismaClient, shop: string): Promise<Record<string, string[]>> {
  const row = await db.promiseSettings.findUnique({ where: { shop }, select: { carrierHolidaysByCountry: true } });
  return row ? CountryDates.parse(JSON.parse(row.carrierHolidaysByCountry)) : {};
}

/** Saves validated per-country carrier holidays. */
export async function saveCarrierHolidaysByCountry(db: PrismaClient, shop: string, byCountry: Readonly<Record<string, readonly string[]>>): Promise<void> {
  const json = JSON.stringify(byCountry);
  await db.promiseSettings.upsert({ where: { shop }, create: { shop, carrierHolidaysByCountry: json }, update: { carrierHolidaysByCountry: json } });
}

/** The confidences a merchant can choose, in percent. */
export const CONFIDENCE_PERCENTS = [90, 95, 97, 99] as const;

/** The shop's chosen promise confidence as a share (0.97 until the merchant chooses). */
export async function loadPromiseConfidence(db: PrismaClient, shop: string): Promise<number> {
  const row = await db.promiseSettings.findUnique({ where: { shop }, select: { confidence: true } });
  const percent = row?.confidence ?? 97;
  return (CONFIDENCE_PERCENTS as readonly number[]).includes(percent) ? percent / 100 : 0.97;
}

/** Saves the chosen confidence (one of `CONFIDENCE_PERCENTS`). */
export async function savePromiseConfidence(db: PrismaClient, shop: string, percent: (typeof CONFIDENCE_PERCENTS)[number]): Promise<void> {
  await db.promiseSettings.upsert({ where: { shop }, create: { shop, confidence: percent }, update: { confidence: percent } });
}

/** Everything last published for the shop (variant values and the shop calendar). */
export async function publishedValues(db: PrismaClient, shop: string): Promise<PublishedValue[]> {
  return db.publishedPromise.findMany({ where: { shop }, orderBy: [{ key: "asc" }, { ownerId: "asc" }] });
}

/** Records values Shopify accepted. */
export async function recordPublished(db: PrismaClient, shop: string, values: readonly Omit<PublishedValue, "publishedAt">[], now: Date): Promise<void> {
  if (values.length === 0) return;
  await db.$transaction(
    values.map((v) =>
      db.publishedPromise.upsert({
        where: { shop_ownerId_key: { shop, ownerId: v.ownerId, key: v.key } },
        create: { shop, ...v, publishedAt: now },
        update: { hash: v.hash, value: v.value, publishedAt: now },
      }),
    ),
  );
}

/** Forgets values deleted from Shopify. */
export async function forgetPublished(db: PrismaClient, shop: string, key: string, ownerIds: readonly string[]): Promise<void> {
  if (ownerIds.length === 0) return;
  await db.publishedPromise.deleteMany({ where: { shop, key, ownerId: { in: [...ownerIds] } } });
}

/** Purchase orders sent and not acknowledged yet (the promise's backlog signal), oldest first. */
export async function unacknowledgedPurchaseOrders(db: PrismaClient, shop: string): Promise<{ supplierId: string; sentAt: Date }[]> {
  const rows = await db.purchaseOrder.findMany({
    where: { shop, status: "sent", acknowledgedAt: null, sentAt: { not: null } },
    select: { supplierId: true, sentAt: true },
    orderBy: { sentAt: "asc" },
    take: 5000,
  });
  return rows.flatMap((r) => (r.sentAt ? [{ supplierId: r.supplierId, sentAt: r.sentAt }] : []));
}

/** Purchase-order statuses that mean "sent to the supplier, not shipped yet" (acknowledged or not). */
export const OPEN_PURCHASE_ORDER_STATUSES = ["sent", "accepted"] as const;

/** Open purchase orders looked at per publish: enough for any real backlog, bounded for big shops. */
export const OPEN_PURCHASE_ORDERS_TAKE = 5000;

/**
 * Days an open purchase order still describes the queue a new order joins. Older ones are stuck
 * cases the escalation ladder re-routes or cancels (and tells the customer about); counted as
 * handling "so far", one forgotten order would hold every future promise of its supplier hostage.
 */
export const OPEN_PURCHASE_ORDER_MAX_AGE_DAYS = 30;

/**
 * The shop's open purchase orders (sent or acknowledged, nothing shipped yet, sent within
 * `OPEN_PURCHASE_ORDER_MAX_AGE_DAYS` of `now`), each with its supplier and when its order was
 * placed (the handling clock's start), oldest first. A purchase order that already has a shipment
 * is left out: the shipment is in the delivery history.
 */
export async function openPurchaseOrders(db: PrismaClient, shop: string, now: Date): Promise<{ supplierId: string; orderedAtMs: number }[]> {
  const since = new Date(now.getTime() - OPEN_PURCHASE_ORDER_MAX_AGE_DAYS * 86_400_000);
  const rows = await db.purchaseOrder.findMany({
    where: { shop, status: { in: [...OPEN_PURCHASE_ORDER_STATUSES] }, sentAt: { not: null, gte: since, lte: now } },
    select: { id: true, orderId: true, supplierId: true, sentAt: true, createdAt: true },
    orderBy: { createdAt: "asc" },
    take: OPEN_PURCHASE_ORDERS_TAKE,
  });
  if (rows.length === 0) return [];
  const [shipped, orders] = await Promise.all([
    db.shipment.findMany({ where: { shop, purchaseOrderId: { in: rows.map((r) => r.id) } }, select: { purchaseOrderId: true } }),
    db.order.findMany({ where: { shop, id: { in: [...new Set(rows.map((r) => r.orderId))] } }, select: { id: true, placedAt: true } }),
  ]);
  const hasShipment = new Set(shipped.map((s) => s.purchaseOrderId));
  const placedAt = new Map(orders.map((o) => [o.id, o.placedAt.getTime()]));
  return rows.filter((r) => !hasShipment.has(r.id)).map((r) => ({ supplierId: r.supplierId, orderedAtMs: placedAt.get(r.orderId) ?? r.createdAt.getTime() }));
}

/**
 * Each supplier's entry in the promise data last published for these variants (what checkout
 * computes windows from), by supplier id. A supplier's entry is the same for every variant it
 * serves; the first readable one is taken.
 */
export async function publishedSupplierPromises(db: PrismaClient, shop: string, variantIds: readonly string[]): Promise<Map<string, SupplierPromiseData>> {
  if (variantIds.length === 0) return new Map();
  const rows = await db.publishedPromise.findMany({ where: { shop, key: PROMISE_KEY, ownerId: { in: [...variantIds] } }, select: { value: true } });
  const bySupplier = new Map<string, SupplierPromiseData>();
  for (const row of rows) {
    for (const supplier of decodePromiseData(row.value)?.suppliers ?? []) {
      if (supplier.id && !bySupplier.has(supplier.id)) bySupplier.set(supplier.id, supplier);
    }
  }
  return bySupplier;
}
