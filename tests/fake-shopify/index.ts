/**
 * startFakeShopify(): a Shopify Admin API stand-in for integration tests, the benchmark and the
 * demo. See README.md in this folder.
 */
import type { GraphQLSchema } from "graphql";
import {
  Control,
  type CancelOrderInput,
  type CreateCollectionInput,
  type CreateLocationInput,
  type CreateOrderRequest,
  type CreateProductInput,
  type CreatedProduct,
  type DeleteVariantInput,
  type SeedShopInput,
  type SetInventoryInput,
  type SetProductStatusInput,
} from "./control";
import { armFault, Faults, type FaultSpec } from "./faults";
import { buildRoots } from "./resolvers/index";
import { loadAdminSchema, defaultSchemaPath, API_VERSION } from "./schema";
import { createServer, listen, NotFoundError } from "./server";
import { OAuthAuthority, type IssuedTokens, type OAuthOptions, type TokenRequestRecord } from "./oauth";
import { RequestLog, tallyByOperation, type AdminRequestRecord, type OperationTally, type RequestFilter } from "./request-log";
import { Store, type ShopState } from "./store";
import type { CollectionRecord, FulfillmentOrderRecord, InventoryLevelRecord, LocationRecord, OrderRecord, ProductRecord } from "./types";
import { WebhookDispatcher, type DeliveryRecord, type PendingWebhook, type WebhookOptions } from "./webhooks";
import type { GraphQLResponseBody } from "./execute";

export { API_VERSION } from "./schema";
export { Faults } from "./faults";
export type { FaultSpec, FaultKind } from "./faults";
export { signBody, type DeliveryRecord, type PendingWebhook, type WebhookOptions } from "./webhooks";
export type { GraphQLResponseBody, CostExtension } from "./execute";
export type * from "./types";
export type {
  SeedShopInput,
  CreateLocationInput,
  CreateProductInput,
  CreatedProduct,
  SetInventoryInput,
  SetProductStatusInput,
  DeleteVariantInput,
  CreateOrderRequest,
  CancelOrderInput,
} from "./control";
export type { ShopifyGraphQLError } from "./errors";
export type { IssuedTokens, OAuthOptions, TokenRequestRecord } from "./oauth";
export { tallyByOperation, type AdminRequestRecord, type OperationTally, type RequestFilter, type RequestOutcome } from "./request-log";

export interface FakeShopifyOptions {
  /** 0 (default) picks a free port. The server binds 127.0.0.1 only. */
  port?: number;
  schemaPath?: string;
  bucketSize?: number;
  restoreRate?: number;
  /** Milliseconds since the epoch; drives timestamps and the leaky bucket. */
  now?: () => number;
  webhooks?: WebhookOptions;
  /** The app's credentials and token lifetimes for the token endpoint (/admin/oauth/access_token). */
  oauth?: OAuthOptions;
  fulfillmentServices?: {
    /** Hosts callback URLs may use besides the shop's own and the webhook base URL's. */
    allowedCallbackHosts?: string[];
    /** Shopify 2026-04 requires a callbackUrl on create (default true). */
    requireCallbackUrl?: boolean;
  };
}

/** Read-only views of one shop's state, for assertions. */
export interface ShopView {
  readonly shop: ShopState["shop"];
  readonly locations: ReadonlyMap<string, Readonly<LocationRecord>>;
  readonly orders: ReadonlyMap<string, Readonly<OrderRecord>>;
  readonly fulfillmentOrders: ReadonlyMap<string, Readonly<FulfillmentOrderRecord>>;
  readonly fulfillments: ShopState["fulfillments"] extends Map<infer K, infer V> ? ReadonlyMap<K, Readonly<V>> : never;
  readonly fulfillmentServices: ShopState["fulfillmentServices"] extends Map<infer K, infer V> ? ReadonlyMap<K, Readonly<V>> : never;
  readonly inventoryLevels: ReadonlyMap<string, Readonly<InventoryLevelRecord>>;
  readonly metafields: ShopState["metafields"] extends Map<infer K, infer V> ? ReadonlyMap<K, Readonly<V>> : never;
  readonly flowTriggers: readonly { readonly handle: string; readonly payload: unknown; readonly at: string }[];
  fulfillmentOrdersOf(orderId: string): readonly Readonly<FulfillmentOrderRecord>[];
  levelKey(inventoryItemId: string, locationId: string): string;
}

export interface FakeStoreView {
  shop(domain?: string): ShopView;
}

export interface GraphQLCallOptions {
  shop?: string;
  accessToken?: string;
  operationName?: string;
}

