/**
 * The weekly exception review's reads and notes: a week's exception cases and the escalation
 * ladder's staff tasks as review items (with supplier and channel), and what staff recorded per group.
 */
import type { PrismaClient, ReviewNote } from "@prisma/client";
import { dayOf } from "~/domain/metrics";
import type { ReviewGrouping, ReviewItem } from "~/domain/review";

export interface WeekItem extends ReviewItem {
  readonly openedAt: Date;
  readonly orderId: string | null;
}

const DAY_MS = 86_400_000;

/**
 * The review items opened on the days `fromDay`..`toDay` in `timeZone` (the week in the shop's
 * zone): read with a day's margin in UTC, then cut exactly by the zone's calendar day.
 */
export async function reviewItems(db: PrismaClient, shop: string, fromDay: string, toDay: string, timeZone: string): Promise<WeekItem[]> {
  const range = { gte: new Date(Date.parse(`${fromDay}T00:00:00Z`) - DAY_MS), lt: new Date(Date.parse(`${toDay}T00:00:00Z`) + 2 * DAY_MS) };
  const [cases, tasks] = await Promise.all([
    db.exceptionCase.findMany({ where: { shop, openedAt: range }, orderBy: { openedAt: "asc" } }),
    db.staffTask.findMany({ where: { shop, createdAt: range }, orderBy: { createdAt: "asc" } }),
  ]);
  const inWeek = (at: Date) => {
    const day = dayOf(at.getTime(), timeZone);
    return day >= fromDay && day <= toDay;
  };
  const weekCases = cases.filter((c) => inWeek(c.openedAt));
  const weekTasks = tasks.filter((t) => inWeek(t.createdAt));
  const poIds = weekTasks.flatMap((t) => (t.purchaseOrderId ? [t.purchaseOrderId] : []));
  const pos = poIds.length
    ? await db.purchaseOrder.findMany({ where: { shop, id: { in: poIds } }, select: { id: true, supplierId: true, orderId: true, orderName: true } })
    : [];
  const poById = new Map(pos.map((p) => [p.id, p]));
  // A task about an order with no purchase order yet (an address hold) names the order itself.
  const taskOrderIds = weekTasks.flatMap((t) => (!t.purchaseOrderId && t.orderId ? [t.orderId] : []));
  const orderIds = [...new Set([...weekCases.flatMap((c) => (c.orderId ? [c.orderId] : [])), ...pos.map((p) => p.orderId), ...taskOrderIds])];
  const [orders, holds] = await Promise.all([
    orderIds.length ? db.order.findMany({ where: { shop, id: { in: orderIds } }, select: { id: true, name: true, channel: true, countryCode: true } }) : [],
    taskOrderIds.length
      ? db.addressHold.findMany({
          where: { shop, orderId: { in: taskOrderIds } },
          select: { orderId: true, orderName: true, channel: true, countryCode: true },
        })
      : [],
  ]);
  const orderOf = new Map(orders.map((o) => [o.id, o]));
  const holdOf = new Map(holds.map((h) => [h.orderId, h]));
  return [
    ...weekCases.map((c): WeekItem => ({
      id: c.id,
      source: "case",
      type: c.type,
      supplierId: c.supplierId,
      channel: c.orderId ? (orderOf.get(c.orderId)?.channel ?? null) : null,
      country: c.orderId ? (orderOf.get(c.orderId)?.countryCode ?? null) : null,
      orderName: c.orderName,
      orderId: c.orderId,
      open: c.status !== "closed",
      openedAt: c.openedAt,
    })),
    ...weekTasks.map((t): WeekItem => {
      const po = t.purchaseOrderId ? poById.get(t.purchaseOrderId) : undefined;
      const orderId = po?.orderId ?? t.orderId ?? null;
      const order = orderId ? orderOf.get(orderId) : undefined;
      // The address hold knows the address it checked (the order's copy may predate an edit).
      const hold = !po && orderId ? holdOf.get(orderId) : undefined;
      return {
        id: t.id,
        source: "task",
        type: t.kind,
        supplierId: po?.supplierId ?? null,
        channel: order?.channel ?? hold?.channel ?? null,
        country: hold?.countryCode ?? order?.countryCode ?? null,
        orderName: po?.orderName ?? hold?.orderName ?? order?.name ?? null,
        orderId,
        open: t.status === "open",
        openedAt: t.createdAt,
      };
    }),
  ].sort((a, b) => a.openedAt.getTime() - b.openedAt.getTime());
}

export type ReviewLinkTarget = "routing" | "supplier" | "stock" | "none";

export interface ReviewNoteInput {
  readonly week: string;
  readonly groupBy: ReviewGrouping;
  readonly groupKey: string;
  readonly whatHappened: string;
  readonly why: string;
  readonly prevention: string;
  readonly linkTarget: ReviewLinkTarget;
  readonly author: string | null;
}

export async function listReviewNotes(db: PrismaClient, shop: string, week: string): Promise<ReviewNote[]> {
  return db.reviewNote.findMany({ where: { shop, week }, orderBy: { updatedAt: "asc" } });
}

/** Records (or rewrites) what staff concluded about one group of one week. */
export async function saveReviewNote(db: PrismaClient, shop: string, input: ReviewNoteInput): Promise<ReviewNote> {
  const data = { whatHappened: input.whatHappened, why: input.why, prevention: input.prevention, linkTarget: input.linkTarget, author: input.author };
  return db.reviewNote.upsert({
    where: { shop_week_groupBy_groupKey: { shop, week: input.week, groupBy: input.groupBy, groupKey: input.groupKey } },
    create: { shop, week: input.week, groupBy: input.groupBy, groupKey: input.groupKey, ...data },
    update: data,
  });
}
