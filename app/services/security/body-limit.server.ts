/**
 * Request bodies read with a ceiling, before anything else looks at them (signature checks
 * included): a body whose Content-Length is over the limit is refused without reading a byte, and
 * one that lies about its length (or streams chunked) is cut off as soon as the count passes the
 * limit, so no public endpoint buffers more than its limit.
 */

/** A 413 answer naming the limit (the client can split or shrink what it sends). */
export function payloadTooLarge(maxBytes: number, json = false): Response {
  const message = `The request body is larger than the ${formatBytes(maxBytes)} limit.`;
  return json ? Response.json({ error: message }, { status: 413 }) : new Response(message, { status: 413, headers: { "Content-Type": "text/plain" } });
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/** True when the request declares a body longer than `maxBytes` (refuse before reading). */
export function declaresTooLarge(request: Request, maxBytes: number): boolean {
  const declared = request.headers.get("content-length");
  if (declared === null) return false;
  const length = Number(declared);
  return !Number.isFinite(length) || length < 0 || length > maxBytes;
}

/**
 * The body's bytes, or null when it is (declared or turns out) larger than `maxBytes`; the stream
 * is cancelled at that point, so the rest is never read.
 */
export async function readBodyLimited(request: Request, maxBytes: number): Promise<Uint8Array | null> {
  if (declaresTooLarge(request, maxBytes)) {
    // Not awaited: a cancelled branch of a teed (cloned) body settles only when its twin does.
    request.body?.cancel().catch(() => undefined);
    return null;
  }
  if (!request.body) return new Uint8Array();
  const parts: Uint8Array[] = [];
  let total = 0;
  const reader = request.body.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    total += next.value.byteLength;
    if (total > maxBytes) {
      reader.cancel().catch(() => undefined);
      return null;
    }
    parts.push(next.value);
  }
  return Buffer.concat(parts);
}

/** The body as UTF-8 text, or null when over `maxBytes` (see readBodyLimited). */
export async function readTextLimited(request: Request, maxBytes: number): Promise<string | null> {
  const bytes = await readBodyLimited(request, maxBytes);
  return bytes === null ? null : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
}
