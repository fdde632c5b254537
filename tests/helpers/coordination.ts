/**
 * A world for supplier-coordination tests: the fake Admin API, a real SMTP server and a supplier
 * webhook receiver on loopback, the app's database with two suppliers (West by email, East by
 * signed webhook), and helpers that hand the fake's webhooks and fulfillment-service callbacks to
 * the app's own routes, as Shopify would POST them.
 */
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import type { AddressInfo } from "node:net";
import type { PrismaClient } from "@prisma/client";
import { SMTPServer } from "smtp-server";
import { startFakeShopify, type FakeShopify, type PendingWebhook } from "../fake-shopify";
import { parseMessage } from "../../app/demo/mailbox.server";
import { TEST_API_SECRET, TEST_SHOP } from "./app-env";

export interface ReceivedMail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly from: string;
  readonly replyTo: string;
}

/** One message as the SMTP server received it (the demo mailbox's parser: headers decoded, body as text). */
function parseMail(raw: string): ReceivedMail {
  const { to, subject, text, from, replyTo } = parseMessage(raw, new Date(0));
  return { to, subject, text, from, replyTo };
}

/** A real SMTP server on 127.0.0.1 that keeps every message it receives. */
export async function startSmtp(): Promise<{ port: number; mails: ReceivedMail[]; close(): Promise<void> }> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        mails.push(parseMail(Buffer.concat(chunks).toString("utf8")));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export interface ReceivedHook {
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/** A supplier's system: answers 200 and keeps each signed JSON delivery. */
export async function startHookReceiver(): Promise<{ url: string; hooks: ReceivedHook[]; close(): Promise<void> }> {
  const hooks: ReceivedHook[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      hooks.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dropline`;
  return { url, hooks, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

type Action = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<Response>;

/** Hands the fake's queued webhooks and callbacks to the app's routes; returns their statuses. */
export async function deliverAll(hooks: readonly PendingWebhook[]): Promise<number[]> {
  const statuses: number[] = [];
  for (const hook of hooks) {
    const file = hook.kind === "webhook" ? `webhooks.${hook.topic.replace("/", ".")}` : "fulfillment-service.fulfillment_order_notification";
    // Topics the app does not subscribe to (no route file) are never sent to it by Shopify.
    if (!fs.existsSync(path.resolve(__dirname, `../../app/routes/${file}.tsx`))) continue;
    const mod = (await import(`../../app/routes/${file}.tsx`)) as { action: Action };
    const response = await mod.action({ request: new Request(hook.url, { method: "POST", body: hook.body, headers: hook.headers }), params: {}, context: {} });
    statuses.push(response.status);
  }
  return statuses;
}

export function takePending(fake: FakeShopify): PendingWebhook[] {
  const pending = fake.pendingWebhooks();
  return pending.splice(0, pending.length);
}

export const SUPPLIER_NAMES = ["West Coast Goods", "East Coast Depot"] as const;
export type SupplierName = (typeof SUPPLIER_NAMES)[number];

export interface World {
  readonly fake: FakeShopify;
  readonly db: PrismaClient;
  readonly variantId: string;
  readonly suppliers: Record<SupplierName, { id: string; locationId: string }>;
}

const TOKEN = "shpat_coordination_test";

function supplierValues(name: SupplierName) {
  return {
    name,
    contactEmail: name.startsWith("West") ? "orders@west.example" : "orders@east.example",
    timeZone: "America/Los_Angeles",
    cutoff: "23:59",
    holidays: "",
    serviceTier: "next_day",
    handlingMinDays: "0",
    handlingMaxDays: "1",
    dropshipFee: "2.00",
    // A week: the escalation test moves the clock days ahead, stock must not go stale meanwhile.
    feedCadenceMinutes: "10080",
    coverage: [{ countryCode: "US", provinceCode: "", transitMin: "1", transitMax: "3", shippingCost: "5.00" }],
  };
}

/** Seeds the fake shop and the app (call after useTestAppEnv and after setting SMTP_URL). */
export async function setUpWorld(options: { webhookUrl: string; now?: () => number; stockAt?: Date }): Promise<World> {
  const fake = await startFakeShopify({ now: options.now, webhooks: { baseUrl: "http://localhost:3000", apiSecret: TEST_API_SECRET, manual: true } });
  process.env.SHOPIFY_ADMIN_API_ORIGIN = fake.url;
  fake.seedShop({ domain: TEST_SHOP, accessToken: TOKEN, name: "Coordination Test", ianaTimezone: "America/Los_Angeles", email: "owner@shop.example" });
  fake.createLocation({ shop: TEST_SHOP, name: "Merchant HQ", countryCode: "US", provinceCode: "WA", city: "Seattle", zip: "98101" });
  const product = fake.createProduct({ shop: TEST_SHOP, title: "Camp Mug", variants: [{ sku: "MUG", price: "40.00" }] });
  const variantId = product.variants[0]!.id;

  const db = (await import("../../app/db.server")).default;
  await db.session.create({ data: { id: `offline_${TEST_SHOP}`, shop: TEST_SHOP, state: "", accessToken: TOKEN, isOnline: false } });
  await db.shop.create({ data: { domain: TEST_SHOP } });
  const { createSupplier } = await import("../../app/services/suppliers/suppliers.server");
  const { services } = await import("../../app/services.server");
  const { saveSupplierCoordination } = await import("../../app/models/purchase-orders.server");
  const deps = { db, client: await services().adminFor(TEST_SHOP), appUrl: "http://localhost:3000" };
  const suppliers = {} as World["suppliers"];
  for (const name of SUPPLIER_NAMES) {
    const created = await createSupplier(deps, TEST_SHOP, supplierValues(name));
    if (!created.ok) throw new Error(JSON.stringify(created.failure.fieldErrors));
    suppliers[name] = { id: created.value.id, locationId: created.value.locationId! };
  }
  await saveSupplierCoordination(db, TEST_SHOP, suppliers["West Coast Goods"].id, { channel: "email" });
  await saveSupplierCoordination(db, TEST_SHOP, suppliers["East Coast Depot"].id, {
    channel: "webhook",
    webhookUrl: options.webhookUrl,
    webhookSecret: "east-secret",
  });
  const stockUpdatedAt = options.stockAt ?? new Date();
  // West is cheaper, so it is asked first; East is the next supplier.
  await db.offer.createMany({
    data: SUPPLIER_NAMES.map((name, i) => ({
      shop: TEST_SHOP,
      supplierId: suppliers[name].id,
      variantId,
      sku: "MUG",
      supplierSku: `${name.slice(0, 4).toUpperCase()}-MUG`,
      unitCostMinor: 1500 + i * 500,
      stockOnHand: 40,
      stockUpdatedAt,
    })),
  });
  const { saveRoutingPolicy } = await import("../../app/models/routing.server");
  await saveRoutingPolicy(db, TEST_SHOP, { split: { allowed: false, minBasketValue: 0, maxParcels: 1 }, timeZone: "America/Los_Angeles" });
  return { fake, db, variantId, suppliers };
}

export function placeOrder(world: World, quantity = 1) {
  return world.fake.createOrder({
    shop: TEST_SHOP,
    email: "shopper@example.com",
    lineItems: [{ variantId: world.variantId, quantity }],
    shippingAddress: { name: "Ada Lovelace", address1: "1 Pine St", city: "Seattle", zip: "98101", countryCode: "US", provinceCode: "WA" },
    shippingLine: { title: "Standard", code: "STANDARD" },
    note: "Gift: please leave out the invoice",
  });
}

/** The order's open fulfillment orders in the fake, as assertions want them. */
export function placement(world: World, orderId: string) {
  return world.fake.store
    .shop(TEST_SHOP)
    .fulfillmentOrdersOf(orderId)
    .filter((fo) => fo.status !== "CLOSED")
    .map((fo) => ({
      id: fo.id,
      status: fo.status,
      requestStatus: fo.requestStatus,
      locationId: fo.assignedLocationId,
      estimatedShippedAt: fo.estimatedShippedAt ?? null,
    }));
}
