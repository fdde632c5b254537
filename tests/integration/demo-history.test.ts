import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SHOP } from "../../prisma/seed/demo-catalog";
import { seedDemoRoutingPolicy, seedDemoSuppliers, seedSupplierPortals } from "../../scripts/demo/seed";
import { runAfterHistory, seedDemoHistory, type DemoHistoryReport } from "../../scripts/demo/history";
import type { FakeShopify } from "../fake-shopify";
import { installedDemo } from "../helpers/demo";
import { createPrismaClient } from "../../app/db-client.server";
import { addBusinessHours } from "../../app/domain/escalation/business-hours";
import { SUPPLIER_OFFICE_HOURS } from "../../scripts/demo/history/simulation";

const END = new Date("2026-12-07T12:00:00Z");
const DAYS = 14;
let fake: FakeShopify | undefined;
let closeServices: (() => Promise<void>) | undefined;
let db: ReturnType<typeof createPrismaClient>;
let report: DemoHistoryReport;
let appEnv: Readonly<Record<string, string>>;
const shop = DEMO_SHOP.domain;

beforeAll(async () => {
  const demo = await installedDemo("demo-history");
  fake = demo.fake;
  appEnv = demo.appEnv;
  closeServices = demo.services.close;
  await seedDemoRoutingPolicy(demo.services.db, demo.catalog);
  await seedDemoSuppliers(demo.services, { catalog: demo.catalog, now: END });
  const portalLinks = await seedSupplierPortals(demo.services, { now: END });
  report = await seedDemoHistory(
    { fake: demo.fake, catalog: demo.catalog, appEnv: demo.appEnv, portalLinks },
    { days: DAYS, ordersPerDay: { min: 5, max: 7 }, endAt: END },
  );
  db = createPrismaClient(demo.databaseUrl);
}, 480_000);

afterAll(async () => {
  await db?.$disconnect();
  await closeServices?.();
  await fake?.close();
});

