import { randomUUID } from "node:crypto";
import { getHmac } from "@shopify/shopify-api/test-helpers";
import { TEST_API_SECRET, TEST_SHOP } from "./app-env";

export interface SignedDelivery {
  readonly topic: string;
  readonly body: string;
  readonly shop?: string;
  readonly eventId?: string;
  readonly webhookId?: string;
  readonly secret?: string;
  readonly hmac?: string;
}

/** A webhook request exactly as Shopify sends it (HMAC over the raw body with the app secret). */
export function signedWebhookRequest(d: SignedDelivery): Request {
  return new Request(`http://localhost:3000/webhooks/${d.topic}`, {
    method: "POST",
    body: d.body,
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Topic": d.topic,
      "X-Shopify-Hmac-Sha256": d.hmac ?? getHmac(d.body, d.secret ?? TEST_API_SECRET),
      "X-Shopify-Shop-Domain": d.shop ?? TEST_SHOP,
      "X-Shopify-API-Version": "2026-04",
      "X-Shopify-Webhook-Id": d.webhookId ?? randomUUID(),
      "X-Shopify-Event-Id": d.eventId ?? randomUUID(),
      "X-Shopify-Triggered-At": new Date().toISOString(),
    },
  });
}
