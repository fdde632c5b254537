/**
 * The plain stages a shipment moves through. Forward stages are ordered by rank; exception
 * stages sit beside them (a parcel can be delayed at any point) and carry no rank of their own.
 */

/** Forward stages, in the order a parcel normally passes them. */
export const FORWARD_STAGES = ["awaiting_supplier", "label_created", "picked_up", "in_transit", "out_for_delivery", "delivered"] as const;

/** Stages that interrupt the forward flow. */
export const EXCEPTION_STAGES = ["delayed", "delivery_attempt_failed", "returned_to_sender", "lost"] as const;

export type ForwardStage = (typeof FORWARD_STAGES)[number];
export type ExceptionStage = (typeof EXCEPTION_STAGES)[number];
export type TrackingStage = ForwardStage | ExceptionStage;

/** All stages, forward first. */
export const TRACKING_STAGES: readonly TrackingStage[] = [...FORWARD_STAGES, ...EXCEPTION_STAGES];

/** True for the ordered, forward stages. */
export function isForwardStage(stage: TrackingStage): stage is ForwardStage {
  return (FORWARD_STAGES as readonly string[]).includes(stage);
}

/** True for the exception stages (delayed, failed attempt, returned, lost). */
export function isExceptionStage(stage: TrackingStage): stage is ExceptionStage {
  return (EXCEPTION_STAGES as readonly string[]).includes(stage);
}

/** Position of a forward stage: awaiting_supplier = 0 … delivered = 5. */
export function stageRank(stage: ForwardStage): number {
  return FORWARD_STAGES.indexOf(stage);
}

/**
 * Values of Shopify's `FulfillmentEventStatus` enum (Admin API 2026-04). `PICKED_UP` belongs
 * to `FulfillmentDisplayStatus`, not to this enum, so a carrier pickup is `CARRIER_PICKED_UP`.
 */
export type FulfillmentEventStatus =
  | "LABEL_PURCHASED"
  | "LABEL_PRINTED"
  | "READY_FOR_PICKUP"
  | "CONFIRMED"
  | "IN_TRANSIT"
  | "OUT_FOR_DELIVERY"
  | "ATTEMPTED_DELIVERY"
  | "DELAYED"
  | "DELIVERED"
  | "FAILURE"
  | "CARRIER_PICKED_UP";

// A supplier-made label is bought, not necessarily printed, so LABEL_PURCHASED is the honest one.
const SHOPIFY_STATUS: Readonly<Record<TrackingStage, FulfillmentEventStatus>> = {
  awaiting_supplier: "CONFIRMED",
  label_created: "LABEL_PURCHASED",
  picked_up: "CARRIER_PICKED_UP",
  in_transit: "IN_TRANSIT",
  out_for_delivery: "OUT_FOR_DELIVERY",
  delivered: "DELIVERED",
  delayed: "DELAYED",
  delivery_attempt_failed: "ATTEMPTED_DELIVERY",
  returned_to_sender: "FAILURE",
  lost: "FAILURE",
};

/** The Shopify `FulfillmentEventStatus` to report for one of our stages. */
export function toFulfillmentEventStatus(stage: TrackingStage): FulfillmentEventStatus {
  return SHOPIFY_STATUS[stage];
}
