/**
 * The production server's access log (issue 16, finding 6). A line names the method, a redacted
 * URL, the status, the size and the time; never a header (Authorization, Cookie) and never a
 * credential in the URL:
 * - `/portal/<token>` (a supplier's portal link) becomes `/portal/[token]`; `/portal/s/<linkId>`,
 *   the token-free page the link redirects to, is kept;
 * - every query value is replaced by `[redacted]` except a short allowlist (`shop`, `embedded`,
 *   `locale`, `host`): the admin's URLs carry Shopify session tokens (`id_token`), OAuth codes and
 *   HMACs there.
 */

const KEEP_QUERY = new Set(["shop", "embedded", "locale", "host"]);

/**
 * @param {string} url the request's path and query, as Node received it
 * @returns {string}
 */
export function redactUrl(url) {
  const q = url.indexOf("?");
  const path = q === -1 ? url : url.slice(0, q);
  const query = q === -1 ? "" : url.slice(q + 1);
  const segments = path.split("/");
  // ["", "portal", <token>, ...]: any second segment but "s" is a credential.
  if (segments[1]?.toLowerCase() === "portal" && segments.length > 2 && segments[2] !== "s" && segments[2] !== "") {
    segments.splice(2, segments.length - 2, "[token]");
  }
  const safePath = segments.join("/");
  if (!query) return safePath;
  const params = query.split("&").map((pair) => {
    const eq = pair.indexOf("=");
    const key = eq === -1 ? pair : pair.slice(0, eq);
    let name = key;
    try {
      name = decodeURIComponent(key.replace(/\+/gu, " "));
    } catch {
      // a malformed escape: keep the raw key, its value is redacted anyway
    }
    return eq === -1 || KEEP_QUERY.has(name) ? pair : `${key}=[redacted]`;
  });
  return `${safePath}?${params.join("&")}`;
}

/**
 * @param {{ method: string; url: string; status: number; contentLength: string | number | undefined; ms: number }} entry
 * @returns {string}
 */
export function accessLogLine(entry) {
  return `${entry.method} ${redactUrl(entry.url)} ${entry.status} ${entry.contentLength ?? "-"} - ${entry.ms.toFixed(3)} ms`;
}

/**
 * Express middleware writing one line per finished response.
 * @param {(line: string) => void} [write]
 * @returns {(req: import("node:http").IncomingMessage & { originalUrl?: string }, res: import("node:http").ServerResponse, next: () => void) => void}
 */
export function accessLog(write = (line) => console.log(line)) {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.once("finish", () => {
      write(
        accessLogLine({
          method: req.method ?? "-",
          url: req.originalUrl ?? req.url ?? "-",
          status: res.statusCode,
          contentLength: /** @type {string | undefined} */ (res.getHeader("content-length")),
          ms: Number(process.hrtime.bigint() - started) / 1e6,
        }),
      );
    });
    next();
  };
}