const supplierId = async (name: string) => (await db.supplier.findFirstOrThrow({ where: { shop, name } })).id;
/** Business hours between two instants, found by bisection on the app's own `addBusinessHours`. */
function officeHoursBetween(fromMs: number, toMs: number, calendar: Parameters<typeof addBusinessHours>[2]): number {
  let low = 0;
  let high = 24 * 60;
  for (let i = 0; i < 40; i++) {
    const mid = (low + high) / 2;
    if (addBusinessHours(fromMs, mid, calendar) < toMs) low = mid;
    else high = mid;
  }
  return low;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

describe("the demo's history, replayed through the app's code paths", () => {
  it("places orders on every past day, from several channels and countries, all before the live orders", async () => {
    const orders = await db.order.findMany({ where: { shop } });
    expect(orders.length).toBe(report.tally.orders);
    expect(orders.length).toBeGreaterThanOrEqual(DAYS * 4);
    const days = new Set(orders.map((o) => o.placedAt.toISOString().slice(0, 10)));
    expect(days.size).toBeGreaterThanOrEqual(DAYS);
    expect(orders.every((o) => o.placedAt.getTime() < END.getTime() - 10 * 60_000)).toBe(true);
    expect(new Set(orders.map((o) => o.channel))).toEqual(new Set(["web", "pos", "amazon"]));
    expect(new Set(orders.map((o) => o.countryCode)).size).toBeGreaterThanOrEqual(4);
    // Each one arrived as Shopify's webhook, recorded at its past instant.
    const created = await db.webhookEvent.findMany({ where: { shop, topic: "orders/create" }, select: { receivedAt: true } });
    expect(created.length).toBe(orders.length);
    expect(created.every((e) => e.receivedAt.getTime() < END.getTime())).toBe(true);
    // Shopify (the fake) holds the same orders with the same creation instants.
    const inShopify = [...fake!.store.shop(shop).orders.values()];
    const placed = new Map(orders.map((o) => [o.id, o.placedAt.getTime()]));
    expect(inShopify.every((o) => placed.get(o.id) === Date.parse(o.createdAt))).toBe(true);
  });

  it("leaves purchase orders in several states, created when their order was routed", async () => {
    const pos = await db.purchaseOrder.findMany({ where: { shop } });
    const states = new Set(pos.map((p) => p.status));
    for (const state of ["shipped", "accepted", "rejected", "rerouted"]) expect(states, state).toContain(state);
    const placedAt = new Map((await db.order.findMany({ where: { shop } })).map((o) => [o.id, o.placedAt.getTime()]));
    expect(pos.every((p) => p.createdAt.getTime() >= placedAt.get(p.orderId)! && p.createdAt.getTime() < END.getTime())).toBe(true);
    // The overselling supplier's rejections are for stock.
    const rejected = pos.filter((p) => p.status === "rejected");
    expect(rejected.every((p) => p.rejection?.includes("INVENTORY_OUT_OF_STOCK"))).toBe(true);
    const atlantic = await supplierId("Atlantic Supply Co.");
    expect(rejected.filter((p) => p.supplierId === atlantic).length).toBeGreaterThan(rejected.length / 2);
  });

  it("ships parcels the carriers deliver, and opens exception cases from carrier events and timers", async () => {
    const shipments = await db.shipment.findMany({ where: { shop } });
    expect(shipments.filter((s) => s.stage === "delivered").length).toBeGreaterThan(shipments.length / 3);
    expect(shipments.filter((s) => s.stage !== "delivered").length).toBeGreaterThan(0);
    expect(shipments.every((s) => s.syncStatus === "synced" && s.fulfillmentId !== null)).toBe(true);
    const cases = await db.exceptionCase.findMany({ where: { shop } });
    expect(cases.length).toBeGreaterThan(0);
    expect(cases.every((c) => c.openedAt.getTime() < END.getTime())).toBe(true);
    expect(await db.carrierEvent.count({ where: { shop, outcome: "unknown_shipment" } })).toBe(0);
  });

  it("shows the drifting supplier answering more slowly in the last week than in the week before", async () => {
    const DAY = 86_400_000;
    const lastWeek = END.getTime() - 7 * DAY;
    // Office hours from sending to the answer (the ladder's clock: nights and weekends do not count);
    // one still unanswered counts as waiting until now (a lower bound).
    const waits = async (name: string, from: number, to: number) => {
      const supplier = await db.supplier.findFirstOrThrow({ where: { shop, name } });
      const calendar = { timeZone: supplier.timeZone, cutoff: supplier.cutoff, holidays: JSON.parse(supplier.holidays) as string[], ...SUPPLIER_OFFICE_HOURS };
      const pos = await db.purchaseOrder.findMany({ where: { shop, supplierId: supplier.id, sentAt: { gte: new Date(from), lt: new Date(to) } } });
      return pos
        .filter((p) => p.acknowledgedAt || p.status === "sent")
        .map((p) => officeHoursBetween(p.sentAt!.getTime(), (p.acknowledgedAt ?? END).getTime(), calendar));
    };
    const before = await waits("EuroDrop Paris", lastWeek - 7 * DAY, lastWeek);
    const recent = await waits("EuroDrop Paris", lastWeek, END.getTime() - DAY);
    expect(before.length).toBeGreaterThanOrEqual(4);
    expect(recent.length).toBeGreaterThanOrEqual(4);
    expect(median(recent)).toBeGreaterThan(3 * median(before));
    // The reliable supplier does not drift.
    const reliable = await waits("Pacific Coast Fulfillment", lastWeek, END.getTime() - DAY);
    expect(median(reliable)).toBeLessThan(median(recent) / 3);
  });

  it("runs the after-history steps in order on the app's services, which see the history", async () => {
    const demoServices = (await import("../../scripts/services")).scriptServices({ ...appEnv });
    try {
      const seen: string[] = [];
      const took = await runAfterHistory(demoServices, shop, [
        { name: "first", run: async (s, forShop) => void seen.push(`first ${forShop} ${await s.db.order.count({ where: { shop: forShop } })}`) },
        { name: "second", run: async () => void seen.push("second") },
      ]);
      expect(seen).toEqual([`first ${shop} ${report.tally.orders}`, "second"]);
      expect(Object.keys(took)).toEqual(["first", "second"]);
    } finally {
      await demoServices.close();
    }
  });
});
