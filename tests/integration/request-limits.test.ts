/**
 * Finding 3: every public endpoint refuses an over-limit body with 413 before it authenticates,
 * from Content-Length without reading a byte, and (for a body with no or a lying length) by
 * counting while it streams, so it never buffers more than its limit. Admin uploads go through
 * the streaming multipart handler with the same kind of limit.
 */
import { describe, expect, it } from "vitest";
import { TEST_SHOP, useTestAppEnv } from "../helpers/app-env";

const REQUEST_LIMIT = 2048;
const WEBHOOK_LIMIT = 4096;
const FEED_LIMIT = 8192;
useTestAppEnv({
  DROPLINE_MAX_REQUEST_BYTES: String(REQUEST_LIMIT),
  DROPLINE_MAX_WEBHOOK_BYTES: String(WEBHOOK_LIMIT),
  DROPLINE_MAX_FEED_BYTES: String(FEED_LIMIT),
  DROPLINE_MAX_UPLOAD_BYTES: "4096",
});

type RouteFn = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<Response>;

/** A body stream of `chunks` × 1 KiB that records how many chunks were pulled from it. */
function endlessBody(chunks: number): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= chunks) return controller.close();
      pulled++;
      controller.enqueue(new Uint8Array(1024).fill(0x61));
    },
  });
  return { stream, pulled: () => pulled };
}

const declaredHuge = (url: string, headers: Record<string, string> = {}) =>
  new Request(url, { method: "POST", headers: { ...headers, "Content-Length": String(50 * 1024 * 1024) }, body: "x" });

function streamed(url: string, body: ReadableStream<Uint8Array>, headers: Record<string, string> = {}) {
  return new Request(url, { method: "POST", headers, body, duplex: "half" } as RequestInit);
}

