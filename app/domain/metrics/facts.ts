/**
 * From the app's own records to fulfillment facts: one row per SKU of a purchase order, read the
 * way `FulfillmentRecord` defines the metrics. The definitions (see README "Metrics"):
 * - acknowledgedAt: the supplier's first answer (acceptance or rejection) on the purchase order;
 * - confirmedAt: that answer when it was an acceptance with a committed ship date;
 * - shippedAt: the supplier declared the shipment (its label / tracking number: Shipment.labelCreatedAt),
 *   not the carrier's first scan, which may come days later or never;
 * - trackingUploadedAt: that shipment's tracking reached Shopify (Shipment.syncedAt);
 * - deliveredAt: every shipment carrying the SKU reached the carrier's delivered stage (the last one);
 * - promisedShipBy: the purchase order's ship-by; promisedDeliveryBy: the end (local midnight) of the
 *   shipment's promised latest day in its promise zone. Both only while the purchase order is the one
 *   that must ship (a rejected or re-routed one hands the promise to its replacement);
 * - stockout: a rejection for stock, or a stockout the supplier reported after accepting;
 * - exception: a parcel exception case (failed delivery, returned, lost, no movement) on its shipment.
 */
import { addDays, instantAt } from "../promise";
import type { FulfillmentRecord } from "./definitions";
import { dayOf } from "./series";

export interface FactOrder {
  readonly id: string;
  readonly name: string;
  readonly channel: string;
  readonly countryCode: string | null;
  readonly provinceCode: string | null;
  readonly placedAtMs: number;
  readonly cancelledAtMs: number | null;
  /** Shopify's cancel reason (customer, fraud, inventory, declined, other, staff). */
  readonly cancelReason: string | null;
}

export interface FactPurchaseOrder {
  readonly id: string;
  readonly supplierId: string;
  readonly status: string;
  readonly lines: readonly { readonly sku: string; readonly variantId: string | null; readonly fulfillmentOrderLineItemId: string }[];
  readonly shipByMs: number;
  readonly committedShipAtMs: number | null;
  readonly acknowledgedAtMs: number | null;
  /** Shopify's rejection reason when the supplier rejected (e.g. INVENTORY_OUT_OF_STOCK). */
  readonly rejectionReason: string | null;
  /** The supplier reported a stockout after accepting. */
  readonly stockoutReported: boolean;
}

export interface FactShipment {
  readonly id: string;
  readonly skus: readonly string[];
  readonly labelCreatedAtMs: number;
  readonly syncedAtMs: number | null;
  /** When the last of its parcels was delivered; null while any is not. */
  readonly deliveredAtMs: number | null;
  readonly promisedLatest: string | null;
  readonly promiseTimeZone: string | null;
}

/** An exception case of the purchase order (shipmentId null) or of one of its shipments. */
export interface FactCase {
  readonly type: string;
  readonly shipmentId: string | null;
}

export interface FactSources {
  readonly order: FactOrder;
  readonly purchaseOrder: FactPurchaseOrder;
  readonly shipments: readonly FactShipment[];
  readonly cases: readonly FactCase[];
  /** The shop's zone: the fact's day is the order's creation day there. */
  readonly timeZone: string;
}

/** One FulfillmentFact row. */
export interface FulfillmentFactRow extends FulfillmentRecord {
  readonly purchaseOrderId: string;
  readonly lineKey: string;
  readonly orderName: string;
  readonly day: string;
  readonly cancelReason?: string;
}

/** Exception case types that are about the parcel (not the supplier's paperwork). */
export const PARCEL_EXCEPTION_TYPES: readonly string[] = ["failed_delivery", "returned_to_sender", "lost", "no_movement"];

const STOCK_REJECTION = "INVENTORY_OUT_OF_STOCK";
/** Statuses after which another purchase order (or nobody) must ship the goods. */
const HANDED_ON: ReadonlySet<string> = new Set(["rejected", "rerouted"]);

