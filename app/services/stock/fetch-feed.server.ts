/**
 * Pulls a supplier's feed URL safely: HTTP(S) only, public addresses only (checked after DNS and
 * pinned, so a rebinding DNS answer cannot swap in a private address), a deadline for the whole
 * transfer, a size limit, and conditional requests so an unchanged feed costs nothing.
 */
import type http from "node:http";
import type { Readable } from "node:stream";
import { guardedRequest, OutboundRefusal, type OutboundOptions } from "~/services/outbound/guarded-http.server";

export interface FetchFeedOptions extends OutboundOptions {
  readonly timeoutMs?: number;
  readonly maxBytes?: number;
  readonly etag?: string | null;
  readonly lastModified?: string | null;
}

export type FetchFeedResult =
  | {
      readonly kind: "body";
      readonly body: AsyncIterable<Uint8Array>;
      readonly etag: string | null;
      readonly lastModified: string | null;
      readonly contentType: string | null;
    }
  | { readonly kind: "not_modified" }
  | { readonly kind: "failed"; readonly reason: string };

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_BYTES = 100 * 1024 * 1024;

class FeedFetchError extends Error {}

async function* limited(response: http.IncomingMessage, maxBytes: number, signal: AbortSignal): AsyncGenerator<Uint8Array> {
  let bytes = 0;
  try {
    for await (const chunk of response as Readable) {
      if (signal.aborted) throw new FeedFetchError("timeout");
      bytes += (chunk as Buffer).length;
      if (bytes > maxBytes) throw new FeedFetchError(`The feed is larger than the ${Math.round(maxBytes / 1024 / 1024)} MB limit.`);
      yield chunk as Uint8Array;
    }
  } finally {
    response.destroy();
  }
}

function conditionalHeaders(options: FetchFeedOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  if (options.etag) headers["If-None-Match"] = options.etag;
  if (options.lastModified) headers["If-Modified-Since"] = options.lastModified;
  return headers;
}

function exchange(raw: string, options: FetchFeedOptions, signal: AbortSignal): Promise<http.IncomingMessage> {
  const headers = { "User-Agent": "Dropline-StockFeed/1", Accept: "text/csv, application/json, */*", ...conditionalHeaders(options) };
  return guardedRequest(raw, { method: "GET", headers, signal }, { what: "The feed address", ...options });
}

function failureReason(error: unknown, signal: AbortSignal, timeoutMs: number): string {
  if (signal.aborted) return `The feed URL did not send the whole feed within ${formatSeconds(timeoutMs)} (timeout).`;
  if (error instanceof FeedFetchError || error instanceof OutboundRefusal) return error.message;
  const detail = error instanceof Error ? error.message : String(error);
  return `The feed URL could not be fetched: ${detail}`;
}

const formatSeconds = (ms: number): string => (ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`);

/** Thrown while a fetched body streams (timeout, size limit); the message is for the merchant. */
export class FeedStreamError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FeedStreamError";
  }
}

/**
 * Fetches a feed. The body streams (a 50 MB feed is never held whole); the deadline keeps running
 * while it is read, so the consumer sees a "timeout" error if the supplier stalls mid-transfer.
 */
export async function fetchFeed(rawUrl: string, options: FetchFeedOptions = {}): Promise<FetchFeedResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await exchange(rawUrl, options, controller.signal);
    const status = response.statusCode ?? 0;
    if (status === 304) {
      response.resume();
      clearTimeout(timer);
      return { kind: "not_modified" };
    }
    if (status !== 200) {
      response.resume();
      clearTimeout(timer);
      return { kind: "failed", reason: `The feed URL answered HTTP ${status}; the supplier's server refused or failed the request.` };
    }
    const header = (name: string) => (typeof response.headers[name] === "string" ? (response.headers[name] as string) : null);
    const body = limited(response, options.maxBytes ?? DEFAULT_MAX_BYTES, controller.signal);
    async function* timed(): AsyncGenerator<Uint8Array> {
      try {
        yield* body;
      } catch (error) {
        throw new FeedStreamError(failureReason(error, controller.signal, timeoutMs));
      } finally {
        clearTimeout(timer);
      }
    }
    return { kind: "body", body: timed(), etag: header("etag"), lastModified: header("last-modified"), contentType: header("content-type") };
  } catch (error) {
    clearTimeout(timer);
    return { kind: "failed", reason: failureReason(error, controller.signal, timeoutMs) };
  }
}
