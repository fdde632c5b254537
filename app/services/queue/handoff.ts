/**
 * What one pipeline step hands the next instead of letting it read Shopify again: the order as a
 * fulfillment-order webhook's handler read it (to the routing job), and the fulfillment orders
 * routing read or moved to suppliers' locations (to the submit job). Both travel in the job
 * payload and are parsed here: a payload an older version wrote, or a broken one, is simply not
 * used (the step reads Shopify as before).
 */
import { z } from "zod";
import type { FulfillmentOrderAction, MovedFulfillmentOrder } from "~/shopify/fulfillment-orders";
import type { OrderForRouting, RoutedFulfillmentOrder } from "~/shopify/order-for-routing";

/**
 * A hand-off older than this is not trusted: the queue was slow, and a person may have changed
 * the order in Shopify meanwhile.
 */
export const HANDOFF_MAX_AGE_MS = 2 * 60_000;

// Every FulfillmentOrderAction of the 2026-04 schema; a value a later version adds fails the parse (→ read Shopify).
const ACTIONS = [
  "CREATE_FULFILLMENT",
  "REQUEST_FULFILLMENT",
  "CANCEL_FULFILLMENT_ORDER",
  "REQUEST_CANCELLATION",
  "MOVE",
  "HOLD",
  "RELEASE_HOLD",
  "SPLIT",
  "MERGE",
  "MARK_AS_OPEN",
  "EXTERNAL",
  "REPORT_PROGRESS",
] as const satisfies readonly FulfillmentOrderAction[];

const text = z.string().nullable();
const Money = z.object({ shopMoney: z.object({ amount: z.string() }) });
const Line = z.object({
  id: z.string(),
  totalQuantity: z.number().int(),
  remainingQuantity: z.number().int(),
  sku: text,
  productTitle: z.string(),
  variantTitle: text,
  variant: z.object({ id: z.string() }).nullable(),
  lineItem: z.object({ id: z.string(), title: z.string() }),
});
const Address = z.object({
  firstName: text,
  lastName: text,
  company: text,
  address1: text,
  address2: text,
  city: text,
  province: text,
  zip: text,
  countryCode: text,
  phone: text,
  email: text,
});
const DeliveryMethod = z.object({ methodType: z.string(), presentedName: text, serviceCode: text });
const Location = z.object({ location: z.object({ id: z.string() }).nullable() });

const RoutedFo = z.object({
  id: z.string(),
  status: z.string(),
  requestStatus: z.string(),
  assignedLocation: Location,
  destination: Address.nullable(),
  deliveryMethod: DeliveryMethod.nullable(),
  supportedActions: z.array(z.object({ action: z.enum(ACTIONS) })),
  fulfillmentHolds: z.array(z.object({ handle: text, reason: z.string() })),
  lineItems: z.object({ nodes: z.array(Line) }),
}) satisfies z.ZodType<RoutedFulfillmentOrder>;

const Order = z.object({
  id: z.string().startsWith("gid://shopify/Order/"),
  name: z.string(),
  note: text,
  tags: z.array(z.string()),
  currencyCode: z.string(),
  sourceName: text,
  cancelledAt: text,
  totalPriceSet: Money,
  shippingAddress: z.object({ countryCodeV2: text, provinceCode: text }).nullable(),
  shippingLines: z.object({ nodes: z.array(z.object({ title: z.string() })) }),
  lineItems: z.object({ nodes: z.array(z.object({ id: z.string(), title: z.string(), quantity: z.number().int(), originalUnitPriceSet: Money })) }),
  fulfillmentOrders: z.object({ nodes: z.array(RoutedFo) }),
}) satisfies z.ZodType<OrderForRouting>;

/** The order as a webhook handler read it for the routing job. */
export const RoutingRead = z.object({ readAt: z.iso.datetime(), order: Order });
export interface RoutingRead {
  readonly readAt: string;
  readonly order: OrderForRouting;
}

