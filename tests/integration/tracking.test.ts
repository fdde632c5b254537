/**
 * Tracking against the fake Admin API: supplier tracking → Shopify fulfillments; signed carrier
 * events → fulfillment events and the order's `$app.tracking` metafield; bad input refused with reasons.
 */
import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_API_SECRET, TEST_SHOP, useTestAppEnv } from "../helpers/app-env";
import { startFakeShopify, type FakeShopify } from "../fake-shopify";

useTestAppEnv();

const TOKEN = "shpat_tracking_test";
const UPS = "1Z999AA10123456784";
const USPS = "9400111202555842332669";
const T0 = Date.parse("2026-04-06T08:00:00Z");
let clock = T0;
let fake: FakeShopify;
let db: PrismaClient;
let orderId = "";
let supplier: { id: string; locationId: string };
type Services = import("../../app/services.server").AppServices;
let services: Services;
let app: {
  recordSupplierShipment: typeof import("../../app/services/tracking/intake.server").recordSupplierShipment;
  correctShipmentTracking: typeof import("../../app/services/tracking/intake.server").correctShipmentTracking;
  signCarrierBody: typeof import("../../app/services/tracking/carrier-source").signCarrierBody;
  drain: () => Promise<number>;
};

/** Signs and POSTs events as a carrier relay would: through the route, or straight to the receiver on the test clock. */
async function postEvents(
  events: object[],
  opts: { secret?: string; viaRoute?: boolean } = {},
): Promise<{ status: number; body: { received?: { outcome: string; reason: string }[]; rejected?: unknown[]; error?: string } }> {
  const rawBody = JSON.stringify({ events });
  const settings = await db.trackingSettings.findUniqueOrThrow({ where: { shop: TEST_SHOP } });
  const headers = {
    "Content-Type": "application/json",
    "X-Dropline-Shop": TEST_SHOP,
    "X-Dropline-Hmac-Sha256": app.signCarrierBody(opts.secret ?? settings.carrierEventSecret, rawBody),
  };
  if (!opts.viaRoute)
    return (await import("../../app/services/tracking/receive.server")).receiveCarrierDelivery(services, { rawBody, headers: new Headers(headers) }) as never;
  const { action } = await import("../../app/routes/carrier-events");
  const response = await action({
    request: new Request("http://localhost:3000/carrier-events", { method: "POST", body: rawBody, headers }),
    params: {},
    context: {},
  });
  return { status: response.status, body: (await response.json()) as never };
}

const fulfillmentsOf = (id: string) => [...fake.store.shop(TEST_SHOP).fulfillments.values()].filter((f) => f.orderId === id);

