/**
 * Refunds: Shopify computes what a refund of some lines (and shipping) comes to — the suggested
 * refund — and the app creates exactly that refund, noting its intent key so a retry can find it.
 */
import type { AdminClient } from "./client.server";
import { operation, type UserError } from "./operation";

interface Money {
  readonly amount: string;
  readonly currencyCode: string;
}
interface MoneyBag {
  readonly shopMoney: Money;
}

export interface RefundLineInput {
  readonly lineItemId: string;
  readonly quantity: number;
  readonly restockType: "NO_RESTOCK" | "CANCEL" | "RETURN";
}

export interface SuggestedRefund {
  readonly amountSet: MoneyBag;
  readonly shipping: { readonly amountSet: MoneyBag };
  readonly refundLineItems: readonly { readonly quantity: number; readonly lineItem: { readonly id: string; readonly name: string } }[];
  readonly suggestedTransactions: readonly {
    readonly amountSet: MoneyBag;
    readonly gateway: string | null;
    readonly kind: string;
    readonly parentTransaction: { readonly id: string } | null;
  }[];
}

export const SUGGESTED_REFUND = operation<
  { order: { id: string; name: string; email: string | null; currencyCode: string; suggestedRefund: SuggestedRefund | null } | null },
  { id: string; lines: readonly RefundLineInput[]; refundShipping: boolean }
>(`#graphql
  query SuggestedRefund($id: ID!, $lines: [RefundLineItemInput!], $refundShipping: Boolean) {
    order(id: $id) {
      id
      name
      email
      currencyCode
      suggestedRefund(refundLineItems: $lines, refundShipping: $refundShipping) {
        amountSet { shopMoney { amount currencyCode } }
        shipping { amountSet { shopMoney { amount currencyCode } } }
        refundLineItems { quantity lineItem { id name } }
        suggestedTransactions {
          amountSet { shopMoney { amount currencyCode } }
          gateway
          kind
          parentTransaction { id }
        }
      }
    }
  }
`);

export interface RefundInput {
  readonly orderId: string;
  readonly note: string;
  readonly notify: boolean;
  readonly refundLineItems: readonly RefundLineInput[];
  readonly shipping: { readonly amount: string };
  readonly transactions: readonly { orderId: string; amount: string; gateway: string; kind: "REFUND"; parentId: string | null }[];
}

export interface CreatedRefund {
  readonly id: string;
  readonly note: string | null;
  readonly totalRefundedSet: MoneyBag;
}

export const REFUND_CREATE = operation<
  { refundCreate: { refund: CreatedRefund | null; userErrors: readonly UserError[] } | null },
  { input: RefundInput }
>(`#graphql
  mutation PlaybookRefundCreate($input: RefundInput!) {
    refundCreate(input: $input) {
      refund { id note totalRefundedSet { shopMoney { amount currencyCode } } }
      userErrors { field message }
    }
  }
`);

export const ORDER_REFUNDS = operation<{ order: { id: string; refunds: readonly CreatedRefund[] } | null }, { id: string }>(`#graphql
  query OrderRefunds($id: ID!) {
    order(id: $id) {
      id
      refunds(first: 100) { id note totalRefundedSet { shopMoney { amount currencyCode } } }
    }
  }
`);

/** What Shopify would refund for these lines (and all remaining shipping when asked). */
export async function suggestRefund(client: AdminClient, orderId: string, lines: readonly RefundLineInput[], refundShipping: boolean) {
  const { order } = await client.request(SUGGESTED_REFUND, { id: orderId, lines, refundShipping });
  return order;
}

/** The refund input that refunds exactly what Shopify suggested. */
export function refundInputFrom(orderId: string, suggested: SuggestedRefund, note: string, notify: boolean): RefundInput {
  return {
    orderId,
    note,
    notify,
    refundLineItems: suggested.refundLineItems.map((l) => ({ lineItemId: l.lineItem.id, quantity: l.quantity, restockType: "NO_RESTOCK" as const })),
    shipping: { amount: suggested.shipping.amountSet.shopMoney.amount },
    transactions: suggested.suggestedTransactions.map((t) => ({
      orderId,
      amount: t.amountSet.shopMoney.amount,
      gateway: t.gateway ?? "manual",
      kind: "REFUND" as const,
      parentId: t.parentTransaction?.id ?? null,
    })),
  };
}

export async function createRefund(client: AdminClient, input: RefundInput): Promise<CreatedRefund> {
  const payload = await client.mutate(REFUND_CREATE, { input }, "refundCreate");
  if (!payload.refund) throw new Error("refundCreate answered without a refund");
  return payload.refund;
}

/** The order's refund whose note carries `marker`, if an earlier attempt made one. */
export async function findRefundByNote(client: AdminClient, orderId: string, marker: string): Promise<CreatedRefund | null> {
  const { order } = await client.request(ORDER_REFUNDS, { id: orderId });
  return order?.refunds.find((r) => r.note?.includes(marker)) ?? null;
}