export interface FakeShopify {
  url: string;
  port: number;
  /** `${url}/admin/api/2026-04/graphql.json` */
  graphqlUrl: string;
  close(): Promise<void>;
  store: FakeStoreView;
  seedShop(input: SeedShopInput): { id: string; domain: string };
  createLocation(input: CreateLocationInput): LocationRecord;
  createProduct(input: CreateProductInput): CreatedProduct;
  setProductStatus(input: SetProductStatusInput): ProductRecord;
  deleteVariant(input: DeleteVariantInput): { deleted: boolean };
  createCollection(input: CreateCollectionInput): CollectionRecord;
  setInventory(input: SetInventoryInput): InventoryLevelRecord;
  createOrder(input: CreateOrderRequest): OrderRecord;
  cancelOrder(input: CancelOrderInput): OrderRecord;
  /** POSTs a GraphQL request to the fake over HTTP, as the app would. */
  graphql(query: string, variables?: Record<string, unknown>, options?: GraphQLCallOptions): Promise<{ status: number; body: GraphQLResponseBody }>;
  flushWebhooks(): Promise<DeliveryRecord[]>;
  pendingWebhooks(): PendingWebhook[];
  deliveries(): readonly DeliveryRecord[];
  /** Resolves once automatic deliveries triggered so far have been attempted. */
  webhooksSettled(): Promise<void>;
  configureWebhooks(options: Partial<WebhookOptions>): void;
  setClock(now: () => number): void;
  /** Issues an offline token pair for the shop, expiring (with a refresh token) unless told otherwise. */
  issueOfflineToken(shop?: string, options?: { expiring?: boolean }): IssuedTokens;
  /** Every request the token endpoint answered, oldest first. */
  tokenRequests(): readonly TokenRequestRecord[];
  /** Ends every access token issued for the shop now (as if their hour had passed). */
  expireAccessTokens(shop?: string): number;
  /** Revokes every refresh token of the shop: refreshing is refused until the merchant re-authorises. */
  revokeRefreshTokens(shop?: string): number;
  /** Every Admin GraphQL request answered (oldest first), optionally for one shop or since a mark. */
  requestLog(filter?: RequestFilter): readonly AdminRequestRecord[];
  /** Calls and cost points per operation over `requestLog(filter)`. */
  requestTally(filter?: RequestFilter): OperationTally[];
  /** The newest request's sequence number: pass it as `since` to see only what follows. */
  markRequests(): number;
  /** Forgets the logged requests; returns how many there were. */
  resetRequestLog(): number;
  /** Fault injection (a lost answer after the mutation ran). */
  faults: Faults;
  /** Arms a fault (faults.ts): e.g. the next refundCreate runs and its answer is lost. */
  injectFault(spec: FaultSpec): void;
}

