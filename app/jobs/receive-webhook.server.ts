import { isWebhookTopic } from "~/shopify/topics";
import { payloadTooLarge, readTextLimited } from "~/services/security/body-limit.server";
import type { IncomingEvent, RecordOutcome } from "./inbox.server";

/** Verifies the delivery from its headers and the raw body it was signed over (read once, here). */
type AuthenticateWebhook = (request: Request, rawBody: string) => Promise<{ shop: string; webhookId: string; apiVersion: string }>;

export interface ReceiveDeps {
  /** Persists event + job (durably) before it resolves. */
  readonly record: (event: IncomingEvent) => Promise<RecordOutcome>;
  readonly authenticate: AuthenticateWebhook;
  readonly log?: (message: string, details?: Record<string, unknown>) => void;
  /** Largest body read (before the HMAC is checked); larger ones get 413. */
  readonly maxBytes: number;
}

/**
 * The whole of a webhook route: verify the HMAC (forged → 401 from the library, nothing stored),
 * check the topic, persist event + job, answer 200. Everything else happens in the worker,
 * including parsing the payload with its schema: a signed payload that does not match is still
 * stored, and its job dead-letters with the reason where the merchant sees it (Admin → Webhook
 * inbox). Keeping the parse off this path keeps the acknowledgement cheap.
 */
export async function receiveWebhook(request: Request, expectedTopic: string, deps: ReceiveDeps): Promise<Response> {
  // Counted as it streams, refused past the limit: nothing unsigned is ever buffered whole.
  // (The HMAC check takes this raw body; it does not read the request again.)
  const rawBody = await readTextLimited(request, deps.maxBytes);
  if (rawBody === null) return payloadTooLarge(deps.maxBytes);
  const context = await deps.authenticate(request, rawBody); // throws a 401/400/405 Response when invalid
  const headerTopic = request.headers.get("x-shopify-topic") ?? "";
  if (headerTopic !== expectedTopic || !isWebhookTopic(headerTopic)) {
    return new Response(`This endpoint receives ${expectedTopic}, not "${headerTopic}"`, { status: 400 });
  }
  const mismatch = payloadShopMismatch(headerTopic, rawBody, context.shop);
  if (mismatch) {
    deps.log?.("refused a webhook whose payload names another shop", { topic: headerTopic, header: context.shop, payload: mismatch });
    return new Response(`The payload's shop (${mismatch}) is not the X-Shopify-Shop-Domain header's (${context.shop}); nothing was stored`, { status: 400 });
  }
  const eventId = request.headers.get("x-shopify-event-id") || context.webhookId;
  const triggered = request.headers.get("x-shopify-triggered-at");
  try {
    const outcome = await deps.record({
      shop: context.shop,
      topic: headerTopic,
      eventId,
      webhookId: context.webhookId,
      apiVersion: context.apiVersion ?? null,
      triggeredAt: triggered && !Number.isNaN(Date.parse(triggered)) ? new Date(triggered) : null,
      rawBody,
    });
    return new Response(null, { status: 200, headers: { "X-Dropline-Inbox": outcome.status } });
  } catch (error) {
    deps.log?.("could not store webhook", { topic: headerTopic, error: String(error) });
    return new Response("Could not store the event; retry later", { status: 503 });
  }
}

/** Topics that erase or export data: their payload's shop must be the signed header's shop. */
const SHOP_CHECKED_TOPICS: Readonly<Record<string, (payload: Record<string, unknown>) => unknown>> = {
  "shop/redact": (p) => p.shop_domain,
  "customers/redact": (p) => p.shop_domain,
  "customers/data_request": (p) => p.shop_domain,
  "app/uninstalled": (p) => p.myshopify_domain,
};

/**
 * The payload's shop when it names one that differs from the header's, else null. Only the topics
 * that erase or export data are read here (a small payload); an unreadable one is stored and
 * dead-letters visibly in the worker, as every signed payload that fails its schema does.
 */
function payloadShopMismatch(topic: string, rawBody: string, headerShop: string): string | null {
  const shopOf = SHOP_CHECKED_TOPICS[topic];
  if (!shopOf) return null;
  let payload: unknown;
  try {
    payload = JSON.parse(rawBody);
  } catch {
    return null;
  }
  if (typeof payload !== "object" || payload === null) return null;
  const named = shopOf(payload as Record<string, unknown>);
  return typeof named === "string" && named.toLowerCase() !== headerShop.toLowerCase() ? named : null;
}
