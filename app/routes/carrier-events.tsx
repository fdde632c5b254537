/**
 * Carrier status updates pushed by a carrier, an aggregator or a relay (not under /app: no Shopify
 * session; the per-shop HMAC is the authentication). Shape and headers: app/services/tracking/carrier-source.ts.
 * Thin: authenticate, parse, store and queue, answer 202 with what became of each event.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveCarrierDelivery } from "~/services/tracking/receive.server";
import { services } from "~/services.server";

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return Response.json({ error: "POST events to this URL." }, { status: 405 });
  const outcome = await receiveCarrierDelivery(services(), { rawBody: await request.text(), headers: request.headers });
  return Response.json(outcome.body, { status: outcome.status, headers: { "Cache-Control": "no-store" } });
}

export function loader() {
  return Response.json({ error: "POST events to this URL." }, { status: 405 });
}
