/**
 * Purchase orders stop carrying the customer's email, and their phone unless the supplier's
 * carrier needs it (issue 16, finding 5). What each channel sends is read where it lands: the
 * email the supplier receives (real SMTP), the signed webhook body (a real HTTP receiver), the
 * portal page's data, the supplier API's JSON and the admin's CSV export.
 */
import { getJwt } from "@shopify/shopify-api/test-helpers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_API_KEY, TEST_API_SECRET, TEST_SHOP, useTestAppEnv } from "../helpers/app-env";
import { deliverAll, setUpWorld, startHookReceiver, startSmtp, takePending, type World } from "../helpers/coordination";

useTestAppEnv();

const T0 = Date.parse("2027-03-01T18:00:00Z");
const clock = T0;
const EMAIL = "quentin.private@customer.example";
const PHONE = "+1 206-555-0199";

let world: World;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let receiver: Awaited<ReturnType<typeof startHookReceiver>>;
let runtime: typeof import("../../app/jobs/runtime.server");
let composition: typeof import("../../app/services.server");
let Worker: typeof import("../../app/jobs/worker.server").Worker;
let westPo: string;
let eastPo: string;

async function settle(): Promise<void> {
  for (let round = 0; round < 8; round++) {
    const pending = takePending(world.fake);
    await deliverAll(pending);
    const services = composition.buildServices({ now: () => new Date(clock) });
    const ran = await new Worker(services.queue, runtime.jobHandlers(services), { now: () => new Date(clock) }).drain();
    if (pending.length === 0 && ran === 0) break;
  }
}

async function orderTo(supplier: "West Coast Goods" | "East Coast Depot"): Promise<string> {
  // Only this supplier has stock, so routing sends the order to it.
  for (const [name, { id }] of Object.entries(world.suppliers)) {
    await world.db.offer.updateMany({
      where: { supplierId: id },
      data: { stockOnHand: name === supplier ? 40 : 0, stockUpdatedAt: new Date(clock - 3_600_000) },
    });
  }
  const order = world.fake.createOrder({
    shop: TEST_SHOP,
    email: EMAIL,
    lineItems: [{ variantId: world.variantId, quantity: 1 }],
    shippingAddress: { name: "Quentin Private", address1: "5 Hidden Rd", city: "Seattle", zip: "98101", countryCode: "US", provinceCode: "WA", phone: PHONE },
    shippingLine: { title: "Standard", code: "STANDARD" },
  });
  await settle();
  return (await world.db.purchaseOrder.findFirstOrThrow({ where: { orderId: order.id, supplierId: world.suppliers[supplier].id } })).id;
}

async function token(supplier: "West Coast Goods" | "East Coast Depot"): Promise<string> {
  const { rotatePortalToken } = await import("../../app/models/portal-tokens.server");
  return rotatePortalToken(world.db, TEST_SHOP, world.suppliers[supplier].id, new Date(clock));
}

async function apiView(supplier: "West Coast Goods" | "East Coast Depot", poId: string): Promise<Record<string, unknown>> {
  const { getForSupplier } = await import("../../app/services/portal/supplier-api.server");
  const request = new Request(`http://localhost:3000/api/supplier/purchase-orders/${poId}`, { headers: { Authorization: `Bearer ${await token(supplier)}` } });
  const response = await getForSupplier(composition.buildServices({ now: () => new Date(clock) }), request, poId);
  expect(response.status).toBe(200);
  return ((await response.json()) as { purchaseOrder: { shipTo: Record<string, unknown> } }).purchaseOrder.shipTo;
}

async function portalView(supplier: "West Coast Goods" | "East Coast Depot", poId: string) {
  const { loadPortal } = await import("../../app/routes/portal.s.$linkId/portal.server");
  const page = await loadPortal(composition.buildServices({ now: () => new Date(clock) }), await token(supplier));
  return page!.purchaseOrders.find((po) => po.id === poId)!.shipTo;
}

async function csvExport(): Promise<string> {
  const { loader } = (await import("../../app/routes/app.purchase-orders.export[.]csv")) as { loader: (a: object) => Promise<Response> };
  const { token: jwt } = await getJwt(TEST_SHOP.replace(".myshopify.com", ""), TEST_API_KEY, TEST_API_SECRET);
  const request = new Request("http://localhost:3000/app/purchase-orders/export.csv", { headers: { Authorization: `Bearer ${jwt}` } });
  return (await loader({ request, params: {}, context: {} })).text();
}

