/**
 * Pulls a supplier's feed URL safely: HTTP(S) only, public addresses only (checked after DNS and
 * pinned, so a rebinding DNS answer cannot swap in a private address), a deadline for the whole
 * transfer, a size limit, and conditional requests so an unchanged feed costs nothing.
 */
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { Readable } from "node:stream";
import { refusalFor, type AddressPolicy } from "./address-policy";

export interface FetchFeedOptions extends Partial<AddressPolicy> {
  readonly timeoutMs?: number;
  readonly maxBytes?: number;
  readonly etag?: string | null;
  readonly lastModified?: string | null;
  /** Resolves a host name (tests pass one that maps names to chosen addresses). */
  readonly lookup?: (host: string) => Promise<readonly string[]>;
  readonly maxRedirects?: number;
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

const systemLookup = async (host: string): Promise<string[]> => (await dns.promises.lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/** Checks every address the host resolves to; returns the one to connect to. */
async function safeAddress(host: string, options: FetchFeedOptions): Promise<string> {
  const policy = { allowLoopback: options.allowLoopback ?? false };
  const bare = host.replace(/^\[|\]$/gu, "");
  let addresses: readonly string[];
  try {
    addresses = net.isIP(bare) ? [bare] : await (options.lookup ?? systemLookup)(bare);
  } catch {
    throw new FeedFetchError(`The feed host "${host}" could not be found (DNS). Check the feed URL.`);
  }
  if (addresses.length === 0) throw new FeedFetchError(`The feed host "${host}" has no address.`);
  // Every answer must be public: a resolver may hand out several and the socket could pick any.
  for (const address of addresses) {
    const refusal = refusalFor(address, policy);
    if (refusal) throw new FeedFetchError(refusal);
  }
  return addresses[0]!;
}

function parseUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FeedFetchError(`"${raw}" is not a valid URL.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new FeedFetchError("Feed URLs must start with http:// or https://.");
  if (url.username || url.password) throw new FeedFetchError("Put feed credentials in the supplier's settings, not in the URL.");
  return url;
}

interface Exchange {
  readonly response: http.IncomingMessage;
  readonly request: http.ClientRequest;
}

function send(url: URL, address: string, headers: Record<string, string>, signal: AbortSignal): Promise<Exchange> {
  const family = net.isIP(address);
  const lib = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = lib.request(
      url,
      {
        method: "GET",
        headers: { "User-Agent": "Dropline-StockFeed/1", Accept: "text/csv, application/json, */*", ...headers },
        // Pinned: the socket connects to the address we checked, whatever DNS says a second time.
        lookup: (_host, _opts, cb) => cb(null, address, family),
        // A fresh connection per pull: a pooled socket was checked against an earlier DNS answer.
        agent: false,
        signal,
      },
      (response) => resolve({ response, request }),
    );
    request.on("error", reject);
    request.end();
  });
}

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

async function exchange(raw: string, options: FetchFeedOptions, signal: AbortSignal): Promise<http.IncomingMessage> {
  let url = parseUrl(raw);
  for (let hop = 0; ; hop++) {
    const address = await safeAddress(url.hostname, options);
    const { response } = await send(url, address, conditionalHeaders(options), signal);
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (status < 300 || status >= 400 || status === 304 || !location) return response;
    response.resume();
    if (hop >= (options.maxRedirects ?? 3)) throw new FeedFetchError("The feed URL redirects too many times.");
    // Each hop is checked again: a public URL may redirect to a private one.
    url = parseUrl(new URL(location, url).href);
  }
}

function failureReason(error: unknown, signal: AbortSignal, timeoutMs: number): string {
  if (signal.aborted) return `The feed URL did not send the whole feed within ${formatSeconds(timeoutMs)} (timeout).`;
  if (error instanceof FeedFetchError) return error.message;
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
