/**
 * The exception sweep: gathers the facts about accepted purchase orders and live shipments,
 * asks app/domain/exceptions which conditions hold now, and applies the plan to the case table
 * (open new cases, close cleared ones). It then books itself for the next instant a timed rule
 * falls due, so a case opens on time rather than at the next periodic tick.
 */
import type { PurchaseOrder, Shipment } from "@prisma/client";
import { evaluateExceptions, nextEvaluationAtMs, reconcileCases, type ExceptionConfig, type ExceptionSubject } from "~/domain/exceptions";
import type { SupplierCalendar } from "~/domain/promise";
import type { LadderState } from "~/domain/escalation";
import type { TrackingStage } from "~/domain/tracking";
import { activeCases, closeCase, openCase, type CaseContext } from "~/models/exceptions.server";
import { addOrderEvent } from "~/models/orders.server";
import { NOT_SHIPPING, OUTSIDE_SOURCE, trackingSettings } from "~/models/shipments.server";
import { listSuppliers, supplierCalendar } from "~/models/suppliers.server";
import type { JobServices } from "~/services/deps";
import type { JobWork } from "~/services/queue/job-queue";
import { EXCEPTION_SWEEP_JOB } from "~/services/queue/tracking";

interface Subject {
  readonly subject: ExceptionSubject;
  readonly context: CaseContext;
}

const UTC_CALENDAR: SupplierCalendar = { timeZone: "UTC", cutoff: "17:00", holidays: [] };

// A stockout the supplier reported after accepting keeps the ladder in its stockout phase until settled.
function stockoutOpen(ladderJson: string | null): boolean {
  if (!ladderJson) return false;
  const ladder = JSON.parse(ladderJson) as LadderState;
  return ladder.phase === "stockout" && !["acknowledged", "closed", "cancelled", "rerouting"].includes(ladder.status);
}

function poSubject(po: PurchaseOrder, calendar: SupplierCalendar, firstTrackingAt: Date | null, otherPartDeliveredAt: Date | null = null): Subject {
  return {
    subject: {
      id: `po:${po.id}`,
      calendar,
      committedShipByMs: (po.committedShipAt ?? po.shipBy).getTime(),
      acceptedAtMs: po.acknowledgedAt?.getTime() ?? null,
      trackingUploadedAtMs: firstTrackingAt?.getTime() ?? null,
      stockoutAfterAccept: stockoutOpen(po.ladder),
      otherPartDeliveredAtMs: otherPartDeliveredAt?.getTime() ?? null,
    },
    context: { orderId: po.orderId, orderName: po.orderName, supplierId: po.supplierId },
  };
}

function shipmentSubject(s: Shipment, calendar: SupplierCalendar): Subject {
  return {
    subject: {
      id: `shipment:${s.id}`,
      calendar,
      labelCreatedAtMs: s.labelCreatedAt.getTime(),
      lastScanAtMs: s.lastScanAt?.getTime() ?? null,
      stage: s.stage as TrackingStage,
      promisedDelivery: s.promisedLatest ? { latest: s.promisedLatest, timeZone: s.promiseTimeZone ?? calendar.timeZone } : null,
    },
    context: { orderId: s.orderId, orderName: s.orderName, supplierId: s.supplierId },
  };
}

/** The subjects worth watching: accepted POs, undelivered shipments, and anything with an open case. */
export async function loadSubjects(services: JobServices, shop: string, watched: ReadonlySet<string>): Promise<Subject[]> {
  const { db } = services;
  const calendars = new Map((await listSuppliers(db, shop)).map((s) => [s.id, supplierCalendar(s)]));
  const calendarOf = (supplierId: string | null) => (supplierId ? calendars.get(supplierId) : undefined) ?? UTC_CALENDAR;
  const idsOf = (prefix: string) => [...watched].filter((w) => w.startsWith(prefix)).map((w) => w.slice(prefix.length));
  const pos = await db.purchaseOrder.findMany({ where: { shop, OR: [{ status: "accepted" }, { id: { in: idsOf("po:") } }] } });
  // A fulfillment marked done in Shopify without a tracking number has no parcel to watch.
  const shipments = await db.shipment.findMany({
    where: {
      shop,
      syncStatus: { notIn: [...NOT_SHIPPING] },
      NOT: { source: OUTSIDE_SOURCE, parcels: { none: {} } },
      OR: [{ stage: { not: "delivered" } }, { id: { in: idsOf("shipment:") } }],
    },
  });
  const firstTracking = new Map<string, Date>();
  const all = await db.shipment.findMany({
    where: { shop, purchaseOrderId: { in: pos.map((p) => p.id) }, syncStatus: { not: "cancelled" } },
    select: { purchaseOrderId: true, createdAt: true },
    orderBy: { createdAt: "desc" },
  });
  for (const s of all) if (s.purchaseOrderId) firstTracking.set(s.purchaseOrderId, s.createdAt);
  const otherPartDelivered = await deliveredElsewhere(services, shop, pos);
  return [
    ...pos
      .filter((p) => p.status === "accepted" || p.status === "shipped")
      .map((p) => poSubject(p, calendarOf(p.supplierId), firstTracking.get(p.id) ?? null, otherPartDelivered(p))),
    ...shipments.map((s) => shipmentSubject(s, calendarOf(s.supplierId))),
  ];
}

