/**
 * The scorecard admin pages, called the way the embedded admin calls them (a session-token data
 * request; the real `authenticate.admin` runs offline): every supplier's grade, the settings form
 * (weights must add up to 100), and one supplier's card with the order lines behind each number.
 */
import type { PrismaClient } from "@prisma/client";
import { getJwt } from "@shopify/shopify-api/test-helpers";
import { beforeAll, describe, expect, it } from "vitest";
import { TEST_API_KEY, TEST_API_SECRET, TEST_SHOP, useTestAppEnv } from "../helpers/app-env";
import { facts, insertFacts } from "../helpers/facts";

useTestAppEnv();

type RouteFn = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>;

let db: PrismaClient;
let index: { loader: RouteFn; action: RouteFn };
let detail: { loader: RouteFn };
const ids: Record<string, string> = {};

async function bearer(): Promise<string> {
  const { token } = await getJwt(TEST_SHOP.replace(".myshopify.com", ""), TEST_API_KEY, TEST_API_SECRET);
  return `Bearer ${token}`;
}

async function call(fn: RouteFn, request: Request, params: Record<string, string> = {}): Promise<unknown> {
  try {
    return await fn({ request, params, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

const get = async (path: string) => new Request(`http://localhost:3000${path}`, { headers: { Authorization: await bearer() } });
const post = async (path: string, fields: Record<string, string>) =>
  new Request(`http://localhost:3000${path}`, { method: "POST", headers: { Authorization: await bearer() }, body: new URLSearchParams(fields) });

async function supplier(shop: string, name: string): Promise<string> {
  const row = await db.supplier.create({
    data: { shop, name, contactEmail: "ops@example.com", timeZone: "UTC", cutoff: "14:00", serviceTier: "next_day", handlingMinDays: 1, handlingMaxDays: 2 },
  });
  return row.id;
}

const SETTINGS = {
  intent: "settings",
  "weights.shipmentTime": "50",
  "weights.shareShipped": "30",
  "weights.shareCancelled": "20",
  windowDays: "60",
  lateToleranceDays: "2",
  minLines: "3",
  minSkuLines: "2",
};

beforeAll(async () => {
  db = (await import("../../app/db.server")).default;
  const { SCOPES } = await import("../../app/shopify/scopes");
  await db.session.create({
    data: { id: `offline_${TEST_SHOP}`, shop: TEST_SHOP, state: "installed", isOnline: false, scope: SCOPES.join(","), accessToken: "shpat_scorecards" },
  });
  index = (await import("../../app/routes/app.scorecards._index")) as unknown as typeof index;
  detail = (await import("../../app/routes/app.scorecards.$supplierId")) as unknown as typeof detail;
  ids.good = await supplier(TEST_SHOP, "Good Co");
  ids.late = await supplier(TEST_SHOP, "Late Co");
  ids.foreign = await supplier("someone-else.myshopify.com", "Foreign Co");
  const now = new Date();
  await insertFacts(
    db,
    [
      ...facts(6, (i) => ({ supplierId: ids.good!, daysAgo: 3 + i, shippedAfterDays: 1 })),
      ...facts(4, (i) => ({ supplierId: ids.late!, daysAgo: 3 + i, shippedAfterDays: 6, sku: "LAMP", orderName: `#L${i}` })),
      ...facts(2, (i) => ({ supplierId: ids.late!, daysAgo: 3 + i, stockout: true, cancelled: true, cancelReason: "inventory", sku: "LAMP" })),
    ],
    now,
  );
});

describe("scorecards page", () => {
  it("lists every supplier of the shop with the grade the last run computed, and none of another shop's", async () => {
    type Rows = { rows: { supplierName: string; letter: string | null; routing: { measuredAt: string | null; sampleSize: number } }[] };
    const before = (await call(index.loader, await get("/app/scorecards"))) as Rows;
    expect(before.rows.map((r) => [r.supplierName, r.letter, r.routing.measuredAt])).toEqual([
      ["Good Co", null, null],
      ["Late Co", null, null],
    ]);
    const { refreshSupplierMeasures } = await import("../../app/services/scorecards/measures.server");
    await refreshSupplierMeasures({ db, now: () => new Date() }, TEST_SHOP);
    const data = (await call(index.loader, await get("/app/scorecards"))) as Rows;
    expect(data.rows.map((r) => [r.supplierName, r.letter, r.routing.sampleSize])).toEqual([
      ["Good Co", "A", 6],
      ["Late Co", "F", 6],
    ]);
    expect(data.rows.every((r) => r.routing.measuredAt !== null)).toBe(true);
  });

  it("refuses weights that do not add up to 100 and saves ones that do, recomputing routing's measures", async () => {
    const refused = (await call(index.action, await post("/app/scorecards", { ...SETTINGS, "weights.shareCancelled": "30" }))) as {
      ok: boolean;
      failure: { fieldErrors: Record<string, string> };
    };
    expect(refused.ok).toBe(false);
    expect(refused.failure.fieldErrors[""]).toBe("The weights must add up to 100 %");
    expect(await db.scorecardSettings.count()).toBe(0);

    const saved = (await call(index.action, await post("/app/scorecards", SETTINGS))) as { ok: boolean };
    expect(saved.ok).toBe(true);
    const data = (await call(index.loader, await get("/app/scorecards"))) as { settings: { weights: Record<string, number>; windowDays: number } };
    expect(data.settings).toMatchObject({ weights: { shipmentTime: 50, shareShipped: 30, shareCancelled: 20 }, windowDays: 60 });
    expect(await db.job.count({ where: { shop: TEST_SHOP, kind: "supplier_measures" } })).toBe(1);
  });
});

describe("one supplier's scorecard", () => {
  it("lists the order lines behind each number, the ones against it first, and the worst SKU", async () => {
    const data = (await call(detail.loader, await get(`/app/scorecards/${ids.late}`), { supplierId: ids.late! })) as {
      card: {
        counted: number;
        worstSkus: { sku: string; late: number; cancelled: number }[];
        linesBehind: Record<string, { total: number; shown: { orderName: string; counts: string; words: string }[] }>;
      };
    };
    expect(data.card.counted).toBe(6);
    expect(data.card.worstSkus).toEqual([expect.objectContaining({ sku: "LAMP", late: 4, cancelled: 2 })]);
    const time = data.card.linesBehind.shipmentTime!;
    expect(time.total).toBe(6);
    expect(time.shown.every((l) => l.counts === "against")).toBe(true);
    expect(time.shown.map((l) => l.words)).toContain("shipped 4 days late");
    expect(time.shown.map((l) => l.words)).toContain("not shipped: stockout after accepting");
    expect(data.card.linesBehind.shareCancelled!.shown.filter((l) => l.counts === "against")).toHaveLength(2);
  });

  it("answers 404 for another shop's supplier", async () => {
    const response = (await call(detail.loader, await get(`/app/scorecards/${ids.foreign}`), { supplierId: ids.foreign! })) as Response;
    expect(response.status).toBe(404);
  });
});