beforeAll(async () => {
  fake = await startFakeShopify({ webhooks: { baseUrl: "http://localhost:3000", apiSecret: TEST_API_SECRET, manual: true }, now: () => clock });
  process.env.SHOPIFY_ADMIN_API_ORIGIN = fake.url;
  fake.seedShop({ domain: TEST_SHOP, accessToken: TOKEN, name: "Tracking Test", ianaTimezone: "Europe/Paris" });
  fake.createLocation({ shop: TEST_SHOP, name: "Merchant HQ", countryCode: "FR", city: "Paris", zip: "75001" });
  const variants: Record<string, string> = {};
  for (const [title, sku] of [
    ["Mug", "MUG"],
    ["Shell", "SHELL"],
  ] as const) {
    variants[sku] = fake.createProduct({ shop: TEST_SHOP, title, variants: [{ sku, price: "20.00" }] }).variants[0]!.id;
  }
  db = (await import("../../app/db.server")).default;
  const runtime = await import("../../app/jobs/runtime.server");
  const { Worker } = await import("../../app/jobs/worker.server");
  services = (await import("../../app/services.server")).buildServices({ now: () => new Date(clock) });
  const worker = new Worker(services.queue, runtime.jobHandlers(services), { now: () => new Date(clock) });
  const intake = await import("../../app/services/tracking/intake.server");
  app = { ...intake, signCarrierBody: (await import("../../app/services/tracking/carrier-source")).signCarrierBody, drain: () => worker.drain() };
  await db.session.create({ data: { id: `offline_${TEST_SHOP}`, shop: TEST_SHOP, state: "", accessToken: TOKEN, isOnline: false } });
  await db.shop.create({ data: { domain: TEST_SHOP } });
  await (await import("../../app/models/shipments.server")).trackingSettings(db, TEST_SHOP);

  const { createSupplier } = await import("../../app/services/suppliers/suppliers.server");
  const client = await services.adminFor(TEST_SHOP);
  const created = await createSupplier({ db, client, appUrl: "http://localhost:3000" }, TEST_SHOP, {
    name: "Lyon Ceramics",
    contactEmail: "ops@example.com",
    timeZone: "Europe/Paris",
    cutoff: "14:00",
    holidays: "",
    serviceTier: "48_hour",
    handlingMinDays: "1",
    handlingMaxDays: "2",
    dropshipFee: "1.00",
    feedCadenceMinutes: "1440",
    coverage: [{ countryCode: "FR", provinceCode: "", transitMin: "1", transitMax: "3", shippingCost: "5.00" }],
  });
  if (!created.ok) throw new Error(JSON.stringify(created.failure.fieldErrors));
  supplier = { id: created.value.id, locationId: created.value.locationId! };

  const order = fake.createOrder({
    shop: TEST_SHOP,
    email: "ada@example.com",
    lineItems: [
      { variantId: variants.MUG!, quantity: 1 },
      { variantId: variants.SHELL!, quantity: 1 },
    ],
    shippingAddress: { name: "Ada", address1: "1 rue de Rivoli", city: "Paris", zip: "75001", countryCode: "FR" },
    shippingLine: { title: "Standard", code: "STANDARD" },
  });
  orderId = order.id;
  const fo = fake.store.shop(TEST_SHOP).fulfillmentOrdersOf(order.id)[0]!;
  const { moveFulfillmentOrder } = await import("../../app/shopify/fulfillment-orders");
  const requests = await import("../../app/shopify/fulfillment-requests");
  await moveFulfillmentOrder(client, fo.id, supplier.locationId);
  // The merchant asked Shopify to tell the customer when it ships.
  await client.mutate(requests.FULFILLMENT_REQUEST_SUBMIT, { id: fo.id, message: "PO-1", notifyCustomer: true }, "fulfillmentOrderSubmitFulfillmentRequest");
  await requests.acceptFulfillmentRequest(client, fo.id, new Date(T0 + 2 * 86_400_000).toISOString(), "ok");
  const lines = fo.lineItems.map((l) => ({ fulfillmentOrderLineItemId: l.id, lineItemId: l.lineItemId, quantity: 1 }));
  await db.purchaseOrder.create({
    data: {
      shop: TEST_SHOP,
      number: "PO-1",
      orderId: order.id,
      orderName: order.name,
      supplierId: supplier.id,
      fulfillmentOrderId: fo.id,
      status: "accepted",
      serviceTier: "48_hour",
      shipTo: "{}",
      lines: JSON.stringify(lines),
      shipBy: new Date(T0 + 2 * 86_400_000),
      acknowledgedAt: new Date(T0),
    },
  });
}, 60_000);

afterAll(() => fake?.close());

