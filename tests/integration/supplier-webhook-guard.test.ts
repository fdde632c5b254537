/**
 * Finding 1, supplier webhook channel: purchase orders are posted through the SSRF guard. A refused
 * address fails the delivery for good with a reason the merchant reads on the purchase order; a
 * supplier's error answer shows its status, never its body; saving an internal IP is refused.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_SHOP, useTestAppEnv } from "../helpers/app-env";

useTestAppEnv();

let db: typeof import("../../app/db.server").default;
let supplierId = "";
let receiver: http.Server;
let port = 0;
const received: string[] = [];

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    received.push(req.url ?? "");
    if (req.url === "/redirect") res.writeHead(307, { Location: "http://[::ffff:a9fe:a9fe]/latest/meta-data/" }).end();
    else res.writeHead(500, { "Content-Type": "text/plain" }).end("internal secret: db-password=hunter2");
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  port = (receiver.address() as AddressInfo).port;
  db = (await import("../../app/db.server")).default;
  await db.shop.create({ data: { domain: TEST_SHOP } });
  const supplier = await db.supplier.create({
    data: {
      shop: TEST_SHOP,
      name: "Hook Co",
      contactEmail: "h@x.example",
      timeZone: "UTC",
      cutoff: "14:00",
      serviceTier: "next_day",
      handlingMinDays: 1,
      handlingMaxDays: 2,
    },
  });
  supplierId = supplier.id;
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

async function deliverTo(webhookUrl: string, number: string) {
  const { saveSupplierCoordination } = await import("../../app/models/purchase-orders.server");
  await saveSupplierCoordination(db, TEST_SHOP, supplierId, { channel: "webhook", webhookUrl, webhookSecret: "s".repeat(32) });
  const po = await db.purchaseOrder.create({
    data: {
      shop: TEST_SHOP,
      number,
      orderId: "gid://shopify/Order/1",
      orderName: "#1",
      supplierId,
      fulfillmentOrderId: `gid://shopify/FulfillmentOrder/${number}`,
      status: "sent",
      serviceTier: "next_day",
      shipTo: "{}",
      lines: "[]",
      shipBy: new Date(Date.now() + 86_400_000),
    },
  });
  const { deliverWork } = await import("../../app/services/coordination/deliver.server");
  const { services } = await import("../../app/services.server");
  const error = await deliverWork(services())
    .perform({ id: "j", shop: TEST_SHOP, kind: "coordination.deliver", payload: { poId: po.id, kind: "purchase_order" }, attempts: 1 } as never)
    .then(
      () => null,
      (e: Error) => e,
    );
  const stored = await db.purchaseOrder.findUniqueOrThrow({ where: { id: po.id } });
  return { error, deliveryError: stored.deliveryError ?? "" };
}

describe("supplier webhook channel through the SSRF guard", () => {
  it("refuses an IPv4-mapped metadata address for good, and tells the merchant why", async () => {
    const { error, deliveryError } = await deliverTo("http://[::ffff:a9fe:a9fe]/hook", "PO-SSRF-1");
    expect(error?.name).toBe("TerminalJobError");
    expect(deliveryError).toBe(
      "purchase_order: The supplier's webhook URL resolves to ::ffff:a9fe:a9fe, a IPv4-in-IPv6 address. Dropline only connects to public internet addresses.",
    );
  });

  it("re-checks a redirect from the supplier's server (307 keeps the POST) and refuses it", async () => {
    received.length = 0;
    const { error, deliveryError } = await deliverTo(`http://127.0.0.1:${port}/redirect`, "PO-SSRF-2");
    expect(error?.name).toBe("TerminalJobError");
    expect(deliveryError).toMatch(/webhook URL's redirect to \[::ffff:a9fe:a9fe\] resolves to ::ffff:a9fe:a9fe, a IPv4-in-IPv6 address/);
    expect(received).toEqual(["/redirect"]);
  });

  it("an error answer shows its status, never its body, and is retried", async () => {
    const { error, deliveryError } = await deliverTo(`http://127.0.0.1:${port}/fails`, "PO-SSRF-3");
    expect(error?.name).not.toBe("TerminalJobError");
    expect(deliveryError).toMatch(/answered HTTP 500/);
    expect(deliveryError).not.toMatch(/hunter2|secret/);
  });

  it("saving a webhook URL with an internal IP literal is refused with the reason", async () => {
    const { saveChannel } = await import("../../app/services/coordination/admin-actions.server");
    const { services } = await import("../../app/services.server");
    const saved = await saveChannel(services(), TEST_SHOP, {
      supplierId,
      channel: "webhook",
      webhookUrl: "http://[64:ff9b::a9fe:a9fe]/hook",
      webhookSecret: "s".repeat(32),
      openTime: "08:00",
      closeTime: "18:00",
    });
    expect(saved.ok).toBe(false);
    expect(saved.ok ? "" : saved.failure.message).toMatch(/64:ff9b::a9fe:a9fe, a IPv4-in-IPv6 address/);
  });
});
