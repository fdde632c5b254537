/**
 * The Flow triggers stay for merchants who build their own messages in Flow; their payloads carry
 * the order's NEW estimated window (empty when it cannot be forecast, e.g. everything delivered).
 * Each firing is an intent with a key, so a job retry does not fire it twice.
 */
import type { PromiseWindow } from "~/domain/promise";
import { fireFlowTrigger } from "~/shopify/customer-notice";
import type { JobServices } from "~/services/deps";
import { performOnce } from "~/services/exactly-once.server";
import type { ShipmentDelayedHint } from "~/services/queue/notices";

export { DELAY_FLOW_TRIGGER } from "~/services/queue/notices";
export const NEW_EARLIEST = "New earliest delivery";
export const NEW_LATEST = "New latest delivery";

const legacyId = (orderId: string): string => orderId.split("/").pop() ?? orderId;

/** The "Shipment delayed" trigger's payload. */
export function shipmentDelayedPayload(orderId: string, hint: ShipmentDelayedHint, window: PromiseWindow | null): Record<string, unknown> {
  return {
    order_id: legacyId(orderId),
    "Order name": hint.orderName ?? "",
    "Tracking number": hint.trackingNumber,
    Carrier: hint.carrier ?? "",
    [NEW_EARLIEST]: window?.earliest ?? "",
    [NEW_LATEST]: window?.latest ?? "",
  };
}

/** The "Delivery promise at risk" trigger's payload (the escalation ladder's). */
export function promiseAtRiskPayload(
  po: { orderId: string; orderName: string; number: string; shipBy: Date },
  window: PromiseWindow | null,
): Record<string, unknown> {
  return {
    order_id: legacyId(po.orderId),
    "Order name": po.orderName,
    "Purchase order": po.number,
    "Ship by": po.shipBy.toISOString(),
    [NEW_EARLIEST]: window?.earliest ?? "",
    [NEW_LATEST]: window?.latest ?? "",
  };
}

/** Fires a Flow trigger once per key (Flow cannot be read back: after a crash mid-call it fires again). */
export async function fireFlowOnce(services: JobServices, shop: string, key: string, handle: string, payload: Record<string, unknown>): Promise<void> {
  await performOnce(
    services.db,
    services.now,
    { shop, key, kind: "flow_trigger", request: { handle, payload } },
    {
      recover: async () => null,
      perform: async () => {
        await fireFlowTrigger(await services.adminFor(shop), handle, payload);
        return { handle };
      },
    },
  );
}