beforeAll(async () => {
  smtp = await startSmtp();
  receiver = await startHookReceiver();
  process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
  world = await setUpWorld({ webhookUrl: receiver.url, now: () => clock, stockAt: new Date(T0) });
  const { SCOPES } = await import("../../app/shopify/scopes");
  await world.db.session.updateMany({ where: { shop: TEST_SHOP }, data: { scope: SCOPES.join(","), state: "installed" } });
  runtime = await import("../../app/jobs/runtime.server");
  composition = await import("../../app/services.server");
  ({ Worker } = await import("../../app/jobs/worker.server"));
  // East's carrier calls before delivery; West's does not.
  const { saveSupplierCoordination } = await import("../../app/models/purchase-orders.server");
  await saveSupplierCoordination(world.db, TEST_SHOP, world.suppliers["East Coast Depot"].id, { carrierRequiresPhone: true });
  westPo = await orderTo("West Coast Goods");
  eastPo = await orderTo("East Coast Depot");
}, 90_000);

afterAll(async () => {
  await world?.fake.close();
  await smtp?.close();
  await receiver?.close();
});

describe("what a purchase order carries of the customer", () => {
  it("stores neither the email nor, for a supplier whose carrier does not need it, the phone", async () => {
    const west = JSON.parse((await world.db.purchaseOrder.findUniqueOrThrow({ where: { id: westPo } })).shipTo);
    expect(west).toMatchObject({ name: "Quentin Private", address1: "5 Hidden Rd", email: null, phone: null });
    const east = JSON.parse((await world.db.purchaseOrder.findUniqueOrThrow({ where: { id: eastPo } })).shipTo);
    expect(east).toMatchObject({ email: null, phone: PHONE });
  });

  it("email: the supplier's message has the address, and no customer email or phone", async () => {
    const mail = smtp.mails.find((m) => m.to.includes("west") || m.subject.includes("Purchase order"))!;
    expect(mail.text).toContain("5 Hidden Rd");
    expect(mail.text).not.toContain(EMAIL);
    expect(mail.text).not.toContain(PHONE);
  });

  it("webhook: the signed body carries the phone for a carrier that needs it, never the email", async () => {
    const hook = receiver.hooks.find((h) => h.body.includes(eastPo))!;
    const body = JSON.parse(hook.body) as { purchaseOrder: { shipTo: Record<string, unknown> }; text: string };
    expect(body.purchaseOrder.shipTo).toMatchObject({ phone: PHONE, email: null });
    expect(body.text).toContain(PHONE);
    expect(hook.body).not.toContain(EMAIL);
  });

  it("portal and supplier API: the phone per the supplier's setting, never the email", async () => {
    expect(await portalView("West Coast Goods", westPo)).toMatchObject({ phone: null, email: null, address1: "5 Hidden Rd" });
    expect(await portalView("East Coast Depot", eastPo)).toMatchObject({ phone: PHONE, email: null });
    expect(await apiView("West Coast Goods", westPo)).toMatchObject({ phone: null, email: null });
    expect(await apiView("East Coast Depot", eastPo)).toMatchObject({ phone: PHONE, email: null });
  });

  it("CSV export: the phone column only for the supplier whose carrier needs it, no email anywhere", async () => {
    const csv = await csvExport();
    const rows = csv.trim().split("\r\n");
    const westRow = rows.find((r) => r.includes("WEST-MUG"))!;
    const eastRow = rows.find((r) => r.includes("EAST-MUG"))!;
    expect(westRow).not.toContain(PHONE);
    expect(eastRow).toContain(PHONE);
    expect(csv).not.toContain(EMAIL);
  });

  it("a purchase order stored before the rule (email and phone in its ship-to) shows neither once the setting is off", async () => {
    const row = await world.db.purchaseOrder.findUniqueOrThrow({ where: { id: eastPo } });
    await world.db.purchaseOrder.update({ where: { id: eastPo }, data: { shipTo: JSON.stringify({ ...JSON.parse(row.shipTo), email: EMAIL }) } });
    const { saveSupplierCoordination } = await import("../../app/models/purchase-orders.server");
    await saveSupplierCoordination(world.db, TEST_SHOP, world.suppliers["East Coast Depot"].id, { carrierRequiresPhone: false });
    try {
      expect(await apiView("East Coast Depot", eastPo)).toMatchObject({ phone: null, email: null });
      expect(await portalView("East Coast Depot", eastPo)).toMatchObject({ phone: null, email: null });
      expect(await csvExport()).not.toContain(EMAIL);
      const { deliver } = await import("../../app/services/coordination/deliver.server");
      const { getPurchaseOrder } = await import("../../app/models/purchase-orders.server");
      const before = receiver.hooks.length;
      const s = composition.buildServices({ now: () => new Date(clock) });
      await deliver(s, (await getPurchaseOrder(world.db, TEST_SHOP, eastPo))!, "reminder");
      const resent = receiver.hooks
        .slice(before)
        .map((h) => h.body)
        .join("\n");
      expect(resent).toContain(eastPo);
      expect(resent).not.toContain(EMAIL);
      expect(resent).not.toContain(PHONE);
    } finally {
      await saveSupplierCoordination(world.db, TEST_SHOP, world.suppliers["East Coast Depot"].id, { carrierRequiresPhone: true });
    }
  });
});
