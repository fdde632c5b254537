/** Records the fake keeps per shop. Every id is a GID string. */

export interface ShopRecord {
  id: string;
  domain: string;
  accessToken: string;
  name: string;
  email: string;
  currencyCode: string;
  ianaTimezone: string;
  /** Primary locale, as `shopLocales` reports it. */
  primaryLocale: string;
  /** Resolves `$app` metafield namespaces to `app--<apiClientId>`. */
  apiClientId: string;
}

export interface AddressRecord {
  name: string | null;
  firstName: string | null;
  lastName: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  zip: string | null;
  provinceCode: string | null;
  countryCode: string;
  phone: string | null;
  company: string | null;
}

export interface LocationRecord {
  id: string;
  name: string;
  isActive: boolean;
  fulfillsOnlineOrders: boolean;
  shipsInventory: boolean;
  /** GID of the fulfillment service that owns this location, if any. */
  fulfillmentServiceId: string | null;
  address: AddressRecord;
  createdAt: string;
  deletedAt: string | null;
}

export type FulfillmentServiceType = "MANUAL" | "THIRD_PARTY" | "GIFT_CARD";

export interface FulfillmentServiceRecord {
  /** GID with Shopify's `?id=true` suffix, as the API returns it. */
  id: string;
  handle: string;
  serviceName: string;
  callbackUrl: string | null;
  trackingSupport: boolean;
  inventoryManagement: boolean;
  requiresShippingMethod: boolean;
  permitsSkuSharing: boolean;
  type: FulfillmentServiceType;
  locationId: string;
}

export type ProductStatus = "ACTIVE" | "ARCHIVED" | "DRAFT" | "UNLISTED";

export interface ProductRecord {
  id: string;
  title: string;
  handle: string;
  /** ACTIVE unless a test changes it (setProductStatus). */
  status?: ProductStatus;
  variantIds: string[];
  createdAt: string;
  updatedAt: string;
}

/** A collection and the products in it (manual membership; smart rules are not modelled). */
export interface CollectionRecord {
  id: string;
  title: string;
  handle: string;
  productIds: string[];
  createdAt: string;
  updatedAt: string;
}

export interface VariantRecord {
  id: string;
  productId: string;
  title: string;
  sku: string | null;
  /** Decimal string, e.g. "19.99". */
  price: string;
  inventoryItemId: string;
}

export type QuantityName = "available" | "on_hand" | "committed" | "incoming" | "reserved" | "damaged" | "safety_stock" | "quality_control";

export interface InventoryLevelRecord {
  id: string;
  inventoryItemId: string;
  locationId: string;
  quantities: Record<QuantityName, number>;
  updatedAt: string;
}