/** "US-CA", "DE" or "unknown". */
export function regionOf(countryCode: string | null, provinceCode: string | null): string {
  if (!countryCode) return "unknown";
  return provinceCode ? `${countryCode}-${provinceCode}` : countryCode;
}

/** The last instant of a local calendar day. */
export function endOfLocalDay(date: string, timeZone: string): number {
  return instantAt(addDays(date, 1), 0, timeZone) - 1;
}

function acceptedOf(po: FactPurchaseOrder): boolean | undefined {
  if (po.rejectionReason !== null) return false;
  if (po.committedShipAtMs !== null) return true;
  // Re-routed without an answer: the supplier did not accept it.
  if (po.status === "rerouted") return false;
  return undefined;
}

const defined = <T>(value: T | null | undefined): T | undefined => value ?? undefined;

function shipmentFields(shipments: readonly FactShipment[], responsible: boolean) {
  const first = [...shipments].sort((a, b) => a.labelCreatedAtMs - b.labelCreatedAtMs)[0];
  const delivered = shipments.length > 0 && shipments.every((s) => s.deliveredAtMs !== null);
  const promised = shipments
    .filter((s) => s.promisedLatest !== null)
    .map((s) => endOfLocalDay(s.promisedLatest!, s.promiseTimeZone ?? "UTC"))
    .sort((a, b) => b - a)[0];
  return {
    shippedAt: first?.labelCreatedAtMs,
    trackingUploadedAt: defined(first?.syncedAtMs),
    deliveredAt: delivered ? Math.max(...shipments.map((s) => s.deliveredAtMs!)) : undefined,
    promisedDeliveryBy: responsible ? promised : undefined,
  };
}

/** The facts of one purchase order: one per SKU (its variant, else its line, when it has none). */
export function buildFacts(sources: FactSources): FulfillmentFactRow[] {
  const { order, purchaseOrder: po, shipments, cases, timeZone } = sources;
  const keys = [...new Set(po.lines.map((l) => l.sku || l.variantId || l.fulfillmentOrderLineItemId))].sort();
  const orderCancelled = order.cancelledAtMs !== null;
  const cancelled = orderCancelled || po.status === "cancelled";
  const responsible = !HANDED_ON.has(po.status) && !cancelled;
  const accepted = acceptedOf(po);
  const stockout = po.rejectionReason === STOCK_REJECTION || po.stockoutReported;
  const cancelReason = orderCancelled ? (order.cancelReason ?? "unknown") : cancelled ? "supplier" : undefined;
  return keys.map((lineKey) => {
    const carrying = shipments.filter((s) => s.skus.includes(lineKey));
    // A shipment naming none of the purchase order's keys (a line without SKU) ships all of it.
    const own = carrying.length > 0 ? carrying : shipments.filter((s) => !s.skus.some((sku) => keys.includes(sku)));
    const parcelException = cases.some((c) => c.shipmentId !== null && own.some((s) => s.id === c.shipmentId) && PARCEL_EXCEPTION_TYPES.includes(c.type));
    return {
      purchaseOrderId: po.id,
      lineKey,
      orderId: order.id,
      orderName: order.name,
      supplierId: po.supplierId,
      sku: lineKey,
      channel: order.channel,
      region: regionOf(order.countryCode, order.provinceCode),
      day: dayOf(order.placedAtMs, timeZone),
      orderCreatedAt: order.placedAtMs,
      acknowledgedAt: defined(po.acknowledgedAtMs),
      confirmedAt: po.committedShipAtMs !== null ? defined(po.acknowledgedAtMs) : undefined,
      ...shipmentFields(own, responsible),
      promisedShipBy: responsible ? po.shipByMs : undefined,
      accepted,
      cancelled,
      ...(cancelReason ? { cancelReason } : {}),
      stockout,
      exception: parcelException,
    };
  });
}
