/**
 * The loop closes (issue #14, item 3): history measured by the scorecard becomes routing's
 * reliability, and supplier refusals for stock become oversell incidents that raise the buffer.
 * Two suppliers with the same cost, stock and speed; "flaky" wins ties (the smaller id) until its
 * history — cancellations, late shipments, an oversell — is measured, then loses the order to the
 * reliable one, and its published stock is buffered more. Everything runs through the app's own
 * code: webhooks, the worker, the supplier API, the supplier-measures job, stock sync, routing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_SHOP, useTestAppEnv } from "../helpers/app-env";
import { deliverAll, placeOrder, setUpWorld, startHookReceiver, startSmtp, takePending, type World } from "../helpers/coordination";
import { facts, insertFacts } from "../helpers/facts";
import { portalPage } from "../helpers/portal";

useTestAppEnv();

type RouteFn = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<Response>;

let world: World;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let receiver: Awaited<ReturnType<typeof startHookReceiver>>;
let api: { action: RouteFn };
let flaky: { id: string; locationId: string };
let reliable: { id: string; locationId: string };

async function settle(): Promise<void> {
  const runtime = await import("../../app/jobs/runtime.server");
  const { Worker } = await import("../../app/jobs/worker.server");
  for (let round = 0; round < 6; round++) {
    await deliverAll(takePending(world.fake));
    const services = (await import("../../app/services.server")).services();
    if ((await new Worker(services.queue, runtime.jobHandlers(services)).drain()) === 0) return;
  }
}

async function apiPost(token: string, poId: string, body: Record<string, unknown>): Promise<number> {
  const request = new Request(`http://localhost:3000/api/supplier/purchase-orders/${poId}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return (await api.action({ request, params: { id: poId }, context: {} })).status;
}

/** The newest decision of an order as the order page shows it. */
async function decisionFor(orderId: string) {
  const { latestDecision } = await import("../../app/models/routing.server");
  const { decisionView } = await import("../../app/components/routing/decision-view");
  const stored = await latestDecision(world.db, TEST_SHOP, orderId);
  if (!stored) throw new Error(`no decision for ${orderId}`);
  const view = decisionView(stored);
  const candidates = view.lines[0]!.candidates;
  const of = (id: string) => {
    const c = candidates.find((x) => x.supplierId === id)!;
    const reliability = c.parts!.find((p) => p.key === "reliability")!;
    return { chosen: c.chosen, rank: c.rank, total: c.total!, reliability: reliability.value, basis: reliability.basis };
  };
  return { view, flaky: of(flaky.id), reliable: of(reliable.id) };
}

async function publishBoth(key: string) {
  const { syncSupplierStock } = await import("../../app/services/stock/sync.server");
  const { services } = await import("../../app/services.server");
  for (const s of [flaky, reliable]) {
    await syncSupplierStock({ db: world.db, client: await services().adminFor(TEST_SHOP), now: () => new Date() }, TEST_SHOP, s.id, `${key}:${s.id}`);
  }
  const rows = await world.db.publishedStock.findMany({ where: { shop: TEST_SHOP } });
  const row = (id: string) => rows.find((r) => r.supplierId === id)!;
  return { flaky: row(flaky.id), reliable: row(reliable.id) };
}

/** A purchase order written straight to the database, as the supplier has it after accepting. */
async function acceptedPo(supplierId: string, number: string) {
  return world.db.purchaseOrder.create({
    data: {
      shop: TEST_SHOP,
      number,
      orderId: `gid://shopify/Order/${number}`,
      orderName: `#${number}`,
      supplierId,
      fulfillmentOrderId: `gid://shopify/FulfillmentOrder/${number}`,
      status: "accepted",
      serviceTier: "next_day",
      shipTo: "{}",
      lines: JSON.stringify([
        { fulfillmentOrderLineItemId: "li", lineItemId: "l", variantId: world.variantId, sku: "MUG", supplierSku: "X-MUG", title: "Camp Mug", quantity: 2 },
      ]),
      shipBy: new Date(Date.now() + 86_400_000),
      acknowledgedAt: new Date(),
    },
  });
}

