/**
 * What the learning knows, published and read back as the shopper's surfaces read it (#18 items
 * 3, 5, 8): open purchase orders feed the published handling, against the fake Admin API.
 */
import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodePromiseData, decodeShopCalendar, type PromiseData } from "../../app/domain/promise";
import { buildPromiseView } from "../../extensions/delivery-promise/src/promise-view";
import { TEST_API_SECRET, TEST_SHOP, useTestAppEnv } from "../helpers/app-env";
import { startFakeShopify, type FakeShopify } from "../fake-shopify";

useTestAppEnv();

const TOKEN = "shpat_promise_wiring";
const DAY = 86_400_000;
/** Tuesday 1 December 2026, 10:00 in New York. */
const NOW = Date.parse("2026-12-01T15:00:00Z");
let fake: FakeShopify;
let db: PrismaClient;
let app: {
  publishPromises: typeof import("../../app/services/promise/publish.server").publishPromises;
  suppliers: typeof import("../../app/services/suppliers/suppliers.server");
  AdminClient: typeof import("../../app/shopify/client.server").AdminClient;
  httpTransport: typeof import("../../app/shopify/client.server").httpTransport;
};
const variants: Record<string, string> = {};
const supplierIds: Record<string, string> = {};

function client() {
  return new app.AdminClient(app.httpTransport({ shop: TEST_SHOP, accessToken: TOKEN, origin: fake.url }), { shop: TEST_SHOP });
}

const publish = (nowMs = NOW) => app.publishPromises({ db, client: client(), now: () => new Date(nowMs) }, TEST_SHOP, { force: true });

/** The `$app` metafields the fake holds, by owner and key. */
function appMetafields(): Map<string, string> {
  const found = new Map<string, string>();
  for (const m of fake.store.shop(TEST_SHOP).metafields.values()) {
    if (m.namespace.startsWith("app--") && m.type === "json") found.set(`${m.ownerId}|${m.key}`, m.value);
  }
  return found;
}

const published = (variant: string): PromiseData => decodePromiseData(appMetafields().get(`${variants[variant]}|promise`))!;
const calendar = () => decodeShopCalendar([...appMetafields().entries()].find(([k]) => k.endsWith("|calendar"))![1])!;

/**
 * What checkout shows for one unit of the variant, from the metafields as published (the
 * calendar's per-country holidays and destination zones too, unless `naive`).
 */
function checkoutView(variant: string, destination: { countryCode: string; provinceCode?: string | null }, nowMs = NOW, naive = false) {
  const shop = calendar();
  return buildPromiseView({
    lines: [{ id: "line-1", quantity: 1, data: published(variant) }],
    destination: { countryCode: destination.countryCode, provinceCode: destination.provinceCode ?? null },
    carrierHolidays: shop.chol,
    ...(shop.cch && !naive ? { carrierHolidaysByCountry: shop.cch } : {}),
    ...(shop.dz && !naive ? { destinationZones: shop.dz } : {}),
    nowMs,
    locale: "en-US",
    translate: (key, values) => `${key} ${JSON.stringify(values ?? {})}`,
  });
}

/** The window routing's meets-the-promise check computes for a supplier, from what routing loads for an order. */
async function routingWindow(supplier: string, variant: string, destination: { countryCode: string; provinceCode?: string }, nowMs: number) {
  const { listSuppliers } = await import("../../app/models/suppliers.server");
  const { engineSupplier, withPublishedPromises } = await import("../../app/services/routing/inputs");
  const promise = await import("../../app/models/promise.server");
  const { supplierFacts } = await import("../../app/domain/routing/facts");
  const { DEFAULT_ROUTING_POLICY } = await import("../../app/domain/routing/policy");
  const suppliers = (await listSuppliers(db, TEST_SHOP)).map(engineSupplier);
  const request = withPublishedPromises(
    {
      order: { id: "o", lines: [], destination, channel: "web", serviceLevel: "standard", basketValue: 0, nowMs },
      suppliers,
      offers: [],
    },
    await promise.publishedSupplierPromises(db, TEST_SHOP, [variants[variant]!]),
    await promise.loadCarrierHolidays(db, TEST_SHOP),
    { carrierHolidaysByCountry: await promise.loadCarrierHolidaysByCountry(db, TEST_SHOP) },
  );
  const chosen = request.suppliers.find((s) => s.id === supplierIds[supplier])!;
  return supplierFacts(chosen, request.order, DEFAULT_ROUTING_POLICY, new Set(), new Date(nowMs).toISOString().slice(0, 10)).window;
}

