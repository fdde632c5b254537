/**
 * What a case acts on: its order, the affected lines (the purchase order's or the shipment's;
 * every line for a case staff opened on the order) and the purchase order and supplier, if any.
 */
import { getCase, type ExceptionCaseRecord } from "~/models/exceptions.server";
import { getPurchaseOrder, type PurchaseOrderRecord } from "~/models/purchase-orders.server";
import { getShipment } from "~/models/shipments.server";
import { getSupplier } from "~/models/suppliers.server";
import type { JobServices } from "~/services/deps";

export interface AffectedLine {
  readonly lineItemId: string;
  readonly quantity: number;
}

export interface CaseTarget {
  readonly case: ExceptionCaseRecord;
  readonly orderId: string;
  readonly orderName: string;
  /** Null: every line of the order. */
  readonly lines: readonly AffectedLine[] | null;
  readonly po: PurchaseOrderRecord | null;
  readonly supplierName: string | null;
}

function mergeLines(lines: readonly AffectedLine[]): AffectedLine[] {
  const byId = new Map<string, number>();
  for (const l of lines) byId.set(l.lineItemId, (byId.get(l.lineItemId) ?? 0) + l.quantity);
  return [...byId.entries()].map(([lineItemId, quantity]) => ({ lineItemId, quantity }));
}

export async function caseTarget(s: JobServices, shop: string, caseId: string): Promise<CaseTarget | null> {
  const c = await getCase(s.db, shop, caseId);
  if (!c || !c.orderId) return null;
  const [kind, id = ""] = c.subjectId.split(/:(.*)/s);
  let lines: AffectedLine[] | null = null;
  let po: PurchaseOrderRecord | null = null;
  if (kind === "po") {
    po = await getPurchaseOrder(s.db, shop, id);
    lines = po ? mergeLines(po.lines) : null;
  } else if (kind === "shipment") {
    const shipment = await getShipment(s.db, shop, id);
    if (shipment) {
      lines = mergeLines(shipment.lines);
      po = shipment.purchaseOrderId ? await getPurchaseOrder(s.db, shop, shipment.purchaseOrderId) : null;
    }
  }
  const supplierId = po?.supplierId ?? c.supplierId;
  const supplier = supplierId ? await getSupplier(s.db, shop, supplierId) : null;
  return { case: c, orderId: c.orderId, orderName: c.orderName ?? c.orderId, lines, po, supplierName: supplier?.name ?? null };
}
