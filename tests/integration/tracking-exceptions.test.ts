/**
 * Each exception rule through the real sweep job and worker on a fake clock: it opens at its
 * moment (not a minute before), once, and closes itself when the condition clears.
 */
import type { PrismaClient } from "@prisma/client";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestAppEnv } from "../helpers/app-env";

useTestAppEnv();

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
let clock = 0;
let db: PrismaClient;
let services: import("../../app/services.server").AppServices;
let worker: import("../../app/jobs/worker.server").Worker;
let sweepJob: typeof import("../../app/services/queue/tracking").exceptionSweepJob;
let tickCount = 0;

/** Moves the clock, enqueues a periodic sweep and runs whatever is due (including self-booked sweeps). */
async function tickAt(ms: number, shop: string): Promise<void> {
  clock = ms;
  await services.queue.enqueue(sweepJob(shop, new Date(ms), `test-${tickCount++}`));
  await worker.drain();
}

async function cases(shop: string) {
  return db.exceptionCase.findMany({ where: { shop }, orderBy: { openedAt: "asc" } });
}

let supplierSeq = 0;
async function supplier(shop: string): Promise<string> {
  const row = await db.supplier.create({
    data: {
      shop,
      name: `Paris ${supplierSeq++}`,
      contactEmail: "s@example.com",
      timeZone: "Europe/Paris",
      cutoff: "14:00",
      holidays: '["2026-04-06"]',
      serviceTier: "48_hour",
      handlingMinDays: 1,
      handlingMaxDays: 2,
    },
  });
  return row.id;
}

async function purchaseOrder(shop: string, supplierId: string, data: { committedShipAt: Date; acknowledgedAt: Date; ladder?: object }) {
  return db.purchaseOrder.create({
    data: {
      shop,
      number: `PO-${shop}`,
      orderId: `gid://shopify/Order/${shop.length}`,
      orderName: "#1001",
      supplierId,
      fulfillmentOrderId: `gid://shopify/FulfillmentOrder/${shop.length}`,
      status: "accepted",
      serviceTier: "48_hour",
      shipTo: "{}",
      lines: "[]",
      shipBy: data.committedShipAt,
      committedShipAt: data.committedShipAt,
      acknowledgedAt: data.acknowledgedAt,
      ladder: data.ladder ? JSON.stringify(data.ladder) : null,
    },
  });
}

async function shipment(shop: string, supplierId: string, data: { labelCreatedAt: Date; stage: string; lastScanAt?: Date; promisedLatest?: string }) {
  return db.shipment.create({
    data: {
      shop,
      orderId: "gid://shopify/Order/77",
      orderName: "#1077",
      supplierId,
      fulfillmentOrderIds: "[]",
      lines: "[]",
      carrier: "UPS",
      dedupeKey: `${shop}-${data.stage}`,
      source: "api",
      syncStatus: "synced",
      stage: data.stage,
      labelCreatedAt: data.labelCreatedAt,
      lastScanAt: data.lastScanAt ?? null,
      promisedLatest: data.promisedLatest ?? null,
      promiseTimeZone: data.promisedLatest ? "Europe/Paris" : null,
    },
  });
}

/** Ticks a minute before `due` (nothing), at `due` (one case), later (still one case); returns the case. */
async function expectOpensOnceAt(shop: string, due: number, type: string) {
  await tickAt(due - MINUTE, shop);
  expect(await cases(shop)).toEqual([]);
  await tickAt(due, shop);
  await tickAt(due + HOUR, shop);
  await tickAt(due + 3 * DAY, shop);
  const found = await cases(shop);
  expect(found.map((c) => ({ type: c.type, status: c.status }))).toEqual([{ type, status: "open" }]);
  expect(found[0]!.openedAt.getTime()).toBe(due);
  return found[0]!;
}

async function expectClosed(shop: string, at: number, reason: string) {
  await tickAt(at, shop);
  expect((await cases(shop)).map((c) => ({ status: c.status, closedReason: c.closedReason }))).toEqual([{ status: "closed", closedReason: reason }]);
}

beforeAll(async () => {
  db = (await import("../../app/db.server")).default;
  const runtime = await import("../../app/jobs/runtime.server");
  const { Worker } = await import("../../app/jobs/worker.server");
  sweepJob = (await import("../../app/services/queue/tracking")).exceptionSweepJob;
  const { buildServices } = await import("../../app/services.server");
  services = buildServices({ now: () => new Date(clock), adminFor: () => Promise.reject(new Error("the sweep never calls Shopify")) });
  worker = new Worker(services.queue, runtime.jobHandlers(services), { now: () => new Date(clock) });
});

