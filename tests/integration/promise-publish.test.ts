/**
 * Publishing promise data against the fake Admin API: what the checkout extension will read is in
 * Shopify's metafields, decodes, and gives a delivery window through the extension's own view code.
 */
import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodePromiseData, decodeShopCalendar } from "../../app/domain/promise";
import { buildPromiseView } from "../../extensions/delivery-promise/src/promise-view";
import { TEST_API_KEY, TEST_API_SECRET, TEST_SHOP, useTestAppEnv } from "../helpers/app-env";
import { startFakeShopify, type FakeShopify } from "../fake-shopify";

useTestAppEnv();

const TOKEN = "shpat_promise_test";
const VARIANTS = 30;
let fake: FakeShopify;
let db: PrismaClient;
let app: {
  publishPromises: typeof import("../../app/services/promise/publish.server").publishPromises;
  suppliers: typeof import("../../app/services/suppliers/suppliers.server");
  AdminClient: typeof import("../../app/shopify/client.server").AdminClient;
  httpTransport: typeof import("../../app/shopify/client.server").httpTransport;
};
const variantIds: string[] = [];
const supplierIds: Record<string, string> = {};
/** Every Admin API call the publisher made: operation name and how many metafields it carried. */
let calls: { name: string; size: number }[] = [];

function recordingClient() {
  const inner = app.httpTransport({ shop: TEST_SHOP, accessToken: TOKEN, origin: fake.url });
  return new app.AdminClient(
    async (source, variables) => {
      const name = /(?:query|mutation)\s+(\w+)/.exec(source)?.[1] ?? "?";
      const list = (variables as { metafields?: unknown[] } | undefined)?.metafields;
      calls.push({ name, size: Array.isArray(list) ? list.length : 0 });
      return inner(source, variables);
    },
    { shop: TEST_SHOP },
  );
}

async function publish(options: { force?: boolean } = {}) {
  calls = [];
  return app.publishPromises({ db, client: recordingClient(), now: () => new Date() }, TEST_SHOP, options);
}

const sets = () => calls.filter((c) => c.name === "AppMetafieldsSet");

/** The `$app` metafields the fake holds, by owner and key. */
function appMetafields(): Map<string, string> {
  const found = new Map<string, string>();
  for (const m of fake.store.shop(TEST_SHOP).metafields.values()) {
    if (m.namespace.startsWith("app--") && m.type === "json") found.set(`${m.ownerId}|${m.key}`, m.value);
  }
  return found;
}

const supplierForm = (name: string, overrides: Record<string, unknown>) => ({
  name,
  contactEmail: "ops@example.com",
  timeZone: "America/New_York",
  cutoff: "14:00",
  holidays: "",
  serviceTier: "next_day",
  handlingMinDays: "1",
  handlingMaxDays: "1",
  dropshipFee: "2.00",
  feedCadenceMinutes: "1440",
  coverage: [{ countryCode: "US", provinceCode: "", transitMin: "2", transitMax: "4", shippingCost: "5.00" }],
  ...overrides,
});

