/**
 * What staff read before a playbook action runs: one sentence saying exactly what will happen,
 * built from what Shopify and our records say (the refund amount is Shopify's own suggestion).
 */
import type { PlaybookAction } from "./types";

export interface PreviewLine {
  readonly title: string;
  readonly quantity: number;
}

export const CANCEL_REASONS = ["CUSTOMER", "DECLINED", "FRAUD", "INVENTORY", "STAFF", "OTHER"] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

export type ActionPreview =
  | {
      readonly action: "refund";
      readonly orderName: string;
      readonly customer: string | null;
      readonly lines: readonly PreviewLine[];
      /** Decimal strings in the order's currency, as Shopify suggested them. */
      readonly amount: string;
      readonly shippingAmount: string;
      readonly currency: string;
    }
  | { readonly action: "reship"; readonly orderName: string; readonly customer: string | null; readonly lines: readonly PreviewLine[] }
  | {
      readonly action: "cancel_order";
      readonly orderName: string;
      readonly customer: string | null;
      readonly reason: CancelReason;
      readonly refund: boolean;
      readonly restock: boolean;
    }
  | { readonly action: "reroute"; readonly orderName: string; readonly poNumber: string; readonly supplierName: string }
  | { readonly action: "remind_supplier"; readonly poNumber: string; readonly supplierName: string }
  | {
      readonly action: "notify_customer";
      readonly orderName: string;
      readonly customer: string | null;
      /** The new window's dates ("2026-12-09") and the reason as the email states it. */
      readonly earliest: string;
      readonly latest: string;
      readonly reason: string;
    }
  | { readonly action: "wait"; readonly untilDate: string; readonly then: PlaybookAction | null };

/** "$24.00" for USD; other currencies keep their code ("EUR 24.00") so nothing is ambiguous. */
export function formatMoney(amount: string, currency: string): string {
  const symbols: Readonly<Record<string, string>> = { USD: "$", CAD: "CA$", AUD: "A$", GBP: "£", EUR: "€" };
  const [whole = "0", fraction = ""] = amount.replace(/^-/, "").split(".");
  const text = `${whole}.${fraction.padEnd(2, "0").slice(0, Math.max(2, fraction.length))}`;
  const symbol = symbols[currency];
  return symbol ? `${amount.startsWith("-") ? "-" : ""}${symbol}${text}` : `${currency} ${amount.startsWith("-") ? "-" : ""}${text}`;
}

const linesText = (lines: readonly PreviewLine[]): string => lines.map((l) => `${l.quantity} × ${l.title}`).join(", ") || "no line items";
const to = (customer: string | null): string => (customer ? ` to ${customer}` : "");
const words = (s: string): string => s.toLowerCase().replace(/_/g, " ");

/** The confirmation sentence for an action. */
export function confirmationText(p: ActionPreview): string {
  switch (p.action) {
    case "refund": {
      const shipping = Number(p.shippingAmount) > 0 ? ` and ${formatMoney(p.shippingAmount, p.currency)} shipping` : "";
      return `Refund ${formatMoney(p.amount, p.currency)} for ${linesText(p.lines)}${shipping}${to(p.customer)} on ${p.orderName}, computed by Shopify.`;
    }
    case "reship":
      return `Create a replacement order for ${linesText(p.lines)} at no charge${to(p.customer)}, tagged dropline-reship and linked to ${p.orderName}; Dropline routes it like any order.`;
    case "cancel_order": {
      const refund = p.refund ? "refund the customer to the original payment method" : "no refund";
      const restock = p.restock ? "restock the items" : "do not restock";
      return `Cancel ${p.orderName}${p.customer ? ` for ${p.customer}` : ""} (reason: ${words(p.reason)}): ${refund}, ${restock}.`;
    }
    case "reroute":
      return `Take purchase order ${p.poNumber} (${p.orderName}) away from ${p.supplierName} and route the order again without them.`;
    case "notify_customer": {
      const window = p.earliest === p.latest ? p.latest : `${p.earliest} – ${p.latest}`;
      return `Email ${p.customer ?? "the customer"} about ${p.orderName}: new delivery estimate ${window}. Reason given: “${p.reason}” (at most one notice per order per day).`;
    }
    case "remind_supplier":
      return `Send ${p.supplierName} a reminder about purchase order ${p.poNumber} on their usual channel.`;
    case "wait":
      return `Set this case aside until ${p.untilDate}; then ${p.then ? `the playbook suggests: ${words(p.then)}` : "it comes back for a decision"}.`;
  }
}
