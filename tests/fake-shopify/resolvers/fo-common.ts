/** Helpers shared by the fulfillment-order mutations. */
import { resourceNotFound } from "../errors";
import { fulfillmentOrderDetail } from "../payloads";
import type { FulfillmentOrderRecord } from "../types";
import { str, type Args, type ResolverContext, type View } from "./context";
import { fulfillmentOrderView } from "./fulfillment-orders";

/** The FO named by `id`, or Shopify's top-level RESOURCE_NOT_FOUND error. */
export function requireFo(args: Args, ctx: ResolverContext): FulfillmentOrderRecord {
  const id = str(args, "id");
  const fo = ctx.state.fulfillmentOrders.get(id);
  if (!fo) throw resourceNotFound(id);
  return fo;
}

export interface FoUserError {
  field: string[] | null;
  message: string;
  code?: string | null;
}

export function userErrors(typename: string, errors: FoUserError[], withCode: boolean): View[] {
  return errors.map((e) => ({ __typename: typename, field: e.field, message: e.message, ...(withCode ? { code: e.code ?? null } : {}) }));
}

export function foOrNull(ctx: ResolverContext, fo: FulfillmentOrderRecord | null | undefined): View | null {
  return fo ? fulfillmentOrderView(ctx, fo) : null;
}

export function emitFo(ctx: ResolverContext, topic: string, payload: Record<string, unknown>): void {
  ctx.store.emit(ctx.state.shop.domain, `fulfillment_orders/${topic}`, payload);
}

export function detail(fo: FulfillmentOrderRecord): Record<string, unknown> {
  return fulfillmentOrderDetail(fo);
}

/** Parses `[FulfillmentOrderLineItemInput!]` into id/quantity pairs. */
export function linePicks(list: Args[] | null): { id: string; quantity: number }[] | null {
  if (list === null) return null;
  return list.map((l) => ({ id: typeof l.id === "string" ? l.id : "", quantity: typeof l.quantity === "number" ? l.quantity : 0 }));
}
