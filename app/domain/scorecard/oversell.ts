/**
 * Which supplier refusals are oversells: the supplier had published stock it did not have. A
 * rejection with Shopify's INVENTORY_OUT_OF_STOCK reason is one; so is a rejection with another
 * reason (OTHER, or one given in Shopify without a reason) whose message or line reasons say the
 * item is out of stock. A stockout reported after acceptance always is.
 */

const STOCK_WORDS = /\b(out[ -]of[ -]stock|no stock|stock ?out|sold out|not in stock|none left|no inventory|insufficient (stock|inventory)|backorder(ed)?)\b/i;

/** True when a rejection is for lack of stock (see the module comment). */
export function isStockRejection(reason: string | null | undefined, texts: readonly (string | null | undefined)[]): boolean {
  if (reason === "INVENTORY_OUT_OF_STOCK") return true;
  // A specific other reason (bad address, customs, SKU) is not about stock whatever the message says.
  if (reason !== null && reason !== undefined && reason !== "OTHER") return false;
  return texts.some((t) => typeof t === "string" && STOCK_WORDS.test(t));
}

/** The key of the one oversell incident a purchase order's rejection or stockout records. */
export function oversellEventKey(kind: "reject" | "stockout", purchaseOrderId: string): string {
  return `${kind}:${purchaseOrderId}`;
}
