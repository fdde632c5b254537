/**
 * Delay detection for an order: gathers the facts, asks the domain whether the promise still
 * holds, and when it does not, sends the customer notice (unless the merchant turned that kind
 * off). Also the forecast Flow trigger payloads carry.
 */
import { compareDates, type PromiseWindow } from "~/domain/promise";
import { detectDelay, forecastDelivery, type DelayVerdict } from "~/domain/notices";
import { trackingSettings } from "~/models/shipments.server";
import type { JobServices } from "~/services/deps";
import { loadOrderFacts } from "./facts.server";
import { sendDelayNotice, type NoticeOutcome, type NoticeServices } from "./send.server";

const later = (a: PromiseWindow, b: PromiseWindow): boolean => compareDates(a.latest, b.latest) > 0;

/** The order's delay, if any: across its parts and parcels, the one that arrives last decides. */
export async function findOrderDelay(services: JobServices, shop: string, orderId: string): Promise<DelayVerdict | null> {
  const facts = await loadOrderFacts(services, shop, orderId);
  if (!facts) return null;
  const { noMovementDays } = await trackingSettings(services.db, shop);
  const nowMs = services.now().getTime();
  let worst: DelayVerdict | null = null;
  for (const part of facts.parts) {
    for (const f of part.facts) {
      const verdict = detectDelay(f, nowMs, { noMovementDays });
      if (verdict && (!worst || later(verdict.window, worst.window))) worst = verdict;
    }
  }
  return worst;
}

/** The order's current delivery forecast (the latest part decides); null once everything is delivered. */
export async function forecastOrder(services: JobServices, shop: string, orderId: string): Promise<PromiseWindow | null> {
  const facts = await loadOrderFacts(services, shop, orderId);
  if (!facts) return null;
  const { noMovementDays } = await trackingSettings(services.db, shop);
  const nowMs = services.now().getTime();
  let worst: PromiseWindow | null = null;
  for (const part of facts.parts) {
    for (const f of part.facts) {
      const forecast = forecastDelivery(f, nowMs, noMovementDays);
      if (forecast && (!worst || later(forecast.window, worst))) worst = forecast.window;
    }
  }
  return worst;
}

export type DelayCheckOutcome = { readonly status: "on_time" } | NoticeOutcome;

/** Checks one order and notifies its customer when the promise no longer holds. */
export async function checkOrderDelay(services: NoticeServices, shop: string, orderId: string): Promise<DelayCheckOutcome> {
  const verdict = await findOrderDelay(services, shop, orderId);
  if (!verdict) return { status: "on_time" };
  return sendDelayNotice(services, { shop, orderId, kind: verdict.kind, reason: verdict.reason, window: verdict.window });
}
