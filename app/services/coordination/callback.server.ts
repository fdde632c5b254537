/**
 * Shopify's fulfillment service callback: `POST {callbackUrl}/fulfillment_order_notification`,
 * signed like a webhook (base64 HMAC-SHA256 of the raw body with the app secret). The body only
 * names the kind, so the work is to read the assigned fulfillment orders — done in a job.
 */
import { payloadTooLarge, readTextLimited } from "~/services/security/body-limit.server";
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { Clock } from "~/domain/clock";
import type { PrismaClient } from "@prisma/client";
import { z } from "zod";
import { isShopActive } from "~/models/shop.server";
import type { JobQueue } from "~/services/queue/job-queue";
import { syncAssignedJob } from "~/services/queue/coordination";

export interface CallbackDeps {
  readonly db: PrismaClient;
  readonly queue: Pick<JobQueue, "enqueue">;
  readonly apiSecret: string;
  /** Largest body read before the HMAC is checked. */
  readonly maxBytes: number;
  readonly now?: Clock;
}

const Body = z.object({ kind: z.enum(["FULFILLMENT_REQUEST", "CANCELLATION_REQUEST"]) });

export function validHmac(rawBody: string, header: string | null, secret: string): boolean {
  if (!header) return false;
  const expected = createHmac("sha256", secret).update(rawBody, "utf8").digest();
  const given = Buffer.from(header, "base64");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function receiveFulfillmentOrderNotification(request: Request, deps: CallbackDeps): Promise<Response> {
  if (request.method !== "POST") return new Response("Method not allowed", { status: 405, headers: { Allow: "POST" } });
  const rawBody = await readTextLimited(request, deps.maxBytes);
  if (rawBody === null) return payloadTooLarge(deps.maxBytes);
  if (!validHmac(rawBody, request.headers.get("x-shopify-hmac-sha256"), deps.apiSecret)) {
    return new Response("Unauthorized", { status: 401 });
  }
  const shop = request.headers.get("x-shopify-shop-domain") ?? "";
  if (!/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/i.test(shop)) return new Response("Missing or invalid X-Shopify-Shop-Domain", { status: 400 });
  let parsed: z.infer<typeof Body>;
  try {
    parsed = Body.parse(JSON.parse(rawBody));
  } catch {
    return new Response('Body must be {"kind": "FULFILLMENT_REQUEST" | "CANCELLATION_REQUEST"}', { status: 400 });
  }
  // Signed by Shopify but for a shop that uninstalled: acknowledge, do nothing.
  if (!(await isShopActive(deps.db, shop))) return new Response(null, { status: 200 });
  // Deduplicated on what is signed (the body) with the shop and the minute — not on a delivery-id
  // header the sender chooses freely: a captured body replayed under fresh ids queues one sync a
  // minute at most. (The sync only reads Shopify's assigned fulfillment orders.)
  const minute = Math.floor((deps.now?.() ?? new Date()).getTime() / 60_000);
  const key = createHash("sha256").update(`${shop}\n${minute}\n${rawBody}`).digest("hex").slice(0, 32);
  await deps.queue.enqueue(syncAssignedJob(shop, parsed.kind, `callback:${key}`, { fromCallback: true }));
  return new Response(null, { status: 200 });
}
