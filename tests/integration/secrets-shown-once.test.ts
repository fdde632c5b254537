/**
 * Issue 16, finding 6: secrets are shown once, in the answer to the action that creates them (push
 * secret, carrier-event secret, supplier portal/API link), then masked to their last 4 characters in
 * every admin loader payload. Called the way the embedded admin calls the routes (a session token;
 * the real `authenticate.admin`).
 */
import type { PrismaClient } from "@prisma/client";
import { getJwt } from "@shopify/shopify-api/test-helpers";
import { beforeAll, describe, expect, it } from "vitest";
import { TEST_API_KEY, TEST_API_SECRET, TEST_SHOP, useTestAppEnv } from "../helpers/app-env";

useTestAppEnv();

type RouteFn = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>;
let db: PrismaClient;
let supplierId: string;

async function route(file: string): Promise<{ action: RouteFn; loader: RouteFn }> {
  return (await import(`../../app/routes/${file}.tsx`)) as { action: RouteFn; loader: RouteFn };
}

async function bearer(): Promise<string> {
  const { token } = await getJwt(TEST_SHOP.replace(".myshopify.com", ""), TEST_API_KEY, TEST_API_SECRET);
  return `Bearer ${token}`;
}

const get = async (path: string) => new Request(`http://localhost:3000${path}`, { headers: { Authorization: await bearer() } });
const post = async (path: string, fields: Record<string, string>) =>
  new Request(`http://localhost:3000${path}`, { method: "POST", headers: { Authorization: await bearer() }, body: new URLSearchParams(fields) });

/** What the browser receives: a loader's or action's payload as JSON text. */
async function payload(answer: unknown): Promise<string> {
  return answer instanceof Response ? answer.text() : JSON.stringify(answer);
}

beforeAll(async () => {
  db = (await import("../../app/db.server")).default;
  const { SCOPES } = await import("../../app/shopify/scopes");
  await db.session.create({
    data: { id: `offline_${TEST_SHOP}`, shop: TEST_SHOP, state: "installed", isOnline: false, scope: SCOPES.join(","), accessToken: "shpat_secrets_admin" },
  });
  const supplier = await db.supplier.create({
    data: {
      shop: TEST_SHOP,
      name: "Masked Supplier",
      contactEmail: "s@example.com",
      timeZone: "UTC",
      cutoff: "14:00",
      serviceTier: "next_day",
      handlingMinDays: 1,
      handlingMaxDays: 2,
    },
  });
  supplierId = supplier.id;
});

describe("secrets are shown once, then masked", () => {
  it("stock-feed push secret: the feed page shows the last 4 characters; creating a new one shows it once", async () => {
    const page = await route("app.feeds.$supplierId");
    const path = `/app/feeds/${supplierId}`;
    const first = await payload(await page.loader({ request: await get(path), params: { supplierId }, context: {} }));
    const stored = (await db.stockFeed.findFirstOrThrow({ where: { shop: TEST_SHOP, supplierId } })).pushSecret;
    expect(first).not.toContain(stored);
    expect(first).toContain(`"maskedSecret":"••••${stored.slice(-4)}"`);

    const created = JSON.parse(await payload(await page.action({ request: await post(path, { intent: "rotate" }), params: { supplierId }, context: {} }))) as {
      newSecret: string;
    };
    const rotated = (await db.stockFeed.findFirstOrThrow({ where: { shop: TEST_SHOP, supplierId } })).pushSecret;
    expect(created.newSecret).toBe(rotated);
    expect(rotated).not.toBe(stored);

    const after = await payload(await page.loader({ request: await get(path), params: { supplierId }, context: {} }));
    expect(after).not.toContain(rotated);
    expect(after).toContain(`••••${rotated.slice(-4)}`);
  });

  it("carrier-event secret: the tracking page shows the last 4 characters; replacing it shows the new one once", async () => {
    const page = await route("app.tracking");
    const first = await payload(await page.loader({ request: await get("/app/tracking"), params: {}, context: {} }));
    const stored = (await db.trackingSettings.findUniqueOrThrow({ where: { shop: TEST_SHOP } })).carrierEventSecret;
    expect(first).not.toContain(stored);
    expect(first).toContain(`••••${stored.slice(-4)}`);

    const created = JSON.parse(
      await payload(await page.action({ request: await post("/app/tracking", { intent: "rotate_secret" }), params: {}, context: {} })),
    ) as {
      newSecret: string;
    };
    const rotated = (await db.trackingSettings.findUniqueOrThrow({ where: { shop: TEST_SHOP } })).carrierEventSecret;
    expect(created.newSecret).toBe(rotated);
    const after = await payload(await page.loader({ request: await get("/app/tracking"), params: {}, context: {} }));
    expect(after).not.toContain(rotated);
    expect(after).toContain(`••••${rotated.slice(-4)}`);
  });

  it("supplier webhook secret and portal/API link: the channels page shows a masked secret, and the link only in the answer that issues it", async () => {
    const { saveSupplierCoordination } = await import("../../app/models/purchase-orders.server");
    await saveSupplierCoordination(db, TEST_SHOP, supplierId, {
      channel: "webhook",
      webhookUrl: "https://hooks.example.com/po",
      webhookSecret: "whsec_supplier_typed_9876",
    });
    const page = await route("app.purchase-orders.suppliers");
    const listed = await payload(await page.loader({ request: await get("/app/purchase-orders/suppliers"), params: {}, context: {} }));
    expect(listed).not.toContain("whsec_supplier_typed_9876");
    expect(listed).toContain("••••9876");

    const issued = await payload(
      await page.action({ request: await post("/app/purchase-orders/suppliers", { intent: "rotate", supplierId }), params: {}, context: {} }),
    );
    const token = /\/portal\/(dlp_[A-Za-z0-9_-]+)/u.exec(issued)?.[1];
    expect(token).toBeDefined();
    const again = await payload(await page.loader({ request: await get("/app/purchase-orders/suppliers"), params: {}, context: {} }));
    expect(again).not.toContain(token!);
  });
});
