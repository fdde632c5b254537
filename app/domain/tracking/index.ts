/** Carrier events → plain shipment stages, Shopify fulfillment event statuses and customer text. */
export * from "./stages";
export * from "./event";
export * from "./normalize";
export * from "./shipment";
export * from "./wording";
export type { KnownCarrier } from "./carrier-codes";
export * from "./order-status";
