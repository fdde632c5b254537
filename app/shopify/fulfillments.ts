/**
 * Fulfillments: what a supplier shipped becomes a Shopify fulfillment with tracking (Shopify then
 * sends its own shipping confirmation when asked to), corrections update the tracking, and carrier
 * progress becomes fulfillment events (Shopify's shipping-update emails and the order status page).
 */
import type { AdminClient } from "./client.server";
import { AdminApiError, UserErrorsFailure } from "./errors";
import { operation, type UserError } from "./operation";

export interface FulfillmentOrderForShipment {
  readonly id: string;
  readonly status: string;
  readonly assignedLocation: { readonly location: { readonly id: string } | null };
  readonly order: { readonly id: string; readonly name: string };
  readonly lineItems: {
    readonly nodes: readonly {
      readonly id: string;
      readonly totalQuantity: number;
      readonly remainingQuantity: number;
      readonly sku: string | null;
      readonly productTitle: string;
      readonly lineItem: { readonly id: string };
    }[];
  };
  /** The merchant's fulfillment request; `requestOptions.notify_customer` is their choice. */
  readonly merchantRequests: { readonly nodes: readonly { readonly requestOptions: unknown }[] };
}

export const FULFILLMENT_ORDER_FOR_SHIPMENT = operation<{ fulfillmentOrder: FulfillmentOrderForShipment | null }, { id: string }>(`#graphql
  query FulfillmentOrderForShipment($id: ID!) {
    fulfillmentOrder(id: $id) {
      id
      status
      assignedLocation { location { id } }
      order { id name }
      lineItems(first: 50) {
        nodes { id totalQuantity remainingQuantity sku productTitle lineItem { id } }
      }
      merchantRequests(first: 5, kind: FULFILLMENT_REQUEST) {
        nodes { requestOptions }
      }
    }
  }
`);

export interface TrackingInfoInput {
  readonly company: string;
  readonly numbers: readonly string[];
  readonly urls?: readonly string[];
}

export interface FulfillmentCreateInput {
  readonly notifyCustomer: boolean;
  readonly trackingInfo: TrackingInfoInput;
  readonly lineItemsByFulfillmentOrder: readonly {
    readonly fulfillmentOrderId: string;
    readonly fulfillmentOrderLineItems: readonly { readonly id: string; readonly quantity: number }[];
  }[];
}

interface FulfillmentResult {
  readonly id: string;
  readonly status: string;
  readonly trackingInfo: readonly { readonly number: string | null; readonly url: string | null; readonly company: string | null }[];
}

export const FULFILLMENT_CREATE = operation<
  { fulfillmentCreate: { fulfillment: FulfillmentResult | null; userErrors: readonly UserError[] } | null },
  { fulfillment: FulfillmentCreateInput; message?: string | null }
>(`#graphql
  mutation ShipmentFulfillmentCreate($fulfillment: FulfillmentInput!, $message: String) {
    fulfillmentCreate(fulfillment: $fulfillment, message: $message) {
      fulfillment { id status trackingInfo { number url company } }
      userErrors { field message }
    }
  }
`);

interface MetafieldsSetPayload {
  readonly metafields: readonly { readonly id: string }[] | null;
  readonly userErrors: readonly UserError[];
}

type MetafieldInput = { ownerId: string; namespace: string; key: string; type: string; value: string };

/**
 * The fulfillment and the order's customer-facing tracking summary in one request: Shopify runs a
 * document's mutations one after the other, in order, so the summary is written once the
 * fulfillment exists (and, if Shopify refuses the fulfillment, written all the same — the caller
 * writes it again without the refused parcel).
 */
export const FULFILLMENT_CREATE_WITH_ORDER_TRACKING = operation<
  {
    fulfillmentCreate: { fulfillment: FulfillmentResult | null; userErrors: readonly UserError[] } | null;
    metafieldsSet: MetafieldsSetPayload | null;
  },
  { fulfillment: FulfillmentCreateInput; message?: string | null; metafields: readonly MetafieldInput[] }
>(`#graphql
  mutation ShipmentFulfillmentWithTracking($fulfillment: FulfillmentInput!, $message: String, $metafields: [MetafieldsSetInput!]!) {
    fulfillmentCreate(fulfillment: $fulfillment, message: $message) {
      fulfillment { id status trackingInfo { number url company } }
      userErrors { field message }
    }
    metafieldsSet(metafields: $metafields) {
      metafields { id }
      userErrors { field message }
    }
  }
`);

export const FULFILLMENT_TRACKING_UPDATE = operation<
  { fulfillmentTrackingInfoUpdate: { fulfillment: FulfillmentResult | null; userErrors: readonly UserError[] } | null },
  { fulfillmentId: string; trackingInfoInput: TrackingInfoInput; notifyCustomer: boolean }
