/**
 * Purchase orders as values: built from Shopify's fulfillment order and our supplier data, with
 * no I/O, so what a supplier is asked for can be tested and explained on its own.
 */
import { csvDocument } from "../csv-safe";
import { addBusinessDays, instantAt, parseClockTime, shipStartDate, type SupplierCalendar } from "../promise";

/** A shipping address as Shopify gives it on orders and fulfillment orders. */
export interface ShippingAddress {
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly company: string | null;
  readonly address1: string | null;
  readonly address2: string | null;
  readonly city: string | null;
  readonly province: string | null;
  readonly zip: string | null;
  readonly countryCode: string | null;
  readonly phone: string | null;
  readonly email: string | null;
}

/** A fulfillment order's line as purchase orders need it. */
export interface SourceLine {
  readonly id: string;
  readonly remainingQuantity: number;
  readonly sku: string | null;
  readonly productTitle: string;
  readonly variantTitle: string | null;
  readonly variant: { readonly id: string } | null;
  readonly lineItem: { readonly id: string };
}

/**
 * What a purchase order is built from: one fulfillment order with its destination, order and lines,
 * as Shopify described it (read for the purpose, or as routing read and moved it; the Shopify
 * adapter's FulfillmentOrderDetail and RoutedFulfillmentOrder are built on these types).
 */
export interface PurchaseOrderSource {
  readonly id: string;
  readonly deliveryMethod: { readonly presentedName: string | null; readonly serviceCode: string | null } | null;
  readonly destination: ShippingAddress | null;
  readonly order: { readonly id: string; readonly name: string; readonly note: string | null; readonly tags: readonly string[] };
  readonly lineItems: { readonly nodes: readonly SourceLine[] };
}

export interface PoLine {
  readonly fulfillmentOrderLineItemId: string;
  readonly lineItemId: string;
  readonly variantId: string | null;
  /** Our SKU (the merchant's) and the supplier's, so both sides can pick the right item. */
  readonly sku: string;
  readonly supplierSku: string;
  readonly title: string;
  readonly quantity: number;
}

export interface ShipTo {
  readonly name: string;
  readonly company: string | null;
  readonly address1: string | null;
  readonly address2: string | null;
  readonly city: string | null;
  readonly province: string | null;
  readonly zip: string | null;
  readonly countryCode: string | null;
  readonly phone: string | null;
  readonly email: string | null;
}

export interface PoSupplier extends SupplierCalendar {
  readonly id: string;
  readonly serviceTier: string;
  readonly handlingMaxDays: number;
}

export interface PurchaseOrderDraft {
  readonly number: string;
  readonly orderId: string;
  readonly orderName: string;
  readonly supplierId: string;
  readonly fulfillmentOrderId: string;
  readonly serviceTier: string;
  readonly shippingMethod: string | null;
  readonly shipTo: ShipTo;
  readonly notes: string | null;
  readonly lines: readonly PoLine[];
  readonly shipBy: Date;
}

/**
 * The ship-by date we hold the supplier to: their handling time counted in their business days
 * from the day the order reaches them (after their cut-off = the next business day), ending at
 * the close of their local day.
 */
export function committedShipBy(supplier: PoSupplier, nowMs: number): Date {
  const start = shipStartDate(supplier, nowMs);
  const last = addBusinessDays(start, supplier.handlingMaxDays, supplier);
  return new Date(instantAt(last, parseClockTime("23:59"), supplier.timeZone));
}

/** "PO-1001-A1B2": the order name plus a short, stable part of the fulfillment order id. */
export function purchaseOrderNumber(orderName: string, fulfillmentOrderId: string, supplierId: string): string {
  const tail = `${fulfillmentOrderId.split("/").pop() ?? ""}${supplierId.slice(-4)}`.slice(-8).toUpperCase();
  return `PO-${orderName.replace(/^#/, "")}-${tail}`;
}

/** Gift messages and compliance instructions travel in the order note and tags. */
function notesFrom(order: PurchaseOrderSource["order"]): string | null {
  const flagged = order.tags.filter((t) => /gift|fragile|age|hazmat|compliance|signature/i.test(t));
  const parts = [order.note?.trim() ?? "", flagged.length > 0 ? `Tags: ${flagged.join(", ")}` : ""].filter(Boolean);
  return parts.length > 0 ? parts.join("\n") : null;
}

function shipToFrom(dest: PurchaseOrderSource["destination"]): ShipTo {
  return {
    name: [dest?.firstName, dest?.lastName].filter(Boolean).join(" "),
    company: dest?.company ?? null,
    address1: dest?.address1 ?? null,
    address2: dest?.address2 ?? null,
    city: dest?.city ?? null,
    province: dest?.province ?? null,
    zip: dest?.zip ?? null,
    countryCode: dest?.countryCode ?? null,
    phone: dest?.phone ?? null,
    email: dest?.email ?? null,
  };
}

