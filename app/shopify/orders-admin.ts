/**
 * Orders as support changes them: read an order for a playbook action, create a no-charge
 * replacement order linked to the original, cancel an order. Each mutation carries the intent
 * key somewhere Shopify keeps it (a custom attribute, the staff note) so a retry can find it.
 */
import type { AdminClient } from "./client.server";
import { AdminApiError, UserErrorsFailure } from "./errors";
import { operation, type UserError } from "./operation";

export interface PlaybookOrder {
  readonly id: string;
  readonly name: string;
  readonly email: string | null;
  readonly currencyCode: string;
  readonly cancelledAt: string | null;
  readonly tags: readonly string[];
  readonly shippingAddress: {
    readonly firstName: string | null;
    readonly lastName: string | null;
    readonly address1: string | null;
    readonly address2: string | null;
    readonly city: string | null;
    readonly zip: string | null;
    readonly provinceCode: string | null;
    readonly countryCodeV2: string | null;
    readonly phone: string | null;
  } | null;
  readonly shippingLine: { readonly title: string; readonly code: string | null } | null;
  readonly lineItems: {
    readonly nodes: readonly {
      readonly id: string;
      readonly name: string;
      readonly sku: string | null;
      readonly quantity: number;
      readonly refundableQuantity: number;
      readonly variant: { readonly id: string } | null;
    }[];
  };
}

export const PLAYBOOK_ORDER = operation<{ order: PlaybookOrder | null }, { id: string }>(`#graphql
  query PlaybookOrder($id: ID!) {
    order(id: $id) {
      id
      name
      email
      currencyCode
      cancelledAt
      tags
      shippingAddress { firstName lastName address1 address2 city zip provinceCode countryCodeV2 phone }
      shippingLine { title code }
      lineItems(first: 100) { nodes { id name sku quantity refundableQuantity variant { id } } }
    }
  }
`);

export async function fetchPlaybookOrder(client: AdminClient, id: string): Promise<PlaybookOrder | null> {
  return (await client.request(PLAYBOOK_ORDER, { id })).order;
}

/** Tag on every replacement order, and the custom attributes that link it to the original and the intent. */
export const RESHIP_TAG = "dropline-reship";
export const RESHIP_OF_ATTRIBUTE = "dropline_reship_of";
export const INTENT_ATTRIBUTE = "dropline_intent";
/** A tag unique to the original, so a retry can search Shopify for its replacements. */
export const reshipOfTag = (original: PlaybookOrder): string => `${RESHIP_TAG}-of-${original.name.replace(/^#/, "")}`;

export interface CreatedOrder {
  readonly id: string;
  readonly name: string;
  readonly tags: readonly string[];
  readonly customAttributes: readonly { readonly key: string; readonly value: string | null }[];
}

export const ORDER_CREATE = operation<
  { orderCreate: { order: CreatedOrder | null; userErrors: readonly UserError[] } | null },
  { order: Record<string, unknown>; options: Record<string, unknown> }
>(`#graphql
  mutation ReplacementOrderCreate($order: OrderCreateOrderInput!, $options: OrderCreateOptionsInput) {
    orderCreate(order: $order, options: $options) {
      order { id name tags customAttributes { key value } }
      userErrors { field message }
    }
  }
`);

export const ORDERS_BY_TAG = operation<{ orders: { nodes: readonly CreatedOrder[] } }, { query: string }>(`#graphql
  query ReplacementOrders($query: String!) {
    orders(first: 50, query: $query) {
      nodes { id name tags customAttributes { key value } }
    }
  }
`);

export interface ReplacementLine {
  readonly variantId: string;
  readonly quantity: number;
}

/**
 * The replacement: the same variants at a price of zero (nothing to charge, so it is created
 * paid), shipped to the original address with the original shipping method at no cost.
 */