>(`#graphql
  mutation ShipmentTrackingUpdate($fulfillmentId: ID!, $trackingInfoInput: FulfillmentTrackingInput!, $notifyCustomer: Boolean) {
    fulfillmentTrackingInfoUpdate(fulfillmentId: $fulfillmentId, trackingInfoInput: $trackingInfoInput, notifyCustomer: $notifyCustomer) {
      fulfillment { id status trackingInfo { number url company } }
      userErrors { field message }
    }
  }
`);

export interface FulfillmentEventInput {
  readonly fulfillmentId: string;
  readonly status: string;
  readonly happenedAt: string;
  readonly estimatedDeliveryAt?: string | null;
  readonly message?: string | null;
  readonly city?: string | null;
  readonly province?: string | null;
  readonly country?: string | null;
  readonly zip?: string | null;
}

// userErrors has no `code` on this mutation in 2026-04 (selecting it is a validation error, as captured).
export const FULFILLMENT_EVENT_CREATE = operation<
  { fulfillmentEventCreate: { fulfillmentEvent: { id: string; status: string } | null; userErrors: readonly UserError[] } | null },
  { fulfillmentEvent: FulfillmentEventInput }
>(`#graphql
  mutation ShipmentFulfillmentEvent($fulfillmentEvent: FulfillmentEventInput!) {
    fulfillmentEventCreate(fulfillmentEvent: $fulfillmentEvent) {
      fulfillmentEvent { id status }
      userErrors { field message }
    }
  }
`);

export const ORDER_TRACKING_METAFIELD_SET = operation<{ metafieldsSet: MetafieldsSetPayload | null }, { metafields: readonly MetafieldInput[] }>(`#graphql
  mutation OrderTrackingMetafieldSet($metafields: [MetafieldsSetInput!]!) {
    metafieldsSet(metafields: $metafields) {
      metafields { id }
      userErrors { field message }
    }
  }
`);

export async function fetchFulfillmentOrderForShipment(client: AdminClient, id: string): Promise<FulfillmentOrderForShipment | null> {
  return (await client.request(FULFILLMENT_ORDER_FOR_SHIPMENT, { id })).fulfillmentOrder;
}

/** Shopify's idea of whether to email the customer: the option the merchant's request carried. */
export function requestedNotifyCustomer(fo: FulfillmentOrderForShipment): boolean | null {
  const options = fo.merchantRequests.nodes.at(-1)?.requestOptions;
  if (!options || typeof options !== "object") return null;
  const value = (options as Record<string, unknown>).notify_customer;
  return typeof value === "boolean" ? value : null;
}

export async function createFulfillment(client: AdminClient, input: FulfillmentCreateInput, message?: string): Promise<FulfillmentResult> {
  const payload = await client.mutate(FULFILLMENT_CREATE, { fulfillment: input, message: message ?? null }, "fulfillmentCreate");
  if (!payload.fulfillment) throw new Error("fulfillmentCreate returned no fulfillment");
  return payload.fulfillment;
}

export async function updateFulfillmentTracking(
  client: AdminClient,
  fulfillmentId: string,
  tracking: TrackingInfoInput,
  notifyCustomer: boolean,
): Promise<void> {
  await client.mutate(FULFILLMENT_TRACKING_UPDATE, { fulfillmentId, trackingInfoInput: tracking, notifyCustomer }, "fulfillmentTrackingInfoUpdate");
}

export async function createFulfillmentEvent(client: AdminClient, input: FulfillmentEventInput): Promise<string | null> {
  const payload = await client.mutate(FULFILLMENT_EVENT_CREATE, { fulfillmentEvent: input }, "fulfillmentEventCreate");
  return payload.fulfillmentEvent?.id ?? null;
}

const trackingMetafield = (orderId: string, value: string): MetafieldInput => ({ ownerId: orderId, namespace: "$app", key: "tracking", type: "json", value });

/** Writes the order's `$app` tracking metafield (JSON) that the order-status extension reads. */
export async function setOrderTrackingMetafield(client: AdminClient, orderId: string, value: string): Promise<void> {
  await client.mutate(ORDER_TRACKING_METAFIELD_SET, { metafields: [trackingMetafield(orderId, value)] }, "metafieldsSet");
}

/**
 * Creates a fulfillment and writes the order's tracking metafield in the same request (one Admin
 * API call). Either refusal comes back (nothing thrown), so a caller never loses a fulfillment
 * Shopify created: `refused` for the fulfillment (the metafield was written regardless),
 * `trackingRefused` for the metafield.
 */
export async function createFulfillmentWithOrderTracking(
  client: AdminClient,
  input: FulfillmentCreateInput,
  tracking: { orderId: string; value: string },
): Promise<
  | { fulfillment: FulfillmentResult; refused: null; trackingRefused: UserErrorsFailure | null }
  | { fulfillment: null; refused: UserErrorsFailure; trackingRefused: UserErrorsFailure | null }
