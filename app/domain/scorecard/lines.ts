/**
 * One purchase-order line as a scorecard reads it (a FulfillmentFact row), and what it counts as
 * for the supplier. Every measure — the scorecard's and the rates routing reads — starts from this
 * one classification, so "cancelled" or "late" means the same thing on every screen.
 */

/** A purchase-order line. Instants are epoch ms (UTC); absent = not happened (or not known). */
export interface ScorecardLine {
  readonly purchaseOrderId: string;
  readonly lineKey: string;
  readonly orderId: string;
  readonly orderName: string;
  readonly supplierId: string;
  readonly sku: string;
  readonly orderCreatedAtMs: number;
  /** The ship-by instant the supplier was held to. */
  readonly promisedShipByMs?: number | null;
  readonly shippedAtMs?: number | null;
  readonly trackingUploadedAtMs?: number | null;
  /** The supplier accepted (true) or rejected (false) the purchase order; absent while undecided. */
  readonly accepted?: boolean | null;
  readonly cancelled?: boolean;
  /** Shopify's cancel reason (customer, fraud, inventory, declined, other, staff) or the supplier's. */
  readonly cancelReason?: string | null;
  /** The supplier reported it could not fill the line (before or after accepting). */
  readonly stockout?: boolean;
  /** A parcel exception (lost, damaged, returned, address problem). */
  readonly exception?: boolean;
}

/**
 * Cancellations the supplier did not cause: the customer changed their mind, the merchant
 * cancelled for fraud or by hand. Such a line is left out of every measure. Any other cancel reason
 * (inventory, declined, other) — and every rejection or stockout — is the supplier's.
 */
export const NOT_SUPPLIER_CANCEL_REASONS: ReadonlySet<string> = new Set(["customer", "fraud", "staff"]);

/**
 * What a line counts as for its supplier:
 * - `withdrawn`: cancelled for a reason that is not the supplier's; counted nowhere.
 * - `cancelled`: the supplier did not fill it (rejected it, reported a stockout, or it was cancelled for a supplier reason).
 * - `shipped`: it left the supplier.
 * - `accepted`: accepted, not shipped yet.
 * - `pending`: waiting for the supplier's answer.
 */
export type LineStatus = "withdrawn" | "cancelled" | "shipped" | "accepted" | "pending";

/** The line's status for its supplier (see `LineStatus`). */
export function lineStatus(line: ScorecardLine): LineStatus {
  const supplierCancelled = line.accepted === false || line.stockout === true;
  if (!supplierCancelled && line.cancelled === true && NOT_SUPPLIER_CANCEL_REASONS.has((line.cancelReason ?? "").toLowerCase())) return "withdrawn";
  if (supplierCancelled || line.cancelled === true) return "cancelled";
  if (line.shippedAtMs != null) return "shipped";
  if (line.accepted === true) return "accepted";
  return "pending";
}

/** How late the line shipped (or is, still unshipped) past its promised ship-by, ms; null when it has no promise or is not due yet. */
export function lateness(line: ScorecardLine, nowMs: number): number | null {
  if (line.promisedShipByMs == null) return null;
  const at = line.shippedAtMs ?? (nowMs > line.promisedShipByMs ? nowMs : null);
  return at === null ? null : at - line.promisedShipByMs;
}
