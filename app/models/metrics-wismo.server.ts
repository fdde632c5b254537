/** "Where is my order" contacts (WISMO): recorded by staff or imported from a helpdesk CSV. Scoped by shop. */
import type { PrismaClient } from "@prisma/client";
import { regionOf, type ContactRecord } from "~/domain/metrics";

export interface NewContact {
  readonly orderId: string;
  readonly orderName: string;
  readonly contactedAt: Date;
  readonly channel: string;
  readonly ticketId: string | null;
  readonly source: "staff" | "csv";
}

/** Records one contact. */
export async function recordContact(db: PrismaClient, shop: string, contact: NewContact): Promise<void> {
  await db.wismoContact.create({ data: { shop, ...contact } });
}

/** Ticket ids of this shop already imported, among these. */
export async function knownTicketIds(db: PrismaClient, shop: string, ticketIds: readonly string[]): Promise<Set<string>> {
  const rows = await db.wismoContact.findMany({ where: { shop, ticketId: { in: [...ticketIds] } }, select: { ticketId: true } });
  return new Set(rows.map((r) => r.ticketId!));
}

/** Imports contacts in one transaction: all of them or none. */
export async function importContacts(db: PrismaClient, shop: string, contacts: readonly NewContact[]): Promise<void> {
  await db.$transaction(contacts.map((c) => db.wismoContact.create({ data: { shop, ...c } })));
}

/** Orders of this shop by name ("#1001"), for the import. */
export async function ordersByName(db: PrismaClient, shop: string, names: readonly string[]): Promise<Map<string, { id: string; name: string }>> {
  const rows = await db.order.findMany({ where: { shop, name: { in: [...names] } }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.name, r]));
}

/** The contacts made in [from, to) with the channel and region of their order. */
export async function contactsBetween(db: PrismaClient, shop: string, from: Date, to: Date): Promise<ContactRecord[]> {
  const contacts = await db.wismoContact.findMany({ where: { shop, contactedAt: { gte: from, lt: to } }, select: { orderId: true } });
  const orders = await db.order.findMany({
    where: { shop, id: { in: [...new Set(contacts.map((c) => c.orderId))] } },
    select: { id: true, channel: true, countryCode: true, provinceCode: true },
  });
  const byId = new Map(orders.map((o) => [o.id, o]));
  return contacts.map((c) => {
    const order = byId.get(c.orderId);
    return { orderId: c.orderId, channel: order?.channel ?? "unknown", region: order ? regionOf(order.countryCode, order.provinceCode) : "unknown" };
  });
}

/** Instants of the contacts recorded after `since` (all when null): their days need a new rollup. */
export async function contactInstantsRecordedSince(db: PrismaClient, shop: string, since: Date | null): Promise<{ contactedAt: Date; createdAt: Date }[]> {
  return db.wismoContact.findMany({ where: { shop, ...(since ? { createdAt: { gt: since } } : {}) }, select: { contactedAt: true, createdAt: true } });
}

/** Contacts recorded on one order, newest first. */
export async function contactsForOrder(db: PrismaClient, shop: string, orderId: string) {
  return db.wismoContact.findMany({ where: { shop, orderId }, orderBy: { contactedAt: "desc" } });
}