/** What a supplier may be given of the recipient's contact details (a per-supplier setting). */
export interface RecipientContact {
  /** The supplier's carrier needs the recipient's phone (some do for delivery calls). */
  readonly carrierRequiresPhone: boolean;
}

export const NO_RECIPIENT_CONTACT: RecipientContact = { carrierRequiresPhone: false };

/**
 * The ship-to as a supplier sees it (issue 16, finding 5): never the customer's email; their
 * phone only when the supplier's carrier needs it. Applied when the purchase order is built and
 * again on every channel (email, webhook, portal, API, CSV), so a purchase order stored before,
 * or a setting turned off since, shows no more than the setting allows now.
 */
export function supplierShipTo(shipTo: ShipTo, contact: RecipientContact): ShipTo {
  return { ...shipTo, email: null, phone: contact.carrierRequiresPhone ? (shipTo.phone ?? null) : null };
}

/** The purchase order for one fulfillment order sent to one supplier. */
export function buildPurchaseOrder(
  fo: PurchaseOrderSource,
  supplier: PoSupplier,
  supplierSkuByVariant: ReadonlyMap<string, string>,
  nowMs: number,
  contact: RecipientContact = NO_RECIPIENT_CONTACT,
): PurchaseOrderDraft {
  const lines = fo.lineItems.nodes
    .filter((l) => l.remainingQuantity > 0)
    .map((l) => ({
      fulfillmentOrderLineItemId: l.id,
      lineItemId: l.lineItem.id,
      variantId: l.variant?.id ?? null,
      sku: l.sku ?? "",
      supplierSku: (l.variant && supplierSkuByVariant.get(l.variant.id)) || l.sku || "",
      title: l.variantTitle ? `${l.productTitle} — ${l.variantTitle}` : l.productTitle,
      quantity: l.remainingQuantity,
    }));
  return {
    number: purchaseOrderNumber(fo.order.name, fo.id, supplier.id),
    orderId: fo.order.id,
    orderName: fo.order.name,
    supplierId: supplier.id,
    fulfillmentOrderId: fo.id,
    serviceTier: supplier.serviceTier,
    shippingMethod: fo.deliveryMethod?.presentedName ?? fo.deliveryMethod?.serviceCode ?? null,
    shipTo: supplierShipTo(shipToFrom(fo.destination), contact),
    notes: notesFrom(fo.order),
    lines,
    shipBy: committedShipBy(supplier, nowMs),
  };
}

/** The purchase order as plain text (email body, and the JSON webhook's `text`). */
export function purchaseOrderText(po: PurchaseOrderDraft, heading: string): string {
  const address = [
    po.shipTo.name,
    po.shipTo.company,
    po.shipTo.address1,
    po.shipTo.address2,
    [po.shipTo.zip, po.shipTo.city].filter(Boolean).join(" "),
    po.shipTo.province,
    po.shipTo.countryCode,
  ]
    .filter(Boolean)
    .join("\n  ");
  return [
    heading,
    "",
    `Purchase order: ${po.number} (order ${po.orderName})`,
    `Service tier: ${po.serviceTier}`,
    `Customer's shipping method: ${po.shippingMethod ?? "standard"}`,
    `Ship by: ${po.shipBy.toISOString()}`,
    "",
    "Lines (our SKU / your SKU × quantity):",
    ...po.lines.map((l) => `  ${l.sku} / ${l.supplierSku} × ${l.quantity}  ${l.title}`),
    "",
    "Ship to:",
    `  ${address}`,
    ...(po.shipTo.phone ? [`  Phone (for the carrier): ${po.shipTo.phone}`] : []),
    ...(po.notes ? ["", "Notes:", `  ${po.notes}`] : []),
  ].join("\n");
}

export const CSV_HEADER: readonly string[] = [
  "po_number",
  "order",
  "status",
  "sku",
  "supplier_sku",
  "title",
  "quantity",
  "service_tier",
  "shipping_method",
  "ship_by",
  "ship_to_name",
  "address1",
  "address2",
  "city",
  "province",
  "zip",
  "country",
  "phone",
  "notes",
];

/** One row per purchase-order line, for suppliers who work in batches. */
export function purchaseOrdersCsv(pos: readonly (PurchaseOrderDraft & { status: string })[]): string {
  const rows = pos.flatMap((po) =>
    po.lines.map((l) => [
      po.number,
      po.orderName,
      po.status,
      l.sku,
      l.supplierSku,
      l.title,
      l.quantity,
      po.serviceTier,
      po.shippingMethod,
      po.shipBy.toISOString(),
      po.shipTo.name,
      po.shipTo.address1,
      po.shipTo.address2,
      po.shipTo.city,
      po.shipTo.province,
      po.shipTo.zip,
      po.shipTo.countryCode,
      po.shipTo.phone,
      po.notes,
    ]),
  );
  return csvDocument([CSV_HEADER, ...rows]);
}