describe("supplier tracking → Shopify fulfillments", () => {
  it("two tracking numbers for a two-line order in two parcels make two fulfillments with the right lines, carriers and links", async () => {
    clock = T0 + 26 * 3_600_000;
    const first = await app.recordSupplierShipment(services, TEST_SHOP, {
      supplierId: supplier.id,
      orderId,
      lines: [{ sku: "MUG", quantity: 1 }],
      trackingNumbers: [UPS.toLowerCase()],
      source: "portal",
    });
    expect(first).toMatchObject({ ok: true, value: { replay: false } });
    const second = await app.recordSupplierShipment(services, TEST_SHOP, {
      supplierId: supplier.id,
      orderId,
      lines: [{ sku: "SHELL", quantity: 1 }],
      trackingNumbers: [USPS],
      carrier: "usps",
      source: "api",
    });
    expect(second).toMatchObject({ ok: true });

    const fulfillments = fulfillmentsOf(orderId);
    expect(fulfillments).toHaveLength(2);
    const order = fake.store.shop(TEST_SHOP).orders.get(orderId)!;
    const skuOf = (lineItemId: string) => order.lineItems.find((l) => l.id === lineItemId)?.sku;
    expect(fulfillments.map((f) => ({ skus: f.lineItems.map((l) => skuOf(l.lineItemId)), tracking: f.trackingInfo, notify: f.notifyCustomer }))).toEqual([
      { skus: ["MUG"], tracking: [{ number: UPS, company: "UPS", url: `https://wwwapps.ups.com/WebTracking/track?track=yes&trackNums=${UPS}` }], notify: true },
      { skus: ["SHELL"], tracking: [{ number: USPS, company: "USPS", url: `https://tools.usps.com/go/TrackConfirmAction?tLabels=${USPS}` }], notify: true },
    ]);
    // Acknowledged at T0, tracking in Shopify 26 hours later; the purchase order is now shipped.
    const shipments = await db.shipment.findMany({ where: { orderId }, orderBy: { createdAt: "asc" } });
    expect(shipments.map((s) => s.trackingLatencyMs)).toEqual([26 * 3_600_000, 26 * 3_600_000]);
    expect((await db.purchaseOrder.findFirstOrThrow({ where: { number: "PO-1" } })).status).toBe("shipped");
    const metafield = [...fake.store.shop(TEST_SHOP).metafields.values()].find((m) => m.ownerId === orderId && m.key === "tracking")!;
    expect(JSON.parse(metafield.value)).toMatchObject({
      v: 1,
      a: 0,
      p: [
        { s: "label_created", c: "UPS", q: 1 },
        { s: "label_created", c: "USPS", q: 1 },
      ],
    });
  });

  it("replaying the same upload returns the same shipment and creates nothing", async () => {
    const again = await app.recordSupplierShipment(services, TEST_SHOP, {
      supplierId: supplier.id,
      orderId,
      lines: [{ sku: "MUG", quantity: 1 }],
      trackingNumbers: [UPS],
      source: "portal",
    });
    expect(again).toMatchObject({ ok: true, value: { replay: true } });
    expect(fulfillmentsOf(orderId)).toHaveLength(2);
  });

  it("carrier events out of order never move the stage back; Shopify gets one event per stage change", async () => {
    const ev = (status: string, hour: number, extra: object = {}) => ({
      trackingNumber: UPS,
      carrier: "UPS",
      status,
      happenedAt: `2026-04-08T${String(hour).padStart(2, "0")}:00:00Z`,
      ...extra,
    });
    // Three deliveries, each processed before the next arrives: the last one is older news.
    const outcomes: string[] = [];
    for (const batch of [
      [ev("In Transit", 9, { eventId: "u1" })],
      [ev("Delivered", 15, { eventId: "u3", estimatedDeliveryAt: "2026-04-08" })],
      [ev("Out for delivery", 11, { eventId: "u2" }), ev("Arrived at Facility", 8)],
    ]) {
      const posted = await postEvents(batch);
      expect(posted.status).toBe(202);
      outcomes.push(...posted.body.received!.map((r) => r.outcome));
      await app.drain();
    }
    expect(outcomes).toEqual(["accepted", "accepted", "accepted", "accepted"]);
    const shipment = await db.shipment.findFirstOrThrow({ where: { orderId, carrier: "UPS" } });
    expect(shipment.stage).toBe("delivered");
    const f = fulfillmentsOf(orderId).find((x) => x.trackingInfo[0]?.number === UPS)!;
    expect(f.events.map((e) => e.status)).toEqual(["IN_TRANSIT", "DELIVERED"]);
    const stored = await db.carrierEvent.findMany({ where: { trackingNumber: UPS }, orderBy: { happenedAt: "asc" } });
    expect(stored.map((e) => e.outcome)).toEqual(["applied", "applied", "applied", "applied"]);
    expect(stored.map((e) => e.reason?.split(":")[0])).toEqual(["out_of_order", "advanced", "out_of_order", "advanced"]);
  });

  it("a replayed event is ignored, an event for an unknown shipment is kept with a reason, a bad signature is refused", async () => {
    const replay = await postEvents([{ trackingNumber: UPS, status: "In Transit", happenedAt: "2026-04-08T09:00:00Z", eventId: "u1" }]);
    expect(replay.body.received).toEqual([expect.objectContaining({ outcome: "duplicate" })]);
    const stranger = await postEvents([
      { trackingNumber: "1Z999AA10000000000", status: "In Transit", happenedAt: "2026-04-08T09:00:00Z" },
      { trackingNumber: UPS, status: "x" },
    ]);
    expect(stranger.body.received).toEqual([expect.objectContaining({ outcome: "unknown_shipment", reason: expect.stringContaining("No shipment") })]);
    expect(stranger.body.rejected).toEqual([expect.objectContaining({ index: 1, error: expect.stringContaining("happenedAt") })]);
    expect(await db.carrierEvent.count({ where: { outcome: "unknown_shipment" } })).toBe(1);
    expect((await postEvents([], { secret: "wrong-secret", viaRoute: true })).status).toBe(401);
    const viaRoute = await postEvents([{ trackingNumber: UPS, status: "In Transit", happenedAt: "2026-04-08T09:00:00Z", eventId: "u1" }], { viaRoute: true });
    expect(viaRoute).toMatchObject({ status: 202, body: { received: [{ outcome: "duplicate" }] } });
  });
});

