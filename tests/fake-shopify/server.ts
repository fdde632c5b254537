/**
 * The HTTP face of the fake: Shopify's Admin GraphQL endpoint (loopback only) and the
 * /__fake/* control endpoints.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { GraphQLSchema } from "graphql";
import { runGraphQL, type GraphQLHttpResult, type GraphQLResponseBody, type Roots } from "./execute";
import type { OAuthAuthority } from "./oauth";
import { countUserErrors, describeOperation, type RequestLog } from "./request-log";
import { API_VERSION } from "./schema";
import type { ShopState, Store } from "./store";
import type { Faults } from "./faults";

export const INVALID_TOKEN_BODY = { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" };

export type ControlHandler = (path: string, body: unknown) => Promise<unknown> | unknown;

export interface ServerDeps {
  schema: () => GraphQLSchema;
  roots: Roots;
  store: Store;
  control: ControlHandler;
  oauth: OAuthAuthority;
  requests: RequestLog;
  /** Armed faults (faults.ts); none when absent. */
  faults?: Faults;
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/** Shopify identifies the shop by host; tests and the rewritten client pass it as a header. */
export function resolveShop(store: Store, req: http.IncomingMessage): ShopState | undefined {
  const domain = header(req, "X-Shopify-Shop-Domain") ?? header(req, "X-Forwarded-Host");
  if (domain) return store.shops.get(domain.replace(/:\d+$/, ""));
  const host = header(req, "Host")?.replace(/:\d+$/, "");
  if (host && store.shops.has(host)) return store.shops.get(host);
  return store.shops.size === 1 ? [...store.shops.values()][0] : undefined;
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

export function createServer(deps: ServerDeps): http.Server {
  return http.createServer((req, res) => {
    handle(deps, req, res).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      if (!res.headersSent) send(res, 500, { errors: [{ message, extensions: { code: "INTERNAL_SERVER_ERROR" } }] });
    });
  });
}

async function handle(deps: ServerDeps, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  if (url.pathname.startsWith("/__fake/")) {
    if (req.method !== "POST" && req.method !== "GET") return send(res, 405, { error: "method not allowed" });
    const raw = req.method === "POST" ? await readBody(req) : "";
    // A GET's query parameters are its input (GET /__fake/requests?shop=…).
    let body: unknown = Object.fromEntries(url.searchParams);
    try {
      if (raw) body = JSON.parse(raw);
    } catch {
      return send(res, 400, { error: "body must be JSON" });
    }
    try {
      const result = await deps.control(url.pathname.slice("/__fake/".length), body);
      return send(res, 200, result ?? { ok: true });
    } catch (error) {
      const status = error instanceof NotFoundError ? 404 : 400;
      return send(res, status, { error: error instanceof Error ? error.message : String(error) });
    }
  }

  if (url.pathname === "/admin/oauth/access_token") {
    if (req.method !== "POST") return send(res, 405, { errors: "Method not allowed" });
    const fields = parseFields(header(req, "Content-Type") ?? "", await readBody(req));
    const answer = deps.oauth.handleTokenRequest(resolveShop(deps.store, req)?.shop.domain, fields);
    return send(res, answer.status, answer.body);
  }

  const m = /^\/admin\/api\/([^/]+)\/graphql\.json$/.exec(url.pathname);
  if (!m) return send(res, 404, { errors: "Not Found" });
  if (m[1] !== API_VERSION) return send(res, 404, { errors: "Not Found" });
  if (req.method !== "POST") return send(res, 405, { errors: "Method not allowed" });

  const state = resolveShop(deps.store, req);
  const token = header(req, "X-Shopify-Access-Token");
  const raw = await readBody(req);
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    body = undefined;
  }
  const shop = state?.shop.domain ?? header(req, "X-Shopify-Shop-Domain") ?? null;
  const refuse = (status: number, answer: unknown): void => {
    logRequest(deps, shop, unrun(body), status, answer);
    send(res, status, answer);
  };
  if (!state || !token) return refuse(401, INVALID_TOKEN_BODY);
  // The seeded token never expires (a custom app's token); tokens from the token endpoint may.
  if (token !== state.shop.accessToken && deps.oauth.checkAccess(state.shop.domain, token) !== "valid") return refuse(401, INVALID_TOKEN_BODY);
  if (body === undefined) return refuse(400, { errors: { query: "Required parameter missing or invalid" } });

  const result = runGraphQL(deps.schema(), deps.roots, deps.store, state, body);
  logRequest(deps, shop, result.operation, result.status, result.body);
  // The request ran (a mutation is applied); its answer never reaches the client.
  if (result.status === 200 && deps.faults?.takeLostResponse(result.operation, deps.store.now())) {
    req.socket.destroy();
    return;
  }
  send(res, result.status, result.body);
}

/** What the log can say about a request that was refused before it ran. */
function unrun(body: unknown): GraphQLHttpResult["operation"] {
  const b = typeof body === "object" && body !== null ? (body as { query?: unknown; operationName?: unknown }) : {};
  return describeOperation(undefined, typeof b.operationName === "string" ? b.operationName : undefined, typeof b.query === "string" ? b.query : "");
}

function logRequest(deps: ServerDeps, shop: string | null, operation: GraphQLHttpResult["operation"], httpStatus: number, answer: unknown): void {
  const body = (typeof answer === "object" && answer !== null ? answer : {}) as GraphQLResponseBody;
  const errors = Array.isArray(body.errors) ? body.errors : [];
  const throttled = errors.some((e) => e.extensions?.code === "THROTTLED");
  const failed =
    httpStatus !== 200 ||
    typeof body.errors === "string" ||
    (typeof body.errors === "object" && body.errors !== null && !Array.isArray(body.errors)) ||
    errors.length > 0;
  deps.requests.record({
    shop,
    ...operation,
    requestedCost: body.extensions?.cost.requestedQueryCost ?? null,
    actualCost: body.extensions?.cost.actualQueryCost ?? null,
    status: throttled ? "throttled" : failed ? "error" : "ok",
    httpStatus,
    userErrors: operation.operationType === "mutation" ? countUserErrors(body.data) : 0,
    at: new Date(deps.store.now()).toISOString(),
  });
}

/** Token requests come as JSON (Shopify's libraries) or as form fields (plain OAuth clients). */
function parseFields(contentType: string, raw: string): Record<string, string> {
  if (contentType.includes("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(raw));
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (typeof parsed !== "object" || parsed === null) return {};
    return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
  } catch {
    return {};
  }
}

export class NotFoundError extends Error {}

export async function listen(server: http.Server, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}