beforeAll(async () => {
  fake = await startFakeShopify({ webhooks: { baseUrl: "http://localhost:3000", apiSecret: TEST_API_SECRET, manual: true } });
  process.env.SHOPIFY_ADMIN_API_ORIGIN = fake.url;
  fake.seedShop({ domain: TEST_SHOP, accessToken: TOKEN, name: "Promise Test" });
  for (let i = 0; i < VARIANTS; i++) {
    const sku = `P${String(i).padStart(2, "0")}`;
    variantIds.push(fake.createProduct({ shop: TEST_SHOP, title: `Product ${sku}`, variants: [{ sku, price: "20.00" }] }).variants[0]!.id);
  }
  db = (await import("../../app/db.server")).default;
  const client = await import("../../app/shopify/client.server");
  app = {
    publishPromises: (await import("../../app/services/promise/publish.server")).publishPromises,
    suppliers: await import("../../app/services/suppliers/suppliers.server"),
    AdminClient: client.AdminClient,
    httpTransport: client.httpTransport,
  };
  await db.session.create({ data: { id: `offline_${TEST_SHOP}`, shop: TEST_SHOP, state: "", accessToken: TOKEN, isOnline: false } });
  await db.shop.create({ data: { domain: TEST_SHOP } });
  const deps = { db, client: recordingClient(), appUrl: "http://localhost:3000" };
  const forms = {
    "Atlantic Supply": supplierForm("Atlantic Supply", {}),
    "Gulf Express": supplierForm("Gulf Express", { timeZone: "America/Chicago", serviceTier: "same_day", handlingMinDays: "0", handlingMaxDays: "0" }),
  };
  for (const [name, form] of Object.entries(forms)) {
    const created = await app.suppliers.createSupplier(deps, TEST_SHOP, form);
    if (!created.ok) throw new Error(JSON.stringify(created.failure.fieldErrors));
    supplierIds[name] = created.value.id;
  }
  // Atlantic offers every variant; Gulf (faster) only the first five.
  const now = new Date();
  const offer = (supplier: string, i: number) => ({
    shop: TEST_SHOP,
    supplierId: supplierIds[supplier]!,
    variantId: variantIds[i]!,
    sku: `P${i}`,
    supplierSku: `${supplier[0]}-${i}`,
    unitCostMinor: 800,
    stockOnHand: 50,
    stockUpdatedAt: now,
  });
  await db.offer.createMany({ data: [...variantIds.map((_, i) => offer("Atlantic Supply", i)), ...[0, 1, 2, 3, 4].map((i) => offer("Gulf Express", i))] });
  await db.promiseSettings.create({ data: { shop: TEST_SHOP, carrierHolidays: JSON.stringify(["2099-12-25"]) } });
}, 60_000);

afterAll(() => fake?.close());

