/**
 * The supplier portal and API as an attacker or a careless client would use them: other
 * suppliers' and other shops' purchase orders, rotated and revoked tokens, bad input and replays.
 * Every refusal leaves Shopify and our records as they were, and is audited.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_SHOP, useTestAppEnv } from "../helpers/app-env";
import { deliverAll, placement, placeOrder, setUpWorld, startHookReceiver, startSmtp, takePending, type World } from "../helpers/coordination";
import { portalPage } from "../helpers/portal";

useTestAppEnv();

type RouteFn = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<Response>;

let world: World;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let receiver: Awaited<ReturnType<typeof startHookReceiver>>;
let tokens: typeof import("../../app/models/portal-tokens.server");
let one: { loader: RouteFn; action: RouteFn };
let list: { loader: RouteFn };
let westPo: { id: string; orderId: string; fulfillmentOrderId: string };

const OTHER_SHOP = "someone-else.myshopify.com";

async function settle(): Promise<void> {
  const runtime = await import("../../app/jobs/runtime.server");
  const { Worker } = await import("../../app/jobs/worker.server");
  for (let round = 0; round < 5; round++) {
    await deliverAll(takePending(world.fake));
    const services = (await import("../../app/services.server")).services();
    if ((await new Worker(services.queue, runtime.jobHandlers(services)).drain()) === 0) return;
  }
}

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

async function apiGet(token: string, poId?: string): Promise<Response> {
  const url = `http://localhost:3000/api/supplier/purchase-orders${poId ? `/${poId}` : ""}`;
  const request = new Request(url, { headers: auth(token) });
  return poId ? one.loader({ request, params: { id: poId }, context: {} }) : list.loader({ request, params: {}, context: {} });
}

async function apiPost(token: string, poId: string, body: Record<string, unknown>): Promise<{ status: number; body: { error?: string } }> {
  const request = new Request(`http://localhost:3000/api/supplier/purchase-orders/${poId}`, {
    method: "POST",
    headers: { ...auth(token), "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const response = await one.action({ request, params: { id: poId }, context: {} });
  return { status: response.status, body: (await response.json()) as { error?: string } };
}

async function portalStatus(token: string): Promise<number> {
  return (await portalPage(token)).status;
}

/** A purchase order written straight to the database (another supplier's, or another shop's). */
async function storedPo(shop: string, supplierId: string, number: string) {
  return world.db.purchaseOrder.create({
    data: {
      shop,
      number,
      orderId: "gid://shopify/Order/1",
      orderName: "#1",
      supplierId,
      fulfillmentOrderId: `gid://shopify/FulfillmentOrder/${number}`,
      status: "sent",
      serviceTier: "next_day",
      shipTo: "{}",
      lines: "[]",
      shipBy: new Date(Date.now() + 86_400_000),
    },
  });
}

function westState() {
  return {
    shopify: placement(world, westPo.orderId),
    ours: world.db.purchaseOrder.findUniqueOrThrow({ where: { id: westPo.id }, select: { status: true, committedShipAt: true, ladderStep: true } }),
  };
}

beforeAll(async () => {
  smtp = await startSmtp();
  receiver = await startHookReceiver();
  process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
  world = await setUpWorld({ webhookUrl: receiver.url });
  tokens = await import("../../app/models/portal-tokens.server");
  one = (await import("../../app/routes/api.supplier.purchase-orders.$id")) as unknown as typeof one;
  list = (await import("../../app/routes/api.supplier.purchase-orders._index")) as unknown as typeof list;
  const order = placeOrder(world);
  await settle();
  westPo = await world.db.purchaseOrder.findFirstOrThrow({ where: { orderId: order.id } });
}, 60_000);

afterAll(async () => {
  await world?.fake.close();
  await smtp?.close();
  await receiver?.close();
});

