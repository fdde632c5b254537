/**
 * customers/data_request produces an export the merchant downloads from Admin → Privacy requests
 * (JSON and CSV); a compliance payload that fails validation is shown there (and in the inbox)
 * instead of dead-lettering unseen; a later customers/redact erases the export too. Issue 16,
 * finding 5. The admin routes run with a real session token (authenticate.admin offline).
 */
import type { PrismaClient } from "@prisma/client";
import { getJwt } from "@shopify/shopify-api/test-helpers";
import { beforeAll, describe, expect, it } from "vitest";
import { TEST_API_KEY, TEST_API_SECRET, TEST_SHOP, useTestAppEnv } from "../helpers/app-env";
import { orderPayload } from "../helpers/orders";
import { signedWebhookRequest } from "../helpers/webhooks";

useTestAppEnv();

type Action = (args: { request: Request; params: object; context: object }) => Promise<Response>;
type Loader = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>;
let db: PrismaClient;
let runtime: typeof import("../../app/jobs/runtime.server");
let composition: typeof import("../../app/services.server");
let Worker: typeof import("../../app/jobs/worker.server").Worker;

const ORDER = "gid://shopify/Order/5917438099678354321";
const EMAIL = "jane@example.com";

async function deliver(topic: string, body: string, eventId: string) {
  const mod = (await import(`../../app/routes/webhooks.${topic.replace("/", ".")}.tsx`)) as { action: Action };
  const response = await mod.action({ request: signedWebhookRequest({ topic, body, eventId }), params: {}, context: {} });
  expect(response.status).toBe(200);
  const services = composition.services();
  await new Worker(services.queue, runtime.jobHandlers(services)).drain();
}