describe("publishing promise data", () => {
  it("writes decodable promise data for every variant and the shop calendar, 25 metafields per call at most", async () => {
    const report = await publish();
    expect(report).toMatchObject({ variants: VARIANTS, sent: VARIANTS + 1, unchanged: 0, deleted: 0, calls: 2 });
    expect(sets().map((c) => c.size)).toEqual([25, 6]);

    const stored = appMetafields();
    for (const [i, variantId] of variantIds.entries()) {
      const data = decodePromiseData(stored.get(`${variantId}|promise`));
      expect(data, variantId).not.toBeNull();
      const expected = i < 5 ? ["Gulf Express", "Atlantic Supply"] : ["Atlantic Supply"];
      expect(data!.suppliers.map((s) => s.id)).toEqual(expected.map((n) => supplierIds[n]));
    }
    const calendarKey = [...stored.keys()].find((k) => k.endsWith("|calendar"));
    expect(calendarKey).toMatch(/^gid:\/\/shopify\/Shop\/\d+\|calendar$/);
    // With the zones of the suppliers' destinations (the US: its own and its states' that differ).
    expect(decodeShopCalendar(stored.get(calendarKey!))).toEqual({
      v: 1,
      chol: ["2099-12-25"],
      dn: 1,
      dz: expect.objectContaining({ US: "America/New_York", "US-CA": "America/Los_Angeles", "US-TX": "America/Chicago" }),
    });
  });

  it("gives the checkout extension a delivery window from exactly the published values", async () => {
    const stored = appMetafields();
    const calendar = decodeShopCalendar([...stored.entries()].find(([k]) => k.endsWith("|calendar"))![1]);
    const view = buildPromiseView({
      lines: [
        { id: "line-1", quantity: 1, data: decodePromiseData(stored.get(`${variantIds[0]}|promise`)) },
        { id: "line-2", quantity: 2, data: decodePromiseData(stored.get(`${variantIds[10]}|promise`)) },
      ],
      destination: { countryCode: "US", provinceCode: "NY" },
      carrierHolidays: calendar?.chol ?? [],
      nowMs: Date.UTC(2026, 10, 24, 12),
      locale: "en-US",
      translate: (key, values) => `${key} ${JSON.stringify(values ?? {})}`,
    });
    // Line 1 ships from Gulf Express, line 2 from Atlantic: two parcels, each with a window.
    expect(view?.kind).toBe("multi_parcel");
    if (view?.kind !== "multi_parcel") return;
    expect(view.window.earliest <= view.window.latest).toBe(true);
    expect(view.parts).toHaveLength(2);
  });

  it("sends nothing when nothing changed", async () => {
    const report = await publish();
    expect(report).toMatchObject({ variants: VARIANTS, sent: 0, unchanged: VARIANTS, calls: 0 });
    expect(sets()).toEqual([]);
  });

  it("republishes only the variants a supplier change affects", async () => {
    const updated = await app.suppliers.updateSupplier(
      { db, client: recordingClient(), appUrl: "http://localhost:3000" },
      TEST_SHOP,
      supplierIds["Gulf Express"]!,
      supplierForm("Gulf Express", { timeZone: "America/Chicago", serviceTier: "same_day", handlingMinDays: "0", handlingMaxDays: "0", cutoff: "12:00" }),
    );
    expect(updated.ok).toBe(true);
    const job = await db.job.findFirst({ where: { shop: TEST_SHOP, kind: "promise_publish", status: "queued" }, orderBy: { createdAt: "desc" } });
    expect(job).toMatchObject({ groupKey: `promise:${TEST_SHOP}` });
    expect(job!.runAt.getTime()).toBeGreaterThan(Date.now() - 1000);

    const report = await publish();
    expect(report).toMatchObject({ sent: 5, unchanged: VARIANTS - 5, calls: 1 });
    expect(sets().map((c) => c.size)).toEqual([5]);
    expect(decodePromiseData(appMetafields().get(`${variantIds[0]}|promise`))?.suppliers[0]).toMatchObject({
      id: supplierIds["Gulf Express"],
      cutoff: "12:00",
    });
  });

  it("runs as a job: pausing a supplier queues a publish that removes it from its variants", async () => {
    expect(await app.suppliers.setSupplierStatus(db, TEST_SHOP, supplierIds["Gulf Express"]!, "paused")).toBe(true);
    const runtime = await import("../../app/jobs/runtime.server");
    const { Worker } = await import("../../app/jobs/worker.server");
    const services = (await import("../../app/services.server")).services();
    // The publish waits for the end of its debounce slot; a worker a minute ahead runs it.
    const later = () => new Date(Date.now() + 60_000);
    await new Worker(services.queue, runtime.jobHandlers(services), { now: later }).drain();
    const jobs = await db.job.findMany({ where: { kind: "promise_publish" } });
    expect(jobs.every((j) => j.status === "succeeded")).toBe(true);
    for (const variantId of variantIds.slice(0, 5)) {
      expect(decodePromiseData(appMetafields().get(`${variantId}|promise`))?.suppliers.map((s) => s.id)).toEqual([supplierIds["Atlantic Supply"]]);
    }
  });

  it("removes the metafield of a variant no supplier offers any more", async () => {
    await db.offer.deleteMany({ where: { shop: TEST_SHOP, variantId: variantIds[29]! } });
    const report = await publish();
    expect(report).toMatchObject({ variants: VARIANTS - 1, deleted: 1, sent: 0 });
    expect(appMetafields().has(`${variantIds[29]}|promise`)).toBe(false);
    expect(appMetafields().has(`${variantIds[28]}|promise`)).toBe(true);
  });

  it("re-sends everything on request, still in batches of at most 25", async () => {
    const report = await publish({ force: true });
    expect(report).toMatchObject({ sent: VARIANTS - 1 + 1, calls: 2 });
    expect(sets().map((c) => c.size)).toEqual([25, 5]);
  });

  it("learns handling and transit from delivered shipments, and checkout's window narrows to their sum", async () => {
    const atlantic = supplierIds["Atlantic Supply"]!;
    const before = decodePromiseData(appMetafields().get(`${variantIds[10]}|promise`))!;
    // 30 past orders to New York, placed on Mondays at 10:00 there (before the 14:00 cut-off),
    // picked up the Tuesday (1 business day); delivered the Thursday (2 days), every sixth the Friday.
    const mondays = ["2026-10-05", "2026-10-12", "2026-10-19", "2026-10-26", "2026-11-02", "2026-11-09"];
    for (let i = 0; i < 30; i++) {
      const monday = Date.parse(`${mondays[i % mondays.length]}T15:00:00Z`);
      const at = (days: number, hourUtc: number) => monday + days * 86_400_000 + (hourUtc - 15) * 3_600_000;
      const orderId = `gid://shopify/Order/${9000 + i}`;
      await db.order.create({
        data: {
          id: orderId,
          shop: TEST_SHOP,
          name: `#${9000 + i}`,
          currencyCode: "USD",
          totalMinor: 2000,
          channel: "web",
          countryCode: "US",
          provinceCode: "NY",
          lines: "[]",
          placedAt: new Date(monday),
        },
      });
      const events = [
        { status: "picked up", happenedAtMs: at(1, 20), stage: "picked_up", outcome: "advanced" },
        { status: "delivered", happenedAtMs: at(i % 6 === 5 ? 4 : 3, 19), stage: "delivered", outcome: "advanced" },
      ];
      await db.shipment.create({
        data: {
          shop: TEST_SHOP,
          orderId,
          supplierId: atlantic,
          fulfillmentOrderIds: "[]",
          lines: "[]",
          dedupeKey: `learn-${i}`,
          source: "api",
          stage: "delivered",
          labelCreatedAt: new Date(at(1, 16)),
          parcels: {
            create: [
              {
                shop: TEST_SHOP,
                trackingNumber: `LEARN${i}`,
                stage: "delivered",
                state: JSON.stringify({
                  trackingNumber: `LEARN${i}`,
                  stage: "delivered",
                  progress: "delivered",
                  progressAtMs: events[1]!.happenedAtMs,
                  exception: null,
                  lastScanAtMs: events[1]!.happenedAtMs,
                  events,
                }),
              },
            ],
          },
        },
      });
    }

    const report = await publish();
    expect(report).toMatchObject({ variants: VARIANTS - 1, sent: VARIANTS - 1, unchanged: 0 });
    const after = decodePromiseData(appMetafields().get(`${variantIds[10]}|promise`))!;
    // Published in thousandths, recent parcels weighing more: handling always 1 day; transit 2 days
    // for most, 3 for about one in six; the lane's own history is enough ("l").
    expect(after.suppliers[0]).toMatchObject({ id: atlantic, hd: [1, 1000], td: [[2, expect.any(Number), expect.any(Number)]], bs: "l" });
    const [, two, three] = after.suppliers[0]!.td![0]!;
    expect(two! + three!).toBe(1000);
    expect(three!).toBeGreaterThan(100);
    expect(three!).toBeLessThan(250);
    for (const size of sets().map((c) => c.size)) expect(size).toBeLessThanOrEqual(25);
    for (const value of appMetafields().values()) expect(new TextEncoder().encode(value).length).toBeLessThanOrEqual(4096);

    const view = (data: typeof after) =>
      buildPromiseView({
        lines: [{ id: "line-1", quantity: 1, data }],
        destination: { countryCode: "US", provinceCode: "NY" },
        nowMs: Date.parse("2026-11-30T15:00:00Z"), // Monday 10:00 in New York
        locale: "en-US",
        translate: (key) => key,
      });
    // Configured: 1 day handling + 2–4 days transit = Thursday to Monday. Learned: picked up
    // Tuesday, delivered Thursday (5 in 6) or Friday.
    expect(view(before)).toMatchObject({ kind: "window", window: { earliest: "2026-12-03", latest: "2026-12-07" } });
    expect(view(after)).toMatchObject({ kind: "window", window: { earliest: "2026-12-03", latest: "2026-12-04" } });
  });
});

