import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable, type EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { startBackgroundWork } from "./jobs/background.server";
import { warmWebhookInbox } from "./jobs/webhook-route.server";
import { services } from "./services.server";
import { addSecureDocumentHeaders } from "./services/security/document-headers";
import { addDocumentResponseHeaders } from "./shopify.server";

const ABORT_DELAY = 5000;

// The embedded default runs the job worker in a worker thread of this process (DROPLINE_WORKER).
startBackgroundWork(services);

/** Called by the production server (server/index.mjs) before it listens: the first deliveries find the inbox ready. */
export async function warm(): Promise<void> {
  await warmWebhookInbox();
}

export default async function handleRequest(request: Request, responseStatusCode: number, responseHeaders: Headers, remixContext: EntryContext) {
  addSecureDocumentHeaders(request, responseHeaders, addDocumentResponseHeaders);
  const userAgent = request.headers.get("user-agent");
  const callbackName = isbot(userAgent ?? "") ? "onAllReady" : "onShellReady";

  return new Promise((resolve, reject) => {
    const { pipe, abort } = renderToPipeableStream(<RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />, {
      [callbackName]: () => {
        const body = new PassThrough();
        const stream = createReadableStreamFromReadable(body);
        responseHeaders.set("Content-Type", "text/html");
        resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
        pipe(body);
      },
      onShellError(error) {
        reject(error);
      },
      onError(error) {
        responseStatusCode = 500;
        console.error(error);
      },
    });
    setTimeout(abort, ABORT_DELAY);
  });
}
