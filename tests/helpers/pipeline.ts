/**
 * Drives one order through the whole pipeline the way production runs it, and reads the fake's
 * request log for what it cost: the fake creates the order; its webhooks and fulfillment-service
 * callbacks go to the app's own route actions; the worker runs until nothing is left; each
 * supplier accepts and enters tracking through the portal's server action. Shared by
 * tests/integration/pipeline-calls.test.ts and `npm run bench -- pipeline` (so it avoids
 * `__dirname`, which tsx's ES modules lack).
 */
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import type { AdminRequestRecord, OperationTally, PendingWebhook } from "../fake-shopify";
import { tallyByOperation } from "../fake-shopify";
import { TEST_SHOP } from "./app-env";
import { setUpWorld, startHookReceiver, startSmtp, type ReceivedMail, type World } from "./coordination";

type RouteAction = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<Response>;

export interface PipelineRun {
  readonly orderId: string;
  /** Every Admin API request the order caused, oldest first. */
  readonly requests: readonly AdminRequestRecord[];
  readonly byOperation: readonly OperationTally[];
  readonly calls: number;
  /** Cost points Shopify charged (actualQueryCost), and what the requests asked for. */
  readonly actualCost: number;
  readonly requestedCost: number;
  readonly purchaseOrders: readonly { readonly id: string; readonly supplierId: string; readonly status: string }[];
  readonly fulfillments: readonly {
    readonly id: string;
    readonly trackingInfo: readonly { readonly number: string | null; readonly company: string | null }[];
  }[];
  /** Webhook topics and callbacks the order produced, in delivery order. */
  readonly deliveries: readonly string[];
}

function routeFile(hook: PendingWebhook): string {
  const name = hook.kind === "webhook" ? `webhooks.${hook.topic.replace("/", ".")}` : "fulfillment-service.fulfillment_order_notification";
  return fileURLToPath(new URL(`../../app/routes/${name}.tsx`, import.meta.url));
}

/** Hands the fake's queued webhooks and callbacks to the app's route actions; returns what was delivered. */
async function deliver(world: World): Promise<string[]> {
  const pending = world.fake.pendingWebhooks();
  const hooks = pending.splice(0, pending.length);
  const delivered: string[] = [];
  for (const hook of hooks) {
    const file = routeFile(hook);
    // Topics the app does not subscribe to (no route file) are never sent to it by Shopify.
    if (!fs.existsSync(file)) continue;
    const { action } = (await import(file)) as { action: RouteAction };
    const response = await action({ request: new Request(hook.url, { method: "POST", body: hook.body, headers: hook.headers }), params: {}, context: {} });
    if (response.status !== 200) throw new Error(`${hook.topic}: the app answered ${response.status}`);
    delivered.push(hook.kind === "webhook" ? hook.topic : `callback ${JSON.parse(hook.body).kind as string}`);
  }
  return delivered;
}

/**
 * The coordination world (West by email, East by signed webhook, both offering the mug) plus a
 * shell only East offers and a lantern only West offers, with splitting allowed: a lantern +
 * shell order goes to both. Call after useTestAppEnv.
 */
export async function setUpPipelineWorld(): Promise<{
  world: World;
  shellVariantId: string;
  lanternVariantId: string;
  /** What the app's SMTP sent (suppliers' purchase orders, customers' notices). */
  mails: ReceivedMail[];
  close(): Promise<void>;
}> {
  const smtp = await startSmtp();
  const receiver = await startHookReceiver();
  process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
  const world = await setUpWorld({ webhookUrl: receiver.url });
  const variant = (title: string, sku: string, price: string) =>
    world.fake.createProduct({ shop: TEST_SHOP, title, variants: [{ sku, price }] }).variants[0]!.id;
  const shellVariantId = variant("Camp Shell", "SHELL", "60.00");
  const lanternVariantId = variant("Camp Lantern", "LANTERN", "30.00");
  const only = (supplier: keyof World["suppliers"], variantId: string, sku: string) => ({
    shop: TEST_SHOP,
    supplierId: world.suppliers[supplier].id,
    variantId,
    sku,
    supplierSku: `${supplier.slice(0, 4).toUpperCase()}-${sku}`,
    unitCostMinor: 2000,
    stockOnHand: 40,
    stockUpdatedAt: new Date(),
  });
  await world.db.offer.createMany({ data: [only("East Coast Depot", shellVariantId, "SHELL"), only("West Coast Goods", lanternVariantId, "LANTERN")] });
  const { saveRoutingPolicy } = await import("../../app/models/routing.server");
  await saveRoutingPolicy(world.db, TEST_SHOP, { split: { allowed: true, minBasketValue: 0, maxParcels: 2 }, timeZone: "America/Los_Angeles" });
  // The setup queued background work of its own (the delivery promise is republished at the end of
  // a 30-second slot): run it now, so it does not land inside an order's count.
  await world.db.job.updateMany({ where: { status: "queued" }, data: { runAt: new Date() } });
  await settle(world);
  return {
    world,
    shellVariantId,
    lanternVariantId,
    mails: smtp.mails,
    async close() {
      await world.fake.close();
      await smtp.close();
      await receiver.close();
    },
  };
}

