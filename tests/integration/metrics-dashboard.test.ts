/**
 * The metrics page and its CSV export, called the way the embedded admin calls them (session
 * token, real `authenticate.admin`), over rollups of hand-counted facts.
 */
import { getJwt } from "@shopify/shopify-api/test-helpers";
import type { PrismaClient } from "@prisma/client";
import { beforeAll, describe, expect, it } from "vitest";
import { TEST_API_KEY, TEST_API_SECRET, TEST_SHOP, useTestAppEnv } from "../helpers/app-env";
import { factRow } from "../helpers/metrics";

useTestAppEnv();

type RouteFn = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>;
let db: PrismaClient;

const DAY = 86_400_000;
const dayAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString().slice(0, 10);

async function get(path: string): Promise<Request> {
  const { token } = await getJwt(TEST_SHOP.replace(".myshopify.com", ""), TEST_API_KEY, TEST_API_SECRET);
  return new Request(`http://localhost:3000${path}`, { headers: { Authorization: `Bearer ${token}` } });
}

async function load(file: string, path: string): Promise<unknown> {
  const { loader } = (await import(`../../app/routes/${file}.tsx`)) as { loader: RouteFn };
  return loader({ request: await get(path), params: {}, context: {} });
}

beforeAll(async () => {
  db = (await import("../../app/db.server")).default;
  const { SCOPES } = await import("../../app/shopify/scopes");
  await db.session.create({
    data: { id: `offline_${TEST_SHOP}`, shop: TEST_SHOP, state: "installed", isOnline: false, scope: SCOPES.join(","), accessToken: "shpat_metrics" },
  });
  await db.supplier.create({
    data: {
      id: "sup-b",
      shop: TEST_SHOP,
      name: "Bravo Supply",
      contactEmail: "b@example.com",
      timeZone: "UTC",
      cutoff: "17:00",
      serviceTier: "standard",
      handlingMinDays: 1,
      handlingMaxDays: 2,
    },
  });
  // Yesterday: A ships in 20 h and 30 h (ship-by 24 h); B rejects for stock. Two days ago: B ships in 10 h.
  await db.fulfillmentFact.createMany({
    data: [
      factRow(TEST_SHOP, { po: "1", day: dayAgo(1), confirmedH: 2, shippedH: 20, shipByH: 24, accepted: true }),
      factRow(TEST_SHOP, { po: "2", day: dayAgo(1), confirmedH: 4, shippedH: 30, shipByH: 24, accepted: true }),
      factRow(TEST_SHOP, { po: "3", day: dayAgo(1), supplierId: "sup-b", accepted: false, stockout: true }),
      factRow(TEST_SHOP, { po: "4", day: dayAgo(2), supplierId: "sup-b", confirmedH: 6, shippedH: 10, shipByH: 24, accepted: true }),
    ],
  });
  const { refreshMetrics } = await import("../../app/services/metrics/refresh.server");
  const { services } = await import("../../app/services.server");
  await refreshMetrics(services(), TEST_SHOP, { full: true });
});

interface Panel {
  metric: string;
  overall: { n: number; numerator: number; median: number | null; mean: number | null; rate: number | null };
  trend: { day: string; value: number | null; n: number }[];
  segments: { segment: string; label: string; summary: { n: number; numerator: number; rate: number | null } }[];
}

describe("the metrics page", () => {
  it("shows the period's numbers, the daily trend and the segments from the rollups", async () => {
    const data = (await load("app.metrics", "/app/metrics?period=7&metrics=orderToShip,acceptanceRate&dimension=supplierId")) as {
      panels: Panel[];
      error: null;
    };
    expect(data.error).toBeNull();
    const [toShip, acceptance] = data.panels;
    expect(toShip!.overall).toMatchObject({ n: 3, mean: 20 * 3_600_000 });
    expect(Math.abs(toShip!.overall.median! - 20 * 3_600_000) / (20 * 3_600_000)).toBeLessThan(0.01);
    expect(toShip!.trend).toHaveLength(7);
    expect(toShip!.trend.find((t) => t.day === dayAgo(1))).toMatchObject({ n: 2 });
    expect(acceptance!.overall).toMatchObject({ n: 4, numerator: 3, rate: 0.75 });
    expect(acceptance!.segments.map((s) => [s.label, s.summary.n, s.summary.numerator])).toEqual([
      // Busiest first, then by name.
      ["Bravo Supply", 2, 1],
      ["sup-a", 2, 2],
    ]);
  });

  it("reads the rollups, not the facts: deleted facts leave the page as it was until the next refresh", async () => {
    const path = "/app/metrics?period=30&metrics=acceptanceRate";
    const before = await load("app.metrics", path);
    const saved = await db.fulfillmentFact.findMany();
    await db.fulfillmentFact.deleteMany();
    expect(await load("app.metrics", path)).toEqual(before);
    await db.fulfillmentFact.createMany({ data: saved });
  });

  it("answers a malformed query with a message, not a crash", async () => {
    const data = (await load("app.metrics", "/app/metrics?period=custom&from=2026-11-30&to=2026-11-01")) as { error: string; panels: Panel[] };
    expect(data.error).toBe("The period's first date is after its last.");
    expect(data.panels).toEqual([]);
    const unknown = (await load("app.metrics", "/app/metrics?metrics=speed")) as { error: string };
    expect(unknown.error).toBe("Unknown metric.");
  });
});

describe("the CSV export", () => {
  it("exports the period per segment and the daily trend for the same query", async () => {
    const response = (await load("app.metrics.export[.]csv", "/app/metrics/export.csv?period=7&metrics=acceptanceRate&dimension=supplierId")) as Response;
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const lines = (await response.text()).trim().split("\r\n");
    expect(lines[0]).toBe("section,metric,dimension,segment,day,n,numerator,median_hours,p90_hours,mean_hours,rate");
    expect(lines[1]).toBe(`period,acceptanceRate,all,,${dayAgo(6)}..${dayAgo(0)},4,3,,,,0.75`);
    expect(lines[2]).toBe(`period,acceptanceRate,supplierId,Bravo Supply,${dayAgo(6)}..${dayAgo(0)},2,1,,,,0.5`);
    expect(lines[3]).toBe(`period,acceptanceRate,supplierId,sup-a,${dayAgo(6)}..${dayAgo(0)},2,2,,,,1`);
    expect(lines.filter((l) => l.startsWith("day,"))).toHaveLength(7);
    expect(lines).toContain(`day,acceptanceRate,all,,${dayAgo(1)},3,2,,,,0.6667`);
  });

  it("refuses a malformed query with 400", async () => {
    const response = (await load("app.metrics.export[.]csv", "/app/metrics/export.csv?dimension=planet")) as Response;
    expect(response.status).toBe(400);
  });
});
