import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SHOP } from "../../prisma/seed/demo-catalog";
import { seedDemoRoutingPolicy, seedDemoSuppliers, seedSupplierPortals } from "../../scripts/demo/seed";
import { runAfterHistory, seedDemoHistory, type DemoHistoryReport } from "../../scripts/demo/history";
import type { FakeShopify } from "../fake-shopify";
import { installedDemo } from "../helpers/demo";
import { createPrismaClient } from "../../app/db-client.server";

const END = new Date("2026-12-07T12:00:00Z");
const DAYS = 12;
let fake: FakeShopify | undefined;
let closeServices: (() => Promise<void>) | undefined;
let db: ReturnType<typeof createPrismaClient>;
let report: DemoHistoryReport;
const shop = DEMO_SHOP.domain;

beforeAll(async () => {
  const demo = await installedDemo("demo-history");
  fake = demo.fake;
  closeServices = demo.services.close;
  await seedDemoRoutingPolicy(demo.services.db);
  await seedDemoSuppliers(demo.services, { catalog: demo.catalog, now: END });
  const portalLinks = await seedSupplierPortals(demo.services, { now: END });
  report = await seedDemoHistory(
    { fake: demo.fake, catalog: demo.catalog, appEnv: demo.appEnv, portalLinks },
    { days: DAYS, ordersPerDay: { min: 6, max: 9 }, endAt: END },
  );
  db = createPrismaClient(demo.databaseUrl);
}, 120_000);

afterAll(async () => {
  await db?.$disconnect();
  await closeServices?.();
  await fake?.close();
});

const supplierId = async (name: string) => (await db.supplier.findFirstOrThrow({ where: { shop, name } })).id;

describe("the demo's history", () => {
  it("reports what it did", async () => {
    console.log(JSON.stringify(report, null, 1));
    const log = fake!.requestLog();
    const by = new Map<string, number>();
    for (const r of log) by.set(r.status, (by.get(r.status) ?? 0) + 1);
    console.log("requests", log.length, [...by.entries()], JSON.stringify(fake!.requestTally().map((t) => [t.operationName, t.calls])));
    expect(report.tally.orders).toBeGreaterThan(0);
  });
});