> {
  const op = FULFILLMENT_CREATE_WITH_ORDER_TRACKING;
  const data = await client.request(op, { fulfillment: input, message: null, metafields: [trackingMetafield(tracking.orderId, tracking.value)] });
  const created = data.fulfillmentCreate;
  if (!created) throw new AdminApiError("graphql", `${op.name} returned no fulfillmentCreate payload`, { operationName: op.name });
  const metafieldErrors = data.metafieldsSet?.userErrors ?? [];
  const trackingRefused = metafieldErrors.length > 0 ? new UserErrorsFailure(op.name, metafieldErrors) : null;
  if (created.userErrors.length > 0 || !created.fulfillment) {
    const errors = created.userErrors.length > 0 ? created.userErrors : [{ message: "fulfillmentCreate returned no fulfillment" }];
    return { fulfillment: null, refused: new UserErrorsFailure(op.name, errors), trackingRefused };
  }
  return { fulfillment: created.fulfillment, refused: null, trackingRefused };
}

/** A fulfillment as reconciliation reads it: which fulfillment orders and lines it took, its status and tracking. */
export interface FulfillmentForReconcile {
  readonly id: string;
  readonly name: string;
  /** SUCCESS | CANCELLED | ERROR | FAILURE (OPEN and PENDING are deprecated). */
  readonly status: string;
  readonly createdAt: string;
  readonly order: { readonly id: string; readonly name: string } | null;
  readonly trackingInfo: readonly { readonly number: string | null; readonly url: string | null; readonly company: string | null }[];
  readonly fulfillmentLineItems: { readonly nodes: readonly { readonly quantity: number; readonly lineItem: { readonly id: string } }[] };
  readonly fulfillmentOrders: { readonly nodes: readonly { readonly id: string }[] };
}

export const FULFILLMENT_FOR_RECONCILE = operation<{ fulfillment: FulfillmentForReconcile | null }, { id: string }>(`#graphql
  query FulfillmentForReconcile($id: ID!) {
    fulfillment(id: $id) {
      id
      name
      status
      createdAt
      order { id name }
      trackingInfo { number url company }
      fulfillmentLineItems(first: 50) { nodes { quantity lineItem { id } } }
      fulfillmentOrders(first: 10) { nodes { id } }
    }
  }
`);

/** Shopify's current state of one fulfillment (null when it does not exist). */
export async function fetchFulfillmentForReconcile(client: AdminClient, id: string): Promise<FulfillmentForReconcile | null> {
  return (await client.request(FULFILLMENT_FOR_RECONCILE, { id })).fulfillment;
}

/** A fulfillment order's fulfillments, as an exactly-once retry looks for its earlier effect. */
export interface FulfillmentOfOrder {
  readonly id: string;
  readonly status: string;
  readonly trackingInfo: readonly { readonly number: string | null }[];
}

export const FULFILLMENT_ORDER_FULFILLMENTS = operation<
  { fulfillmentOrder: { id: string; fulfillments: { nodes: readonly FulfillmentOfOrder[] } } | null },
  { id: string }
>(`#graphql
  query FulfillmentOrderFulfillments($id: ID!) {
    fulfillmentOrder(id: $id) {
      id
      fulfillments(first: 50) {
        nodes {
          id
          status
          trackingInfo { number }
        }
      }
    }
  }
`);

const sameNumber = (a: string, b: string) => a.replace(/\s+/g, "").toUpperCase() === b.replace(/\s+/g, "").toUpperCase();

/**
 * The live fulfillment of `fulfillmentOrderIds` that carries one of `numbers` (a cancelled or
 * failed one does not count): what an earlier fulfillmentCreate made, if it reached Shopify.
 */
export async function findFulfillmentByTracking(
  client: AdminClient,
  fulfillmentOrderIds: readonly string[],
  numbers: readonly string[],
): Promise<FulfillmentOfOrder | null> {
  for (const id of fulfillmentOrderIds) {
    const fo = (await client.request(FULFILLMENT_ORDER_FULFILLMENTS, { id })).fulfillmentOrder;
    const found = fo?.fulfillments.nodes.find(
      (f) => !["CANCELLED", "ERROR", "FAILURE"].includes(f.status) && f.trackingInfo.some((t) => t.number && numbers.some((n) => sameNumber(n, t.number!))),
    );
    if (found) return found;
  }
  return null;
}

export const FULFILLMENT_EVENTS = operation<
  { fulfillment: { id: string; events: { nodes: readonly { id: string; status: string; happenedAt: string }[] } } | null },
  { id: string }
>(`#graphql
  query FulfillmentEventsOfFulfillment($id: ID!) {
    fulfillment(id: $id) {
      id
      events(first: 100) { nodes { id status happenedAt } }
    }
  }
`);

/** The fulfillment's event with this status and time (what an earlier fulfillmentEventCreate posted), if any. */
export async function findFulfillmentEvent(client: AdminClient, fulfillmentId: string, status: string, happenedAt: string): Promise<string | null> {
  const f = (await client.request(FULFILLMENT_EVENTS, { id: fulfillmentId })).fulfillment;
  const at = Date.parse(happenedAt);
  return f?.events.nodes.find((e) => e.status === status && Date.parse(e.happenedAt) === at)?.id ?? null;
}
