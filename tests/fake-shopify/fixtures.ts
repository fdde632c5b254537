/** Helpers shared by the fake's own tests: a seeded shop and the captured Shopify exchanges. */
import fs from "node:fs";
import path from "node:path";
import { capturesDir } from "./reference";
import { startFakeShopify, type FakeShopify, type FakeShopifyOptions } from "./index";

export const SHOP = "dropline-test.myshopify.com";
export const TOKEN = "shpat_test_token";

export { capturesDir };

export function readCapture(name: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(capturesDir, `2026-04__${name}.json`), "utf8")) as unknown;
}

/** Walks a parsed capture by keys; throws if the path is missing (the capture changed). */
export function at(value: unknown, ...keys: (string | number)[]): unknown {
  let cur: unknown = value;
  for (const k of keys) {
    if (typeof cur !== "object" || cur === null || !(k in cur)) throw new Error(`capture has no ${keys.join(".")}`);
    cur = (cur as Record<string | number, unknown>)[k];
  }
  return cur;
}

export function str(value: unknown): string {
  if (typeof value !== "string") throw new Error(`expected a string, got ${JSON.stringify(value)}`);
  return value;
}

export interface SeededShop {
  fake: FakeShopify;
  primaryLocationId: string;
  secondLocationId: string;
  variantId: string;
  variant2Id: string;
  inventoryItemId: string;
  inventoryItem2Id: string;
}

/** A shop with two merchant locations and two stocked variants. */
export async function seededFake(options: FakeShopifyOptions = {}): Promise<SeededShop> {
  const fake = await startFakeShopify({ fulfillmentServices: { allowedCallbackHosts: ["mock.shop"] }, ...options });
  fake.seedShop({ domain: SHOP, accessToken: TOKEN, name: "Dropline Test", currencyCode: "USD", ianaTimezone: "America/Toronto" });
  const primary = fake.createLocation({ name: "Shop location", countryCode: "CA", provinceCode: "ON", city: "Toronto" });
  const second = fake.createLocation({ name: "My Custom Location", countryCode: "US", provinceCode: "NY", city: "New York" });
  const { variants } = fake.createProduct({
    title: "Widget",
    variants: [
      { sku: "WID-1", price: "20.00" },
      { sku: "WID-2", price: "12.50" },
    ],
  });
  const [v1, v2] = variants;
  if (!v1 || !v2) throw new Error("variants missing");
  fake.setInventory({ inventoryItemId: v1.inventoryItemId, locationId: primary.id, available: 50 });
  fake.setInventory({ inventoryItemId: v2.inventoryItemId, locationId: primary.id, available: 50 });
  fake.setInventory({ inventoryItemId: v1.inventoryItemId, locationId: second.id, available: 5 });
  return {
    fake,
    primaryLocationId: primary.id,
    secondLocationId: second.id,
    variantId: v1.id,
    variant2Id: v2.id,
    inventoryItemId: v1.inventoryItemId,
    inventoryItem2Id: v2.inventoryItemId,
  };
}

export const TORONTO = { countryCode: "CA", provinceCode: "ON", zip: "M5H 2M9", city: "Toronto", address1: "123 Queen St W", name: "Ada Lovelace" };
export const STANDARD = { title: "Standard", code: "STANDARD" };

/**
 * The comparable shape of a response: GIDs become `gid:Type`, timestamps `<time>`, free text
 * `<text>`; enums, numbers, booleans, nulls, structure and error messages stay as they are.
 * Two responses with equal shapes agree on everything Shopify decides (statuses, quantities,
 * supported actions, which objects exist, userErrors), not on names and ids we chose.
 */
export function shape(value: unknown, key = ""): unknown {
  if (Array.isArray(value)) return value.map((v) => shape(v, key));
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === "extensions" && typeof v === "object" && v !== null && "cost" in v) continue;
      if (k === "locations") continue;
      out[k] = shape(v, k);
    }
    return out;
  }
  if (typeof value !== "string") return value;
  if (key === "message") return value.replace(/gid:\/\/shopify\/(\w+)\/\d+/g, "gid:$1").replace(/\d{6,}/g, "<id>");
  if (key === "field" || key === "code" || key === "kind" || key === "action") return value;
  const gidMatch = /^gid:\/\/shopify\/([A-Za-z]+)\/[^?]+(\?id=true)?/.exec(value);
  if (gidMatch) return `gid:${gidMatch[1]}${gidMatch[2] ?? ""}`;
  if (/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(value)) return "<time>";
  if (/^[A-Z][A-Z_]+$/.test(value)) return value;
  return "<text>";
}

/** A capture's recorded response body, whichever wrapper it was stored in. */
export function capturedBody(exchange: unknown): unknown {
  const response = at(exchange, "response");
  if (typeof response === "object" && response !== null) {
    if ("payload" in response) return (response as { payload: unknown }).payload;
    if ("body" in response) return (response as { body: unknown }).body;
  }
  return response;
}

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** A loopback HTTP server that records what it receives (stands in for the app). */
export async function startReceiver(
  status: (req: ReceivedRequest) => number = () => 200,
): Promise<{ url: string; received: ReceivedRequest[]; close(): Promise<void> }> {
  const http = await import("node:http");
  const received: ReceivedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers[k] = v;
      const r: ReceivedRequest = { method: req.method ?? "", path: req.url ?? "", headers, body: Buffer.concat(chunks).toString("utf8") };
      received.push(r);
      res.writeHead(status(r)).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
