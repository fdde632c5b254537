/**
 * Outbound HTTP to URLs that merchants or suppliers typed (pulled stock feeds, suppliers'
 * purchase-order webhooks). Each connection resolves the host once, refuses unless every answer is
 * public, and connects the socket to the literal address it checked (Host header and TLS server
 * name stay the URL's host), so a rebinding DNS server cannot answer "public" to the check and
 * "private" to the connect: there is no second lookup. Redirects are followed by hand, each hop
 * checked the same way, at most `maxRedirects` of them. No pooled sockets: a kept-alive socket was
 * checked against an earlier answer.
 */
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { refusalFor, type AddressPolicy } from "./address-policy";

/** Resolves a host name to its addresses (tests pass one that maps names to chosen addresses). */
export type Resolver = (host: string) => Promise<readonly string[]>;

export interface OutboundOptions extends Partial<AddressPolicy> {
  /** Defaults to the system resolver (getaddrinfo, every address). */
  readonly lookup?: Resolver;
  /** How many redirects to follow (default 3). */
  readonly maxRedirects?: number;
  /** How the refusal names the URL to the merchant ("The feed address", "The supplier's webhook URL"). */
  readonly what?: string;
}

export interface OutboundRequest {
  readonly method: "GET" | "POST";
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly signal: AbortSignal;
}

/** A request Dropline refused to make or follow; the message is for the merchant. */
export class OutboundRefusal extends Error {
  /** False for what may pass by itself (a DNS failure); true for a refused address or URL. */
  readonly permanent: boolean;
  constructor(message: string, permanent = true) {
    super(message);
    this.permanent = permanent;
    this.name = "OutboundRefusal";
  }
}

const systemLookup: Resolver = async (host) => (await dns.promises.lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/** Parses a URL a merchant typed: http(s) only, no credentials in it. */
export function parseOutboundUrl(raw: string, what = "The address"): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundRefusal(`"${raw.slice(0, 200)}" is not a valid URL.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new OutboundRefusal(`${what} must start with http:// or https://.`);
  if (url.username || url.password) throw new OutboundRefusal(`${what} must not carry a user name or password; put credentials in the settings.`);
  return url;
}

/** Resolves a host and returns the address to connect to, or throws the refusal (every answer must be public). */
export async function checkedAddress(host: string, options: OutboundOptions): Promise<string> {
  const policy = { allowLoopback: options.allowLoopback ?? false };
  const what = options.what ?? "The address";
  const bare = host.replace(/^\[|\]$/gu, "");
  let addresses: readonly string[];
  try {
    addresses = net.isIP(bare) ? [bare] : await (options.lookup ?? systemLookup)(bare);
  } catch {
    throw new OutboundRefusal(`${what}'s host "${host}" could not be found (DNS). Check the URL.`, false);
  }
  if (addresses.length === 0) throw new OutboundRefusal(`${what}'s host "${host}" has no address.`);
  // Every answer must be public: a resolver may hand out several and the socket could pick any.
  for (const address of addresses) {
    const refusal = refusalFor(address, policy, what);
    if (refusal) throw new OutboundRefusal(refusal);
  }
  return addresses[0]!;
}

/** Connects to `address` (already checked) while speaking to `url`'s host (Host header, TLS name). */
function send(url: URL, address: string, request: OutboundRequest): Promise<http.IncomingMessage> {
  const lib = url.protocol === "https:" ? https : http;
  const headers: Record<string, string> = { ...request.headers, Host: url.host };
  if (request.body !== undefined) headers["Content-Length"] = String(Buffer.byteLength(request.body));
  const namedHost = net.isIP(url.hostname.replace(/^\[|\]$/gu, "")) === 0;
  return new Promise((resolve, reject) => {
    const outgoing = lib.request(
      {
        protocol: url.protocol,
        host: address,
        port: url.port || (url.protocol === "https:" ? 443 : 80),
        path: `${url.pathname}${url.search}`,
        method: request.method,
        headers,
        // TLS checks the certificate against the host name, not the address we pinned.
        ...(url.protocol === "https:" && namedHost ? { servername: url.hostname } : {}),
        agent: false,
        signal: request.signal,
      },
      resolve,
    );
    outgoing.on("error", reject);
    outgoing.end(request.body);
  });
}

/**
 * Sends the request to a checked address and follows redirects by hand (each hop checked again).
 * Returns the final response; its body is the caller's to read or discard.
 */
export async function guardedRequest(rawUrl: string, request: OutboundRequest, options: OutboundOptions = {}): Promise<http.IncomingMessage> {
  const what = options.what ?? "The address";
  let url = parseOutboundUrl(rawUrl, what);
  let current = request;
  for (let hop = 0; ; hop++) {
    // One resolution per connection, and the socket connects to the very address that was checked.
    const address = await checkedAddress(url.hostname, hop === 0 ? options : { ...options, what: `${what}'s redirect to ${url.host}` });
    const response = await send(url, address, current);
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (status < 300 || status >= 400 || status === 304 || !location) return response;
    response.resume();
    if (hop >= (options.maxRedirects ?? 3)) throw new OutboundRefusal(`${what} redirects too many times.`);
    url = parseOutboundUrl(new URL(location, url).href, `${what}'s redirect`);
    // 307/308 repeat the request as it was; the others turn it into a GET without a body (as fetch does).
    if (status !== 307 && status !== 308 && current.method !== "GET") current = { ...current, method: "GET", body: undefined };
  }
}

/**
 * POSTs a body and reports only the status: the response body of a server we do not trust is
 * never read into memory or shown to anyone.
 */
export async function guardedPost(
  rawUrl: string,
  post: { readonly headers: Readonly<Record<string, string>>; readonly body: string; readonly timeoutMs: number },
  options: OutboundOptions = {},
): Promise<{ readonly status: number }> {
  const response = await guardedRequest(
    rawUrl,
    { method: "POST", headers: post.headers, body: post.body, signal: AbortSignal.timeout(post.timeoutMs) },
    options,
  );
  response.resume();
  return { status: response.statusCode ?? 0 };
}
