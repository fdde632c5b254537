import type { PrismaClient } from "@prisma/client";
import type { Tx } from "~/models/effects.server";
import { toMinorUnits } from "~/domain/money";
import type { OrderPayload } from "~/shopify/webhooks/payloads";

export interface OrderLine {
  readonly lineItemId: string;
  readonly variantId: string | null;
  readonly sku: string | null;
  readonly title: string;
  readonly quantity: number;
  readonly unitPriceMinor: number;
}

const EXPEDITED = /express|expedited|priority|overnight|next[\s-]?day|2[\s-]?day/i;

/** The service level a shipping line asks for. */
export function serviceLevelOf(shippingTitles: readonly string[]): "standard" | "expedited" {
  return shippingTitles.some((t) => EXPEDITED.test(t)) ? "expedited" : "standard";
}

function customerGid(customer: OrderPayload["customer"]): string | null {
  if (customer?.admin_graphql_api_id) return customer.admin_graphql_api_id;
  return customer?.id ? `gid://shopify/Customer/${customer.id}` : null;
}

/** Maps an orders/* payload to our order row (ids as GIDs, money in minor units). */
export function orderFromPayload(shop: string, p: OrderPayload) {
  const lines: OrderLine[] = p.line_items.map((li) => ({
    lineItemId: li.admin_graphql_api_id,
    variantId: li.variant_id ? `gid://shopify/ProductVariant/${li.variant_id}` : null,
    sku: li.sku ?? null,
    title: li.title,
    quantity: li.quantity,
    unitPriceMinor: toMinorUnits(li.price),
  }));
  const address = p.shipping_address;
  return {
    id: p.admin_graphql_api_id,
    shop,
    name: p.name,
    email: p.email ?? p.contact_email ?? null,
    customerId: customerGid(p.customer),
    currencyCode: p.currency,
    totalMinor: toMinorUnits(p.total_price),
    channel: p.source_name ?? "web",
    shippingTitle: p.shipping_lines[0]?.title ?? null,
    serviceLevel: serviceLevelOf(p.shipping_lines.map((s) => s.title)),
    countryCode: address?.country_code ?? null,
    provinceCode: address?.province_code ?? null,
    shipTo: address ? JSON.stringify(address) : null,
    lines: JSON.stringify(lines),
    placedAt: new Date(p.created_at),
    cancelledAt: p.cancelled_at ? new Date(p.cancelled_at) : null,
    cancelReason: p.cancelled_at ? (p.cancel_reason ?? null) : null,
  };
}

/**
 * Upserts an order from a webhook. Order of arrival does not matter: a cancellation is never
 * undone by an older create, and a redacted order never gets its personal data back. Returns
 * whether the order was redacted (customers/redact), so the caller can drop the raw payload too.
 */
export async function upsertOrder(tx: Tx, shop: string, payload: OrderPayload): Promise<{ redacted: boolean }> {
  const row = orderFromPayload(shop, payload);
  const existing = await tx.order.findUnique({ where: { id: row.id }, select: { shop: true, cancelledAt: true, cancelReason: true, redactedAt: true } });
  if (existing && existing.shop !== shop) throw new Error(`Order ${row.id} belongs to another shop`);
  if (!existing) {
    await tx.order.create({ data: row });
    return { redacted: false };
  }
  const { id: _id, shop: _shop, ...changes } = row;
  await tx.order.update({
    where: { id: row.id },
    data: {
      ...changes,
      cancelledAt: existing.cancelledAt ?? changes.cancelledAt,
      cancelReason: existing.cancelledAt ? existing.cancelReason : changes.cancelReason,
      ...(existing.redactedAt ? { email: null, shipTo: null, customerId: null } : {}),
    },
  });
  return { redacted: existing.redactedAt !== null };
}

/** Appends a timeline entry once per dedupe key. */
export async function addOrderEvent(tx: Tx, e: { shop: string; orderId: string; kind: string; detail?: string; at?: Date; dedupeKey: string }): Promise<void> {
  await tx.orderEvent.upsert({
    where: { shop_dedupeKey: { shop: e.shop, dedupeKey: e.dedupeKey } },
    create: { shop: e.shop, orderId: e.orderId, kind: e.kind, detail: e.detail ?? null, at: e.at ?? new Date(), dedupeKey: e.dedupeKey },
    update: {},
  });
}

/** Recent orders of a shop for the admin. */
export async function listRecentOrders(db: PrismaClient, shop: string, take = 50) {
  return db.order.findMany({ where: { shop }, orderBy: { placedAt: "desc" }, take });
}

/** Our copy of an order by its name ("#1001"; the "#" may be left out). */
export async function findOrderByName(db: PrismaClient, shop: string, name: string) {
  const trimmed = name.trim();
  return db.order.findFirst({ where: { shop, name: trimmed.startsWith("#") ? trimmed : `#${trimmed}` } });
}
