/**
 * Everything Dropline holds about one customer (customers/data_request), read table by table for
 * their orders, and the data requests themselves. Scoped by shop.
 */
import { createHash } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { EXPORT_FORMAT, type CustomerExport, type ExportRecord, type ExportValue } from "~/domain/privacy/export";
import { customerGid, customerOrdersWhere } from "./customer-redaction.server";

export interface DataRequestSubject {
  readonly customerId: string;
  readonly email: string | null;
  readonly phone: string | null;
  readonly orderIds: readonly string[];
}

function json(value: string | null): ExportValue {
  if (value === null || value === "") return null;
  try {
    return JSON.parse(value) as ExportValue;
  } catch {
    return value;
  }
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The customer's data in every table that holds it (the same tables customers/redact erases). */
export async function collectCustomerData(db: PrismaClient, shop: string, who: DataRequestSubject, now: Date): Promise<CustomerExport> {
  // By customer id and the listed orders, and by email: a guest order with the customer's email is theirs too.
  const base = customerOrdersWhere(shop, who);
  const orders = await db.order.findMany({
    where: { shop, OR: [...(base.OR ?? []), ...(who.email ? [{ email: who.email }] : [])] },
    orderBy: { placedAt: "asc" },
  });
  const orderIds = orders.map((o) => o.id);
  const byOrder = { shop, orderId: { in: orderIds } };
  const [events, pos, shipments, cases, notices, contacts, suppliers] = await Promise.all([
    db.orderEvent.findMany({ where: byOrder, orderBy: { at: "asc" } }),
    db.purchaseOrder.findMany({ where: byOrder, orderBy: { createdAt: "asc" } }),
    db.shipment.findMany({ where: byOrder, orderBy: { createdAt: "asc" }, include: { parcels: true } }),
    db.exceptionCase.findMany({ where: byOrder, orderBy: { openedAt: "asc" } }),
    db.customerNotice.findMany({ where: byOrder, orderBy: { createdAt: "asc" } }),
    db.wismoContact.findMany({ where: byOrder, orderBy: { contactedAt: "asc" } }),
    db.supplier.findMany({ where: { shop }, select: { id: true, name: true } }),
  ]);
  const supplierName = new Map(suppliers.map((s) => [s.id, s.name]));
  const sections: Record<string, ExportRecord[]> = {
    orders: orders.map((o) => ({
      id: o.id,
      name: o.name,
      placedAt: o.placedAt.toISOString(),
      email: o.email,
      currencyCode: o.currencyCode,
      totalMinor: o.totalMinor,
      channel: o.channel,
      shippingMethod: o.shippingTitle,
      shipTo: json(o.shipTo),
      lines: json(o.lines),
      cancelledAt: iso(o.cancelledAt),
      cancelReason: o.cancelReason,
      redactedAt: iso(o.redactedAt),
    })),
    orderTimeline: events.map((e) => ({ orderId: e.orderId, kind: e.kind, detail: e.detail, at: e.at.toISOString() })),
    purchaseOrders: pos.map((p) => ({
      number: p.number,
      orderName: p.orderName,
      supplier: supplierName.get(p.supplierId) ?? "(deleted supplier)",
      status: p.status,
      shipTo: json(p.shipTo),
      notes: p.notes,
      lines: json(p.lines),
      shipBy: p.shipBy.toISOString(),
      committedShipAt: iso(p.committedShipAt),
      sentAt: iso(p.sentAt),
      closedAt: iso(p.closedAt),
    })),
    shipments: shipments.map((s) => ({
      orderName: s.orderName,
      carrier: s.carrier,
      trackingNumbers: s.parcels.map((p) => p.trackingNumber),
      trackingUrls: json(s.trackingUrls),
      stage: s.stage,
      labelCreatedAt: s.labelCreatedAt.toISOString(),
      lastScanAt: iso(s.lastScanAt),
      estimatedDeliveryAt: s.estimatedDeliveryAt,
    })),
    exceptionCases: cases.map((c) => ({
      orderName: c.orderName,
      type: c.type,
      status: c.status,
      openedReason: c.openedReason,
      resolutionNote: c.resolutionNote,
      openedAt: c.openedAt.toISOString(),
      closedAt: iso(c.closedAt),
    })),
    emailsSent: notices.map((n) => ({
      orderName: n.orderName,
      kind: n.kind,
      recipient: n.recipient,
      subject: n.subject,
      body: n.body,
      sentAt: iso(n.sentAt),
    })),
    contacts: contacts.map((c) => ({ orderName: c.orderName, contactedAt: c.contactedAt.toISOString(), channel: c.channel, source: c.source })),
  };
  return {
    format: EXPORT_FORMAT,
    shop,
    generatedAt: now.toISOString(),
    customer: { id: customerGid(who.customerId), email: who.email, phone: who.phone },
    recipients: [...new Set(pos.map((p) => supplierName.get(p.supplierId) ?? "(deleted supplier)"))].sort(),
    sections,
  };
}

/** A data request's id, derived from Shopify's event so a redelivery or a retry finds the same row. */
export function dataRequestId(shop: string, eventId: string): string {
  return `dr_${createHash("sha256").update(`${shop}\n${eventId}`).digest("hex").slice(0, 24)}`;
}

/** Records the request (pending) unless it is recorded already; returns its id. */
export async function recordDataRequest(
  db: PrismaClient,
  shop: string,
  eventId: string,
  request: DataRequestSubject & { shopifyRequestId: string | null },
): Promise<string> {
  const id = dataRequestId(shop, eventId);
  const ordersFound = await db.order.count({ where: customerOrdersWhere(shop, request) });
  await db.dataRequest.upsert({
    where: { id },
    create: { id, shop, customerId: customerGid(request.customerId), email: request.email, ordersFound, shopifyRequestId: request.shopifyRequestId },
    update: {},
  });
  return id;
}

/** Stores the export and marks the request ready (not a request redacted meanwhile). */
export async function storeExport(db: PrismaClient, shop: string, id: string, data: CustomerExport, now: Date): Promise<boolean> {
  const ordersFound = data.sections.orders?.length ?? 0;
  const { count } = await db.dataRequest.updateMany({
    where: { shop, id, status: { not: "redacted" } },
    data: { export: JSON.stringify(data), status: "ready", readyAt: now, ordersFound },
  });
  return count === 1;
}

export async function listDataRequests(db: PrismaClient, shop: string, take = 100) {
  return db.dataRequest.findMany({
    where: { shop },
    orderBy: { requestedAt: "desc" },
    take,
    select: {
      id: true,
      customerId: true,
      email: true,
      ordersFound: true,
      status: true,
      requestedAt: true,
      readyAt: true,
      downloadedAt: true,
      shopifyRequestId: true,
    },
  });
}

/** The stored export of one request of the shop, or null (none, not ready, or redacted). */
export async function dataRequestExport(db: PrismaClient, shop: string, id: string): Promise<CustomerExport | null> {
  const row = await db.dataRequest.findFirst({ where: { shop, id, status: "ready" }, select: { export: true } });
  return row?.export ? (JSON.parse(row.export) as CustomerExport) : null;
}

export async function markExportDownloaded(db: PrismaClient, shop: string, id: string, now: Date): Promise<void> {
  await db.dataRequest.updateMany({ where: { shop, id }, data: { downloadedAt: now } });
}

/** The compliance topics: a payload of theirs that fails validation must reach the merchant. */
export const COMPLIANCE_TOPICS = ["customers/data_request", "customers/redact", "shop/redact"] as const;

/** Compliance webhooks whose job dead-lettered (e.g. a payload that failed validation), newest first. */
export async function failedComplianceWebhooks(db: PrismaClient, shop: string, take = 50) {
  const events = await db.webhookEvent.findMany({
    where: { shop, topic: { in: [...COMPLIANCE_TOPICS] } },
    orderBy: { receivedAt: "desc" },
    take: 500,
    select: { eventId: true, topic: true, receivedAt: true },
  });
  const keyOf = (eventId: string) => `webhook:${shop}:${eventId}`;
  const dead = await db.job.findMany({
    where: { shop, status: "dead", dedupeKey: { in: events.map((e) => keyOf(e.eventId)) } },
    select: { id: true, dedupeKey: true, lastError: true, finishedAt: true },
  });
  const byKey = new Map(dead.map((j) => [j.dedupeKey, j]));
  return events
    .filter((e) => byKey.has(keyOf(e.eventId)))
    .slice(0, take)
    .map((e) => {
      const job = byKey.get(keyOf(e.eventId))!;
      return { jobId: job.id, topic: e.topic, eventId: e.eventId, receivedAt: e.receivedAt, reason: job.lastError, failedAt: job.finishedAt };
    });
}
