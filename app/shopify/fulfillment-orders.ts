import type { AdminClient } from "./client.server";
import { operation, type UserError } from "./operation";

export type FulfillmentOrderAction =
  | "CREATE_FULFILLMENT"
  | "REQUEST_FULFILLMENT"
  | "CANCEL_FULFILLMENT_ORDER"
  | "REQUEST_CANCELLATION"
  | "MOVE"
  | "HOLD"
  | "RELEASE_HOLD"
  | "SPLIT"
  | "MERGE"
  | "MARK_AS_OPEN"
  | "EXTERNAL";

export interface FulfillmentOrderLine {
  readonly id: string;
  readonly totalQuantity: number;
  readonly remainingQuantity: number;
  readonly variant: { readonly id: string } | null;
  readonly lineItem: { readonly id: string; readonly title: string };
}

export interface FulfillmentOrderSnapshot {
  readonly id: string;
  readonly status: string;
  readonly requestStatus: string;
  readonly assignedLocation: { readonly location: { readonly id: string } | null };
  readonly destination: { readonly countryCode: string | null; readonly province: string | null } | null;
  readonly supportedActions: readonly { readonly action: FulfillmentOrderAction }[];
  readonly fulfillmentHolds: readonly { readonly handle: string | null; readonly reason: string }[];
  readonly lineItems: { readonly nodes: readonly FulfillmentOrderLine[] };
}

interface OrderFulfillmentOrdersData {
  readonly order: { readonly id: string; readonly fulfillmentOrders: { readonly nodes: readonly FulfillmentOrderSnapshot[] } } | null;
}

/** An order's fulfillment orders with what routing needs: place, lines, destination, allowed actions. */
export const ORDER_FULFILLMENT_ORDERS = operation<OrderFulfillmentOrdersData, { id: string }>(`#graphql
  query OrderFulfillmentOrders($id: ID!) {
    order(id: $id) {
      id
      fulfillmentOrders(first: 20) {
        nodes {
          id
          status
          requestStatus
          assignedLocation { location { id } }
          destination { countryCode province }
          supportedActions { action }
          fulfillmentHolds { handle reason }
          lineItems(first: 50) {
            nodes {
              id
              totalQuantity
              remainingQuantity
              variant { id }
              lineItem { id title }
            }
          }
        }
      }
    }
  }
`);

interface FulfillmentOrderOrderData {
  readonly fulfillmentOrder: { readonly id: string; readonly order: { readonly id: string } } | null;
}

/** Which order a fulfillment order belongs to (fulfillment-order webhooks carry only its id). */
export const FULFILLMENT_ORDER_ORDER = operation<FulfillmentOrderOrderData, { id: string }>(`#graphql
  query FulfillmentOrderOrder($id: ID!) {
    fulfillmentOrder(id: $id) {
      id
      order { id }
    }
  }
`);

export interface LineQuantity {
  readonly id: string;
  readonly quantity: number;
}

interface MoveData {
  readonly fulfillmentOrderMove: {
    readonly movedFulfillmentOrder: { readonly id: string; readonly status: string; readonly assignedLocation: { readonly location: { readonly id: string } | null } } | null;
    readonly originalFulfillmentOrder: { readonly id: string; readonly status: string } | null;
    readonly remainingFulfillmentOrder: { readonly id: string; readonly status: string } | null;
    readonly userErrors: readonly UserError[];
  } | null;
}

export const FULFILLMENT_ORDER_MOVE = operation<MoveData, { id: string; newLocationId: string; fulfillmentOrderLineItems?: readonly LineQuantity[] }>(`#graphql
  mutation FulfillmentOrderMove($id: ID!, $newLocationId: ID!, $fulfillmentOrderLineItems: [FulfillmentOrderLineItemInput!]) {
    fulfillmentOrderMove(id: $id, newLocationId: $newLocationId, fulfillmentOrderLineItems: $fulfillmentOrderLineItems) {
      movedFulfillmentOrder { id status assignedLocation { location { id } } }
      originalFulfillmentOrder { id status }
      remainingFulfillmentOrder { id status }
      userErrors { field message }
    }
  }
`);

export type HoldReason = "AWAITING_PAYMENT" | "HIGH_RISK_OF_FRAUD" | "INCORRECT_ADDRESS" | "INVENTORY_OUT_OF_STOCK" | "OTHER";

interface HoldData {
  readonly fulfillmentOrderHold: {
    readonly fulfillmentHold: { readonly id: string; readonly handle: string | null } | null;
    readonly fulfillmentOrder: { readonly id: string; readonly status: string } | null;
    readonly remainingFulfillmentOrder: { readonly id: string; readonly status: string } | null;
    readonly userErrors: readonly UserError[];
  } | null;
}

interface HoldVariables {
  readonly id: string;
  readonly fulfillmentHold: {
    readonly reason: HoldReason;
    readonly reasonNotes: string;
    readonly handle: string;
    readonly notifyMerchant: boolean;
    readonly fulfillmentOrderLineItems?: readonly LineQuantity[];
  };
}

export const FULFILLMENT_ORDER_HOLD = operation<HoldData, HoldVariables>(`#graphql
  mutation FulfillmentOrderHold($id: ID!, $fulfillmentHold: FulfillmentOrderHoldInput!) {
    fulfillmentOrderHold(id: $id, fulfillmentHold: $fulfillmentHold) {
      fulfillmentHold { id handle }
      fulfillmentOrder { id status }
      remainingFulfillmentOrder { id status }
      userErrors { field message }
    }
  }
`);

/** Reads an order's fulfillment orders; null when Shopify does not know the order. */
export async function fetchOrderFulfillmentOrders(client: AdminClient, orderId: string) {
  const data = await client.request(ORDER_FULFILLMENT_ORDERS, { id: orderId });
  return data.order;
}

/** The order a fulfillment order belongs to; null when it does not exist (any more). */
export async function orderIdOfFulfillmentOrder(client: AdminClient, fulfillmentOrderId: string): Promise<string | null> {
  const data = await client.request(FULFILLMENT_ORDER_ORDER, { id: fulfillmentOrderId });
  return data.fulfillmentOrder?.order.id ?? null;
}

/** Moves a fulfillment order (or some of its lines) to another location. */
export async function moveFulfillmentOrder(client: AdminClient, id: string, newLocationId: string, lines?: readonly LineQuantity[]) {
  return client.mutate(FULFILLMENT_ORDER_MOVE, { id, newLocationId, ...(lines ? { fulfillmentOrderLineItems: lines } : {}) }, "fulfillmentOrderMove");
}

/** Puts a fulfillment order (or some of its lines) on hold for a person to decide. */
export async function holdFulfillmentOrder(client: AdminClient, id: string, hold: HoldVariables["fulfillmentHold"]) {
  return client.mutate(FULFILLMENT_ORDER_HOLD, { id, fulfillmentHold: hold }, "fulfillmentOrderHold");
}