describe("exception rules through the sweep job", () => {
  it("no tracking by the committed ship date: opens at that instant, closes when tracking arrives", async () => {
    const shop = "no-tracking.myshopify.com";
    const due = Date.parse("2026-04-07T15:00:00Z");
    const po = await purchaseOrder(shop, await supplier(shop), { committedShipAt: new Date(due), acknowledgedAt: new Date(due - 2 * DAY) });
    const opened = await expectOpensOnceAt(shop, due, "no_tracking_by_ship_date");
    expect(JSON.parse(opened.suggestedActions)).toEqual(["remind_supplier", "notify_customer", "reroute"]);
    await db.shipment.create({
      data: {
        shop,
        orderId: po.orderId,
        purchaseOrderId: po.id,
        fulfillmentOrderIds: "[]",
        lines: "[]",
        dedupeKey: "t",
        source: "portal",
        labelCreatedAt: new Date(due + 3 * DAY),
      },
    });
    await expectClosed(shop, due + 4 * DAY, "Tracking number received");
  });

  it("label without pickup: after 2 supplier business days (weekend and holiday skipped), closes on the first scan", async () => {
    const shop = "label.myshopify.com";
    // Friday 3 April 10:00 Paris; Monday 6 April is a holiday → due Wednesday 8 April 10:00 Paris.
    const s = await shipment(shop, await supplier(shop), { labelCreatedAt: new Date("2026-04-03T08:00:00Z"), stage: "label_created" });
    await expectOpensOnceAt(shop, Date.parse("2026-04-08T08:00:00Z"), "label_without_pickup");
    await db.shipment.update({ where: { id: s.id }, data: { stage: "picked_up", lastScanAt: new Date("2026-04-11T09:00:00Z") } });
    await expectClosed(shop, Date.parse("2026-04-11T10:00:00Z"), "The carrier scanned the parcel");
  });

  it("no movement for 4 days in the carrier's hands, closes on a new scan", async () => {
    const shop = "still.myshopify.com";
    const lastScan = Date.parse("2026-04-08T06:00:00Z");
    const s = await shipment(shop, await supplier(shop), { labelCreatedAt: new Date(lastScan - DAY), stage: "in_transit", lastScanAt: new Date(lastScan) });
    await expectOpensOnceAt(shop, lastScan + 4 * DAY, "no_movement");
    await db.shipment.update({ where: { id: s.id }, data: { lastScanAt: new Date(lastScan + 7 * DAY + 5 * HOUR) } });
    await expectClosed(shop, lastScan + 7 * DAY + 6 * HOUR, "The parcel is moving again or has arrived");
  });

  it("past the promised latest delivery date (midnight after it, customer's zone), closes on delivery", async () => {
    const shop = "late.myshopify.com";
    const s = await shipment(shop, await supplier(shop), {
      labelCreatedAt: new Date("2026-04-06T08:00:00Z"),
      stage: "out_for_delivery",
      lastScanAt: new Date("2026-04-09T21:00:00Z"),
      promisedLatest: "2026-04-09",
    });
    await expectOpensOnceAt(shop, Date.parse("2026-04-09T22:00:00Z"), "past_promised_delivery");
    await db.shipment.update({ where: { id: s.id }, data: { stage: "delivered" } });
    await expectClosed(shop, Date.parse("2026-04-10T12:00:00Z"), "Delivered, or the promise was moved");
  });

  it("failed delivery opens at the next sweep after the stage appears, closes when delivery resumes", async () => {
    const shop = "failed.myshopify.com";
    const at = Date.parse("2026-04-09T12:00:00Z");
    const s = await shipment(shop, await supplier(shop), {
      labelCreatedAt: new Date(at - 3 * DAY),
      stage: "delivery_attempt_failed",
      lastScanAt: new Date(at - HOUR),
    });
    await tickAt(at, shop);
    await tickAt(at + HOUR, shop);
    expect((await cases(shop)).map((c) => c.type)).toEqual(["failed_delivery"]);
    await db.shipment.update({ where: { id: s.id }, data: { stage: "out_for_delivery", lastScanAt: new Date(at + 20 * HOUR) } });
    await expectClosed(shop, at + 21 * HOUR, "Delivery is back on track");
  });

  it("a stockout after acceptance opens a case with the re-route playbook, closes when the ladder settles it", async () => {
    const shop = "stockout.myshopify.com";
    const at = Date.parse("2026-04-09T12:00:00Z");
    const po = await purchaseOrder(shop, await supplier(shop), {
      committedShipAt: new Date(at + 5 * DAY),
      acknowledgedAt: new Date(at - DAY),
      ladder: { phase: "stockout", status: "stockout_after_accept" },
    });
    await tickAt(at, shop);
    await tickAt(at + HOUR, shop);
    const [opened] = await cases(shop);
    expect(opened).toMatchObject({ type: "stockout_after_accept", status: "open", orderName: "#1001" });
    expect(JSON.parse(opened!.suggestedActions)[0]).toBe("reroute");
    await db.purchaseOrder.update({ where: { id: po.id }, data: { ladder: JSON.stringify({ phase: "stockout", status: "acknowledged" }) } });
    await expectClosed(shop, at + 2 * HOUR, "The stockout was resolved");
  });

  it("a case staff set aside stays set aside (no duplicate) until its condition clears", async () => {
    const shop = "label.myshopify.com";
    const s = await db.shipment.findFirstOrThrow({ where: { shop } });
    await db.shipment.update({ where: { id: s.id }, data: { stage: "label_created", lastScanAt: null, labelCreatedAt: new Date("2026-04-13T08:00:00Z") } });
    await tickAt(Date.parse("2026-04-15T08:00:00Z"), shop);
    const reopened = (await cases(shop)).filter((c) => c.status === "open");
    expect(reopened).toHaveLength(1);
    const { updateCases } = await import("../../app/models/exceptions.server");
    await updateCases(db, shop, [reopened[0]!.id], { dismiss: true, owner: "sam", action: "remind_supplier", resolutionNote: "Supplier says pickup tomorrow" });
    await tickAt(Date.parse("2026-04-15T12:00:00Z"), shop);
    expect((await cases(shop)).filter((c) => c.status !== "closed").map((c) => c.status)).toEqual(["dismissed"]);
  });
});