export async function startFakeShopify(options: FakeShopifyOptions = {}): Promise<FakeShopify> {
  const store = new Store({ now: options.now ?? Date.now, bucket: { bucketSize: options.bucketSize ?? 2000, restoreRate: options.restoreRate ?? 100 } });
  const control = new Control(store);
  const dispatcher = new WebhookDispatcher(options.webhooks ?? { apiSecret: "fake-shopify-secret" });
  store.subscribe({ event: (e) => dispatcher.onEvent(e), notification: (n) => dispatcher.onNotification(n) });
  const oauth = new OAuthAuthority(options.oauth, () => store.now());
  const requests = new RequestLog();
  const faults = new Faults();
  let webhookBase = options.webhooks?.baseUrl;
  const roots = buildRoots({
    callbackPolicy: () => ({
      allowedHosts: [
        "localhost",
        "127.0.0.1",
        ...(webhookBase ? [new URL(webhookBase).hostname] : []),
        ...(options.fulfillmentServices?.allowedCallbackHosts ?? []),
      ],
      required: options.fulfillmentServices?.requireCallbackUrl ?? true,
    }),
  });
  let schema: GraphQLSchema | undefined;
  const getSchema = (): GraphQLSchema => (schema ??= loadAdminSchema(options.schemaPath ?? defaultSchemaPath));
  getSchema();

  const controlHandler = async (path: string, body: unknown): Promise<unknown> => {
    const input = (body ?? {}) as never;
    switch (path) {
      case "seedShop":
        return control.seedShop(input);
      case "createLocation":
        return control.createLocation(input);
      case "createProduct":
        return control.createProduct(input);
      case "setProductStatus":
        return control.setProductStatus(input);
      case "deleteVariant":
        return control.deleteVariant(input);
      case "createCollection":
        return control.createCollection(input);
      case "setInventory":
        return control.setInventory(input);
      case "createOrder":
        return control.createOrder(input);
      case "cancelOrder":
        return control.cancelOrder(input);
      case "flushWebhooks":
        return { deliveries: await dispatcher.flush() };
      case "pendingWebhooks":
        return { pending: dispatcher.pending() };
      case "deliveries":
        return { deliveries: dispatcher.deliveries() };
      case "configureWebhooks":
        dispatcher.configure(input);
        webhookBase = (input as Partial<WebhookOptions>).baseUrl ?? webhookBase;
        return { ok: true };
      case "oauth/requests":
        return { requests: oauth.requests() };
      case "oauth/configure":
        oauth.configure(input);
        return { ok: true };
      case "oauth/issue": {
        const { shop, expiring } = (body ?? {}) as { shop?: string; expiring?: boolean };
        return oauth.issue(control.shopState(shop).shop.domain, expiring ?? true);
      }
      case "oauth/expireAccessTokens":
        return { expired: oauth.expireAccessTokens(control.shopState((body as { shop?: string }).shop).shop.domain) };
      case "oauth/revokeRefreshTokens":
        return { revoked: oauth.revokeRefreshTokens(control.shopState((body as { shop?: string }).shop).shop.domain) };
      case "requests": {
        const filter = requestFilter(body);
        return { requests: requests.list(filter), byOperation: tallyByOperation(requests.list(filter)), mark: requests.mark(), dropped: requests.dropped() };
      }
      case "faults/loseResponseOnce": {
        const { match, times } = (body ?? {}) as { match?: string; times?: number };
        if (!match) throw new Error("faults/loseResponseOnce needs { match: operation name or root field }");
        faults.loseResponseOnce(match, times ?? 1);
        return { ok: true };
      }
      case "requests/reset":
        return { cleared: requests.reset() };
      case "injectFault":
        armFault(faults, input as FaultSpec);
        return { ok: true };
      case "clearFaults":
        faults.clear();
        return { ok: true };
      case "state": {
        const domain = (body as { shop?: string }).shop;
        return snapshot(control.shopState(domain));
      }
      default:
        throw new NotFoundError(`unknown control endpoint /__fake/${path}`);
    }
  };

  const server = createServer({ schema: getSchema, roots, store, control: controlHandler, oauth, requests, faults });
  const port = await listen(server, options.port ?? 0);
  const url = `http://127.0.0.1:${port}`;
  const graphqlUrl = `${url}/admin/api/${API_VERSION}/graphql.json`;

  return {
    url,
    port,
    graphqlUrl,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
    store: { shop: (domain?: string): ShopView => control.shopState(domain) },
    seedShop: (i) => control.seedShop(i),
    createLocation: (i) => control.createLocation(i),
    createProduct: (i) => control.createProduct(i),
    setProductStatus: (i) => control.setProductStatus(i),
    deleteVariant: (i) => control.deleteVariant(i),
    createCollection: (i) => control.createCollection(i),
    setInventory: (i) => control.setInventory(i),
    createOrder: (i) => control.createOrder(i),
    cancelOrder: (i) => control.cancelOrder(i),
    graphql: async (query, variables = {}, call = {}) => {
      const state = control.shopState(call.shop);
      const res = await fetch(graphqlUrl, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "X-Shopify-Shop-Domain": state.shop.domain,
          "X-Shopify-Access-Token": call.accessToken ?? state.shop.accessToken,
        },
        body: JSON.stringify({ query, variables, ...(call.operationName ? { operationName: call.operationName } : {}) }),
      });
      return { status: res.status, body: (await res.json()) as GraphQLResponseBody };
    },
    flushWebhooks: () => dispatcher.flush(),
    pendingWebhooks: () => dispatcher.pending(),
    deliveries: () => dispatcher.deliveries(),
    webhooksSettled: () => dispatcher.settled(),
    configureWebhooks: (o) => {
      dispatcher.configure(o);
      webhookBase = o.baseUrl ?? webhookBase;
    },
    setClock: (now) => store.setClock(now),
    issueOfflineToken: (shop, o = {}) => oauth.issue(control.shopState(shop).shop.domain, o.expiring ?? true),
    tokenRequests: () => oauth.requests(),
    expireAccessTokens: (shop) => oauth.expireAccessTokens(control.shopState(shop).shop.domain),
    revokeRefreshTokens: (shop) => oauth.revokeRefreshTokens(control.shopState(shop).shop.domain),
    requestLog: (filter) => requests.list(filter),
    requestTally: (filter) => tallyByOperation(requests.list(filter)),
    markRequests: () => requests.mark(),
    resetRequestLog: () => requests.reset(),
    faults,
    injectFault: (spec) => armFault(faults, spec),
  };
}

/** `{ shop?, since? }` from a JSON body or a GET's query string (where numbers arrive as text). */
function requestFilter(body: unknown): RequestFilter {
  const b = (body ?? {}) as { shop?: unknown; since?: unknown };
  const since = b.since === undefined || b.since === "" ? undefined : Number(b.since);
  if (since !== undefined && !Number.isInteger(since)) throw new Error("since must be a request sequence number");
  return { shop: typeof b.shop === "string" && b.shop ? b.shop : undefined, since };
}

function snapshot(state: ShopState): Record<string, unknown> {
  return {
    shop: state.shop,
    locations: [...state.locations.values()],
    fulfillmentServices: [...state.fulfillmentServices.values()],
    orders: [...state.orders.values()],
    fulfillmentOrders: [...state.fulfillmentOrders.values()],
    fulfillments: [...state.fulfillments.values()],
    inventoryLevels: [...state.inventoryLevels.values()],
  };
}
