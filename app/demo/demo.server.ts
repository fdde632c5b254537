/**
 * DEMO ONLY. Everything that lets the app run with no Shopify account lives here: it mints session
 * tokens (a skeleton key), so it refuses to run in production and its routes answer 404 unless
 * DROPLINE_DEMO=1. Production never imports anything from this module's output paths.
 */
import { createHmac } from "node:crypto";

export class DemoDisabledError extends Error {
  constructor(reason: string) {
    super(`Demo mode is disabled: ${reason}`);
    this.name = "DemoDisabledError";
  }
}

/** Why demo mode cannot run in this process, or null when it may. */
export function demoRefusal(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.NODE_ENV === "production") return "NODE_ENV is production";
  if (env.DROPLINE_DEMO !== "1") return "DROPLINE_DEMO is not 1";
  return null;
}

/** Throws unless demo mode is allowed here. */
export function assertDemoAllowed(env: NodeJS.ProcessEnv = process.env): void {
  const refusal = demoRefusal(env);
  if (refusal) throw new DemoDisabledError(refusal);
}

/** A 404 to answer from demo routes when demo mode is off (no hint that they exist). */
export function demoNotFound(): Response {
  return new Response("Not Found", { status: 404 });
}

function base64url(input: Buffer | string): string {
  return Buffer.from(input).toString("base64url");
}

/** Mints a Shopify-shaped session token (HS256, signed with the app secret) for the demo shop. */
export function mintSessionToken(shop: string, options: { apiKey: string; apiSecret: string; nowMs?: number; ttlS?: number; env?: NodeJS.ProcessEnv }): string {
  assertDemoAllowed(options.env);
  const now = Math.floor((options.nowMs ?? Date.now()) / 1000);
  const header = base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const payload = base64url(
    JSON.stringify({
      iss: `https://${shop}/admin`,
      dest: `https://${shop}`,
      aud: options.apiKey,
      sub: "1",
      exp: now + (options.ttlS ?? 120),
      nbf: now - 5,
      iat: now - 5,
      jti: `demo-${now}-${Math.random().toString(36).slice(2)}`,
      sid: "demo-session",
    }),
  );
  const signature = createHmac("sha256", options.apiSecret).update(`${header}.${payload}`).digest("base64url");
  return `${header}.${payload}.${signature}`;
}

/** The `host` parameter Shopify admin passes to embedded apps. */
export function adminHostParam(shop: string): string {
  return Buffer.from(`admin.shopify.com/store/${shop.replace(".myshopify.com", "")}`).toString("base64url");
}

/** The embedded-app URL the launcher redirects to, with a fresh id token. */
export function launchUrl(path: string, shop: string, token: string): string {
  const params = new URLSearchParams({ embedded: "1", shop, host: adminHostParam(shop), id_token: token });
  return `${path}${path.includes("?") ? "&" : "?"}${params.toString()}`;
}
