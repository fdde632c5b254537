import type { Clock } from "~/domain/clock";
import { ClientError, GraphQLClient } from "graphql-request";
import { AdminApiError, UserErrorsFailure } from "./errors";
import type { Operation, UserError } from "./operation";
import type { SharedBucketStore } from "~/domain/admin-budget/bucket";
import { BucketTracker, type QueryCost } from "./throttle";

export const ADMIN_API_VERSION = "2026-04";

export interface GraphqlErrorBody {
  readonly message: string;
  readonly extensions?: { readonly code?: string; readonly [key: string]: unknown };
}

export interface RawGraphqlResponse {
  readonly status: number;
  readonly data?: unknown;
  readonly errors?: readonly GraphqlErrorBody[];
  readonly extensions?: { readonly cost?: QueryCost };
}

/** Sends one GraphQL request and returns Shopify's raw answer (never throws on GraphQL errors). */
export type Transport = (source: string, variables: Record<string, unknown> | undefined) => Promise<RawGraphqlResponse>;

export interface ClientOptions {
  readonly shop: string;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: Clock;
  /** Attempts for throttled or transient failures before giving up. */
  readonly maxAttempts?: number;
  /** Cost assumed for an operation never seen before (Shopify's estimate arrives with the first answer). */
  readonly defaultCost?: number;
  /**
   * Called before every mutation is sent (each attempt): throwing stops it unsent. The worker's
   * composition wires the current job's abort signal here, so a job whose lease was lost never
   * changes anything in Shopify.
   */
  readonly beforeMutation?: () => void;
  /**
   * The shop's bucket as every process sees it (PostgreSQL deployments): calls are paced on it, so
   * N processes together stay inside the shop's budget. Without it, this process paces alone.
   */
  readonly sharedBuckets?: SharedBucketStore;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// One tracker per shop: every client for a shop in this process shares the bucket picture.
const trackers = new Map<string, BucketTracker>();
function trackerFor(shop: string): BucketTracker {
  let tracker = trackers.get(shop);
  if (!tracker) {
    tracker = new BucketTracker();
    trackers.set(shop, tracker);
  }
  return tracker;
}

// Each operation's requested cost, learned from Shopify's answers by every client in this process.
// A client is built per job (adminFor): with its own map, each job's first call of an operation
// would be paced on the default cost and refused THROTTLED when it asks for more (OrderForRouting
// asks 184 points) — the scale benchmark counted 35–59 such answers per 1,000 calls.
const knownCosts = new Map<string, number>();

/** Forgets bucket state and learned costs (tests start from a clean slate). */
export function resetThrottleState(): void {
  trackers.clear();
  knownCosts.clear();
}

/**
 * The Admin API client every module uses: paces itself on `extensions.cost.throttleStatus`,
 * retries THROTTLED and transient failures with backoff, and turns `userErrors` into typed failures.
 */
export class AdminClient {
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: Clock;
  private readonly maxAttempts: number;
  private readonly defaultCost: number;
  private readonly tracker: BucketTracker;

  constructor(
    private readonly transport: Transport,
    readonly options: ClientOptions,
  ) {
    this.sleep = options.sleep ?? realSleep;
    this.now = options.now ?? (() => new Date());
    this.maxAttempts = options.maxAttempts ?? 6;
    this.defaultCost = options.defaultCost ?? 50;
    this.tracker = trackerFor(options.shop);
  }

  get shop(): string {
    return this.options.shop;
  }

  /** Runs a query or mutation and returns its data; throws AdminApiError when Shopify refuses it. */
  async request<TData, TVariables>(op: Operation<TData, TVariables>, variables?: TVariables): Promise<TData> {
    for (let attempt = 1; ; attempt++) {
      await this.pace(op);
      if (isMutation(op)) this.options.beforeMutation?.();
      const response = await this.send(op, variables as Record<string, unknown> | undefined);
      if (response.extensions?.cost) {
        this.tracker.observe(response.extensions.cost.throttleStatus, this.now().getTime());
        await this.options.sharedBuckets?.record(this.shop, response.extensions.cost.throttleStatus, this.now().getTime());
        knownCosts.set(op.name, response.extensions.cost.requestedQueryCost);
      }
      const failure = classify(op.name, response);
      if (!failure) return response.data as TData;
      if (!failure.retryable || attempt >= this.maxAttempts) throw failure;
      // A mutation whose answer was lost (network error, 5xx) may have run: repeating it could
      // fulfil or refund twice. Only a throttled mutation (refused before it ran) is retried here;
      // the caller reads Shopify's state before trying again (app/services/exactly-once.server.ts).
      if (isMutation(op) && failure.kind !== "throttled") throw failure;
      await this.sleep(this.retryDelayMs(op, failure, attempt));
    }
  }

  /**
   * Runs a mutation and returns its payload (`data[key]`); a non-empty `userErrors` list becomes a
   * UserErrorsFailure so callers cannot forget to look at it.
   */
  async mutate<TData, TVariables, K extends keyof TData>(op: Operation<TData, TVariables>, variables: TVariables, key: K): Promise<NonNullable<TData[K]>> {
    const data = await this.request(op, variables);
    const payload = data[key] as (NonNullable<TData[K]> & { userErrors?: readonly UserError[] }) | null;
    if (payload === null || payload === undefined) {
      throw new AdminApiError("graphql", `${op.name} returned no ${String(key)} payload`, { operationName: op.name });
    }
    if (payload.userErrors && payload.userErrors.length > 0) {
      throw new UserErrorsFailure(op.name, payload.userErrors);
    }
    return payload;
  }

