/**
 * customers/redact erases the customer from every table (issue 16, finding 5). One customer goes
 * through the real pipeline — order → purchase order (emailed, and pushed to a supplier webhook)
 * → a late ship date → the customer's delay notice (mail, Flow, mutation intents) → tracking
 * (shipment, parcel) → an exception case with staff's note → a WISMO contact — next to another
 * customer. After customers/redact arrives as a signed webhook, a scan of every text column of
 * every table finds none of the first customer's strings, and the second customer's data is intact.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServices } from "../../app/services.server";
import { TEST_SHOP, useTestAppEnv } from "../helpers/app-env";
import { deliverAll, setUpWorld, startHookReceiver, startSmtp, takePending, type World } from "../helpers/coordination";
import { scanForStrings } from "../helpers/privacy";
import { signedWebhookRequest } from "../helpers/webhooks";

useTestAppEnv();

// Monday 1 March 2027, 10:00 in Los Angeles (as tests/integration/customer-notices.test.ts).
const T0 = Date.parse("2027-03-01T18:00:00Z");
const DAY = 86_400_000;
let clock = T0;

const ZELDA = {
  name: "Zelda Quartermaine",
  email: "zelda.quartermaine@privacy.example",
  phone: "+1 206-555-0142",
  address1: "77 Unlikely Lane",
  address2: "Apartment 9B",
  city: "Quillsborough",
  zip: "98199",
  note: "Gift from Zelda's aunt Philippa: no invoice please",
};
const ADA = { name: "Ada Lovelace", email: "ada.control@privacy.example", address1: "1 Pine St" };

let world: World;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let receiver: Awaited<ReturnType<typeof startHookReceiver>>;
let runtime: typeof import("../../app/jobs/runtime.server");
let composition: typeof import("../../app/services.server");
let Worker: typeof import("../../app/jobs/worker.server").Worker;

function freshServices(overrides: Partial<AppServices> = {}): AppServices {
  return composition.buildServices({ now: () => new Date(clock), ...overrides });
}

async function settle(): Promise<void> {
  for (let round = 0; round < 8; round++) {
    const pending = takePending(world.fake);
    await deliverAll(pending);
    const services = freshServices();
    const ran = await new Worker(services.queue, runtime.jobHandlers(services), { now: () => new Date(clock) }).drain();
    if (pending.length === 0 && ran === 0) break;
  }
}

async function portal(poId: string, fields: Record<string, string>): Promise<void> {
  const { rotatePortalToken } = await import("../../app/models/portal-tokens.server");
  const { portalPost } = await import("../helpers/pipeline");
  const po = await world.db.purchaseOrder.findUniqueOrThrow({ where: { id: poId } });
  const token = await rotatePortalToken(world.db, TEST_SHOP, po.supplierId, new Date(clock));
  const result = await portalPost(token, { poId, ...fields });
  if (!result.ok) throw new Error(result.failure.message);
}

/** Places an order for a customer and takes it to a sent purchase order. */
async function order(who: { name: string; email: string; address1: string; address2?: string; city?: string; zip?: string; phone?: string; note?: string }) {
  await world.db.offer.updateMany({ data: { stockUpdatedAt: new Date(clock - 3_600_000) } });
  const created = world.fake.createOrder({
    shop: TEST_SHOP,
    email: who.email,
    lineItems: [{ variantId: world.variantId, quantity: 1 }],
    shippingAddress: {
      name: who.name,
      address1: who.address1,
      ...(who.address2 ? { address2: who.address2 } : {}),
      ...(who.phone ? { phone: who.phone } : {}),
      city: who.city ?? "Seattle",
      zip: who.zip ?? "98101",
      countryCode: "US",
      provinceCode: "WA",
    },
    shippingLine: { title: "Standard", code: "STANDARD" },
    ...(who.note ? { note: who.note } : {}),
  });
  await settle();
  const po = await world.db.purchaseOrder.findFirstOrThrow({ where: { orderId: created.id, status: "sent" } });
  return { id: created.id, name: created.name, poId: po.id };
}

const zeldaStrings = [ZELDA.name, ZELDA.email, ZELDA.phone, ZELDA.address1, ZELDA.address2, ZELDA.city, ZELDA.note];

beforeAll(async () => {
  smtp = await startSmtp();
  receiver = await startHookReceiver();
  process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
  world = await setUpWorld({ webhookUrl: receiver.url, now: () => clock, stockAt: new Date(T0) });
  runtime = await import("../../app/jobs/runtime.server");
  composition = await import("../../app/services.server");
  ({ Worker } = await import("../../app/jobs/worker.server"));
}, 60_000);

