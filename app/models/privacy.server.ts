import type { PrismaClient } from "@prisma/client";
import type { Tx } from "~/jobs/effects.server";

function orderGids(ids: readonly string[]): string[] {
  return ids.map((id) => (id.startsWith("gid://") ? id : `gid://shopify/Order/${id}`));
}

/** customers/redact: erases the customer's personal data from our copies of their orders. */
export async function redactCustomer(
  db: PrismaClient,
  shop: string,
  customerId: string,
  orderIds: readonly string[],
  now: Date,
): Promise<number> {
  const customerGid = customerId.startsWith("gid://") ? customerId : `gid://shopify/Customer/${customerId}`;
  const result = await db.order.updateMany({
    where: { shop, OR: [{ customerId: customerGid }, { id: { in: orderGids(orderIds) } }] },
    data: { email: null, shipTo: null, customerId: null, redactedAt: now },
  });
  return result.count;
}

/** customers/data_request: records the request and how many of the customer's orders we hold. */
export async function recordDataRequest(
  db: Tx,
  shop: string,
  request: { customerId: string; email: string | null; orderIds: readonly string[] },
): Promise<void> {
  const customerGid = request.customerId.startsWith("gid://") ? request.customerId : `gid://shopify/Customer/${request.customerId}`;
  const ordersFound = await db.order.count({
    where: { shop, OR: [{ customerId: customerGid }, { id: { in: orderGids(request.orderIds) } }] },
  });
  await db.dataRequest.create({ data: { shop, customerId: customerGid, email: request.email, ordersFound } });
}

/** shop/redact (48 h after uninstall): erases everything Dropline holds for the shop. */
export async function eraseShop(db: PrismaClient, shop: string, keepJobId?: string): Promise<void> {
  await db.$transaction([
    db.orderEvent.deleteMany({ where: { shop } }),
    db.order.deleteMany({ where: { shop } }),
    db.dataRequest.deleteMany({ where: { shop } }),
    db.appliedEffect.deleteMany({ where: { shop } }),
    db.webhookEvent.deleteMany({ where: { shop } }),
    db.job.deleteMany({ where: { shop, ...(keepJobId ? { id: { not: keepJobId } } : {}) } }),
    db.session.deleteMany({ where: { shop } }),
    db.shop.deleteMany({ where: { domain: shop } }),
  ]);
}

/** app/uninstalled: drops the shop's sessions, marks it uninstalled and cancels its waiting jobs. */
export async function markUninstalled(db: PrismaClient, shop: string, now: Date, keepJobId?: string): Promise<void> {
  await db.$transaction([
    db.session.deleteMany({ where: { shop } }),
    db.shop.upsert({ where: { domain: shop }, create: { domain: shop, uninstalledAt: now }, update: { uninstalledAt: now } }),
    db.job.updateMany({
      where: { shop, status: "queued", ...(keepJobId ? { id: { not: keepJobId } } : {}) },
      data: { status: "cancelled", finishedAt: now },
    }),
  ]);
}
