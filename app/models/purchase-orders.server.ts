/**
 * Purchase orders, their escalation ladder, staff tasks and the coordination settings, every
 * query scoped by shop (and by supplier where a supplier is asking).
 */
import type { Prisma, PrismaClient, PurchaseOrder as PoRow } from "@prisma/client";
import { z } from "zod";
import type { LadderState } from "~/domain/escalation";
import { CHANNELS, type Channel } from "~/domain/purchase-order/channels";
import type { PoLine, PurchaseOrderDraft, ShipTo } from "~/domain/purchase-order/purchase-order";

type Db = PrismaClient | Prisma.TransactionClient;

/** `accepting`: the supplier accepted and Dropline is passing it to Shopify (committed here first). */
export type PoStatus =
  "draft" | "awaiting_review" | "sent" | "accepting" | "accepted" | "rejected" | "rerouted" | "cancellation_requested" | "cancelled" | "shipped";

/** Statuses a purchase order ends in: the supplier stops seeing it a while after (closedAt). */
export const CLOSED_STATUSES: readonly PoStatus[] = ["rejected", "rerouted", "cancelled", "shipped"];

/** Statuses in which the supplier still owes us an answer or a shipment. */
export const OPEN_STATUSES: readonly PoStatus[] = ["awaiting_review", "sent", "accepting", "accepted", "cancellation_requested"];

export interface PurchaseOrderRecord extends Omit<PoRow, "shipTo" | "lines" | "ladder" | "status" | "rejection"> {
  readonly status: PoStatus;
  readonly shipTo: ShipTo;
  readonly lines: PoLine[];
  readonly ladder: LadderState | null;
  readonly rejection: { reason: string; message: string; lines: { lineId: string; reason: string }[] } | null;
}

const Rejection = z.object({ reason: z.string(), message: z.string(), lines: z.array(z.object({ lineId: z.string(), reason: z.string() })) });

export function toPurchaseOrder(row: PoRow): PurchaseOrderRecord {
  return {
    ...row,
    status: row.status as PoStatus,
    shipTo: JSON.parse(row.shipTo) as ShipTo,
    lines: JSON.parse(row.lines) as PoLine[],
    ladder: row.ladder ? (JSON.parse(row.ladder) as LadderState) : null,
    rejection: row.rejection ? Rejection.parse(JSON.parse(row.rejection)) : null,
  };
}

/** Creates the purchase order unless one exists for this fulfillment order and supplier; returns it. */
export async function ensurePurchaseOrder(
  db: PrismaClient,
  shop: string,
  draft: PurchaseOrderDraft,
  status: PoStatus,
  at?: Date,
): Promise<{ po: PurchaseOrderRecord; created: boolean }> {
  const where = { shop_fulfillmentOrderId_supplierId: { shop, fulfillmentOrderId: draft.fulfillmentOrderId, supplierId: draft.supplierId } };
  const existing = await db.purchaseOrder.findUnique({ where });
  if (existing) return { po: toPurchaseOrder(existing), created: false };
  try {
    const row = await db.purchaseOrder.create({
      data: { shop, ...draft, status, shipTo: JSON.stringify(draft.shipTo), lines: JSON.stringify(draft.lines), ...(at ? { createdAt: at } : {}) },
    });
    return { po: toPurchaseOrder(row), created: true };
  } catch (error) {
    // Two runs raced to create it: the other one won, use its row.
    if ((error as { code?: string }).code !== "P2002") throw error;
    return { po: toPurchaseOrder(await db.purchaseOrder.findUniqueOrThrow({ where })), created: false };
  }
}

export async function getPurchaseOrder(db: Db, shop: string, id: string): Promise<PurchaseOrderRecord | null> {
  const row = await db.purchaseOrder.findFirst({ where: { shop, id } });
  return row ? toPurchaseOrder(row) : null;
}

/** A supplier's view: only its own purchase orders in the shop its token belongs to. */
export async function getSupplierPurchaseOrder(
  db: Db,
  shop: string,
  supplierId: string,
  id: string,
  options: { closedSince?: Date } = {},
): Promise<PurchaseOrderRecord | null> {
  const row = await db.purchaseOrder.findFirst({ where: { shop, supplierId, id, ...visibleSince(options.closedSince) } });
  return row ? toPurchaseOrder(row) : null;
}

/** Open, or closed at or after `closedSince` (the supplier's visibility window); no bound when absent. */
function visibleSince(closedSince: Date | undefined): Prisma.PurchaseOrderWhereInput {
  return closedSince ? { OR: [{ closedAt: null }, { closedAt: { gte: closedSince } }] } : {};
}