/** A fulfillment order routing left at a supplier's location, with what its purchase order needs. */
const HandedFulfillmentOrder = z.object({
  id: z.string(),
  status: z.string(),
  requestStatus: z.string(),
  supplierId: z.string(),
  locationId: z.string(),
  destination: Address.nullable(),
  deliveryMethod: DeliveryMethod.nullable(),
  lineItems: z.array(Line),
});
export type HandedFulfillmentOrder = z.infer<typeof HandedFulfillmentOrder>;

/** What routing hands the submit job: the decision it carried out and where that left the order. */
export const SubmitHandoff = z.object({
  readAt: z.iso.datetime(),
  decisionVersion: z.number().int(),
  order: z.object({ id: z.string(), name: z.string(), note: text, tags: z.array(z.string()) }),
  fulfillmentOrders: z.array(HandedFulfillmentOrder),
  /** Supplier SKU by supplier id, then variant id, from the offers routing read (absent: read them). */
  supplierSkus: z.record(z.string(), z.record(z.string(), z.string())).optional(),
});
export type SubmitHandoff = z.infer<typeof SubmitHandoff>;

/** The hand-off if it parses and is fresh; null means "read Shopify". */
export function freshHandoff<T extends { readonly readAt: string }>(schema: z.ZodType<T>, raw: unknown, now: Date): T | null {
  if (raw === undefined || raw === null) return null;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return null;
  const age = now.getTime() - Date.parse(parsed.data.readAt);
  return age <= HANDOFF_MAX_AGE_MS ? parsed.data : null;
}

/**
 * Where routing left the order's fulfillment orders at suppliers' locations: each move's result
 * (the fulfillment order now there, with its own line ids) and the ones it found there already.
 */
export function submitHandoff(
  order: OrderForRouting,
  readAt: Date,
  decisionVersion: number,
  /** Supplier id → its Shopify location id. */
  supplierLocations: ReadonlyMap<string, string>,
  moves: readonly { readonly from: string; readonly partial: boolean; readonly moved: MovedFulfillmentOrder }[],
  supplierSkus?: Record<string, Record<string, string>>,
): SubmitHandoff | null {
  const supplierAt = new Map([...supplierLocations].map(([supplierId, locationId]) => [locationId, supplierId]));
  const read = new Map(order.fulfillmentOrders.nodes.map((fo) => [fo.id, fo]));
  const atSupplier = (fo: { assignedLocation: { location: { id: string } | null } } | undefined) => supplierAt.has(fo?.assignedLocation.location?.id ?? "");
  // Part of a supplier's fulfillment order moved away: what is left there is not what was read.
  if (moves.some((m) => m.partial && atSupplier(read.get(m.from)))) return null;
  const movedFrom = new Set(moves.map((m) => m.from));
  const handed: HandedFulfillmentOrder[] = [];
  for (const { from, moved } of moves) {
    const original = read.get(from);
    const locationId = moved.assignedLocation.location?.id ?? "";
    const supplierId = supplierAt.get(locationId);
    if (!supplierId) continue;
    // A moved fulfillment order keeps its original's address and delivery method.
    handed.push({
      id: moved.id,
      status: moved.status,
      requestStatus: moved.requestStatus,
      supplierId,
      locationId,
      destination: original?.destination ?? null,
      deliveryMethod: original?.deliveryMethod ?? null,
      lineItems: [...moved.lineItems.nodes],
    });
  }
  for (const fo of order.fulfillmentOrders.nodes) {
    const locationId = fo.assignedLocation.location?.id ?? "";
    const supplierId = supplierAt.get(locationId);
    if (movedFrom.has(fo.id) || !supplierId) continue;
    handed.push({
      id: fo.id,
      status: fo.status,
      requestStatus: fo.requestStatus,
      supplierId,
      locationId,
      destination: fo.destination,
      deliveryMethod: fo.deliveryMethod,
      lineItems: [...fo.lineItems.nodes],
    });
  }
  return {
    readAt: readAt.toISOString(),
    decisionVersion,
    order: { id: order.id, name: order.name, note: order.note, tags: [...order.tags] },
    fulfillmentOrders: handed,
    ...(supplierSkus ? { supplierSkus } : {}),
  };
}