describe("supplier portal access", () => {
  it("a token cannot read or act on another supplier's or another shop's purchase order (refused and audited)", async () => {
    const west = world.suppliers["West Coast Goods"];
    const token = await tokens.rotatePortalToken(world.db, TEST_SHOP, west.id, new Date());
    const eastPo = await storedPo(TEST_SHOP, world.suppliers["East Coast Depot"].id, "PO-EAST-1");
    const foreignPo = await storedPo(OTHER_SHOP, west.id, "PO-OTHER-1");
    for (const po of [eastPo, foreignPo]) {
      expect((await apiGet(token, po.id)).status).toBe(404);
      const acted = await apiPost(token, po.id, { action: "accept", requestId: `try-${po.id}`, shipDate: "2099-01-01" });
      expect(acted).toEqual({ status: 404, body: { error: "No such purchase order for your account." } });
      expect(await world.db.portalAudit.count({ where: { purchaseOrderId: po.id, outcome: "refused" } })).toBe(1);
      expect((await world.db.purchaseOrder.findUniqueOrThrow({ where: { id: po.id } })).status).toBe("sent");
    }
    const listed = (await (await apiGet(token)).json()) as { purchaseOrders: { id: string }[] };
    expect(listed.purchaseOrders.map((p) => p.id)).toEqual([westPo.id]);
  });

  it("a rotated or revoked token stops working at once", async () => {
    const west = world.suppliers["West Coast Goods"];
    const first = await tokens.rotatePortalToken(world.db, TEST_SHOP, west.id, new Date());
    expect((await apiGet(first)).status).toBe(200);
    const second = await tokens.rotatePortalToken(world.db, TEST_SHOP, west.id, new Date());
    expect((await apiGet(first)).status).toBe(401);
    expect(await portalStatus(first)).toBe(404);
    expect((await apiGet(second)).status).toBe(200);
    expect(await portalStatus(second)).toBe(200);
    await tokens.revokePortalTokens(world.db, TEST_SHOP, west.id, new Date());
    expect((await apiGet(second)).status).toBe(401);
    expect(await portalStatus(second)).toBe(404);
    expect((await apiPost(second, westPo.id, { action: "accept", requestId: "after-revoke", shipDate: "2099-01-01" })).status).toBe(401);
    const refused = await world.db.portalAudit.aggregate({ where: { tokenId: null, outcome: "refused" }, _sum: { count: true } });
    expect(refused._sum.count).toBeGreaterThanOrEqual(4);
  });

  it("refuses bad input and replays with a clear message and no state change", async () => {
    const token = await tokens.rotatePortalToken(world.db, TEST_SHOP, world.suppliers["West Coast Goods"].id, new Date());
    const before = westState();
    const beforeOurs = await before.ours;
    const refusals: [Record<string, unknown>, number, RegExp][] = [
      [{ action: "accept", requestId: "req-bad-date", shipDate: "2026-13-45" }, 400, /must be a date like/],
      [{ action: "accept", requestId: "req-bad-text", shipDate: "next tuesday" }, 400, /must be a date like/],
      [{ action: "accept", requestId: "req-past-day", shipDate: "2020-01-01" }, 400, /in the past/],
      [{ action: "accept", requestId: "req-far-away", shipDate: "2099-01-01" }, 400, /more than a year away/],
      [{ action: "accept", shipDate: "2099-01-01" }, 400, /requestId/],
      [{ action: "reject", requestId: "req-no-reason", message: "cannot" }, 400, /Choose a rejection reason/],
      [{ action: "reject", requestId: "req-no-words", reason: "OTHER" }, 400, /Say why/],
      [{ action: "reject", requestId: "req-bad-line", reason: "OTHER", message: "no", lines: [] }, 400, /at least 3 characters/],
      [
        {
          action: "reject",
          requestId: "req-strange",
          reason: "OTHER",
          message: "cannot ship",
          lines: [{ lineId: "gid://shopify/FulfillmentOrderLineItem/1", reason: "nope" }],
        },
        400,
        /is not on purchase order/,
      ],
      [{ action: "ship-it", requestId: "req-unknown" }, 400, /Unknown action/],
    ];
    for (const [body, status, message] of refusals) {
      const answer = await apiPost(token, westPo.id, body);
      expect(answer.status, JSON.stringify(body)).toBe(status);
      expect(answer.body.error).toMatch(message);
    }
    expect(placement(world, westPo.orderId)).toEqual(before.shopify);
    expect(await westState().ours).toEqual(beforeOurs);

    const shipDate = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const accept = { action: "accept", requestId: "req-accept-1", shipDate };
    expect((await apiPost(token, westPo.id, accept)).status).toBe(200);
    const accepted = placement(world, westPo.orderId);
    const acceptedOurs = await westState().ours;
    expect(accepted).toEqual([expect.objectContaining({ requestStatus: "ACCEPTED", estimatedShippedAt: `${shipDate}T00:00:00.000Z` })]);

    const replay = await apiPost(token, westPo.id, { ...accept, shipDate: new Date(Date.now() + 9 * 86_400_000).toISOString().slice(0, 10) });
    expect(replay).toEqual({ status: 409, body: { error: expect.stringMatching(/already carried out; nothing was changed/) } });
    const again = await apiPost(token, westPo.id, { ...accept, requestId: "req-accept-2" });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatch(/is accepted; this action is not possible now/);
    expect(placement(world, westPo.orderId)).toEqual(accepted);
    expect(await westState().ours).toEqual(acceptedOurs);
    expect(await world.db.portalAudit.count({ where: { purchaseOrderId: westPo.id, action: "accept", outcome: "ok" } })).toBe(1);
  });
});

describe("supplier API answers", () => {
  it("the answer to an accept carries the status and the committed ship date as stored", async () => {
    const order = placeOrder(world);
    await settle();
    const po = await world.db.purchaseOrder.findFirstOrThrow({ where: { orderId: order.id } });
    const token = await tokens.rotatePortalToken(world.db, TEST_SHOP, po.supplierId, new Date());
    const shipDate = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const request = new Request(`http://localhost:3000/api/supplier/purchase-orders/${po.id}`, {
      method: "POST",
      headers: { ...auth(token), "Content-Type": "application/json" },
      body: JSON.stringify({ action: "accept", requestId: "req-accept-answer-1", shipDate }),
    });
    const response = await one.action({ request, params: { id: po.id }, context: {} });
    expect(response.status).toBe(200);
    const stored = await world.db.purchaseOrder.findUniqueOrThrow({ where: { id: po.id } });
    expect(stored.committedShipAt?.toISOString()).toBe(`${shipDate}T00:00:00.000Z`);
    expect(await response.json()).toMatchObject({ purchaseOrder: { id: po.id, status: "accepted", committedShipAt: `${shipDate}T00:00:00.000Z` } });
  });
});
