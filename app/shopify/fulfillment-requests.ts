/**
 * Fulfillment requests between the merchant side and a supplier's fulfillment service. Dropline
 * plays both parts: it submits requests for the merchant, and answers them (accept, reject,
 * cancellation decisions) for the supplier once the supplier has answered in the portal.
 */
import type { ShippingAddress, SourceLine } from "~/domain/purchase-order/purchase-order";
import type { AdminClient } from "./client.server";
import { operation, type UserError } from "./operation";

export interface FoState {
  readonly id: string;
  readonly status: string;
  readonly requestStatus: string;
}

type Payload<K extends string, F extends string = "fulfillmentOrder"> = {
  readonly [key in K]: ({ readonly [f in F]: FoState | null } & { readonly userErrors: readonly UserError[] }) | null;
};

export const FULFILLMENT_REQUEST_SUBMIT = operation<
  Payload<"fulfillmentOrderSubmitFulfillmentRequest", "submittedFulfillmentOrder">,
  { id: string; message?: string | null; notifyCustomer?: boolean }
>(`#graphql
  mutation FulfillmentRequestSubmit($id: ID!, $message: String, $notifyCustomer: Boolean) {
    fulfillmentOrderSubmitFulfillmentRequest(id: $id, message: $message, notifyCustomer: $notifyCustomer) {
      submittedFulfillmentOrder { id status requestStatus }
      userErrors { field message }
    }
  }
`);

export const FULFILLMENT_REQUEST_ACCEPT = operation<
  Payload<"fulfillmentOrderAcceptFulfillmentRequest">,
  { id: string; message?: string | null; estimatedShippedAt: string }
>(`#graphql
  mutation FulfillmentRequestAccept($id: ID!, $message: String, $estimatedShippedAt: DateTime) {
    fulfillmentOrderAcceptFulfillmentRequest(id: $id, message: $message, estimatedShippedAt: $estimatedShippedAt) {
      fulfillmentOrder { id status requestStatus }
      userErrors { field message }
    }
  }
`);