const supplierForm = (name: string, overrides: Record<string, unknown> = {}) => ({
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
  coverage: [{ countryCode: "US", provinceCode: "", transitMin: "2", transitMax: "3", shippingCost: "5.00" }],
  ...overrides,
});

let poCount = 0;
async function purchaseOrder(shop: string, supplier: string, status: string, placedAtMs: number): Promise<string> {
  poCount += 1;
  const orderId = `gid://shopify/Order/${70_000 + poCount}`;
  if (shop === TEST_SHOP) {
    await db.order.create({
      data: {
        id: orderId,
        shop,
        name: `#${poCount}`,
        currencyCode: "USD",
        totalMinor: 2000,
        channel: "web",
        countryCode: "US",
        lines: "[]",
        placedAt: new Date(placedAtMs),
      },
    });
  }
  const row = await db.purchaseOrder.create({
    data: {
      shop,
      number: `PO-W${poCount}`,
      orderId,
      orderName: `#${poCount}`,
      supplierId: supplierIds[supplier] ?? supplier,
      fulfillmentOrderId: `gid://shopify/FulfillmentOrder/${80_000 + poCount}`,
      status,
      serviceTier: "next_day",
      shipTo: JSON.stringify({ name: "Recipient", address1: "1 Main St", countryCode: "US", email: null, phone: null }),
      lines: "[]",
      shipBy: new Date(placedAtMs + 2 * DAY),
      sentAt: new Date(placedAtMs + 60_000),
      acknowledgedAt: status === "accepted" ? new Date(placedAtMs + 3_600_000) : null,
      createdAt: new Date(placedAtMs),
    },
  });
  return row.id;
}

beforeAll(async () => {
  fake = await startFakeShopify({ webhooks: { baseUrl: "http://localhost:3000", apiSecret: TEST_API_SECRET, manual: true } });
  process.env.SHOPIFY_ADMIN_API_ORIGIN = fake.url;
  fake.seedShop({ domain: TEST_SHOP, accessToken: TOKEN, name: "Promise Wiring" });
  for (const sku of ["BACKLOG", "CALM", "FAR"]) {
    variants[sku] = fake.createProduct({ shop: TEST_SHOP, title: `Product ${sku}`, variants: [{ sku, price: "20.00" }] }).variants[0]!.id;
  }
  db = (await import("../../app/db.server")).default;
  const adminClient = await import("../../app/shopify/client.server");
  app = {
    publishPromises: (await import("../../app/services/promise/publish.server")).publishPromises,
    suppliers: await import("../../app/services/suppliers/suppliers.server"),
    AdminClient: adminClient.AdminClient,
    httpTransport: adminClient.httpTransport,
  };
  await db.session.create({ data: { id: `offline_${TEST_SHOP}`, shop: TEST_SHOP, state: "", accessToken: TOKEN, isOnline: false } });
  await db.shop.create({ data: { domain: TEST_SHOP } });
  const deps = { db, client: client(), appUrl: "http://localhost:3000" };
  // Two suppliers configured alike; each is the only one offering its variant.
  const forms = {
    "Backlog Supply": supplierForm("Backlog Supply"),
    "Calm Supply": supplierForm("Calm Supply"),
    // Ships from Shanghai: its 15:00 cut-off is 23:00 the day before in Los Angeles.
    "Shanghai Works": supplierForm("Shanghai Works", {
      timeZone: "Asia/Shanghai",
      cutoff: "15:00",
      serviceTier: "48_hour",
      handlingMinDays: "1",
      handlingMaxDays: "2",
      coverage: [
        { countryCode: "US", provinceCode: "", transitMin: "4", transitMax: "6", shippingCost: "9.00" },
        { countryCode: "FR", provinceCode: "", transitMin: "5", transitMax: "7", shippingCost: "9.00" },
      ],
    }),
  };
  for (const [name, form] of Object.entries(forms)) {
    const created = await app.suppliers.createSupplier(deps, TEST_SHOP, form);
    if (!created.ok) throw new Error(JSON.stringify(created.failure.fieldErrors));
    supplierIds[name] = created.value.id;
  }
  const offer = (supplier: string, variant: string) => ({
    shop: TEST_SHOP,
    supplierId: supplierIds[supplier]!,
    variantId: variants[variant]!,
    sku: variant,
    supplierSku: `${supplier[0]}-${variant}`,
    unitCostMinor: 800,
    stockOnHand: 50,
    stockUpdatedAt: new Date(NOW - 3_600_000),
  });
  await db.offer.createMany({ data: [offer("Backlog Supply", "BACKLOG"), offer("Calm Supply", "CALM"), offer("Shanghai Works", "FAR")] });
}, 60_000);

