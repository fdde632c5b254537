/**
 * The control tower's live counts for the home page: orders that need a person, late purchase
 * orders and open exceptions. Real counts (not the length of a capped list), scoped by shop.
 */
import type { PrismaClient } from "@prisma/client";
import { OPEN_STATUSES } from "~/models/purchase-orders.server";

const HELD_OUTCOMES = ["held", "partially_held"];
const LIST = 10;

export interface NeedsPerson {
  /** Orders whose newest routing decision holds all or part of the order. */
  readonly heldOrders: number;
  readonly heldOrderList: readonly { orderId: string; orderName: string; outcome: string }[];
  /** Purchase orders paused by staff or held in Shopify. */
  readonly heldPurchaseOrders: number;
  /** Purchase orders waiting for a person to approve them before they go out. */
  readonly awaitingReview: number;
  readonly openStaffTasks: number;
  readonly staffTaskList: readonly { id: string; kind: string; message: string; createdAt: Date }[];
}

/** Orders whose newest routing decision is a hold (an older held version does not count). */
async function heldOrders(db: PrismaClient, shop: string) {
  const held = await db.routingDecision.findMany({
    where: { shop, outcome: { in: HELD_OUTCOMES }, status: { not: "failed" } },
    select: { orderId: true, orderName: true, outcome: true, version: true, createdAt: true },
  });
  if (held.length === 0) return [];
  const newest = await db.routingDecision.groupBy({
    by: ["orderId"],
    where: { shop, orderId: { in: [...new Set(held.map((h) => h.orderId))] } },
    _max: { version: true },
  });
  const newestVersion = new Map(newest.map((n) => [n.orderId, n._max.version]));
  const cancelled = await db.order.findMany({ where: { shop, id: { in: held.map((h) => h.orderId) }, cancelledAt: { not: null } }, select: { id: true } });
  const gone = new Set(cancelled.map((c) => c.id));
  return held.filter((h) => newestVersion.get(h.orderId) === h.version && !gone.has(h.orderId)).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
}

export async function needsPerson(db: PrismaClient, shop: string): Promise<NeedsPerson> {
  const open = { shop, status: { in: [...OPEN_STATUSES] } };
  const [held, heldPurchaseOrders, awaitingReview, openStaffTasks, staffTaskList] = await Promise.all([
    heldOrders(db, shop),
    db.purchaseOrder.count({ where: { ...open, OR: [{ held: true }, { shopifyHold: { not: null } }] } }),
    db.purchaseOrder.count({ where: { shop, status: "awaiting_review" } }),
    db.staffTask.count({ where: { shop, status: "open" } }),
    db.staffTask.findMany({
      where: { shop, status: "open" },
      orderBy: { createdAt: "asc" },
      take: LIST,
      select: { id: true, kind: true, message: true, createdAt: true },
    }),
  ]);
  return {
    heldOrders: held.length,
    heldOrderList: held.slice(0, LIST).map((h) => ({ orderId: h.orderId, orderName: h.orderName, outcome: h.outcome })),
    heldPurchaseOrders,
    awaitingReview,
    openStaffTasks,
    staffTaskList,
  };
}

/** Purchase orders still owed a shipment after their committed (else promised) ship-by instant. */
export async function latePurchaseOrders(db: PrismaClient, shop: string, now: Date) {
  const where = {
    shop,
    status: { in: ["sent", "accepted", "awaiting_review"] },
    OR: [{ committedShipAt: { lt: now } }, { committedShipAt: null, shipBy: { lt: now } }],
  };
  const [count, list] = await Promise.all([
    db.purchaseOrder.count({ where }),
    db.purchaseOrder.findMany({
      where,
      orderBy: { shipBy: "asc" },
      take: LIST,
      select: { id: true, number: true, orderId: true, orderName: true, supplierId: true, status: true, shipBy: true, committedShipAt: true },
    }),
  ]);
  return { count, list };
}

/** Open exception cases, by type. */
export async function openExceptions(db: PrismaClient, shop: string) {
  const byType = await db.exceptionCase.groupBy({ by: ["type"], where: { shop, status: "open" }, _count: { _all: true } });
  const types = byType.map((t) => ({ type: t.type, count: t._count._all })).sort((a, b) => b.count - a.count);
  return { count: types.reduce((total, t) => total + t.count, 0), byType: types };
}

/** Orders placed in [from, to). */
export async function ordersPlacedBetween(db: PrismaClient, shop: string, from: Date, to: Date): Promise<number> {
  return db.order.count({ where: { shop, placedAt: { gte: from, lt: to } } });
}
