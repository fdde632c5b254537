/**
 * Form bodies read with a ceiling. Multipart uploads (stock files, tracking CSVs) stream through
 * Remix's multipart parser into a memory upload handler that refuses any part over the limit, and
 * the request body itself is counted as it streams, so neither one huge part nor many small ones
 * (nor a missing Content-Length) gets past the limit. URL-encoded forms are read the same way.
 */
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { declaresTooLarge, formatBytes } from "./body-limit.server";

class BodyTooLarge extends Error {}

/** The same request with a body that errors once more than `maxBytes` have streamed through. */
function counted(request: Request, maxBytes: number): Request {
  if (!request.body) return request;
  const reader = request.body.getReader();
  let total = 0;
  // Pulled on demand only (no read-ahead), so the source is read no further than the limit.
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await reader.read();
        if (next.done) return controller.close();
        total += next.value.byteLength;
        if (total > maxBytes) {
          controller.error(new BodyTooLarge());
          reader.cancel().catch(() => undefined);
          return;
        }
        controller.enqueue(next.value);
      },
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  );
  return new Request(request.url, { method: request.method, headers: request.headers, body, duplex: "half" } as RequestInit);
}

export type LimitedForm = { readonly ok: true; readonly form: FormData } | { readonly ok: false; readonly message: string };

/**
 * The request's form, or a message for the merchant when the body is larger than `maxBytes`
 * (a file part may use all of it; form fields are small).
 */
export async function limitedFormData(request: Request, maxBytes: number): Promise<LimitedForm> {
  const tooLarge = { ok: false, message: `The upload is larger than the ${formatBytes(maxBytes)} limit.` } as const;
  const multipart = (request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data");
  // Multipart framing and the other fields take a little room beyond the file itself; a
  // URL-encoded form (the offers import posts its CSV as a field) may triple in size on the wire
  // (percent-encoding), so its body gets that room and its decoded values are checked after.
  const slack = Math.min(64 * 1024, Math.ceil(maxBytes / 8));
  const bodyLimit = multipart ? maxBytes + slack : 3 * maxBytes + slack;
  if (declaresTooLarge(request, bodyLimit)) return tooLarge;
  const body = counted(request, bodyLimit);
  try {
    if (multipart) return { ok: true, form: await unstable_parseMultipartFormData(body, unstable_createMemoryUploadHandler({ maxPartSize: maxBytes })) };
    const form = await body.formData();
    for (const value of form.values()) if (typeof value === "string" && value.length > maxBytes) return tooLarge;
    return { ok: true, form };
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError || error instanceof BodyTooLarge || (error instanceof Error && error.cause instanceof BodyTooLarge))
      return tooLarge;
    throw error;
  }
}