afterAll(() => fake?.close());

describe("open purchase orders feed the published handling (#18 item 3)", () => {
  it("a supplier with a backlog of old unshipped purchase orders gets a later published window than the same supplier without", async () => {
    await publish();
    const before = checkoutView("BACKLOG", { countryCode: "US", provinceCode: "NY" });
    expect(checkoutView("CALM", { countryCode: "US", provinceCode: "NY" })).toEqual(before);

    // Backlog Supply acknowledged four orders placed 9–12 days ago and has shipped none of them.
    for (const daysAgo of [12, 11, 10, 9]) await purchaseOrder(TEST_SHOP, "Backlog Supply", "accepted", NOW - daysAgo * DAY);
    // Calm Supply's closed purchase orders, and another shop's open ones naming it, are no backlog.
    for (const status of ["shipped", "rejected", "cancelled"]) await purchaseOrder(TEST_SHOP, "Calm Supply", status, NOW - 12 * DAY);
    const shippedWithTracking = await purchaseOrder(TEST_SHOP, "Calm Supply", "accepted", NOW - 12 * DAY);
    await db.shipment.create({
      data: {
        shop: TEST_SHOP,
        orderId: "gid://shopify/Order/shipped",
        supplierId: supplierIds["Calm Supply"]!,
        purchaseOrderId: shippedWithTracking,
        fulfillmentOrderIds: "[]",
        lines: "[]",
        dedupeKey: "wiring-shipped",
        source: "api",
        stage: "label_created",
        labelCreatedAt: new Date(NOW - 11 * DAY),
      },
    });
    for (let i = 0; i < 4; i++) await purchaseOrder("other-shop.myshopify.com", supplierIds["Calm Supply"]!, "accepted", NOW - 12 * DAY);
    // Nor are orders forgotten for over a month (stuck cases for the escalation ladder).
    for (let i = 0; i < 4; i++) await purchaseOrder(TEST_SHOP, "Calm Supply", "accepted", NOW - 45 * DAY);

    await publish();
    const backlog = checkoutView("BACKLOG", { countryCode: "US", provinceCode: "NY" });
    const calm = checkoutView("CALM", { countryCode: "US", provinceCode: "NY" });
    expect(calm).toEqual(before);
    expect(backlog?.kind).toBe("window");
    expect(before?.kind).toBe("window");
    if (backlog?.kind !== "window" || before?.kind !== "window") return;
    // Later and wider: the open orders are "at least 8–11 business days so far", so most of the
    // learned handling now lies past them, while the configured day stays possible.
    expect(backlog.window.latest > before.window.latest).toBe(true);
    expect(backlog.window.earliest >= before.window.earliest).toBe(true);
    // The published handling moved, not just the window's reading of it: Calm's is still all on day 1.
    const [from, ...weights] = published("BACKLOG").suppliers[0]!.hd!;
    const mean = weights.reduce((sum, w, i) => sum + w * (from! + i), 0) / weights.reduce((sum, w) => sum + w, 0);
    expect(mean).toBeGreaterThan(4);
    expect(published("CALM").suppliers[0]!.hd).toEqual([1, 1000]);
  });
});

