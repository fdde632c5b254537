/**
 * The seam for carrier and aggregator feeds. Each source turns what a carrier sends (or what we
 * fetch from it) into carrier-neutral `TrackingEvent`s; everything after that is shared. The one
 * implementation here is the signed "webhook push" of our own JSON shape, which any aggregator
 * (AfterShip, EasyPost, 17TRACK…) can be pointed at through a small relay, or a carrier adapter
 * can call. A polling source would implement `poll` instead of `receive`.
 *
 * Webhook push — POST /carrier-events
 *   X-Dropline-Shop: <shop>.myshopify.com
 *   X-Dropline-Hmac-Sha256: base64(HMAC-SHA256(shop's carrier-event secret, raw body))
 *   { "events": [ { "trackingNumber": "1Z…", "carrier": "UPS", "status": "Out for delivery",
 *       "description": "…", "happenedAt": "2026-04-07T09:12:00+02:00",
 *       "estimatedDeliveryAt": "2026-04-07", "eventId": "ups-123",
 *       "location": { "city": "Lyon", "country": "FR" } } ] }
 * `status` is the carrier's own code or words; app/domain/tracking maps it to a plain stage.
 */
import { fail, failure, ok, refusal, type Refusal, type Result } from "~/domain/result";
import { createHmac, timingSafeEqual } from "node:crypto";
import { parseTrackingEvent, type TrackingEvent } from "~/domain/tracking";

export const MAX_EVENTS_PER_DELIVERY = 500;

export interface InboundDelivery {
  readonly rawBody: string;
  readonly headers: Headers;
}

/** A delivery's shop and events (those that did not parse are listed in `rejected`), or why it was refused. */
export type SourceResult = Result<{ shop: string; events: TrackingEvent[]; rejected: { index: number; error: string }[] }, Refusal>;

export interface CarrierEventSource {
  readonly name: string;
  /** Authenticates and parses one pushed delivery. */
  receive?(delivery: InboundDelivery, secretFor: (shop: string) => Promise<string | null>): Promise<SourceResult>;
  /** Fetches news for the given tracking numbers (for carriers that only answer when asked). */
  poll?(shop: string, trackingNumbers: readonly string[]): Promise<TrackingEvent[]>;
}

/** base64 HMAC-SHA256 of the body, as the sender must compute it. */
export function signCarrierBody(secret: string, rawBody: string): string {
  return createHmac("sha256", secret).update(rawBody, "utf8").digest("base64");
}

function signatureMatches(secret: string, rawBody: string, given: string): boolean {
  const expected = Buffer.from(signCarrierBody(secret, rawBody));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** Splits a body into valid events and per-index errors (one bad event does not sink the rest). */
export function parseEventBatch(body: unknown): Result<{ events: TrackingEvent[]; rejected: { index: number; error: string }[] }> {
  const list = body && typeof body === "object" && Array.isArray((body as { events?: unknown }).events) ? (body as { events: unknown[] }).events : null;
  if (!list) return fail(failure('Expected {"events": [...]}'));
  if (list.length > MAX_EVENTS_PER_DELIVERY) return fail(failure(`At most ${MAX_EVENTS_PER_DELIVERY} events per delivery`));
  const events: TrackingEvent[] = [];
  const rejected: { index: number; error: string }[] = [];
  list.forEach((raw, index) => {
    const parsed = parseTrackingEvent(raw);
    if (parsed.ok) events.push(parsed.value);
    else rejected.push({ index, error: parsed.failure.message });
  });
  return ok({ events, rejected });
}

export const webhookPushSource: CarrierEventSource = {
  name: "webhook",
  async receive(delivery, secretFor) {
    const shop = delivery.headers.get("x-dropline-shop")?.trim().toLowerCase() ?? "";
    const signature = delivery.headers.get("x-dropline-hmac-sha256") ?? "";
    if (!/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/.test(shop) || !signature) return fail(refusal(401, "Missing shop or signature"));
    const secret = await secretFor(shop);
    // An unknown shop and a wrong signature look the same to the sender.
    if (!secret || !signatureMatches(secret, delivery.rawBody, signature)) return fail(refusal(401, "Invalid signature"));
    let body: unknown;
    try {
      body = JSON.parse(delivery.rawBody);
    } catch {
      return fail(refusal(400, "Body is not JSON"));
    }
    const batch = parseEventBatch(body);
    if (!batch.ok) return fail(refusal(400, batch.failure.message));
    return ok({ shop, ...batch.value });
  },
};