/** Shopify's FulfillmentOrderRejectionReason values. */
export const REJECTION_REASONS = [
  "INCORRECT_ADDRESS",
  "INVENTORY_OUT_OF_STOCK",
  "INELIGIBLE_PRODUCT",
  "UNDELIVERABLE_DESTINATION",
  "INTERNATIONAL_SHIPPING_UNAVAILABLE",
  "INCORRECT_PRODUCT_INFO",
  "MISSING_CUSTOMS_INFO",
  "INVALID_SKU",
  "OTHER",
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

export interface RejectedLine {
  readonly fulfillmentOrderLineItemId: string;
  readonly message?: string | null;
}

export const FULFILLMENT_REQUEST_REJECT = operation<
  Payload<"fulfillmentOrderRejectFulfillmentRequest">,
  { id: string; reason: RejectionReason; message?: string | null; lineItems?: readonly RejectedLine[] }
>(`#graphql
  mutation FulfillmentRequestReject($id: ID!, $reason: FulfillmentOrderRejectionReason, $message: String, $lineItems: [IncomingRequestLineItemInput!]) {
    fulfillmentOrderRejectFulfillmentRequest(id: $id, reason: $reason, message: $message, lineItems: $lineItems) {
      fulfillmentOrder { id status requestStatus }
      userErrors { field message }
    }
  }
`);

/** The merchant side asks the supplier to cancel an accepted request (stockout re-route, customer cancellation). */
export const CANCELLATION_REQUEST_SUBMIT = operation<Payload<"fulfillmentOrderSubmitCancellationRequest">, { id: string; message?: string | null }>(`#graphql
  mutation CancellationRequestSubmit($id: ID!, $message: String) {
    fulfillmentOrderSubmitCancellationRequest(id: $id, message: $message) {
      fulfillmentOrder { id status requestStatus }
      userErrors { field message }
    }
  }
`);

export const CANCELLATION_REQUEST_ACCEPT = operation<Payload<"fulfillmentOrderAcceptCancellationRequest">, { id: string; message?: string | null }>(`#graphql
  mutation CancellationRequestAccept($id: ID!, $message: String) {
    fulfillmentOrderAcceptCancellationRequest(id: $id, message: $message) {
      fulfillmentOrder { id status requestStatus }
      userErrors { field message }
    }
  }
`);

export const CANCELLATION_REQUEST_REJECT = operation<Payload<"fulfillmentOrderRejectCancellationRequest">, { id: string; message?: string | null }>(`#graphql
  mutation CancellationRequestReject($id: ID!, $message: String) {
    fulfillmentOrderRejectCancellationRequest(id: $id, message: $message) {
      fulfillmentOrder { id status requestStatus }
      userErrors { field message }
    }
  }
`);

export type AssignmentStatus = "FULFILLMENT_REQUESTED" | "FULFILLMENT_ACCEPTED" | "CANCELLATION_REQUESTED" | "FULFILLMENT_UNSUBMITTED";

export interface AssignedFulfillmentOrder extends FoState {
  readonly order: { readonly id: string };
  readonly assignedLocation: { readonly location: { readonly id: string } | null };
}

interface AssignedData {
  readonly assignedFulfillmentOrders: {
    readonly nodes: readonly AssignedFulfillmentOrder[];
    readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
  };
}

/** What the fulfillment service callback reads: Shopify's notification only names the kind. */
export const ASSIGNED_FULFILLMENT_ORDERS = operation<AssignedData, { status: AssignmentStatus; after?: string | null }>(`#graphql
  query AssignedFulfillmentOrders($status: FulfillmentOrderAssignmentStatus, $after: String) {
    assignedFulfillmentOrders(first: 50, after: $after, assignmentStatus: $status) {
      nodes {
        id
        status
        requestStatus
        order { id }
        assignedLocation { location { id } }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

export interface FulfillmentOrderDetail extends FoState {
  readonly fulfillBy: string | null;
  readonly assignedLocation: { readonly location: { readonly id: string } | null };
  readonly deliveryMethod: { readonly methodType: string; readonly presentedName: string | null; readonly serviceCode: string | null } | null;
  readonly destination: ShippingAddress | null;
  readonly order: { readonly id: string; readonly name: string; readonly note: string | null; readonly tags: readonly string[] };
  readonly lineItems: { readonly nodes: readonly SourceLine[] };
}

/** Everything a purchase order is built from, in one call. */
export const FULFILLMENT_ORDER_DETAIL = operation<{ fulfillmentOrder: FulfillmentOrderDetail | null }, { id: string }>(`#graphql
  query FulfillmentOrderForPurchaseOrder($id: ID!) {
    fulfillmentOrder(id: $id) {
      id
      status
      requestStatus
      fulfillBy
      assignedLocation { location { id } }
      deliveryMethod { methodType presentedName serviceCode }
      destination { firstName lastName company address1 address2 city province zip countryCode phone email }
      order { id name note tags }
      lineItems(first: 50) {
        nodes {
          id
          remainingQuantity
          sku
          productTitle
          variantTitle
          variant { id }
          lineItem { id }
        }
      }
    }
  }
`);

/** Dropline's requests leave the customer's shipping email to the merchant's own settings (not asked of Shopify). */
export const SUBMITTED_REQUEST_NOTIFIES_CUSTOMER = false;

export async function submitFulfillmentRequest(client: AdminClient, id: string, message: string) {
  return client.mutate(
    FULFILLMENT_REQUEST_SUBMIT,
    { id, message, notifyCustomer: SUBMITTED_REQUEST_NOTIFIES_CUSTOMER },
    "fulfillmentOrderSubmitFulfillmentRequest",
  );
}

export async function acceptFulfillmentRequest(client: AdminClient, id: string, estimatedShippedAt: string, message: string) {
  return client.mutate(FULFILLMENT_REQUEST_ACCEPT, { id, estimatedShippedAt, message }, "fulfillmentOrderAcceptFulfillmentRequest");
}

export async function rejectFulfillmentRequest(
  client: AdminClient,
  input: { id: string; reason: RejectionReason; message: string; lineItems?: readonly RejectedLine[] },
) {
  return client.mutate(FULFILLMENT_REQUEST_REJECT, input, "fulfillmentOrderRejectFulfillmentRequest");
}

export async function submitCancellationRequest(client: AdminClient, id: string, message: string) {
  return client.mutate(CANCELLATION_REQUEST_SUBMIT, { id, message }, "fulfillmentOrderSubmitCancellationRequest");
}

export async function acceptCancellationRequest(client: AdminClient, id: string, message: string) {
  return client.mutate(CANCELLATION_REQUEST_ACCEPT, { id, message }, "fulfillmentOrderAcceptCancellationRequest");
}

export async function rejectCancellationRequest(client: AdminClient, id: string, message: string) {
  return client.mutate(CANCELLATION_REQUEST_REJECT, { id, message }, "fulfillmentOrderRejectCancellationRequest");
}

export async function fetchFulfillmentOrderDetail(client: AdminClient, id: string): Promise<FulfillmentOrderDetail | null> {
  return (await client.request(FULFILLMENT_ORDER_DETAIL, { id })).fulfillmentOrder;
}

/** Every fulfillment order assigned to the app's services in one assignment status (paged). */
export async function listAssignedFulfillmentOrders(client: AdminClient, status: AssignmentStatus, maxPages = 10_000): Promise<AssignedFulfillmentOrder[]> {
  const all: AssignedFulfillmentOrder[] = [];
  let after: string | null = null;
  for (let page = 0; page < maxPages; page++) {
    const data: AssignedData = await client.request(ASSIGNED_FULFILLMENT_ORDERS, { status, after });
    all.push(...data.assignedFulfillmentOrders.nodes);
    if (!data.assignedFulfillmentOrders.pageInfo.hasNextPage) break;
    after = data.assignedFulfillmentOrders.pageInfo.endCursor;
  }
  return all;
}

/** A fulfillment order's status and request status, as reconciliation compares them with ours. */
export const FULFILLMENT_ORDER_STATE = operation<{ fulfillmentOrder: FoState | null }, { id: string }>(`#graphql
  query FulfillmentOrderState($id: ID!) {
    fulfillmentOrder(id: $id) {
      id
      status
      requestStatus
    }
  }
`);

export async function fetchFulfillmentOrderState(client: AdminClient, id: string): Promise<FoState | null> {
  return (await client.request(FULFILLMENT_ORDER_STATE, { id })).fulfillmentOrder;
}

/** A fulfillment order at one of the app's locations, as the periodic reconciliation compares it with a purchase order. */
export interface FulfillmentOrderForDrift extends FoState {
  readonly order: { readonly id: string; readonly cancelledAt: string | null };
  readonly assignedLocation: { readonly location: { readonly id: string } | null };
  readonly fulfillmentHolds: readonly { readonly reason: string; readonly reasonNotes: string | null }[];
}

interface DriftPage {
  readonly assignedFulfillmentOrders: {
    readonly nodes: readonly FulfillmentOrderForDrift[];
    readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
  };
}

/** Every fulfillment order assigned to the app's fulfillment-service locations, whatever its request status (paged). */
export const ASSIGNED_FULFILLMENT_ORDERS_FOR_DRIFT = operation<DriftPage, { first: number; after?: string | null }>(`#graphql
  query AssignedFulfillmentOrdersForDrift($first: Int!, $after: String) {
    assignedFulfillmentOrders(first: $first, after: $after) {
      nodes {
        id
        status
        requestStatus
        order { id cancelledAt }
        assignedLocation { location { id } }
        fulfillmentHolds { reason reasonNotes }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

/** Reads every page of assigned fulfillment orders, handing each page over as it comes; returns the page count. */
export async function eachAssignedFulfillmentOrderPage(
  client: AdminClient,
  pageSize: number,
  onPage: (nodes: readonly FulfillmentOrderForDrift[]) => Promise<void>,
): Promise<number> {
  let after: string | null = null;
  let pages = 0;
  for (;;) {
    const data: DriftPage = await client.request(ASSIGNED_FULFILLMENT_ORDERS_FOR_DRIFT, { first: pageSize, after });
    pages++;
    await onPage(data.assignedFulfillmentOrders.nodes);
    const next = data.assignedFulfillmentOrders.pageInfo;
    // A cursor that does not move would loop forever: stop rather than spin.
    if (!next.hasNextPage || !next.endCursor || next.endCursor === after) return pages;
    after = next.endCursor;
  }
}

/** Fulfillment orders by id, those that left the app's locations or closed included (null when gone). */
export const FULFILLMENT_ORDERS_BY_ID = operation<
  { nodes: readonly (FulfillmentOrderForDrift | Record<string, never> | null)[] },
  { ids: readonly string[] }
>(`#graphql
  query FulfillmentOrdersForDrift($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on FulfillmentOrder {
        id
        status
        requestStatus
        order { id cancelledAt }
        assignedLocation { location { id } }
        fulfillmentHolds { reason reasonNotes }
      }
    }
  }
`);

export async function fetchFulfillmentOrdersById(client: AdminClient, ids: readonly string[]): Promise<Map<string, FulfillmentOrderForDrift>> {
  const found = new Map<string, FulfillmentOrderForDrift>();
  for (let i = 0; i < ids.length; i += 50) {
    const { nodes } = await client.request(FULFILLMENT_ORDERS_BY_ID, { ids: ids.slice(i, i + 50) });
    for (const node of nodes) if (node && "id" in node) found.set(node.id, node as FulfillmentOrderForDrift);
  }
  return found;
}
