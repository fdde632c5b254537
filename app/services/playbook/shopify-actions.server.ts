/**
 * The three playbook actions a customer notices in Shopify — refund, replacement order,
 * cancellation — each behind performOnce: the intent is recorded with its key before the call,
 * and a retry (lost answer, crash, job re-run) first looks in Shopify for the earlier effect.
 */
import { formatMoney } from "~/domain/exceptions";
import { performOnce, RefusedError, type IntentOutcome } from "~/services/exactly-once.server";
import type { JobServices } from "~/services/deps";
import {
  cancellationOf,
  cancelOrder,
  createReplacementOrder,
  fetchPlaybookOrder,
  findReplacement,
  replacementOrderInput,
  type CancelInput,
  type PlaybookOrder,
} from "~/shopify/orders-admin";
import { createRefund, findRefundByNote, refundInputFrom, suggestRefund } from "~/shopify/refunds";
import type { AffectedLine } from "./target.server";

export interface ShopifyEffect {
  readonly ids: readonly string[];
  readonly text: string;
}

/** The order, or a refusal a merchant can act on. */
export async function orderOrRefuse(s: JobServices, shop: string, orderId: string): Promise<PlaybookOrder> {
  const order = await fetchPlaybookOrder(await s.adminFor(shop), orderId);
  if (!order) throw new RefusedError(`Order ${orderId} no longer exists in Shopify.`);
  return order;
}

/** The affected lines that can still be refunded, as Shopify's refund line input. */
export function refundLines(order: PlaybookOrder, lines: readonly AffectedLine[] | null) {
  const wanted = lines ?? order.lineItems.nodes.map((l) => ({ lineItemId: l.id, quantity: l.quantity }));
  return wanted.flatMap((w) => {
    const li = order.lineItems.nodes.find((l) => l.id === w.lineItemId);
    const quantity = Math.min(w.quantity, li?.refundableQuantity ?? 0);
    return quantity > 0 ? [{ lineItemId: w.lineItemId, quantity, restockType: "NO_RESTOCK" as const }] : [];
  });
}

export interface RefundIntent {
  readonly intentKey: string;
  readonly orderId: string;
  readonly lines: readonly AffectedLine[] | null;
  readonly shipping: boolean;
  /** The amount staff confirmed; the refund is refused if Shopify now suggests another. */
  readonly confirmedAmount: string;
}

export async function refundOnce(s: JobServices, shop: string, intent: RefundIntent): Promise<IntentOutcome<ShopifyEffect>> {
  const client = await s.adminFor(shop);
  const marker = `[${intent.intentKey}]`;
  return performOnce<ShopifyEffect>(
    s.db,
    s.now,
    { shop, key: `refund:${intent.intentKey}`, kind: "refund", request: intent },
    {
      recover: async () => {
        const found = await findRefundByNote(client, intent.orderId, marker);
        return found
          ? { ids: [found.id], text: `Refunded ${formatMoney(found.totalRefundedSet.shopMoney.amount, found.totalRefundedSet.shopMoney.currencyCode)}` }
          : null;
      },
      perform: async () => {
        const order = await orderOrRefuse(s, shop, intent.orderId);
        const lines = refundLines(order, intent.lines);
        const suggested = await suggestRefund(client, intent.orderId, lines, intent.shipping);
        const refund = suggested?.suggestedRefund;
        if (!refund) throw new RefusedError("Shopify has no refund to suggest for this order.");
        const amount = refund.amountSet.shopMoney.amount;
        if (amount !== intent.confirmedAmount)
          throw new RefusedError(
            `Shopify now suggests ${formatMoney(amount, refund.amountSet.shopMoney.currencyCode)} instead of the confirmed amount; ask for the refund again.`,
          );
        if (Number(amount) <= 0) throw new RefusedError("Nothing is left to refund on these lines.");
        const created = await createRefund(client, refundInputFrom(intent.orderId, refund, `Dropline playbook refund ${marker}`, true));
        return { ids: [created.id], text: `Refunded ${formatMoney(amount, refund.amountSet.shopMoney.currencyCode)}` };
      },
    },
  );
}

export interface ReshipIntent {
  readonly intentKey: string;
  readonly orderId: string;
  readonly lines: readonly AffectedLine[] | null;
}

/** The replacement's lines: the affected variants and quantities (a line with no variant cannot be reshipped). */
export function replacementLines(order: PlaybookOrder, lines: readonly AffectedLine[] | null) {
  const wanted = lines ?? order.lineItems.nodes.map((l) => ({ lineItemId: l.id, quantity: l.quantity }));
  return wanted.flatMap((w) => {
    const variantId = order.lineItems.nodes.find((l) => l.id === w.lineItemId)?.variant?.id;
    return variantId ? [{ variantId, quantity: w.quantity }] : [];
  });
}

export async function reshipOnce(s: JobServices, shop: string, intent: ReshipIntent): Promise<IntentOutcome<ShopifyEffect>> {
  const client = await s.adminFor(shop);
  const original = await orderOrRefuse(s, shop, intent.orderId);
  return performOnce<ShopifyEffect>(
    s.db,
    s.now,
    { shop, key: `reship:${intent.intentKey}`, kind: "replacement_order", request: intent },
    {
      recover: async () => {
        const found = await findReplacement(client, original, intent.intentKey);
        return found ? { ids: [found.id], text: `Replacement order ${found.name} created` } : null;
      },
      perform: async () => {
        const lines = replacementLines(original, intent.lines);
        if (lines.length === 0) throw new RefusedError("None of the affected lines has a product variant to send again.");
        const created = await createReplacementOrder(client, replacementOrderInput(original, lines, intent.intentKey));
        return { ids: [created.id], text: `Replacement order ${created.name} created` };
      },
    },
  );
}

export interface CancelIntent extends Omit<CancelInput, "staffNote"> {
  readonly intentKey: string;
}

export async function cancelOnce(s: JobServices, shop: string, intent: CancelIntent): Promise<IntentOutcome<ShopifyEffect>> {
  const client = await s.adminFor(shop);
  return performOnce<ShopifyEffect>(
    s.db,
    s.now,
    { shop, key: `cancel:${intent.intentKey}`, kind: "order_cancel", request: intent },
    {
      // Cancelling is asynchronous in Shopify: the order's cancelledAt is the effect to look for.
      recover: async () => {
        const state = await cancellationOf(client, intent.orderId);
        return state?.cancelledAt ? { ids: [intent.orderId], text: `Order cancelled (${state.cancelReason ?? "no reason"})` } : null;
      },
      perform: async () => {
        const { jobId } = await cancelOrder(client, { ...intent, staffNote: `Dropline playbook [${intent.intentKey}]` });
        return { ids: [intent.orderId, ...(jobId ? [jobId] : [])], text: "Cancellation requested from Shopify" };
      },
    },
  );
}
