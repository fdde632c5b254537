/**
 * What the address re-check reads and changes in Shopify: the order's shipping address as it is now
 * (after an edit in Shopify) with its fulfillment orders' holds, and the release of Dropline's own
 * hold once the address passes.
 */
import type { AdminClient } from "./client.server";
import { operation, type UserError } from "./operation";

export interface MailingAddress {
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly company: string | null;
  readonly address1: string | null;
  readonly address2: string | null;
  readonly city: string | null;
  readonly province: string | null;
  readonly provinceCode: string | null;
  readonly zip: string | null;
  readonly countryCodeV2: string | null;
  readonly phone: string | null;
}

export interface OrderAddressState {
  readonly id: string;
  readonly cancelledAt: string | null;
  readonly shippingAddress: MailingAddress | null;
  readonly fulfillmentOrders: {
    readonly nodes: readonly {
      readonly id: string;
      readonly status: string;
      readonly fulfillmentHolds: readonly { readonly id: string; readonly handle: string | null }[];
    }[];
  };
}

export const ORDER_ADDRESS_STATE = operation<{ readonly order: OrderAddressState | null }, { id: string }>(`#graphql
  query OrderAddressState($id: ID!) {
    order(id: $id) {
      id
      cancelledAt
      shippingAddress { firstName lastName company address1 address2 city province provinceCode zip countryCodeV2 phone }
      fulfillmentOrders(first: 20) {
        nodes {
          id
          status
          fulfillmentHolds { id handle }
        }
      }
    }
  }
`);

/** The order's shipping address and its fulfillment orders' holds; null when Shopify does not know the order. */
export async function fetchOrderAddressState(client: AdminClient, orderId: string): Promise<OrderAddressState | null> {
  const data = await client.request(ORDER_ADDRESS_STATE, { id: orderId });
  return data.order ?? null;
}

interface ReleaseHoldData {
  readonly fulfillmentOrderReleaseHold: {
    readonly fulfillmentOrder: { readonly id: string; readonly status: string } | null;
    readonly userErrors: readonly UserError[];
  } | null;
}

export const FULFILLMENT_ORDER_RELEASE_HOLD = operation<ReleaseHoldData, { id: string; holdIds: readonly string[] }>(`#graphql
  mutation FulfillmentOrderReleaseHold($id: ID!, $holdIds: [ID!]) {
    fulfillmentOrderReleaseHold(id: $id, holdIds: $holdIds) {
      fulfillmentOrder { id status }
      userErrors { field message }
    }
  }
`);

/** Releases the given holds of a fulfillment order (others, a person's, stay). */
export async function releaseFulfillmentHolds(client: AdminClient, fulfillmentOrderId: string, holdIds: readonly string[]) {
  return client.mutate(FULFILLMENT_ORDER_RELEASE_HOLD, { id: fulfillmentOrderId, holdIds }, "fulfillmentOrderReleaseHold");
}
