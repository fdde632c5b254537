/**
 * The one read of an order the pipeline makes: routing's view of it (prices, destination,
 * channel, shipping method, the fulfillment orders with their place, lines and allowed actions)
 * plus what the purchase orders are built from, so no later step reads it again.
 */
import type { ShippingAddress } from "~/domain/purchase-order/purchase-order";
import type { AdminClient } from "./client.server";
import type { FulfillmentOrderSnapshot, RoutedFulfillmentOrderLine } from "./fulfillment-orders";
import { operation } from "./operation";

export type { ShippingAddress };

export interface DeliveryMethod {
  readonly methodType: string;
  readonly presentedName: string | null;
  readonly serviceCode: string | null;
}

/**
 * A fulfillment order as routing reads it: its place, lines and allowed actions, plus what a
 * purchase order is built from (address, delivery method, SKUs and titles), so the steps after
 * routing never read it again.
 */
export interface RoutedFulfillmentOrder extends FulfillmentOrderSnapshot {
  readonly destination: ShippingAddress | null;
  readonly deliveryMethod: DeliveryMethod | null;
  readonly lineItems: { readonly nodes: readonly RoutedFulfillmentOrderLine[] };
}

export interface OrderForRouting {
  readonly id: string;
  readonly name: string;
  readonly note: string | null;
  readonly tags: readonly string[];
  readonly currencyCode: string;
  readonly sourceName: string | null;
  readonly cancelledAt: string | null;
  readonly totalPriceSet: { readonly shopMoney: { readonly amount: string } };
  readonly shippingAddress: { readonly countryCodeV2: string | null; readonly provinceCode: string | null } | null;
  readonly shippingLines: { readonly nodes: readonly { readonly title: string }[] };
  readonly lineItems: {
    readonly nodes: readonly {
      readonly id: string;
      readonly title: string;
      readonly quantity: number;
      readonly originalUnitPriceSet: { readonly shopMoney: { readonly amount: string } };
    }[];
  };
  readonly fulfillmentOrders: { readonly nodes: readonly RoutedFulfillmentOrder[] };
}

interface OrderForRoutingData {
  readonly order?: OrderForRouting | null;
  readonly fulfillmentOrder?: { readonly order: OrderForRouting } | null;
}

/**
 * Everything Dropline reads from Shopify for one order, in one call: prices, destination, channel,
 * shipping method, and the fulfillment orders with their place, lines, allowed actions and what
 * their purchase orders are built from. Shopify is the source of truth here, so routing never
 * waits for (or trusts) a webhook copy. Fulfillment-order webhooks name only a fulfillment order:
 * `viaFulfillmentOrder` reads its order through it, still one call.
 */
export const ORDER_FOR_ROUTING = operation<OrderForRoutingData, { id: string; viaFulfillmentOrder: boolean }>(`#graphql
  query OrderForRouting($id: ID!, $viaFulfillmentOrder: Boolean!) {
    order(id: $id) @skip(if: $viaFulfillmentOrder) {
      ...RoutedOrder
    }
    fulfillmentOrder(id: $id) @include(if: $viaFulfillmentOrder) {
      order {
        ...RoutedOrder
      }
    }
  }

  fragment RoutedOrder on Order {
    id
    name
    note
    tags
    currencyCode
    sourceName
    cancelledAt
    totalPriceSet { shopMoney { amount } }
    shippingAddress { countryCodeV2 provinceCode }
    shippingLines(first: 5) { nodes { title } }
    lineItems(first: 50) {
      nodes {
        id
        title
        quantity
        originalUnitPriceSet { shopMoney { amount } }
      }
    }
    fulfillmentOrders(first: 20) {
      nodes {
        id
        status
        requestStatus
        assignedLocation { location { id } }
        destination { firstName lastName company address1 address2 city province zip countryCode phone email }
        deliveryMethod { methodType presentedName serviceCode }
        supportedActions { action }
        fulfillmentHolds { handle reason }
        lineItems(first: 50) {
          nodes {
            id
            totalQuantity
            remainingQuantity
            sku
            productTitle
            variantTitle
            variant { id }
            lineItem { id title }
          }
        }
      }
    }
  }
`);

/** Reads an order for routing; null when Shopify does not know the order. */
export async function fetchOrderFulfillmentOrders(client: AdminClient, orderId: string): Promise<OrderForRouting | null> {
  const data = await client.request(ORDER_FOR_ROUTING, { id: orderId, viaFulfillmentOrder: false });
  return data.order ?? null;
}

/** Reads for routing the order a fulfillment order belongs to; null when it does not exist (any more). */
export async function fetchOrderOfFulfillmentOrder(client: AdminClient, fulfillmentOrderId: string): Promise<OrderForRouting | null> {
  const data = await client.request(ORDER_FOR_ROUTING, { id: fulfillmentOrderId, viaFulfillmentOrder: true });
  return data.fulfillmentOrder?.order ?? null;
}
