/**
 * The fake's in-memory state: one ShopState per seeded shop, a shared id sequence and clock,
 * and an event stream that the webhook dispatcher listens to.
 */
import { LeakyBucket, type BucketOptions } from "./bucket";
import { gid, IdSequence } from "./ids";
import type {
  CollectionRecord,
  FulfillmentOrderRecord,
  FulfillmentRecord,
  FulfillmentServiceRecord,
  IdempotentResult,
  InventoryItemRecord,
  InventoryLevelRecord,
  LocationRecord,
  MetafieldRecord,
  OrderRecord,
  ProductRecord,
  ShopRecord,
  VariantRecord,
} from "./types";

export interface FakeEvent {
  topic: string;
  shopDomain: string;
  /** Groups duplicate deliveries of one event (X-Shopify-Event-Id). */
  eventId: string;
  triggeredAt: string;
  payload: Record<string, unknown>;
}

/** A POST Shopify makes to a fulfillment service's callback URL. */
export interface FulfillmentServiceNotification {
  shopDomain: string;
  callbackUrl: string;
  kind: "FULFILLMENT_REQUEST" | "CANCELLATION_REQUEST";
  fulfillmentOrderId: string;
}

export type StoreListener = {
  event?: (event: FakeEvent) => void;
  notification?: (notification: FulfillmentServiceNotification) => void;
};

export class ShopState {
  readonly locations = new Map<string, LocationRecord>();
  readonly fulfillmentServices = new Map<string, FulfillmentServiceRecord>();
  readonly products = new Map<string, ProductRecord>();
  readonly collections = new Map<string, CollectionRecord>();
  readonly variants = new Map<string, VariantRecord>();
  readonly inventoryItems = new Map<string, InventoryItemRecord>();
  /** Keyed by `${inventoryItemId}|${locationId}`. */
  readonly inventoryLevels = new Map<string, InventoryLevelRecord>();
  readonly orders = new Map<string, OrderRecord>();
  readonly fulfillmentOrders = new Map<string, FulfillmentOrderRecord>();
  readonly fulfillments = new Map<string, FulfillmentRecord>();
  readonly metafields = new Map<string, MetafieldRecord>();
  readonly idempotency = new Map<string, IdempotentResult>();
  /** Shopify Flow triggers the app fired (flowTriggerReceive), oldest first. */
  readonly flowTriggers: { handle: string; payload: unknown; at: string }[] = [];
  /** Merchant's locations orders are routed to, in priority order. */
  readonly routingLocationIds: string[] = [];
  nextOrderNumber = 1001;

  constructor(
    readonly shop: ShopRecord,
    readonly bucket: LeakyBucket,
  ) {}

  levelKey(inventoryItemId: string, locationId: string): string {
    return `${inventoryItemId}|${locationId}`;
  }

  fulfillmentOrdersOf(orderId: string): FulfillmentOrderRecord[] {
    return [...this.fulfillmentOrders.values()].filter((fo) => fo.orderId === orderId);
  }

  fulfillmentsOf(orderId: string): FulfillmentRecord[] {
    return [...this.fulfillments.values()].filter((f) => f.orderId === orderId);
  }

  fulfillmentServiceByLocation(locationId: string): FulfillmentServiceRecord | undefined {
    const location = this.locations.get(locationId);
    if (!location?.fulfillmentServiceId) return undefined;
    return this.fulfillmentServices.get(location.fulfillmentServiceId);
  }
}

export interface StoreOptions {
  now: () => number;
  bucket: Omit<BucketOptions, "now">;
}

export class Store {
  readonly shops = new Map<string, ShopState>();
  readonly ids = new IdSequence();
  private readonly listeners: StoreListener[] = [];
  private clock: () => number;

  constructor(private readonly options: StoreOptions) {
    this.clock = options.now;
  }

  now(): number {
    return this.clock();
  }

  setClock(now: () => number): void {
    this.clock = now;
  }

  /** Shopify timestamps: UTC, second precision. */
  nowIso(): string {
    return new Date(this.now()).toISOString().replace(/\.\d{3}Z$/, "Z");
  }

  newGid(type: string): string {
    return gid(type, this.ids.nextNumeric());
  }

  addShop(shop: ShopRecord): ShopState {
    const bucket = new LeakyBucket({ ...this.options.bucket, now: () => this.now() });
    const state = new ShopState(shop, bucket);
    this.shops.set(shop.domain, state);
    return state;
  }

  shop(domain: string): ShopState {
    const state = this.shops.get(domain);
    if (!state) throw new Error(`fake-shopify: shop ${domain} is not seeded`);
    return state;
  }

  subscribe(listener: StoreListener): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  emit(shopDomain: string, topic: string, payload: Record<string, unknown>): void {
    const event: FakeEvent = { topic, shopDomain, eventId: crypto.randomUUID(), triggeredAt: new Date(this.now()).toISOString(), payload };
    for (const l of this.listeners) l.event?.(event);
  }

  notify(notification: FulfillmentServiceNotification): void {
    for (const l of this.listeners) l.notification?.(notification);
  }
}