export interface InventoryItemRecord {
  id: string;
  variantId: string;
  sku: string | null;
  tracked: boolean;
  requiresShipping: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface LineItemRecord {
  id: string;
  variantId: string | null;
  productId: string | null;
  sku: string | null;
  title: string;
  variantTitle: string | null;
  quantity: number;
  price: string;
  requiresShipping: boolean;
}

export interface ShippingLineRecord {
  id: string;
  title: string;
  code: string;
  source: string;
  price: string;
}

export interface OrderRecord {
  id: string;
  name: string;
  number: number;
  email: string | null;
  note: string | null;
  tags: string[];
  currencyCode: string;
  /** The channel the order came from (Order.sourceName, the webhook's source_name): "web", "pos", a marketplace's handle. */
  sourceName: string;
  createdAt: string;
  updatedAt: string;
  processedAt: string;
  cancelledAt: string | null;
  cancelReason: string | null;
  closedAt: string | null;
  lineItems: LineItemRecord[];
  shippingAddress: AddressRecord | null;
  shippingLines: ShippingLineRecord[];
  /** Set by orderCreate (custom attributes, how it was paid); control-made orders are paid in full. */
  customAttributes?: { key: string; value: string }[];
  financialStatus?: string;
  saleTransactionId?: string;
  /** Refunds made by refundCreate or by orderCancel with a refund. */
  refunds?: RefundRecord[];
  /** What orderCancel was asked (the control endpoint's cancelOrder leaves it unset). */
  cancellation?: { reason: string; restock: boolean; refund: boolean; staffNote: string | null; jobId: string };
}

export interface RefundRecord {
  id: string;
  note: string | null;
  createdAt: string;
  lines: { lineItemId: string; quantity: number; restockType: string; amount: string }[];
  shipping: string;
  total: string;
  transactions: { id: string; amount: string; gateway: string; kind: string; parentId: string | null }[];
}

export type FulfillmentOrderStatus = "OPEN" | "IN_PROGRESS" | "ON_HOLD" | "CLOSED" | "CANCELLED" | "INCOMPLETE" | "SCHEDULED";
export type FulfillmentOrderRequestStatus =
  "UNSUBMITTED" | "SUBMITTED" | "ACCEPTED" | "REJECTED" | "CANCELLATION_REQUESTED" | "CANCELLATION_ACCEPTED" | "CANCELLATION_REJECTED" | "CLOSED";

export interface FulfillmentOrderLineItemRecord {
  id: string;
  lineItemId: string;
  totalQuantity: number;
  remainingQuantity: number;
}

export interface FulfillmentHoldRecord {
  id: string;
  handle: string | null;
  reason: string;
  reasonNotes: string | null;
  createdAt: string;
  /** FO line item ids and quantities the hold applies to (all when the hold was whole). */
  lineItems: { id: string; quantity: number }[];
  /** The FO split off for the unheld items by a partial hold; merged back on release. */
  remainingFulfillmentOrderId: string | null;
}

export type MerchantRequestKind = "FULFILLMENT_REQUEST" | "CANCELLATION_REQUEST" | "LEGACY_FULFILL_REQUEST";

export interface MerchantRequestRecord {
  id: string;
  kind: MerchantRequestKind;
  message: string | null;
  requestOptions: Record<string, unknown>;
  responseData: Record<string, unknown> | null;
  sentAt: string;
}

export interface FulfillmentOrderRecord {
  id: string;
  orderId: string;
  status: FulfillmentOrderStatus;
  requestStatus: FulfillmentOrderRequestStatus;
  assignedLocationId: string;
  lineItems: FulfillmentOrderLineItemRecord[];
  holds: FulfillmentHoldRecord[];
  merchantRequests: MerchantRequestRecord[];
  destination: AddressRecord | null;
  deliveryMethodType: "SHIPPING" | "PICK_UP" | "LOCAL" | "NONE";
  shippingLineCode: string | null;
  /** Status to return to when the last hold is released. */
  statusBeforeHold: FulfillmentOrderStatus | null;
  progressReported: boolean;
  /** A cancellation request awaits the fulfillment service's answer (requestStatus stays ACCEPTED, as captured). */
  cancellationPending: boolean;
  fulfillAt: string | null;
  fulfillBy: string | null;
  estimatedShippedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export type FulfillmentStatus = "SUCCESS" | "CANCELLED" | "ERROR" | "FAILURE" | "OPEN" | "PENDING";
export type FulfillmentEventStatus =
  | "LABEL_PURCHASED"
  | "LABEL_PRINTED"
  | "READY_FOR_PICKUP"
  | "CONFIRMED"
  | "IN_TRANSIT"
  | "OUT_FOR_DELIVERY"
  | "ATTEMPTED_DELIVERY"
  | "DELAYED"
  | "DELIVERED"
  | "FAILURE"
  | "CARRIER_PICKED_UP";

export interface TrackingInfoRecord {
  number: string | null;
  company: string | null;
  url: string | null;
}

export interface FulfillmentEventRecord {
  id: string;
  status: FulfillmentEventStatus;
  message: string | null;
  happenedAt: string;
  createdAt: string;
  estimatedDeliveryAt: string | null;
  city: string | null;
  province: string | null;
  country: string | null;
  zip: string | null;
  address1: string | null;
  latitude: number | null;
  longitude: number | null;
}

export interface FulfillmentRecord {
  id: string;
  orderId: string;
  name: string;
  status: FulfillmentStatus;
  locationId: string;
  trackingInfo: TrackingInfoRecord[];
  events: FulfillmentEventRecord[];
  lineItems: { id: string; lineItemId: string; quantity: number; fulfillmentOrderLineItemId: string }[];
  fulfillmentOrderIds: string[];
  notifyCustomer: boolean;
  originAddress: AddressRecord | null;
  createdAt: string;
  updatedAt: string;
}

export interface MetafieldRecord {
  id: string;
  ownerId: string;
  namespace: string;
  key: string;
  type: string;
  value: string;
  compareDigest: string;
  createdAt: string;
  updatedAt: string;
}

export interface IdempotentResult {
  key: string;
  mutation: string;
  /** The resolver's result, replayed as is for the same key. */
  result: unknown;
}
