/**
 * Rate limits on the public endpoints (supplier portal, supplier API, stock push, carrier events):
 * per client address and per credential, checked before any database work, answered with 429 and
 * Retry-After. The counters sit behind `RateLimitStore`: today one in-memory store per process
 * (rate-limiter-flexible's RateLimiterMemory), so with several web processes each enforces its own
 * share; rate-limiter-flexible's RateLimiterPrisma / RateLimiterPostgres can back the same
 * interface from the shared database when the app runs on PostgreSQL.
 */
import { createHash } from "node:crypto";
import net from "node:net";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

export type PublicEndpoint = "portal" | "supplier_api" | "push" | "carrier";

/** Counts one request against `key` in a fixed window; says how long to wait when it is over. */
export interface RateLimitStore {
  consume(bucket: "ip" | "credential", key: string): Promise<{ readonly allowed: true } | { readonly allowed: false; readonly retryAfterMs: number }>;
}

export interface RateLimits {
  readonly ipPerMinute: number;
  readonly credentialPerMinute: number;
}

/** One process's counters (lost on restart; see the module comment for the shared-database store). */
export function memoryRateLimitStore(limits: RateLimits): RateLimitStore {
  const limiters = {
    ip: new RateLimiterMemory({ keyPrefix: "ip", points: limits.ipPerMinute, duration: 60 }),
    credential: new RateLimiterMemory({ keyPrefix: "credential", points: limits.credentialPerMinute, duration: 60 }),
  };
  return {
    async consume(bucket, key) {
      try {
        await limiters[bucket].consume(key);
        return { allowed: true };
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) return { allowed: false, retryAfterMs: rejection.msBeforeNext };
        throw rejection;
      }
    },
  };
}

/**
 * The client's address: the last entry of the configured header (the one the nearest proxy
 * appended; entries before it are whatever the client claimed). "none", a missing header or a
 * malformed value give "unknown", one shared bucket.
 */
export function clientAddress(request: Request, header: string): string {
  if (header === "none") return "unknown";
  const entries = (request.headers.get(header) ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  const last = entries.at(-1) ?? "";
  return net.isIP(last) ? last : "unknown";
}

// Credentials are counted by a hash: the limiter never holds a usable token.
const credentialKey = (endpoint: PublicEndpoint, credential: string) =>
  `${endpoint}:${createHash("sha256").update(credential).digest("base64url").slice(0, 22)}`;

export interface PublicLimiter {
  /** A 429 to send instead of handling the request, or null to go on. */
  check(request: Request, endpoint: PublicEndpoint, credential: string | null | undefined): Promise<Response | null>;
}

export function publicLimiter(store: RateLimitStore, options: { readonly clientIpHeader: string }): PublicLimiter {
  return {
    async check(request, endpoint, credential) {
      const ip = await store.consume("ip", `${endpoint}:${clientAddress(request, options.clientIpHeader)}`);
      const verdict = ip.allowed && credential ? await store.consume("credential", credentialKey(endpoint, credential)) : ip;
      if (verdict.allowed) return null;
      const seconds = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000));
      return Response.json(
        { error: `Too many requests; retry in ${seconds} s.` },
        { status: 429, headers: { "Retry-After": String(seconds), "Cache-Control": "no-store" } },
      );
    },
  };
}
