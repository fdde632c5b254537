/** The root objects handed to graphql's execute(): one per operation type. */
import type { Resolver } from "./context";
import { inventoryMutations, inventoryQueries } from "./inventory";
import { locationQueries, makeFulfillmentServiceMutations, type CallbackPolicy } from "./locations";
import { metafieldMutations } from "./metafields";
import { productQueries } from "./products";
import { shopQueries } from "./shop";
import { fulfillmentOrderQueries } from "./fulfillment-orders";
import { fulfillmentMutations, fulfillmentQueries } from "./fulfillments";
import { fulfillmentOrderMutations } from "./fo-mutations";
import { fulfillmentRequestMutations } from "./fo-requests";
import { flowMutations } from "./flow";
import { nodeQueries } from "./node";
import { orderMutations, orderQueries } from "./orders";
import { orderAdminMutations } from "./order-admin";
import { refundMutations } from "./refunds";

type Root = Record<string, Resolver>;

export interface RootOptions {
  callbackPolicy: () => CallbackPolicy;
}

export function buildRoots(options: RootOptions): { query: Root; mutation: Root } {
  const query: Root = {
    ...shopQueries,
    ...locationQueries,
    ...productQueries,
    ...inventoryQueries,
    ...orderQueries,
    ...fulfillmentOrderQueries,
    ...fulfillmentQueries,
    ...nodeQueries,
  };
  const mutation: Root = {
    ...makeFulfillmentServiceMutations(options.callbackPolicy),
    ...inventoryMutations,
    ...metafieldMutations,
    ...orderMutations,
    ...fulfillmentOrderMutations,
    ...fulfillmentRequestMutations,
    ...fulfillmentMutations,
    ...flowMutations,
    ...orderAdminMutations,
    ...refundMutations,
  };
  return { query, mutation };
}