beforeAll(async () => {
  smtp = await startSmtp();
  receiver = await startHookReceiver();
  process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
  world = await setUpWorld({ webhookUrl: receiver.url });
  api = (await import("../../app/routes/api.supplier.purchase-orders.$id")) as unknown as typeof api;
  // Same cost, same stock, same calendar and coverage: only history can tell them apart. Ties go
  // to the smaller supplier id, so that one is the flaky supplier (it wins until it is measured).
  await world.db.offer.updateMany({ where: { shop: TEST_SHOP }, data: { unitCostMinor: 1500, stockOnHand: 40 } });
  const both = Object.values(world.suppliers).sort((a, b) => (a.id < b.id ? -1 : 1));
  [flaky, reliable] = [both[0]!, both[1]!];
}, 60_000);

afterAll(async () => {
  await world?.fake.close();
  await smtp?.close();
  await receiver?.close();
});

describe("the loop closes", () => {
  it("with no history both suppliers score a neutral reliability, explained as such, and the tie goes to the flaky one", async () => {
    const before = await publishBoth("before");
    expect(before.flaky.buffer).toBe(before.reliable.buffer);
    const order = placeOrder(world);
    await settle();
    const d = await decisionFor(order.id);
    expect(d.flaky.reliability).toBe(d.reliable.reliability);
    expect(d.flaky.basis).toBe("no history yet — neutral");
    expect(d.reliable.basis).toBe("no history yet — neutral");
    expect(d.flaky.chosen).toBe(true);
  });

  it("a rejection for stock and a stockout after accepting each record one oversell incident, however often reported", async () => {
    const { rotatePortalToken } = await import("../../app/models/portal-tokens.server");
    const token = await rotatePortalToken(world.db, TEST_SHOP, flaky.id, new Date());
    // The order just routed: the flaky supplier rejects it for stock through the supplier API.
    const po = await world.db.purchaseOrder.findFirstOrThrow({ where: { shop: TEST_SHOP, supplierId: flaky.id, status: "sent" } });
    expect(
      await apiPost(token, po.id, { action: "reject", requestId: "reject-0001", reason: "INVENTORY_OUT_OF_STOCK", message: "None left until March" }),
    ).toBe(200);
    expect(await apiPost(token, po.id, { action: "reject", requestId: "reject-0002", reason: "INVENTORY_OUT_OF_STOCK", message: "None left" })).toBe(409);
    // Accepted earlier, then out of stock: reported twice (a nervous supplier), one incident.
    const accepted = await acceptedPo(flaky.id, "PO-HIST-1");
    expect(await apiPost(token, accepted.id, { action: "stockout", requestId: "stockout-0001", message: "Sold out at the warehouse" })).toBe(200);
    expect(await apiPost(token, accepted.id, { action: "stockout", requestId: "stockout-0002", message: "Still sold out" })).toBe(200);
    const incidents = await world.db.oversellIncident.findMany({ where: { shop: TEST_SHOP }, orderBy: { occurredAt: "asc" } });
    expect(incidents.map((i) => [i.supplierId, i.source, i.eventKey])).toEqual([
      [flaky.id, "supplier_reject", `reject:${po.id}`],
      [flaky.id, "supplier_stockout", `stockout:${accepted.id}`],
    ]);
    expect(incidents[1]).toMatchObject({ variantId: world.variantId, sku: "MUG", quantity: 2 });
    // The re-route the rejection triggers, and the stock re-publish the incidents enqueue.
    await settle();
  });

  it("after enough history the flaky supplier loses the order to the reliable one at the same cost, and is buffered more", async () => {
    const now = new Date();
    // 40 orders each over the last 60 days. Flaky: 10 stockouts after accepting, 15 shipped three
    // days late, 15 on time. Reliable: 40 on time.
    await insertFacts(
      world.db,
      [
        ...facts(10, (i) => ({ supplierId: flaky.id, daysAgo: 5 + i, cancelled: true, cancelReason: "inventory", stockout: true })),
        ...facts(15, (i) => ({ supplierId: flaky.id, daysAgo: 20 + i, shippedAfterDays: 5, trackingAfterHours: 30 })),
        ...facts(15, (i) => ({ supplierId: flaky.id, daysAgo: 40 + i, shippedAfterDays: 1, trackingAfterHours: 30 })),
        ...facts(40, (i) => ({ supplierId: reliable.id, daysAgo: 5 + i, shippedAfterDays: 1, trackingAfterHours: 2 })),
      ],
      now,
    );
    // The nightly job, through the queue and the worker.
    const { supplierMeasuresJob } = await import("../../app/services/queue/scorecards");
    const { services } = await import("../../app/services.server");
    await services().queue.enqueue(supplierMeasuresJob(TEST_SHOP, now));
    await settle();
    const measured = await world.db.supplier.findMany({ where: { shop: TEST_SHOP }, orderBy: { id: "asc" } });
    expect(measured.map((s) => [s.sampleSize, s.cancellationRate, s.onTimeShipRate, s.acceptanceRate])).toEqual([
      [40, 0.25, 0.5, 1],
      [40, 0, 1, 1],
    ]);
    expect(measured[0]!.trackingLatencyHours).toBe(30);

    const after = await publishBoth("after");
    expect(after.flaky.buffer).toBeGreaterThan(after.reliable.buffer);
    expect(after.flaky.reason).toMatch(/oversells \(2 of/);
    expect(after.flaky.published!).toBeLessThan(after.reliable.published!);
    expect(after.flaky.published!).toBeGreaterThan(0);

    const order = placeOrder(world);
    await settle();
    const d = await decisionFor(order.id);
    expect(d.reliable.chosen).toBe(true);
    expect(d.flaky.rank).toBe(2);
    expect(d.flaky.reliability).toBeLessThan(d.reliable.reliability);
    expect(d.flaky.basis).toBe("measured over 40 orders");
    expect(d.reliable.basis).toBe("measured over 40 orders");
    // The order went to the reliable supplier in Shopify too.
    const moved = world.fake.store
      .shop(TEST_SHOP)
      .fulfillmentOrdersOf(order.id)
      .filter((fo) => fo.status !== "CLOSED");
    expect(moved.map((fo) => fo.assignedLocationId)).toEqual([reliable.locationId]);
  });
});

describe("the supplier sees its own scorecard in the portal, and only its own", () => {
  async function portalCard(token: string) {
    const response = await portalPage(token);
    return (
      (await response.json()) as { scorecard: { grade: number | null; counted: number; against: Record<string, { purchaseOrderNumber: string }[]> } | null }
    ).scorecard;
  }

  it("each supplier's portal link shows its own grade; a purchase-order link shows no scorecard", async () => {
    const tokens = await import("../../app/models/portal-tokens.server");
    const now = new Date();
    const flakyCard = await portalCard(await tokens.rotatePortalToken(world.db, TEST_SHOP, flaky.id, now));
    const reliableCard = await portalCard(await tokens.rotatePortalToken(world.db, TEST_SHOP, reliable.id, now));
    const { scorecardDetail } = await import("../../app/services/scorecards/scorecards.server");
    const flakyAdmin = await scorecardDetail(world.db, TEST_SHOP, flaky.id, now);
    const reliableAdmin = await scorecardDetail(world.db, TEST_SHOP, reliable.id, now);
    expect(flakyCard?.grade).toBe(flakyAdmin?.grade);
    expect(reliableCard?.grade).toBe(reliableAdmin?.grade);
    expect(flakyCard?.grade).toBeLessThan(reliableCard!.grade!);
    // The purchase orders listed against the reliable supplier are its own (none of flaky's).
    const flakyNumbers = new Set((await world.db.purchaseOrder.findMany({ where: { supplierId: flaky.id } })).map((p) => p.number));
    for (const list of Object.values(reliableCard!.against)) for (const l of list) expect(flakyNumbers.has(l.purchaseOrderNumber)).toBe(false);

    const po = await world.db.purchaseOrder.findFirstOrThrow({ where: { shop: TEST_SHOP, supplierId: flaky.id } });
    const link = await tokens.issuePurchaseOrderToken(
      world.db,
      { shop: TEST_SHOP, supplierId: flaky.id, purchaseOrderId: po.id, expiresAt: new Date(now.getTime() + 86_400_000) },
      now,
    );
    expect(await portalCard(link)).toBeNull();
  });
});