describe("bad tracking input is refused with a reason", () => {
  const base = () => ({ supplierId: supplier.id, orderId, source: "api" as const });

  it("refuses a number whose check digit is wrong for its carrier", async () => {
    const result = await app.recordSupplierShipment(services, TEST_SHOP, { ...base(), trackingNumbers: ["1Z999AA10123456785"], carrier: "UPS" });
    expect(result).toEqual({ ok: false, failure: { status: 400, message: expect.stringContaining("not a valid UPS tracking number") } });
  });

  it("refuses a carrier Shopify cannot link unless a URL is given", async () => {
    const result = await app.recordSupplierShipment(services, TEST_SHOP, { ...base(), trackingNumbers: ["ZX12345678"], carrier: "Zorg Express" });
    expect(result).toEqual({ ok: false, failure: { status: 400, message: expect.stringContaining('Unknown carrier "Zorg Express"') } });
  });

  it("refuses lines that are already fulfilled", async () => {
    const result = await app.recordSupplierShipment(services, TEST_SHOP, {
      ...base(),
      lines: [{ sku: "MUG", quantity: 1 }],
      trackingNumbers: ["1ZA5823W0300010123"],
    });
    expect(result).toMatchObject({ ok: false, failure: { status: 409, message: expect.stringContaining("already fulfilled") } });
    expect(fulfillmentsOf(orderId)).toHaveLength(2);
  });

  it("corrects a mistyped number with fulfillmentTrackingInfoUpdate", async () => {
    const shipment = await db.shipment.findFirstOrThrow({ where: { orderId, carrier: "USPS" } });
    const fixed = await app.correctShipmentTracking(services, TEST_SHOP, shipment.id, { trackingNumbers: ["9400111202555842332676"] });
    expect(fixed).toMatchObject({ ok: true });
    const f = fake.store.shop(TEST_SHOP).fulfillments.get(shipment.fulfillmentId!)!;
    expect(f.trackingInfo).toEqual([expect.objectContaining({ number: "9400111202555842332676", company: "USPS" })]);
  });

  it("a CSV upload reports per row: refused lines, unknown orders, rows without tracking", async () => {
    const { importTrackingCsv } = await import("../../app/services/tracking/csv-import.server");
    const order = fake.store.shop(TEST_SHOP).orders.get(orderId)!;
    const csv = [
      "order,supplier,tracking_number,carrier,sku,quantity",
      `${order.name},Lyon Ceramics,1ZA5823W0300010123,UPS,MUG,1`,
      "#9999,Lyon Ceramics,1ZA5823W0300010123,UPS,MUG,1",
      `${order.name},Lyon Ceramics,,UPS,MUG,1`,
    ].join("\n");
    const result = await importTrackingCsv(services, TEST_SHOP, csv);
    expect(result).toEqual({
      reports: [
        expect.objectContaining({ rows: [2], ok: false, message: expect.stringContaining("already fulfilled") }),
        expect.objectContaining({ rows: [3], ok: false, message: "Unknown order #9999." }),
        expect.objectContaining({ rows: [4], ok: false, message: "No tracking number." }),
      ],
    });
  });
});

describe("the order timeline", () => {
  it("lists shipments, stage changes and every carrier event with what became of it", async () => {
    const { orderTimeline } = await import("../../app/models/timeline.server");
    const entries = await orderTimeline(db, TEST_SHOP, orderId);
    expect(entries.filter((e) => e.kind === "shipment_synced")).toHaveLength(2);
    expect(entries.filter((e) => e.kind === "shipment_stage").map((e) => e.detail)).toEqual([
      `${UPS}: label_created → in_transit`,
      `${UPS}: in_transit → delivered`,
    ]);
    expect(entries.filter((e) => e.kind === "carrier_event")).toHaveLength(4);
  });
});
