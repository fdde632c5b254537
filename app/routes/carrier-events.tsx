/**
 * Carrier status updates pushed by a carrier, an aggregator or a relay (not under /app: no Shopify
 * session; the per-shop HMAC is the authentication). Shape and headers: app/services/tracking/carrier-source.ts.
 * Thin: rate limit, read the body under its limit, authenticate, parse, store and queue, answer 202
 * with what became of each event.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { payloadTooLarge, readTextLimited } from "~/services/security/body-limit.server";
import { receiveCarrierDelivery } from "~/services/tracking/receive.server";
import { services } from "~/services.server";

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return Response.json({ error: "POST events to this URL." }, { status: 405 });
  const s = services();
  const limited = await s.publicLimiter.check(request, "carrier", request.headers.get("x-dropline-shop")?.trim().toLowerCase() || null);
  if (limited) return limited;
  const rawBody = await readTextLimited(request, s.bodyLimits.request);
  if (rawBody === null) return payloadTooLarge(s.bodyLimits.request, true);
  const outcome = await receiveCarrierDelivery(s, { rawBody, headers: request.headers });
  return Response.json(outcome.body, { status: outcome.status, headers: { "Cache-Control": "no-store" } });
}

export function loader() {
  return Response.json({ error: "POST events to this URL." }, { status: 405 });
}