  private async pace(op: Operation<unknown, unknown>): Promise<void> {
    const cost = knownCosts.get(op.name) ?? this.defaultCost;
    const shared = this.options.sharedBuckets;
    if (shared) {
      // Take the points from the shared bucket before sending; wait (and ask again) while it is short.
      for (let wait = await shared.take(this.shop, cost, this.now().getTime()); wait > 0; wait = await shared.take(this.shop, cost, this.now().getTime())) {
        await this.sleep(wait);
      }
      return;
    }
    const wait = this.tracker.waitMsFor(cost, this.now().getTime());
    if (wait > 0) await this.sleep(wait);
  }

  private retryDelayMs(op: Operation<unknown, unknown>, failure: AdminApiError, attempt: number): number {
    const backoff = Math.min(30_000, 250 * 2 ** (attempt - 1));
    if (failure.kind !== "throttled") return backoff;
    const cost = knownCosts.get(op.name) ?? this.defaultCost;
    return Math.max(this.tracker.waitMsFor(cost, this.now().getTime()), 100);
  }

  private async send(op: Operation<unknown, unknown>, variables: Record<string, unknown> | undefined) {
    try {
      return await this.transport(op.source, variables);
    } catch (error) {
      if (error instanceof AdminApiError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      return { status: 0, errors: [{ message, extensions: { code: "NETWORK" } }] } satisfies RawGraphqlResponse;
    }
  }
}

function isMutation(op: Operation<unknown, unknown>): boolean {
  return /^\s*mutation\b/.test(op.source.replace(/^\s*#graphql\s*/, ""));
}

function classify(operationName: string, response: RawGraphqlResponse): AdminApiError | undefined {
  const codes = (response.errors ?? []).map((e) => e.extensions?.code ?? "UNKNOWN");
  if (response.status === 0) {
    return new AdminApiError("network", `${operationName}: ${response.errors?.[0]?.message ?? "network error"}`, {
      operationName,
      codes,
    });
  }
  if (response.status !== 200) {
    return new AdminApiError("http", `${operationName}: Shopify answered HTTP ${response.status}`, {
      operationName,
      status: response.status,
      codes,
    });
  }
  if (codes.includes("THROTTLED")) {
    return new AdminApiError("throttled", `${operationName}: throttled by Shopify`, { operationName, codes });
  }
  if (response.errors && response.errors.length > 0) {
    const messages = response.errors.map((e) => e.message).join("; ");
    return new AdminApiError("graphql", `${operationName}: ${messages}`, { operationName, codes, status: 200 });
  }
  return undefined;
}

export interface HttpTransportOptions {
  readonly shop: string;
  /** The token for each request: a fixed one, or asked for per request (expiring offline tokens). */
  readonly accessToken: string | (() => Promise<string>);
  /** Shopify answered 401 to `token`: returns one that should work (refreshed), or throws. One retry per request. */
  readonly onUnauthorized?: (token: string) => Promise<string>;
  /** Overrides https://{shop} (the demo and tests point this at the local fake Admin API). */
  readonly origin?: string;
  readonly fetch?: typeof fetch;
}

/** The real transport: POST {origin}/admin/api/2026-04/graphql.json with the shop's access token. */
export function httpTransport(options: HttpTransportOptions): Transport {
  const origin = options.origin ?? `https://${options.shop}`;
  const client = new GraphQLClient(`${origin}/admin/api/${ADMIN_API_VERSION}/graphql.json`, {
    headers: { "X-Shopify-Shop-Domain": options.shop },
    errorPolicy: "all",
    fetch: options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args)),
  });
  const tokenFor =
    typeof options.accessToken === "string"
      ? (
          (token: string) => () =>
            Promise.resolve(token)
        )(options.accessToken)
      : options.accessToken;
  const send = async (source: string, variables: Record<string, unknown> | undefined, token: string): Promise<RawGraphqlResponse> => {
    try {
      const result = await client.rawRequest<unknown, Record<string, unknown>>(source, variables, { "X-Shopify-Access-Token": token });
      return {
        status: result.status,
        data: result.data,
        errors: result.errors as readonly GraphqlErrorBody[] | undefined,
        extensions: result.extensions as RawGraphqlResponse["extensions"],
      };
    } catch (error) {
      if (error instanceof ClientError) {
        const body = error.response as { status: number; errors?: unknown; extensions?: unknown };
        const errors = Array.isArray(body.errors)
          ? (body.errors as GraphqlErrorBody[])
          : [{ message: typeof body.errors === "string" ? body.errors : `HTTP ${body.status}` }];
        return { status: body.status, errors, extensions: body.extensions as RawGraphqlResponse["extensions"] };
      }
      throw error;
    }
  };
  return async (source, variables) => {
    const token = await tokenFor();
    const response = await send(source, variables, token);
    if (response.status !== 401 || !options.onUnauthorized) return response;
    return send(source, variables, await options.onUnauthorized(token));
  };
}