async function admin(path: string, loader: Loader, params: Record<string, string> = {}): Promise<unknown> {
  const { token } = await getJwt(TEST_SHOP.replace(".myshopify.com", ""), TEST_API_KEY, TEST_API_SECRET);
  try {
    return await loader({ request: new Request(`http://localhost:3000${path}`, { headers: { Authorization: `Bearer ${token}` } }), params, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

async function page() {
  const route = (await import("../../app/routes/app.privacy")) as unknown as { loader: Loader };
  return (await admin("/app/privacy", route.loader)) as {
    requests: { id: string; status: string; ordersFound: number; email: string | null; downloadedAt: string | null }[];
    failures: { topic: string; eventId: string; reason: string | null }[];
  };
}

async function download(id: string, query = ""): Promise<Response> {
  const route = (await import("../../app/routes/app.privacy.$id.export")) as unknown as { loader: Loader };
  return (await admin(`/app/privacy/${id}/export${query}`, route.loader, { id })) as Response;
}

beforeAll(async () => {
  db = (await import("../../app/db.server")).default;
  runtime = await import("../../app/jobs/runtime.server");
  composition = await import("../../app/services.server");
  ({ Worker } = await import("../../app/jobs/worker.server"));
  const { SCOPES } = await import("../../app/shopify/scopes");
  await db.session.create({
    data: { id: `offline_${TEST_SHOP}`, shop: TEST_SHOP, state: "installed", isOnline: false, scope: SCOPES.join(","), accessToken: "shpat_privacy" },
  });
  await db.shop.create({ data: { domain: TEST_SHOP } });
  await deliver("orders/create", orderPayload({ customerId: "55" }), "evt-order");
  const supplier = await db.supplier.create({
    data: {
      shop: TEST_SHOP,
      name: "West Coast Goods",
      contactEmail: "w@x.example",
      timeZone: "UTC",
      cutoff: "14:00",
      serviceTier: "next_day",
      handlingMinDays: 1,
      handlingMaxDays: 2,
    },
  });
  await db.purchaseOrder.create({
    data: {
      shop: TEST_SHOP,
      number: "PO-1001-A",
      orderId: ORDER,
      orderName: "#1001",
      supplierId: supplier.id,
      fulfillmentOrderId: "gid://shopify/FulfillmentOrder/1",
      status: "sent",
      serviceTier: "next_day",
      shipTo: JSON.stringify({ name: "Jane Doe", address1: "12 Export Way", countryCode: "CA" }),
      notes: "Gift wrap",
      lines: "[]",
      shipBy: new Date("2026-12-01T00:00:00Z"),
    },
  });
});

describe("customers/data_request", () => {
  it("builds the export: the customer's orders, purchase orders and the suppliers that received their address", async () => {
    await deliver(
      "customers/data_request",
      `{"shop_domain":"${TEST_SHOP}","customer":{"id":55,"email":"${EMAIL}"},"orders_requested":[],"data_request":{"id":9}}`,
      "evt-dr",
    );
    const { requests } = await page();
    expect(requests).toEqual([expect.objectContaining({ status: "ready", ordersFound: 1, email: EMAIL, downloadedAt: null })]);

    const response = await download(requests[0]!.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Disposition")).toMatch(/attachment; filename="customer-data-.*\.json"/);
    const data = (await response.json()) as { customer: object; recipients: string[]; sections: Record<string, Record<string, unknown>[]> };
    expect(data.customer).toEqual({ id: "gid://shopify/Customer/55", email: EMAIL, phone: null });
    expect(data.recipients).toEqual(["West Coast Goods"]);
    expect(data.sections.orders).toEqual([expect.objectContaining({ id: ORDER, name: "#1001", email: EMAIL })]);
    expect(data.sections.purchaseOrders).toEqual([
      expect.objectContaining({
        number: "PO-1001-A",
        supplier: "West Coast Goods",
        notes: "Gift wrap",
        shipTo: expect.objectContaining({ address1: "12 Export Way" }),
      }),
    ]);
    expect(data.sections.orderTimeline!.length).toBeGreaterThan(0);

    const csv = await download(requests[0]!.id, "?format=csv");
    expect(csv.headers.get("Content-Type")).toContain("text/csv");
    const text = await csv.text();
    expect(text).toContain("purchaseOrders,1,shipTo.address1,12 Export Way");
    expect(text).toContain(`orders,1,email,${EMAIL}`);
    expect((await page()).requests[0]!.downloadedAt).not.toBeNull();
  });

  it("another shop's request id is not found", async () => {
    await db.dataRequest.create({ data: { id: "dr_foreign", shop: "other.myshopify.com", ordersFound: 0, status: "ready", export: "{}" } });
    expect((await download("dr_foreign")).status).toBe(404);
  });

  it("a compliance payload that fails validation is shown on the privacy page (and dead-lettered in the inbox)", async () => {
    await deliver("customers/data_request", `{"shop_domain":"${TEST_SHOP}","orders_requested":[]}`, "evt-bad-dr");
    const { failures } = await page();
    expect(failures).toEqual([expect.objectContaining({ topic: "customers/data_request", eventId: "evt-bad-dr", reason: expect.stringMatching(/customer/) })]);
    const { deadJobs } = await import("../../app/models/inbox.server");
    expect((await deadJobs(db, TEST_SHOP)).map((j) => j.dedupeKey)).toContain(`webhook:${TEST_SHOP}:evt-bad-dr`);
  });

  it("a later customers/redact erases the export: the request stays, marked erased, and no longer downloads", async () => {
    const [request] = (await page()).requests;
    await deliver("customers/redact", `{"shop_domain":"${TEST_SHOP}","customer":{"id":55,"email":"${EMAIL}"},"orders_to_redact":[]}`, "evt-redact");
    const after = (await page()).requests.find((r) => r.id === request!.id)!;
    expect(after).toMatchObject({ status: "redacted", email: null });
    expect((await download(request!.id)).status).toBe(404);
    expect((await db.dataRequest.findUniqueOrThrow({ where: { id: request!.id } })).export).toBeNull();
  });

  it("a late orders/* webhook for the redacted order changes the order but keeps neither the customer nor the raw payload", async () => {
    await deliver("orders/cancelled", orderPayload({ customerId: "55", cancelledAt: "2026-11-25T10:00:00-05:00" }), "evt-late-cancel");
    const order = await db.order.findUniqueOrThrow({ where: { id: ORDER } });
    expect(order).toMatchObject({ email: null, shipTo: null, customerId: null });
    expect(order.cancelledAt).not.toBeNull();
    expect((await db.webhookEvent.findFirstOrThrow({ where: { eventId: "evt-late-cancel" } })).payload).toBe("");
  });
});