export async function listSupplierPurchaseOrders(
  db: Db,
  shop: string,
  supplierId: string,
  options: { id?: string; take?: number; closedSince?: Date } = {},
): Promise<PurchaseOrderRecord[]> {
  const { id, take = 100 } = options;
  const rows = await db.purchaseOrder.findMany({
    where: { shop, supplierId, ...(id === undefined ? {} : { id }), status: { notIn: ["draft", "awaiting_review"] }, ...visibleSince(options.closedSince) },
    orderBy: { createdAt: "desc" },
    take,
  });
  return rows.map(toPurchaseOrder);
}

export async function listPurchaseOrders(
  db: Db,
  shop: string,
  filter: { status?: PoStatus[]; supplierId?: string } = {},
  take = 200,
): Promise<PurchaseOrderRecord[]> {
  const rows = await db.purchaseOrder.findMany({
    where: { shop, ...(filter.status ? { status: { in: filter.status } } : {}), ...(filter.supplierId ? { supplierId: filter.supplierId } : {}) },
    orderBy: { createdAt: "desc" },
    take,
  });
  return rows.map(toPurchaseOrder);
}

/**
 * Every purchase order matching `filter`, page by page (keyset on id, so rows inserted or moved
 * meanwhile neither repeat nor push others out): what a sweep walks, however many there are.
 */
export async function* eachPurchaseOrder(
  db: Db,
  shop: string,
  filter: { status?: readonly PoStatus[]; orderId?: string } = {},
  pageSize = 200,
): AsyncGenerator<PurchaseOrderRecord> {
  let after: string | undefined;
  for (;;) {
    const rows = await db.purchaseOrder.findMany({
      where: {
        shop,
        ...(filter.status ? { status: { in: [...filter.status] } } : {}),
        ...(filter.orderId ? { orderId: filter.orderId } : {}),
        ...(after ? { id: { gt: after } } : {}),
      },
      orderBy: { id: "asc" },
      take: pageSize,
    });
    for (const row of rows) yield toPurchaseOrder(row);
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1]!.id;
  }
}

export async function purchaseOrderForFulfillmentOrder(
  db: Db,
  shop: string,
  fulfillmentOrderId: string,
  supplierId: string,
): Promise<PurchaseOrderRecord | null> {
  const row = await db.purchaseOrder.findUnique({ where: { shop_fulfillmentOrderId_supplierId: { shop, fulfillmentOrderId, supplierId } } });
  return row ? toPurchaseOrder(row) : null;
}

/** Every purchase order Dropline holds for a fulfillment order (one per supplier it was sent to). */
export async function purchaseOrdersForFulfillmentOrder(db: Db, shop: string, fulfillmentOrderId: string): Promise<PurchaseOrderRecord[]> {
  const rows = await db.purchaseOrder.findMany({ where: { shop, fulfillmentOrderId }, orderBy: { createdAt: "asc" } });
  return rows.map(toPurchaseOrder);
}

/**
 * Moves a purchase order from one of `from` to `to` (compare-and-set): false when another actor
 * changed it first, so two answers to the same request can never both win. Entering a closed
 * status records `now` as closedAt (the supplier's visibility window starts); leaving one clears it.
 */
export async function transitionPurchaseOrder(
  db: Db,
  shop: string,
  id: string,
  from: readonly PoStatus[],
  to: PoStatus,
  data: Omit<Prisma.PurchaseOrderUpdateManyMutationInput, "status" | "closedAt"> = {},
  now: Date = new Date(),
): Promise<boolean> {
  const closedAt = CLOSED_STATUSES.includes(to) ? now : null;
  const { count } = await db.purchaseOrder.updateMany({ where: { shop, id, status: { in: [...from] } }, data: { ...data, status: to, closedAt } });
  return count === 1;
}

/** Saves the ladder if nobody saved another one meanwhile (compare-and-set on the stored JSON). */
export async function saveLadder(db: Db, shop: string, id: string, before: LadderState | null, after: LadderState): Promise<boolean> {
  const { count } = await db.purchaseOrder.updateMany({
    where: { shop, id, ladder: before ? JSON.stringify(before) : null },
    data: { ladder: JSON.stringify(after), ladderStep: after.status },
  });
  return count === 1;
}

export async function setHeld(db: Db, shop: string, id: string, held: boolean): Promise<boolean> {
  const { count } = await db.purchaseOrder.updateMany({ where: { shop, id }, data: { held } });
  return count === 1;
}

