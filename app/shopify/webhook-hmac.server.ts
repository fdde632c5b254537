import { createHmac, timingSafeEqual } from "node:crypto";

const REQUIRED = ["x-shopify-hmac-sha256", "x-shopify-shop-domain", "x-shopify-topic", "x-shopify-webhook-id", "x-shopify-api-version"] as const;

/**
 * Verifies a Shopify webhook as `authenticate.webhook` does (HMAC-SHA256 of the raw body with the
 * app's secret, base64, compared in constant time; the headers Shopify always sends), without
 * loading the shop's offline session. With expiring offline tokens that load would refresh a token
 * close to expiry on the acknowledgement path — from every delivery at once, outside the lease
 * that makes a rotating refresh token be spent once (app/shopify/offline-tokens.server.ts).
 * Throws a Response: 405 for another method, 400 for missing headers, 401 for a bad signature.
 */
export async function verifyWebhookRequest(
  request: Request,
  rawBody: string,
  apiSecret: string,
): Promise<{ shop: string; webhookId: string; apiVersion: string }> {
  if (request.method !== "POST") throw new Response(undefined, { status: 405, statusText: "Method not allowed" });
  const missing = REQUIRED.filter((name) => !request.headers.get(name));
  if (missing.length > 0) throw new Response(`Missing webhook headers: ${missing.join(", ")}`, { status: 400 });
  const expected = createHmac("sha256", apiSecret).update(rawBody, "utf8").digest();
  const given = Buffer.from(request.headers.get("x-shopify-hmac-sha256") ?? "", "base64");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new Response(undefined, { status: 401, statusText: "Unauthorized" });
  }
  return {
    shop: request.headers.get("x-shopify-shop-domain") ?? "",
    webhookId: request.headers.get("x-shopify-webhook-id") ?? "",
    apiVersion: request.headers.get("x-shopify-api-version") ?? "",
  };
}