async function statusOf(run: () => Promise<Response>): Promise<number> {
  try {
    return (await run()).status;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

const WEBHOOK_HEADERS = {
  "X-Shopify-Topic": "orders/create",
  "X-Shopify-Hmac-Sha256": "not-checked-yet",
  "X-Shopify-Shop-Domain": TEST_SHOP,
  "X-Shopify-Webhook-Id": "w-1",
  "X-Shopify-API-Version": "2026-04",
  "Content-Type": "application/json",
};

const ENDPOINTS: ReadonlyArray<{
  name: string;
  url: string;
  limit: number;
  headers?: Record<string, string>;
  route: () => Promise<RouteFn>;
  params?: Record<string, string>;
}> = [
  {
    name: "Shopify webhooks",
    url: "http://localhost:3000/webhooks/orders/create",
    limit: WEBHOOK_LIMIT,
    headers: WEBHOOK_HEADERS,
    route: async () => (await import("../../app/routes/webhooks.orders.create")).action as RouteFn,
  },
  {
    name: "the fulfillment-service callback",
    url: "http://localhost:3000/fulfillment-service/fulfillment_order_notification",
    limit: REQUEST_LIMIT,
    route: async () => (await import("../../app/routes/fulfillment-service.fulfillment_order_notification")).action as RouteFn,
  },
  {
    name: "/carrier-events",
    url: "http://localhost:3000/carrier-events",
    limit: REQUEST_LIMIT,
    route: async () => (await import("../../app/routes/carrier-events")).action as RouteFn,
  },
  {
    name: "the supplier API",
    url: "http://localhost:3000/api/supplier/purchase-orders/po-1",
    limit: REQUEST_LIMIT,
    headers: { Authorization: "Bearer dlp_x", "Content-Type": "application/json" },
    params: { id: "po-1" },
    route: async () => (await import("../../app/routes/api.supplier.purchase-orders.$id")).action as RouteFn,
  },
  {
    name: "the supplier portal",
    url: "http://localhost:3000/portal/s/link-x",
    // A URL-encoded form may take three times its decoded size on the wire (percent-encoding).
    limit: 3 * REQUEST_LIMIT,
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    params: { linkId: "link-x" },
    route: async () => (await import("../../app/routes/portal.s.$linkId/route")).action as RouteFn,
  },
];

describe("request limits before authentication", () => {
  it.each(ENDPOINTS)("$name: 413 from an over-limit Content-Length", async ({ url, headers, route, params }) => {
    const action = await route();
    expect(await statusOf(() => action({ request: declaredHuge(url, headers), params: params ?? {}, context: {} }))).toBe(413);
  });

  it.each(ENDPOINTS)("$name: 413 while streaming a body with no length, reading little past the limit", async ({ url, headers, route, params, limit }) => {
    const action = await route();
    const body = endlessBody(1000); // 1 MB on offer
    expect(await statusOf(() => action({ request: streamed(url, body.stream, headers), params: params ?? {}, context: {} }))).toBe(413);
    expect(body.pulled()).toBeLessThanOrEqual(Math.ceil(limit / 1024) + 3);
  });

  it("stock push: 413 from Content-Length before the feed is even looked up", async () => {
    const { action } = await import("../../app/routes/feeds.$feedId.push");
    const response = await (action as RouteFn)({ request: declaredHuge("http://localhost:3000/feeds/nope/push"), params: { feedId: "nope" }, context: {} });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: expect.stringMatching(/larger than the .* size limit/) as unknown });
  });

  it("stock push: a streamed body over the limit is cut off (signed feeds are only read up to the limit)", async () => {
    const { receivePush } = await import("../../app/services/stock/push.server");
    const { default: db } = await import("../../app/db.server");
    await db.shop.create({ data: { domain: TEST_SHOP } });
    const supplier = await db.supplier.create({
      data: {
        shop: TEST_SHOP,
        name: "Push Co",
        contactEmail: "p@x.example",
        timeZone: "UTC",
        cutoff: "14:00",
        serviceTier: "next_day",
        handlingMinDays: 1,
        handlingMaxDays: 2,
      },
    });
    const { ensureFeed } = await import("../../app/models/feeds.server");
    const feed = await ensureFeed(db, TEST_SHOP, supplier.id);
    await db.stockFeed.update({ where: { id: feed.id }, data: { kind: "push" } });
    const body = endlessBody(1000);
    const request = streamed(`http://localhost:3000/feeds/${feed.id}/push`, body.stream, { "X-Dropline-Timestamp": String(Math.floor(Date.now() / 1000)) });
    const outcome = await receivePush({ db, now: () => new Date(), maxBytes: FEED_LIMIT }, feed.id, request);
    expect(outcome.status).toBe(413);
    expect(body.pulled()).toBeLessThanOrEqual(FEED_LIMIT / 1024 + 3);
  });

  it("admin uploads: the multipart parser refuses a file part over the limit, and a body of many parts over it", async () => {
    const { limitedFormData } = await import("../../app/services/security/form-limit.server");
    const upload = (form: FormData) => new Request("http://localhost:3000/app/feeds/s1", { method: "POST", body: form });
    const small = new FormData();
    small.set("intent", "upload");
    small.set("file", new File(["sku,qty\nA,1\n"], "stock.csv", { type: "text/csv" }));
    const ok = await limitedFormData(upload(small), 4096);
    expect(ok.ok && (ok.form.get("file") as File).size).toBe(12);

    const big = new FormData();
    big.set("file", new File(["x".repeat(10_000)], "stock.csv", { type: "text/csv" }));
    expect(await limitedFormData(upload(big), 4096)).toEqual({ ok: false, message: "The upload is larger than the 4 KB limit." });

    // No Content-Length, many parts: counted as it streams.
    const parts = new FormData();
    for (let i = 0; i < 200; i++) parts.append(`f${i}`, "y".repeat(1000));
    const encoded = new Uint8Array(await new Response(parts).arrayBuffer());
    const contentType = new Response(parts).headers.get("content-type")!;
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < encoded.length; i += 1024) controller.enqueue(encoded.slice(i, i + 1024));
        controller.close();
      },
    });
    const request = new Request("http://localhost:3000/app/offers", {
      method: "POST",
      headers: { "Content-Type": contentType },
      body: chunked,
      duplex: "half",
    } as RequestInit);
    expect((await limitedFormData(request, 4096)).ok).toBe(false);
  });
});

describe("URL-encoded admin forms", () => {
  it("a CSV posted as a form field is limited by its decoded size, not its percent-encoded size", async () => {
    const { limitedFormData } = await import("../../app/services/security/form-limit.server");
    const post = (csv: string) => new Request("http://localhost:3000/app/offers", { method: "POST", body: new URLSearchParams({ intent: "import", csv }) });
    // 3,000 characters of commas and newlines: ~9 KB on the wire, under the 4 KB limit once decoded.
    const fits = await limitedFormData(post(",\n,".repeat(1000)), 4096);
    expect(fits.ok && String(fits.form.get("csv")).length).toBe(3000);
    expect((await limitedFormData(post("a".repeat(5000)), 4096)).ok).toBe(false);
  });
});