describe("the delivery date in the shopper's zone (#18 items 3 and 8)", () => {
  it("an order placed late evening in Los Angeles gets the same dates from checkout's function and from routing", async () => {
    await publish();
    expect(calendar().dz).toMatchObject({ US: "America/New_York", "US-CA": "America/Los_Angeles", FR: "Europe/Paris" });
    // Thursday 3 Dec 2026, 22:30 in Los Angeles = Friday 14:30 in Shanghai, before its cut-off.
    const lateEvening = Date.parse("2026-12-04T06:30:00Z");
    const california = { countryCode: "US", provinceCode: "CA" };
    const checkout = checkoutView("FAR", california, lateEvening);
    expect(checkout?.kind).toBe("window");
    if (checkout?.kind !== "window") return;
    expect(await routingWindow("Shanghai Works", "FAR", california, lateEvening)).toEqual(checkout.window);
    // Counted in Shanghai's dates, the same parcels would be promised a day later.
    const naive = checkoutView("FAR", california, lateEvening, true);
    expect(naive?.kind === "window" && naive.window.earliest).not.toBe(checkout.window.earliest);
    expect(naive?.kind === "window" && naive.window.earliest > checkout.window.earliest).toBe(true);
  });
});

describe("carrier holidays per destination country (#18 item 3)", () => {
  it("publishes a country's own carrier holidays, which move that country's window only, in checkout and in routing", async () => {
    const { updateCarrierHolidays } = await import("../../app/services/promise/holidays.server");
    const newYork = { countryCode: "US", provinceCode: "NY" };
    await publish();
    const plain = checkoutView("CALM", newYork);
    if (plain?.kind !== "window") throw new Error(`expected a window, got ${plain?.kind}`);

    // A French holiday on the day after Calm's hand-off leaves US parcels alone.
    await updateCarrierHolidays(db, TEST_SHOP, [], { FR: ["2026-12-03"] });
    await publish();
    expect(calendar().cch).toEqual({ FR: ["2026-12-03"] });
    expect(checkoutView("CALM", newYork)).toEqual(plain);

    await updateCarrierHolidays(db, TEST_SHOP, [], { FR: ["2026-12-03"], US: ["2026-12-03"] });
    await publish();
    expect(calendar()).toMatchObject({ chol: [], cch: { FR: ["2026-12-03"], US: ["2026-12-03"] } });
    const withHoliday = checkoutView("CALM", newYork);
    if (withHoliday?.kind !== "window") throw new Error(`expected a window, got ${withHoliday?.kind}`);
    expect(withHoliday.window.latest > plain.window.latest).toBe(true);
    expect(await routingWindow("Calm Supply", "CALM", newYork, NOW)).toEqual(withHoliday.window);
    await updateCarrierHolidays(db, TEST_SHOP, [], {});
  });
});

describe("ships in X–Y business days (#18 item 5)", () => {
  it("a backlog of unacknowledged purchase orders switches the published promise to when it ships, on checkout and in the preview", async () => {
    // Calm Supply has not even acknowledged four orders sent eight to six days ago.
    for (const daysAgo of [8, 7, 7, 6]) await purchaseOrder(TEST_SHOP, "Calm Supply", "sent", NOW - daysAgo * DAY);
    await publish();
    const supplier = published("CALM").suppliers[0]!;
    expect(supplier.si).toBeDefined();
    const [min, max] = supplier.si!;
    expect(max).toBeGreaterThanOrEqual(min);
    const view = checkoutView("CALM", { countryCode: "US", provinceCode: "NY" });
    expect(view).toMatchObject({ kind: "ships_in", days: { min, max } });
    // Another supplier's variant still promises a date.
    expect(checkoutView("FAR", { countryCode: "US", provinceCode: "NY" })?.kind).toBe("window");

    const { promisePreviewPage } = await import("../../app/services/promise/preview.server");
    const query = new URLSearchParams({ variant: variants.CALM!, region: "US", at: "2026-12-01T10:00", zone: "America/New_York" });
    const page = await promisePreviewPage(db, TEST_SHOP, query, new Date(NOW));
    expect(page.preview?.kind).toBe("ships_in");
    expect(page.preview?.headline).toContain(min === 0 || min === max ? `Ships within ${max} business day` : `Ships in ${min}–${max} business days`);
    expect(page.preview?.steps.map((s) => s.text).join(" ")).toContain("purchase orders are waiting to be acknowledged");
  });
});