export function replacementOrderInput(original: PlaybookOrder, lines: readonly ReplacementLine[], intentKey: string) {
  const zero = { shopMoney: { amount: "0.00", currencyCode: original.currencyCode } };
  const a = original.shippingAddress;
  return {
    order: {
      email: original.email,
      currency: original.currencyCode,
      financialStatus: "PAID",
      lineItems: lines.map((l) => ({ variantId: l.variantId, quantity: l.quantity, priceSet: zero })),
      shippingAddress: a
        ? {
            firstName: a.firstName,
            lastName: a.lastName,
            address1: a.address1,
            address2: a.address2,
            city: a.city,
            zip: a.zip,
            provinceCode: a.provinceCode,
            countryCode: a.countryCodeV2,
            phone: a.phone,
          }
        : null,
      shippingLines: original.shippingLine ? [{ title: original.shippingLine.title, code: original.shippingLine.code, priceSet: zero }] : [],
      tags: [RESHIP_TAG, reshipOfTag(original)],
      note: `Replacement for ${original.name} (Dropline playbook). No charge to the customer.`,
      customAttributes: [
        { key: RESHIP_OF_ATTRIBUTE, value: original.id },
        { key: INTENT_ATTRIBUTE, value: intentKey },
      ],
    },
    options: { inventoryBehaviour: "DECREMENT_OBEYING_POLICY", sendReceipt: false, sendFulfillmentReceipt: true },
  };
}

export async function createReplacementOrder(client: AdminClient, input: ReturnType<typeof replacementOrderInput>): Promise<CreatedOrder> {
  const payload = await client.mutate(ORDER_CREATE, input, "orderCreate");
  if (!payload.order) throw new Error("orderCreate answered without an order");
  return payload.order;
}

/** A replacement of `original` that an earlier attempt with this intent key created. */
export async function findReplacement(client: AdminClient, original: PlaybookOrder, intentKey: string): Promise<CreatedOrder | null> {
  const { orders } = await client.request(ORDERS_BY_TAG, { query: `tag:${reshipOfTag(original)}` });
  return orders.nodes.find((o) => o.customAttributes.some((a) => a.key === INTENT_ATTRIBUTE && a.value === intentKey)) ?? null;
}

export interface CancelInput {
  readonly orderId: string;
  readonly reason: "CUSTOMER" | "DECLINED" | "FRAUD" | "INVENTORY" | "STAFF" | "OTHER";
  readonly refund: boolean;
  readonly restock: boolean;
  readonly staffNote: string;
}

export const ORDER_CANCEL = operation<
  { orderCancel: { job: { id: string; done: boolean } | null; orderCancelUserErrors: readonly (UserError & { code?: string | null })[] } | null },
  {
    orderId: string;
    reason: CancelInput["reason"];
    restock: boolean;
    refundMethod: { originalPaymentMethodsRefund: boolean };
    staffNote: string;
    notifyCustomer: boolean;
  }
>(`#graphql
  mutation PlaybookOrderCancel($orderId: ID!, $reason: OrderCancelReason!, $restock: Boolean!, $refundMethod: OrderCancelRefundMethodInput, $staffNote: String, $notifyCustomer: Boolean) {
    orderCancel(orderId: $orderId, reason: $reason, restock: $restock, refundMethod: $refundMethod, staffNote: $staffNote, notifyCustomer: $notifyCustomer) {
      job { id done }
      orderCancelUserErrors { field message code }
    }
  }
`);

/** Asks Shopify to cancel (it cancels asynchronously and answers with a job). */
export async function cancelOrder(client: AdminClient, input: CancelInput): Promise<{ jobId: string | null }> {
  const data = await client.request(ORDER_CANCEL, {
    orderId: input.orderId,
    reason: input.reason,
    restock: input.restock,
    refundMethod: { originalPaymentMethodsRefund: input.refund },
    staffNote: input.staffNote.slice(0, 255),
    notifyCustomer: true,
  });
  const payload = data.orderCancel;
  if (!payload) throw new AdminApiError("graphql", "orderCancel returned no payload", { operationName: ORDER_CANCEL.name });
  if (payload.orderCancelUserErrors.length > 0) throw new UserErrorsFailure(ORDER_CANCEL.name, payload.orderCancelUserErrors);
  return { jobId: payload.job?.id ?? null };
}

export const ORDER_CANCEL_STATE = operation<{ order: { id: string; cancelledAt: string | null; cancelReason: string | null } | null }, { id: string }>(`#graphql
  query OrderCancelState($id: ID!) {
    order(id: $id) { id cancelledAt cancelReason }
  }
`);

export async function cancellationOf(client: AdminClient, orderId: string) {
  return (await client.request(ORDER_CANCEL_STATE, { id: orderId })).order;
}
