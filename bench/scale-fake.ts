/**
 * The scale benchmark's Shopify: the fake Admin API (tests/fake-shopify) as a server process of its
 * own, with Shopify's Standard-plan leaky bucket per shop (1,000 points, 100 restored a second).
 * The app's processes reach it over HTTP like any Admin API; the bench drives it over HTTP
 * (/__fake/requests, /__fake/state) and, for the bulk seeding that would take thousands of control
 * requests, over this process's IPC channel: `seed` loads the shops' locations and products,
 * `orders` creates the orders and hands back their held `orders/create` deliveries.
 * Usage: SCALE_FAKE_CHILD=1 node --import tsx bench/scale-fake.ts (spawned with an IPC channel; options in the env).
 */
import { DEMO_LOCATIONS, DEMO_ORDERS, DEMO_PRODUCTS, DEMO_OFFERS } from "../prisma/seed/demo-catalog";
import { startFakeShopify } from "../tests/fake-shopify";
import { ORDER_TOPICS, type OrderTopic } from "./scale-plan";

export interface FakeShopSeed {
  readonly domain: string;
  readonly name: string;
  readonly accessToken: string;
}

export interface FakeVariant {
  readonly variantId: string;
  readonly inventoryItemId: string;
  readonly price: string;
}

export interface HeldDelivery {
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export type FakeRequest =
  { readonly type: "seed"; readonly shops: readonly FakeShopSeed[] } | { readonly type: "orders"; readonly counts: Record<string, number> };

/** An order's two held deliveries: orders/create and fulfillment_orders/order_routing_complete. */
export type HeldOrder = Record<OrderTopic, HeldDelivery>;

export type FakeReply =
  | { readonly type: "ready"; readonly url: string }
  | { readonly type: "seeded"; readonly variants: Record<string, Record<string, FakeVariant>> }
  | { readonly type: "orders"; readonly held: Record<string, HeldOrder[]> }
  | { readonly type: "error"; readonly message: string };

/** Shopify's Standard plan (GraphQL Admin API): 100 points a second, a 1,000-point bucket. */
export const STANDARD_BUCKET = { bucketSize: 1000, restoreRate: 100 } as const;

/**
 * The demo orders routing sends to a supplier at once, so each is routed and submitted: every line
 * has an offer (the headlamp has no supplier yet), the address passes the check (Lyon's postal code
 * lacks a digit), and the shipping is standard — the demo's express and international-priority
 * orders are held by design, no supplier meeting their promise (the scale bench's `held` row).
 */
export const ROUTABLE_ORDERS = DEMO_ORDERS.filter(
  (order) =>
    order.skus.every(({ sku }) => DEMO_OFFERS.some((offer) => offer.sku === sku)) &&
    !(order.shipTo.countryCode === "FR" && order.shipTo.zip.length !== 5) &&
    order.shipping.code === "STANDARD",
);

async function main(): Promise<void> {
  const send = (reply: FakeReply) => process.send!(reply);
  const fake = await startFakeShopify({
    port: Number(process.env.SCALE_FAKE_PORT ?? 0),
    // Shopify's Standard plan unless the bench is asked for another (e.g. Plus: 10,000 and 1,000).
    bucketSize: Number(process.env.SCALE_BUCKET_SIZE || STANDARD_BUCKET.bucketSize),
    restoreRate: Number(process.env.SCALE_RESTORE_RATE || STANDARD_BUCKET.restoreRate),
    webhooks: { baseUrl: process.env.SCALE_APP_URL!, apiSecret: process.env.SCALE_API_SECRET!, duplicateRate: 0, heldTopics: [...ORDER_TOPICS], seed: 19 },
  });

  const seed = (shops: readonly FakeShopSeed[]): Record<string, Record<string, FakeVariant>> => {
    const variants: Record<string, Record<string, FakeVariant>> = {};
    for (const shop of shops) {
      fake.seedShop({ domain: shop.domain, name: shop.name, accessToken: shop.accessToken, email: `owner@${shop.domain}` });
      for (const location of DEMO_LOCATIONS) fake.createLocation({ shop: shop.domain, ...location });
      const bySku: Record<string, FakeVariant> = {};
      for (const product of DEMO_PRODUCTS) {
        const created = fake.createProduct({ shop: shop.domain, title: product.title, variants: product.variants.map((v) => ({ ...v })) });
        for (const v of created.variants) if (v.sku) bySku[v.sku] = { variantId: v.id, inventoryItemId: v.inventoryItemId, price: v.price };
      }
      variants[shop.domain] = bySku;
    }
    return variants;
  };

  const variantsByShop: Record<string, Record<string, FakeVariant>> = {};
  const orders = (counts: Record<string, number>): Record<string, HeldOrder[]> => {
    const held: Record<string, HeldOrder[]> = {};
    for (const [shop, count] of Object.entries(counts)) {
      const variants = variantsByShop[shop];
      if (!variants) throw new Error(`shop ${shop} was not seeded`);
      const shopOrders: HeldOrder[] = [];
      for (let i = 0; i < count; i++) {
        const order = ROUTABLE_ORDERS[i % ROUTABLE_ORDERS.length]!;
        fake.createOrder({
          shop,
          email: `scale-${i}@example.com`,
          lineItems: order.skus.map(({ sku, quantity }) => ({ variantId: variants[sku]!.variantId, quantity })),
          shippingAddress: { ...order.shipTo },
          shippingLine: { ...order.shipping },
        });
        // What creating the order made Shopify send, held for the load generator.
        const pending = fake.pendingWebhooks().splice(0);
        const take = (topic: OrderTopic): HeldDelivery => {
          const w = pending.find((p) => p.topic === topic);
          if (!w) throw new Error(`creating an order in ${shop} sent no ${topic}`);
          return { path: new URL(w.url).pathname, headers: w.headers, body: w.body };
        };
        shopOrders.push({
          "orders/create": take("orders/create"),
          "fulfillment_orders/order_routing_complete": take("fulfillment_orders/order_routing_complete"),
        });
      }
      held[shop] = shopOrders;
    }
    return held;
  };

  process.on("message", (message: FakeRequest) => {
    try {
      if (message.type === "seed") {
        Object.assign(variantsByShop, seed(message.shops));
        send({ type: "seeded", variants: variantsByShop });
      } else if (message.type === "orders") {
        send({ type: "orders", held: orders(message.counts) });
      }
    } catch (error) {
      send({ type: "error", message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  });
  // The bench going away (even killed) closes the channel: this process ends with it.
  process.on("disconnect", () => process.exit(0));
  send({ type: "ready", url: fake.url });
}

// Only as the spawned server (the bench imports this module for its types and constants).
if (process.env.SCALE_FAKE_CHILD === "1" && process.send) await main();