/** Delivers what the fake queued and drains the worker, until neither has anything left. */
export async function settle(world: World, deliveries: string[] = []): Promise<void> {
  const runtime = await import("../../app/jobs/runtime.server");
  const { Worker } = await import("../../app/jobs/worker.server");
  for (let round = 0; round < 10; round++) {
    const delivered = await deliver(world);
    deliveries.push(...delivered);
    const services = (await import("../../app/services.server")).services();
    const ran = await new Worker(services.queue, runtime.jobHandlers(services), { concurrency: 2 }).drain();
    if (delivered.length === 0 && ran === 0) return;
  }
  throw new Error("The pipeline did not settle in 10 rounds.");
}

/** One form post to the supplier portal's server action; its answer. */
export async function portalPost(token: string, fields: Record<string, string>) {
  const { portalAction, portalServices } = await import("../../app/routes/portal.s.$linkId/portal.server");
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return portalAction(portalServices(), token, form);
}

async function portal(token: string, fields: Record<string, string>): Promise<void> {
  const result = await portalPost(token, fields);
  if (!result.ok) throw new Error(`portal ${fields.intent}: ${result.failure.message}`);
}

/**
 * Places an order, lets the app route it and send the purchase orders, has each supplier accept
 * (ship date in two days) and enter a UPS tracking number; returns the Admin API calls it took.
 */
export async function driveOrderToFulfilled(world: World, lines: readonly { variantId: string; quantity: number }[]): Promise<PipelineRun> {
  const { rotatePortalToken } = await import("../../app/models/portal-tokens.server");
  const mark = world.fake.markRequests();
  const deliveries: string[] = [];
  const order = world.fake.createOrder({
    shop: TEST_SHOP,
    email: "shopper@example.com",
    lineItems: [...lines],
    shippingAddress: { name: "Ada Lovelace", address1: "1 Pine St", city: "Seattle", zip: "98101", countryCode: "US", provinceCode: "WA" },
    shippingLine: { title: "Standard", code: "STANDARD" },
  });
  await settle(world, deliveries);

  const sent = await world.db.purchaseOrder.findMany({ where: { shop: TEST_SHOP, orderId: order.id, status: "sent" }, orderBy: { createdAt: "asc" } });
  if (sent.length === 0) throw new Error(`No purchase order went out for ${order.name}.`);
  const shipDate = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
  for (const [i, po] of sent.entries()) {
    const token = await rotatePortalToken(world.db, TEST_SHOP, po.supplierId, new Date());
    await portal(token, { intent: "accept", poId: po.id, requestId: `accept-${po.id}`, shipDate });
    await settle(world, deliveries);
    // Each parcel its own number: a tracking number already used elsewhere is refused.
    const number = upsNumberFor(po.id, i);
    await portal(token, { intent: "tracking", poId: po.id, requestId: `tracking-${po.id}`, trackingNumbers: number });
    await settle(world, deliveries);
  }

  const requests = world.fake.requestLog({ shop: TEST_SHOP, since: mark });
  const purchaseOrders = await world.db.purchaseOrder.findMany({
    where: { shop: TEST_SHOP, orderId: order.id },
    select: { id: true, supplierId: true, status: true },
    orderBy: { createdAt: "asc" },
  });
  const fulfillments = [...world.fake.store.shop(TEST_SHOP).fulfillments.values()]
    .filter((f) => f.orderId === order.id)
    .map((f) => ({ id: f.id, trackingInfo: f.trackingInfo }));
  return {
    orderId: order.id,
    requests,
    byOperation: tallyByOperation(requests),
    calls: requests.length,
    actualCost: requests.reduce((sum, r) => sum + (r.actualCost ?? 0), 0),
    requestedCost: requests.reduce((sum, r) => sum + (r.requestedCost ?? 0), 0),
    purchaseOrders,
    fulfillments,
    deliveries,
  };
}

/** A valid UPS tracking number of its own for the purchase order (the `n`th parcel). */
export function upsNumberFor(poId: string, n: number): string {
  return upsNumber(`${poId.slice(-6).toUpperCase()}01${String(n).padStart(7, "0")}`);
}

/**
 * A UPS number whose check digit is right (the app refuses the rest): "1Z" + 6 shipper characters
 * + 2 service digits + 7 package digits (`body`) + the check digit, as UPS computes it.
 */
function upsNumber(body: string): string {
  const digits = [...body].map((c) => (/[0-9]/.test(c) ? Number(c) : (c.charCodeAt(0) - 63) % 10));
  const sum = digits.reduce((acc, d, i) => acc + (i % 2 === 1 ? d * 2 : d), 0);
  return `1Z${body}${(10 - (sum % 10)) % 10}`;
}