afterAll(async () => {
  await world?.fake.close();
  await smtp?.close();
  await receiver?.close();
});

describe("customers/redact", () => {
  it("leaves none of the customer's name, email, phone, address or note in any table, and the other customer's data intact", async () => {
    const zelda = await order(ZELDA);
    const ada = await order(ADA);

    // A late ship date: the escalation ladder fires Flow and the customer gets a delay notice.
    await portal(zelda.poId, { intent: "accept", requestId: `accept-${zelda.poId}`, shipDate: "2027-03-08" });
    await settle();
    expect(await world.db.customerNotice.count({ where: { orderId: zelda.id } })).toBe(1);
    // Tracking: a shipment with its parcel.
    const { upsNumberFor } = await import("../helpers/pipeline");
    await portal(zelda.poId, { intent: "tracking", requestId: `tracking-${zelda.poId}`, trackingNumbers: upsNumberFor(zelda.poId, 0) });
    await settle();
    expect(await world.db.trackedParcel.count({ where: { shipment: { orderId: zelda.id } } })).toBe(1);
    // No carrier pickup for days: an exception case; staff write a note naming the customer.
    clock = T0 + 9 * DAY;
    const { exceptionSweepJob } = await import("../../app/services/queue/tracking");
    await freshServices().queue.enqueue(exceptionSweepJob(TEST_SHOP, new Date(clock), "privacy-test"));
    await settle();
    const cases = await world.db.exceptionCase.findMany({ where: { orderId: zelda.id } });
    expect(cases.length).toBeGreaterThan(0);
    const { updateCases } = await import("../../app/models/exceptions.server");
    await updateCases(world.db, TEST_SHOP, [cases[0]!.id], { resolutionNote: `Called ${ZELDA.name} on ${ZELDA.phone}` });
    const { recordContact } = await import("../../app/models/metrics-wismo.server");
    await recordContact(world.db, TEST_SHOP, {
      orderId: zelda.id,
      orderName: zelda.name,
      contactedAt: new Date(clock),
      channel: "email",
      ticketId: "T-1",
      source: "staff",
    });

    // Before: the scan finds the customer in many places (so it would find a leak).
    const before = await scanForStrings(world.db, zeldaStrings);
    const tablesBefore = new Set(before.map((h) => h.table));
    for (const table of ["Order", "PurchaseOrder", "WebhookEvent", "CustomerNotice"]) expect(tablesBefore).toContain(table);

    const body = JSON.stringify({
      shop_id: 1,
      shop_domain: TEST_SHOP,
      customer: { id: 4242, email: ZELDA.email, phone: ZELDA.phone },
      orders_to_redact: [zelda.id.split("/").pop()],
    });
    const { action } = await import("../../app/routes/webhooks.customers.redact");
    const response = await action({ request: signedWebhookRequest({ topic: "customers/redact", body, eventId: "evt-redact-zelda" }), params: {}, context: {} });
    expect(response.status).toBe(200);
    await settle();

    expect(await scanForStrings(world.db, zeldaStrings)).toEqual([]);

    // What the business keeps: amounts, SKUs, region, statuses, the order name.
    const kept = await world.db.order.findUniqueOrThrow({ where: { id: zelda.id } });
    expect(kept).toMatchObject({ name: zelda.name, countryCode: "US", provinceCode: "WA", email: null, shipTo: null });
    expect(kept.redactedAt).not.toBeNull();
    expect(kept.totalMinor).toBeGreaterThan(0);
    const po = await world.db.purchaseOrder.findUniqueOrThrow({ where: { id: zelda.poId } });
    expect(JSON.parse(po.shipTo)).toMatchObject({ countryCode: "US", address1: null, zip: null, phone: null });
    expect(po.notes).toBeNull();
    expect(await world.db.wismoContact.count({ where: { orderId: zelda.id } })).toBe(1);

    // The other customer's data is untouched.
    const untouched = await world.db.order.findUniqueOrThrow({ where: { id: ada.id } });
    expect(untouched.email).toBe(ADA.email);
    expect(untouched.shipTo).toContain(ADA.address1);
    const adaPo = await world.db.purchaseOrder.findUniqueOrThrow({ where: { id: ada.poId } });
    expect(JSON.parse(adaPo.shipTo)).toMatchObject({ name: ADA.name, address1: ADA.address1 });
    expect((await scanForStrings(world.db, [ADA.email])).length).toBeGreaterThan(0);
  }, 120_000);
});
