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
  | "EXTERNAL"
  | "REPORT_PROGRESS";

export interface FulfillmentOrderLine {
  readonly id: string;
  readonly totalQuantity: number;
  readonly remainingQuantity: number;
  readonly variant: { readonly id: string } | null;
  readonly lineItem: { readonly id: string; readonly title: string };
}

/** A fulfillment order line as routing reads it, with what a purchase order needs of it. */
export interface RoutedFulfillmentOrderLine extends FulfillmentOrderLine {
  readonly sku: string | null;
  readonly productTitle: string;
  readonly variantTitle: string | null;
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

/** Where a move put the lines: the fulfillment order now at the new location, with its (new) line ids. */
export interface MovedFulfillmentOrder {
  readonly id: string;
  readonly status: string;
  readonly requestStatus: string;
  readonly assignedLocation: { readonly location: { readonly id: string } | null };
  readonly lineItems: { readonly nodes: readonly RoutedFulfillmentOrderLine[] };
}

interface MoveData {
  readonly fulfillmentOrderMove: {
    readonly movedFulfillmentOrder: MovedFulfillmentOrder | null;
    readonly originalFulfillmentOrder: { readonly id: string; readonly status: string } | null;
    readonly remainingFulfillmentOrder: { readonly id: string; readonly status: string } | null;
    readonly userErrors: readonly UserError[];
  } | null;
}

export const FULFILLMENT_ORDER_MOVE = operation<MoveData, { id: string; newLocationId: string; fulfillmentOrderLineItems?: readonly LineQuantity[] }>(`#graphql
  mutation FulfillmentOrderMove($id: ID!, $newLocationId: ID!, $fulfillmentOrderLineItems: [FulfillmentOrderLineItemInput!]) {
    fulfillmentOrderMove(id: $id, newLocationId: $newLocationId, fulfillmentOrderLineItems: $fulfillmentOrderLineItems) {
      movedFulfillmentOrder {
        id
        status
        requestStatus
        assignedLocation { location { id } }
        lineItems(first: 50) {
          nodes { id totalQuantity remainingQuantity sku productTitle variantTitle variant { id } lineItem { id title } }
        }
      }
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

interface OpenFulfillmentOrdersData {
  readonly fulfillmentOrders: {
    readonly nodes: readonly {
      readonly id: string;
      readonly createdAt: string;
      readonly order: { readonly id: string };
      readonly assignedLocation: { readonly location: { readonly id: string } | null };
    }[];
    readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
  };
}

/** Open fulfillment orders of the shop, a page at a time (the reconciliation sweep). */
export const OPEN_FULFILLMENT_ORDERS = operation<OpenFulfillmentOrdersData, { after?: string | null }>(`#graphql
  query OpenFulfillmentOrders($after: String) {
    fulfillmentOrders(first: 50, after: $after, includeClosed: false, query: "status:open") {
      nodes {
        id
        createdAt
        order { id }
        assignedLocation { location { id } }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

/** Every open fulfillment order with its order, location and creation time (paged; bounded by `maxPages`). */
export async function listOpenFulfillmentOrders(client: AdminClient, maxPages = 20) {
  const all: OpenFulfillmentOrdersData["fulfillmentOrders"]["nodes"][number][] = [];
  let after: string | null = null;
  for (let page = 0; page < maxPages; page++) {
    const data: OpenFulfillmentOrdersData = await client.request(OPEN_FULFILLMENT_ORDERS, { after });
    all.push(...data.fulfillmentOrders.nodes);
    if (!data.fulfillmentOrders.pageInfo.hasNextPage) break;
    after = data.fulfillmentOrders.pageInfo.endCursor;
  }
  return all;
}
