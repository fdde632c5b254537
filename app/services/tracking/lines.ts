/**
 * Which fulfillment order lines a shipment covers, decided before Shopify is asked: a supplier
 * who names a line already shipped gets the reason at once, in words about their own lines.
 */
import type { FulfillmentOrderForShipment } from "~/shopify/fulfillments";
import type { ShipmentLine } from "~/models/shipments.server";
import { fail, failure, ok, type Result } from "~/domain/result";

/** A line as a supplier names it: by fulfillment order line id, or by SKU. */
export interface RequestedLine {
  readonly fulfillmentOrderLineItemId?: string | undefined;
  readonly sku?: string | undefined;
  readonly quantity: number;
}

export type LinePick = Result<ShipmentLine[]>;

type FoLine = FulfillmentOrderForShipment["lineItems"]["nodes"][number] & { fulfillmentOrderId: string };

function toShipmentLine(l: FoLine, quantity: number): ShipmentLine {
  return { fulfillmentOrderId: l.fulfillmentOrderId, fulfillmentOrderLineItemId: l.id, lineItemId: l.lineItem.id, sku: l.sku, title: l.productTitle, quantity };
}

function describe(l: FoLine): string {
  return l.sku ? `${l.productTitle} (${l.sku})` : l.productTitle;
}

/** Everything still to ship when no lines are named; else exactly the named lines and quantities. */
export function pickLines(fos: readonly FulfillmentOrderForShipment[], requested: readonly RequestedLine[] | undefined): LinePick {
  const all: FoLine[] = fos.flatMap((fo) => fo.lineItems.nodes.map((l) => ({ ...l, fulfillmentOrderId: fo.id })));
  if (!requested || requested.length === 0) {
    const open = all.filter((l) => l.remainingQuantity > 0);
    if (open.length === 0) return fail(failure("Every line of this order is already fulfilled; nothing is left to ship."));
    return ok(open.map((l) => toShipmentLine(l, l.remainingQuantity)));
  }
  const taken = new Map<string, number>();
  const lines: ShipmentLine[] = [];
  for (const r of requested) {
    const candidates = all.filter((l) => (r.fulfillmentOrderLineItemId ? l.id === r.fulfillmentOrderLineItemId : l.sku === r.sku));
    if (candidates.length === 0) return fail(failure(`Line ${r.fulfillmentOrderLineItemId ?? r.sku ?? "?"} is not on this order for you.`));
    const line = candidates.find((l) => l.remainingQuantity - (taken.get(l.id) ?? 0) >= r.quantity) ?? candidates[0]!;
    const left = line.remainingQuantity - (taken.get(line.id) ?? 0);
    if (r.quantity > left) {
      const shipped = line.totalQuantity - line.remainingQuantity;
      return fail(failure(`${describe(line)}: ${r.quantity} requested but only ${left} left to ship (${shipped} of ${line.totalQuantity} already fulfilled).`));
    }
    taken.set(line.id, (taken.get(line.id) ?? 0) + r.quantity);
    lines.push(toShipmentLine(line, r.quantity));
  }
  return ok(lines);
}

/** Shopify's fulfillmentCreate grouping: one entry per fulfillment order. */
export function lineItemsByFulfillmentOrder(lines: readonly ShipmentLine[]) {
  const groups = new Map<string, { id: string; quantity: number }[]>();
  for (const l of lines) {
    const group = groups.get(l.fulfillmentOrderId) ?? [];
    group.push({ id: l.fulfillmentOrderLineItemId, quantity: l.quantity });
    groups.set(l.fulfillmentOrderId, group);
  }
  return [...groups].map(([fulfillmentOrderId, fulfillmentOrderLineItems]) => ({ fulfillmentOrderId, fulfillmentOrderLineItems }));
}