/**
 * Records a hold placed (its reason) or released (null) in Shopify, unless a newer hold event was
 * applied already: webhooks arrive out of order. True when the purchase order's hold changed.
 */
export async function setShopifyHold(db: Db, shop: string, po: PurchaseOrderRecord, reason: string | null, changedAt: Date): Promise<boolean> {
  if (po.shopifyHoldChangedAt && po.shopifyHoldChangedAt > changedAt) return false;
  const { count } = await db.purchaseOrder.updateMany({
    where: { shop, id: po.id, OR: [{ shopifyHoldChangedAt: null }, { shopifyHoldChangedAt: { lte: changedAt } }] },
    data: { shopifyHold: reason, shopifyHoldChangedAt: changedAt },
  });
  return count === 1 && po.shopifyHold !== reason;
}

export async function recordDelivery(db: Db, shop: string, id: string, via: string, error: string | null): Promise<void> {
  await db.purchaseOrder.updateMany({ where: { shop, id }, data: { deliveredVia: via, deliveryError: error } });
}

// ── Staff tasks ─────────────────────────────────────────────────────────────────────────────

export async function openStaffTask(
  db: Db,
  shop: string,
  task: { purchaseOrderId: string | null; kind: string; message: string; dedupeKey: string },
): Promise<void> {
  await db.staffTask.upsert({ where: { shop_dedupeKey: { shop, dedupeKey: task.dedupeKey } }, create: { shop, ...task }, update: {} });
}

export async function listOpenStaffTasks(db: Db, shop: string) {
  return db.staffTask.findMany({ where: { shop, status: "open" }, orderBy: { createdAt: "desc" }, take: 100 });
}

export async function closeStaffTask(db: Db, shop: string, id: string, now: Date): Promise<boolean> {
  const { count } = await db.staffTask.updateMany({ where: { shop, id, status: "open" }, data: { status: "done", doneAt: now } });
  return count === 1;
}

// ── Coordination settings ───────────────────────────────────────────────────────────────────

export { CHANNELS, type Channel } from "~/domain/purchase-order/channels";

export interface SupplierCoordinationRecord {
  readonly supplierId: string;
  readonly channel: Channel;
  readonly webhookUrl: string | null;
  readonly webhookSecret: string | null;
  readonly manualReview: boolean;
  readonly openTime: string;
  readonly closeTime: string;
  /** Purchase orders carry the recipient's phone only when this is on (issue 16, finding 5). */
  readonly carrierRequiresPhone: boolean;
}

export async function supplierCoordination(db: Db, shop: string, supplierId: string): Promise<SupplierCoordinationRecord> {
  const row = await db.supplierCoordination.findFirst({ where: { shop, supplierId } });
  const channel = (CHANNELS as readonly string[]).includes(row?.channel ?? "") ? (row!.channel as Channel) : "email";
  return {
    supplierId,
    channel,
    webhookUrl: row?.webhookUrl ?? null,
    webhookSecret: row?.webhookSecret ?? null,
    manualReview: row?.manualReview ?? false,
    openTime: row?.openTime ?? "09:00",
    closeTime: row?.closeTime ?? "17:00",
    carrierRequiresPhone: row?.carrierRequiresPhone ?? false,
  };
}

/** The suppliers of the shop whose carrier needs the recipient's phone. */
export async function suppliersNeedingRecipientPhone(db: Db, shop: string): Promise<Set<string>> {
  const rows = await db.supplierCoordination.findMany({ where: { shop, carrierRequiresPhone: true }, select: { supplierId: true } });
  return new Set(rows.map((r) => r.supplierId));
}

export async function saveSupplierCoordination(
  db: Db,
  shop: string,
  supplierId: string,
  values: Partial<Omit<SupplierCoordinationRecord, "supplierId">>,
): Promise<void> {
  await db.supplierCoordination.upsert({ where: { supplierId }, create: { shop, supplierId, ...values }, update: values });
}

/** Manual review applies when the shop or the supplier asks for it. */
export async function needsManualReview(db: Db, shop: string, supplierId: string): Promise<boolean> {
  const [settings, supplier] = await Promise.all([db.coordinationSettings.findUnique({ where: { shop } }), supplierCoordination(db, shop, supplierId)]);
  return (settings?.manualReview ?? false) || supplier.manualReview;
}

export async function setShopManualReview(db: Db, shop: string, manualReview: boolean): Promise<void> {
  await db.coordinationSettings.upsert({ where: { shop }, create: { shop, manualReview }, update: { manualReview } });
}
