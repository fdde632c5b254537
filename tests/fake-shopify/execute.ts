/**
 * One GraphQL request against one shop, the way Shopify runs it: parse, validate against the
 * real schema, coerce variables, price the query, take the cost from the shop's bucket, execute,
 * refund the unused cost, and attach `extensions.cost`.
 */
import {
  execute,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  type GraphQLTypeResolver,
} from "graphql";
import { actualQueryCost, requestedQueryCost, selectOperation } from "./cost";
import { maxCostExceededError, syntaxError, throttledError, validationErrors, ShopifyResolverError, type ShopifyGraphQLError } from "./errors";
import type { ThrottleStatus } from "./bucket";
import type { ResolverContext } from "./resolvers/context";
import type { Resolver } from "./resolvers/context";
import type { ShopState, Store } from "./store";
import { describeOperation, type AdminRequestRecord } from "./request-log";
import { coerceVariables } from "./variables";

export const MAX_SINGLE_QUERY_COST = 1000;

export interface CostExtension {
  requestedQueryCost: number;
  actualQueryCost: number | null;
  throttleStatus: ThrottleStatus;
}

export interface GraphQLResponseBody {
  data?: Record<string, unknown> | null;
  errors?: ShopifyGraphQLError[];
  extensions?: { cost: CostExtension };
}

/** Shopify answers a missing query with 400 and a keyed error object. */
export interface BadRequestBody {
  errors: Record<string, string>;
}

export interface GraphQLHttpResult {
  status: number;
  body: GraphQLResponseBody | BadRequestBody;
  /** The operation as the request log names it. */
  operation: Pick<AdminRequestRecord, "operationName" | "operationType" | "rootFields">;
}

interface RequestBody {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

type Checked = { ok: true; document: DocumentNode } | { ok: false; errors: ShopifyGraphQLError[]; document?: DocumentNode };

/** Parsing and validating the same document repeatedly is the hot path of the benchmark. */
const checkedDocuments = new WeakMap<GraphQLSchema, Map<string, Checked>>();
const CACHE_LIMIT = 500;

function checkDocument(schema: GraphQLSchema, source: string): Checked {
  let cache = checkedDocuments.get(schema);
  if (!cache) {
    cache = new Map();
    checkedDocuments.set(schema, cache);
  }
  const hit = cache.get(source);
  if (hit) return hit;
  let result: Checked;
  try {
    const document = parse(source);
    const errors = validate(schema, document, specifiedRules);
    result = errors.length > 0 ? { ok: false, errors: validationErrors(document, errors), document } : { ok: true, document };
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    result = { ok: false, errors: [syntaxError(error)] };
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(source, result);
  return result;
}

export interface Roots {
  query: Record<string, Resolver>;
  mutation: Record<string, Resolver>;
}

export function runGraphQL(schema: GraphQLSchema, roots: Roots, store: Store, state: ShopState, rawBody: unknown): GraphQLHttpResult {
  const body: RequestBody = typeof rawBody === "object" && rawBody !== null ? (rawBody as RequestBody) : {};
  const operationName = typeof body.operationName === "string" ? body.operationName : undefined;
  if (typeof body.query !== "string" || body.query.trim() === "") {
    return { status: 400, body: { errors: { query: "Required parameter missing or invalid" } }, operation: describeOperation(undefined, operationName, "") };
  }
  const checked = checkDocument(schema, body.query);
  const named = describeOperation(checked.document, operationName, body.query);
  const answer = (status: number, out: GraphQLResponseBody | BadRequestBody): GraphQLHttpResult => ({ status, body: out, operation: named });
  if (!checked.ok) return answer(200, { errors: checked.errors });
  const { document } = checked;

  const operation = selectOperation(document, operationName);
  if (!operation) {
    const message = operationName ? `No operation named "${operationName}"` : "An operation name is required";
    return answer(200, { errors: [{ message, extensions: { code: "operationNotFound" } }] });
  }

  const rawVariables = typeof body.variables === "object" && body.variables !== null ? (body.variables as Record<string, unknown>) : {};
  const coerced = coerceVariables(schema, operation, rawVariables);
  if (!coerced.ok) return answer(200, { errors: coerced.errors });

  const requested = requestedQueryCost(schema, document, operation, coerced.values);
  if (requested > MAX_SINGLE_QUERY_COST) {
    return answer(200, {
      errors: [maxCostExceededError(requested, MAX_SINGLE_QUERY_COST)],
      extensions: { cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: state.bucket.status() } },
    });
  }
  if (!state.bucket.tryTake(requested)) {
    return answer(200, {
      errors: [throttledError()],
      extensions: { cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: state.bucket.status() } },
    });
  }

  const context: ResolverContext = { store, state };
  const result = execute({
    schema,
    document,
    operationName,
    variableValues: coerced.values,
    contextValue: context,
    rootValue: operation.operation === "mutation" ? roots.mutation : roots.query,
    fieldResolver,
    typeResolver,
  }) as ExecutionResult;
  if (isPromise(result)) throw new Error("fake-shopify: resolvers must be synchronous");

  const data = (result.data ?? null) as Record<string, unknown> | null;
  const actual = Math.min(requested, actualQueryCost(schema, document, operation, coerced.values, data));
  state.bucket.refund(requested - actual);
  const out: GraphQLResponseBody = {};
  if (result.errors?.length) out.errors = result.errors.map(formatExecutionError);
  out.data = data;
  out.extensions = { cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: state.bucket.status() } };
  return answer(200, out);
}

function isPromise(value: unknown): value is Promise<unknown> {
  return typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function";
}

/** Views are plain objects; a missing key is an unimplemented field and must be loud. */
const fieldResolver: GraphQLFieldResolver<unknown, ResolverContext> = (source, args, context, info) => {
  if (source === null || typeof source !== "object") return null;
  const value = (source as Record<string, unknown>)[info.fieldName];
  if (value === undefined) {
    throw new ShopifyResolverError(`fake-shopify: field ${info.parentType.name}.${info.fieldName} not implemented`, "NOT_IMPLEMENTED");
  }
  if (typeof value === "function") return (value as (a: unknown, c: unknown, i: unknown) => unknown)(args, context, info);
  return value;
};

const typeResolver: GraphQLTypeResolver<unknown, ResolverContext> = (value) => {
  if (typeof value === "object" && value !== null && typeof (value as { __typename?: unknown }).__typename === "string") {
    return (value as { __typename: string }).__typename;
  }
  return undefined;
};

function formatExecutionError(error: GraphQLError): ShopifyGraphQLError {
  const original = error.originalError;
  const extensions =
    original instanceof ShopifyResolverError
      ? { code: original.code, ...original.extra }
      : { code: typeof error.extensions.code === "string" ? error.extensions.code : "INTERNAL_SERVER_ERROR" };
  const out: ShopifyGraphQLError = { message: error.message, extensions };
  if (error.locations?.length) out.locations = error.locations.map((l) => ({ line: l.line, column: l.column }));
  if (error.path) out.path = [...error.path];
  return out;
}