/** For a purchase order, when a shipment of another purchase order of the same order was first delivered. */
async function deliveredElsewhere(services: JobServices, shop: string, pos: readonly PurchaseOrder[]): Promise<(po: PurchaseOrder) => Date | null> {
  const delivered = await services.db.shipment.findMany({
    where: { shop, orderId: { in: [...new Set(pos.map((p) => p.orderId))] }, stage: "delivered" },
    select: { orderId: true, purchaseOrderId: true, lastScanAt: true, updatedAt: true },
  });
  return (po) => {
    const times = delivered.filter((s) => s.orderId === po.orderId && s.purchaseOrderId !== po.id).map((s) => (s.lastScanAt ?? s.updatedAt).getTime());
    return times.length > 0 ? new Date(Math.min(...times)) : null;
  };
}

export interface SweepResult {
  readonly opened: number;
  readonly closed: number;
  readonly nextDueAtMs: number | null;
}

/** One sweep of a shop at `services.now()`. Idempotent: a second sweep at the same instant changes nothing. */
export async function sweepExceptions(services: JobServices, shop: string): Promise<SweepResult> {
  const now = services.now();
  const settings = await trackingSettings(services.db, shop);
  const config: ExceptionConfig = {
    labelWithoutPickupBusinessDays: settings.labelWithoutPickupBusinessDays,
    noMovementDays: settings.noMovementDays,
    noTrackingGraceHours: settings.noTrackingGraceHours,
    pastPromiseGraceDays: settings.pastPromiseGraceDays,
    splitConfusionDays: settings.splitConfusionDays,
  };
  const existing = await activeCases(services.db, shop);
  const subjects = await loadSubjects(services, shop, new Set(existing.map((c) => c.subjectId)));
  const evaluated = new Set(subjects.map((s) => s.subject.id));
  const conditions = subjects.flatMap((s) => evaluateExceptions(s.subject, now.getTime(), config));
  const plan = reconcileCases(
    existing.filter((c) => evaluated.has(c.subjectId)),
    conditions,
  );
  const contexts = new Map(subjects.map((s) => [s.subject.id, s.context]));
  for (const condition of plan.open) {
    const context = contexts.get(condition.subjectId)!;
    const opened = await openCase(services.db, shop, condition, context, now);
    if (context.orderId)
      await addOrderEvent(services.db, {
        shop,
        orderId: context.orderId,
        kind: "exception_opened",
        detail: `${condition.type}: ${condition.openedReason}`,
        at: now,
        dedupeKey: `exception_opened:${opened.id}`,
      });
  }
  const gone = existing
    .filter((c) => !evaluated.has(c.subjectId))
    .map((c) => ({ case: c, closingReason: "The purchase order or shipment is no longer active" }));
  for (const { case: c, closingReason } of [...plan.close, ...gone]) {
    await closeCase(services.db, shop, c.id, closingReason, now);
    if (c.orderId)
      await addOrderEvent(services.db, {
        shop,
        orderId: c.orderId,
        kind: "exception_closed",
        detail: `${c.type}: ${closingReason}`,
        at: now,
        dedupeKey: `exception_closed:${c.id}`,
      });
  }
  const dues = subjects.map((s) => nextEvaluationAtMs(s.subject, now.getTime(), config)).filter((d): d is number => d !== null);
  const nextDueAtMs = dues.length > 0 ? Math.min(...dues) : null;
  if (nextDueAtMs !== null) {
    await services.queue.enqueue({
      shop,
      kind: EXCEPTION_SWEEP_JOB,
      dedupeKey: `exception_sweep:${shop}:due:${nextDueAtMs}`,
      payload: { dueAtMs: nextDueAtMs },
      runAt: new Date(nextDueAtMs),
      groupKey: `exceptions:${shop}`,
      maxAttempts: 3,
    });
  }
  return { opened: plan.open.length, closed: plan.close.length + gone.length, nextDueAtMs };
}

export function exceptionSweepWork(services: JobServices): JobWork {
  return {
    async perform(job) {
      await sweepExceptions(services, job.shop);
    },
  };
}