describe("product-scoped policy in checkout's ranking (#18 item 8, decision 030)", () => {
  it("ranks a variant's suppliers by its collection's rule, read from Shopify as routing reads it", async () => {
    const deps = { db, client: client(), appUrl: "http://localhost:3000" };
    const fast = await app.suppliers.createSupplier(
      deps,
      TEST_SHOP,
      supplierForm("Fast Lane", {
        serviceTier: "same_day",
        handlingMinDays: "0",
        handlingMaxDays: "0",
        dropshipFee: "9.00",
        coverage: [{ countryCode: "US", provinceCode: "", transitMin: "1", transitMax: "2", shippingCost: "9.00" }],
      }),
    );
    const thrifty = await app.suppliers.createSupplier(
      deps,
      TEST_SHOP,
      supplierForm("Thrifty", {
        serviceTier: "48_hour",
        handlingMinDays: "2",
        handlingMaxDays: "3",
        dropshipFee: "0.00",
        coverage: [{ countryCode: "US", provinceCode: "", transitMin: "3", transitMax: "5", shippingCost: "3.00" }],
      }),
    );
    if (!fast.ok || !thrifty.ok) throw new Error("suppliers not created");
    const budgetProduct = fake.createProduct({ shop: TEST_SHOP, title: "Budget mug", variants: [{ sku: "BUDGET", price: "20.00" }] });
    const plainProduct = fake.createProduct({ shop: TEST_SHOP, title: "Plain mug", variants: [{ sku: "PLAIN", price: "20.00" }] });
    const budget = fake.createCollection({ shop: TEST_SHOP, title: "Budget", productIds: [budgetProduct.product.id] });
    const offers = [budgetProduct, plainProduct].flatMap((product) =>
      [fast.value.id, thrifty.value.id].map((supplierId) => ({
        shop: TEST_SHOP,
        supplierId,
        variantId: product.variants[0]!.id,
        sku: product.variants[0]!.sku ?? "",
        supplierSku: `${supplierId}-${product.product.title}`,
        unitCostMinor: 800,
        stockOnHand: 50,
        stockUpdatedAt: new Date(NOW - 3_600_000),
      })),
    );
    await db.offer.createMany({ data: offers });
    const { saveRoutingPolicy } = await import("../../app/models/routing.server");
    await saveRoutingPolicy(db, TEST_SHOP, {
      preset: "speed_first",
      scopedOverrides: [{ id: "budget", scope: { collectionId: budget.id, label: "Budget" }, preset: "margin_first" }],
    });

    await publish();
    const order = (variantId: string) => decodePromiseData(appMetafields().get(`${variantId}|promise`))!.suppliers.map((s) => s.id);
    // The shop weighs speed; the Budget collection's rule weighs margin, as routing would for an order of it.
    expect(order(plainProduct.variants[0]!.id)).toEqual([fast.value.id, thrifty.value.id]);
    expect(order(budgetProduct.variants[0]!.id)).toEqual([thrifty.value.id, fast.value.id]);
    // Read once and kept where routing's product-scope cache reads it.
    const cached = await db.productScope.findMany({ where: { shop: TEST_SHOP, variantId: budgetProduct.variants[0]!.id } });
    expect(cached).toHaveLength(1);
  });
});