describe("the Delivery promise page", () => {
  type RouteFn = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>;
  async function bearer(): Promise<string> {
    const { getJwt } = await import("@shopify/shopify-api/test-helpers");
    const { token } = await getJwt(TEST_SHOP.replace(".myshopify.com", ""), TEST_API_KEY, TEST_API_SECRET);
    return `Bearer ${token}`;
  }
  async function page(): Promise<{ loader: RouteFn; action: RouteFn }> {
    return (await import("../../app/routes/app.promise")) as unknown as { loader: RouteFn; action: RouteFn };
  }
  async function post(fields: Record<string, string>) {
    const request = new Request("http://localhost:3000/app/promise", {
      method: "POST",
      headers: { Authorization: await bearer() },
      body: new URLSearchParams(fields),
    });
    return (await page()).action({ request, params: {}, context: {} });
  }

  it("lists what is published per variant, in checkout's order, with the calendar", async () => {
    const request = new Request("http://localhost:3000/app/promise", { headers: { Authorization: await bearer() } });
    const data = (await (await page()).loader({ request, params: {}, context: {} })) as {
      rows: { sku: string; suppliers: string; state: string }[];
      calendar: { dates: string[] } | null;
    };
    expect(data.rows).toHaveLength(VARIANTS - 1);
    expect(data.rows.every((r) => r.state === "published")).toBe(true);
    expect(data.rows.find((r) => r.sku === "P0")).toMatchObject({ suppliers: "Atlantic Supply" });
    expect(data.calendar).toEqual({ dates: ["2099-12-25"], publishedAt: expect.any(String) });
  });

  it("refuses a calendar with a bad date and saves a good one, queueing a publish", async () => {
    expect(await post({ intent: "calendar", carrierHolidays: "2099-12-25\nChristmas" })).toMatchObject({
      ok: false,
      failure: { fieldErrors: { carrierHolidays: expect.stringContaining("Christmas") } },
    });
    await db.job.deleteMany({ where: { kind: "promise_publish" } });
    expect(await post({ intent: "calendar", carrierHolidays: "2099-12-25, 2099-12-26" })).toMatchObject({ ok: true });
    expect(await db.promiseSettings.findUnique({ where: { shop: TEST_SHOP } })).toMatchObject({ carrierHolidays: '["2099-12-25","2099-12-26"]' });
    expect(await db.job.count({ where: { kind: "promise_publish", status: "queued" } })).toBe(1);
  });

  it("saves a destination country's own carrier holidays from the same form, refusing a bad line, and shows them", async () => {
    expect(await post({ intent: "calendar", carrierHolidays: "2099-12-25", carrierHolidaysByCountry: "FR: 2099-07-14\nDE 2099-10-03" })).toMatchObject({
      ok: false,
      failure: { fieldErrors: { carrierHolidaysByCountry: expect.stringContaining("Line 2") } },
    });
    expect(
      await post({ intent: "calendar", carrierHolidays: "2099-12-25, 2099-12-26", carrierHolidaysByCountry: "fr: 2099-07-14\nDE: 2099-10-03" }),
    ).toMatchObject({
      ok: true,
    });
    expect(await db.promiseSettings.findUnique({ where: { shop: TEST_SHOP } })).toMatchObject({
      carrierHolidaysByCountry: '{"FR":["2099-07-14"],"DE":["2099-10-03"]}',
    });
    // A post without the field (an older form) leaves them alone.
    expect(await post({ intent: "calendar", carrierHolidays: "2099-12-25, 2099-12-26" })).toMatchObject({ ok: true });
    const request = new Request("http://localhost:3000/app/promise", { headers: { Authorization: await bearer() } });
    const data = (await (await page()).loader({ request, params: {}, context: {} })) as { holidaysByCountry: string };
    expect(data.holidaysByCountry).toBe("DE: 2099-10-03\nFR: 2099-07-14");
    // Published with the shop calendar at the next publish.
    await publish();
    const calendar = decodeShopCalendar([...appMetafields().entries()].find(([k]) => k.endsWith("|calendar"))![1]);
    expect(calendar?.cch).toEqual({ DE: ["2099-10-03"], FR: ["2099-07-14"] });
    await post({ intent: "calendar", carrierHolidays: "2099-12-25, 2099-12-26", carrierHolidaysByCountry: "" });
  });

  it("reports promised vs actual for delivered orders and backtests every confidence on the shop's history", async () => {
    const learned = await db.shipment.findMany({ where: { shop: TEST_SHOP, dedupeKey: { startsWith: "learn-" } } });
    expect(learned).toHaveLength(30);
    for (const s of learned) {
      // Promised the Thursday (picked up Tuesday + 2 days): every sixth parcel came the Friday.
      const thursday = new Date(s.labelCreatedAt.getTime() + 2 * 86_400_000).toISOString().slice(0, 10);
      await db.shipment.update({ where: { id: s.id }, data: { promisedEarliest: thursday, promisedLatest: thursday, promiseTimeZone: "America/New_York" } });
    }
    const request = new Request("http://localhost:3000/app/promise", { headers: { Authorization: await bearer() } });
    const data = (await (await page()).loader({ request, params: {}, context: {} })) as {
      accuracy: {
        confidence: number;
        report: { overall: { promises: number; kept: number; late: number }; bySupplier: { key: string }[]; byRegion: { key: string }[] };
        backtest: { overall: { confidence: number; promises: number; keptShare: number; meanWidth: number }[]; rows: { supplierId: string; region: string }[] };
      };
    };
    const { report, backtest, confidence } = data.accuracy;
    expect(confidence).toBe(0.97);
    expect(report.overall).toMatchObject({ promises: 30, kept: 25, late: 5 });
    expect(report.bySupplier.map((r) => r.key)).toEqual([supplierIds["Atlantic Supply"]]);
    expect(report.byRegion.map((r) => r.key)).toEqual(["US"]);
    expect(backtest.overall.map((c) => [c.confidence, c.promises])).toEqual([
      [0.9, 30],
      [0.95, 30],
      [0.97, 30],
      [0.99, 30],
    ]);
    expect(backtest.rows).toEqual([expect.objectContaining({ supplierId: supplierIds["Atlantic Supply"], region: "US" })]);
    expect(backtest.overall[3]!.meanWidth).toBeGreaterThanOrEqual(backtest.overall[0]!.meanWidth);
  });

  it("saves the chosen confidence, republishes, and the published windows use it", async () => {
    expect(await post({ intent: "confidence", confidence: "80" })).toMatchObject({ ok: false, failure: { fieldErrors: { confidence: expect.any(String) } } });
    await db.job.deleteMany({ where: { kind: "promise_publish" } });
    expect(await post({ intent: "confidence", confidence: "90" })).toMatchObject({ ok: true });
    expect(await db.promiseSettings.findUnique({ where: { shop: TEST_SHOP } })).toMatchObject({ confidence: 90 });
    expect(await db.job.count({ where: { kind: "promise_publish", status: "queued" } })).toBe(1);
    await publish();
    const data = decodePromiseData(appMetafields().get(`${variantIds[10]}|promise`))!;
    // 90 % everywhere, calibrated upward for the supplier whose recorded promises missed 5 in 30.
    const atlantic = supplierIds["Atlantic Supply"]!;
    for (const s of data.suppliers) {
      if (s.id === atlantic) expect(s.cov).toBeGreaterThan(900);
      else expect(s.cov).toBe(900);
    }
  });

  it("queues a forced republish that runs at once", async () => {
    await db.job.deleteMany({ where: { kind: "promise_publish" } });
    expect(await post({ intent: "republish" })).toMatchObject({ ok: true });
    const job = await db.job.findFirstOrThrow({ where: { kind: "promise_publish" } });
    expect(JSON.parse(job.payload)).toEqual({ reason: "manual", force: true });
    expect(job.runAt.getTime()).toBeLessThanOrEqual(Date.now());
  });
});
