/**
 * The setup checklist on the home page and the SKU-mapping page, called the way the embedded admin
 * calls them (a session token for a shop whose offline session is stored): each step's state from
 * real data, the acknowledgements that complete the judgement steps, hiding and reopening, and a
 * suggestion accepted on the mapping page lowering the home page's count.
 */
import type { PrismaClient } from "@prisma/client";
import { getJwt } from "@shopify/shopify-api/test-helpers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeShopify, type FakeShopify } from "../fake-shopify";
import { TEST_API_KEY, TEST_API_SECRET, TEST_SHOP, useTestAppEnv } from "../helpers/app-env";

useTestAppEnv();

const TOKEN = "shpat_setup_test";
type RouteFn = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>;
type Step = { key: string; done: boolean; url: string; detail: string };
type Home = { checklist: { visible: boolean; complete: boolean; doneCount: number; steps: Step[] }; mapping: { problems: number; soldWithoutOffer: number } };

let fake: FakeShopify;
let db: PrismaClient;
const v = new Map<string, string>();

async function route(file: string): Promise<{ action?: RouteFn; loader?: RouteFn }> {
  return (await import(`../../app/routes/${file}.tsx`)) as { action?: RouteFn; loader?: RouteFn };
}
async function bearer(): Promise<string> {
  const { token } = await getJwt(TEST_SHOP.replace(".myshopify.com", ""), TEST_API_KEY, TEST_API_SECRET);
  return `Bearer ${token}`;
}
async function get(path: string): Promise<unknown> {
  const { loader } = await route(path === "/app" ? "app._index" : `app.${path.replace(/^\/app\//, "").split("?")[0]}`);
  return loader!({ request: new Request(`http://localhost:3000${path}`, { headers: { Authorization: await bearer() } }), params: {}, context: {} });
}
async function post(file: string, path: string, fields: Record<string, string>): Promise<unknown> {
  const { action } = await route(file);
  const request = new Request(`http://localhost:3000${path}`, {
    method: "POST",
    headers: { Authorization: await bearer() },
    body: new URLSearchParams(fields),
  });
  return action!({ request, params: {}, context: {} });
}
const home = async () => (await get("/app")) as Home;
const state = (h: Home) => Object.fromEntries(h.checklist.steps.map((s) => [s.key, s.done]));

beforeAll(async () => {
  fake = await startFakeShopify();
  process.env.SHOPIFY_ADMIN_API_ORIGIN = fake.url;
  fake.seedShop({ domain: TEST_SHOP, accessToken: TOKEN });
  for (const p of [
    {
      title: "Ceramic Mug",
      variants: [
        { sku: "MUG-11OZ-WHT", price: "12.00", title: "White" },
        { sku: "MUG-11OZ-BLK", price: "12.00", title: "Black" },
      ],
    },
    { title: "Organic Tee", variants: [{ sku: "TSHIRT-BLK-M", price: "25.00" }] },
  ]) {
    for (const variant of fake.createProduct({ shop: TEST_SHOP, ...p }).variants) v.set(variant.sku ?? "", variant.id);
  }
  db = (await import("../../app/db.server")).default;
  const { SCOPES } = await import("../../app/shopify/scopes");
  await db.session.create({
    data: { id: `offline_${TEST_SHOP}`, shop: TEST_SHOP, state: "installed", isOnline: false, scope: SCOPES.join(","), accessToken: TOKEN },
  });
  await db.shop.create({ data: { domain: TEST_SHOP } });
});

afterAll(async () => {
  await fake?.close();
});

describe("the setup checklist and the mapping page", () => {
  it("shows a fresh install every step to do, each linking to its screen", async () => {
    const h = await home();
    expect(h.checklist).toMatchObject({ visible: true, complete: false, doneCount: 0 });
    expect(h.checklist.steps.map((s) => s.url)).toEqual(["/app/suppliers", "/app/offers", "/app/feeds", "/app/routing", "/app/promise", "/app/notices"]);
    expect(h.mapping.problems).toBe(0);
  });

  it("marks steps done from the shop's data as the merchant sets up, and counts the variant sold with no offer", async () => {
    await db.supplier.create({
      data: {
        id: "s-pac",
        shop: TEST_SHOP,
        name: "Pacific",
        contactEmail: "x@example.com",
        timeZone: "UTC",
        cutoff: "14:00",
        serviceTier: "next_day",
        handlingMinDays: 1,
        handlingMaxDays: 2,
      },
    });
    await db.offer.create({
      data: {
        shop: TEST_SHOP,
        supplierId: "s-pac",
        variantId: v.get("MUG-11OZ-WHT")!,
        sku: "MUG-11OZ-WHT",
        supplierSku: "PCF-1",
        unitCostMinor: 400,
        stockOnHand: 5,
      },
    });
    await db.stockFeed.create({ data: { shop: TEST_SHOP, supplierId: "s-pac", settings: "{}", pushSecret: "x", lastGoodRunAt: new Date() } });
    await db.supplierStock.create({
      data: { shop: TEST_SHOP, supplierId: "s-pac", supplierSku: "PCF-MUG-11OZ-BLK", quantity: 8, costMinor: 410, updatedAt: new Date() },
    });
    await db.order.create({
      data: {
        id: "gid://shopify/Order/1",
        shop: TEST_SHOP,
        name: "#1001",
        currencyCode: "USD",
        totalMinor: 1200,
        channel: "web",
        placedAt: new Date(),
        lines: JSON.stringify([
          {
            lineItemId: "gid://shopify/LineItem/1",
            variantId: v.get("MUG-11OZ-BLK"),
            sku: "MUG-11OZ-BLK",
            title: "Ceramic Mug",
            quantity: 2,
            unitPriceMinor: 1200,
          },
        ]),
      },
    });
    const { saveRoutingPolicy } = await import("../../app/models/routing.server");
    await saveRoutingPolicy(db, TEST_SHOP, { preset: "balanced" });
    const h = await home();
    expect(state(h)).toEqual({ suppliers: true, offers: false, feeds: true, routing: true, promise: false, notices: false });
    expect(h.checklist.steps.find((s) => s.key === "offers")).toMatchObject({
      url: "/app/mapping",
      detail: expect.stringMatching(/1 variant sold recently has no supplier offer/),
    });
    expect(h.mapping).toEqual({ problems: 1, soldWithoutOffer: 1 });
  });

  it("completes the promise step only when the merchant confirms it on the promise page, and notices when saved", async () => {
    await get("/app/promise");
    expect(state(await home()).promise).toBe(false);
    expect(await post("app.promise", "/app/promise", { intent: "confirm" })).toMatchObject({ ok: true });
    expect(((await get("/app/promise")) as { confirmedAt: string | null }).confirmedAt).not.toBeNull();
    await post("app.notices", "/app/notices", { on: "carrier_delayed" });
    const h = await home();
    expect(state(h)).toMatchObject({ promise: true, notices: true });
  });

  it("reads the catalogue when the mapping page first opens, and accepting a suggestion there clears the home page's count", async () => {
    const mark = fake.markRequests();
    const page = (await get("/app/mapping")) as {
      sold: { sku: string }[];
      suggestions: { id: string; supplierSku: string; variantSku: string }[];
      readAt: string | null;
    };
    expect(fake.requestLog({ since: mark }).map((r) => r.operationName)).toEqual(["ProductVariantsCatalogue"]);
    expect(page.readAt).not.toBeNull();
    expect(page.sold.map((s) => s.sku)).toEqual(["MUG-11OZ-BLK"]);
    expect(page.suggestions.map((s) => [s.supplierSku, s.variantSku])).toEqual([["PCF-MUG-11OZ-BLK", "MUG-11OZ-BLK"]]);
    // a second visit within the hour uses the snapshot
    const again = fake.markRequests();
    await get("/app/mapping");
    expect(fake.requestLog({ since: again })).toEqual([]);

    const result = (await post("app.mapping", "/app/mapping", { intent: "accept", items: JSON.stringify([{ key: page.suggestions[0]!.id }]) })) as {
      message: string;
    };
    expect(result.message).toMatch(/Created 1 offer/);
    const h = await home();
    expect(h.mapping).toEqual({ problems: 0, soldWithoutOffer: 0 });
    expect(h.checklist).toMatchObject({ complete: true, visible: false });
    expect(await db.offerMappingAudit.count({ where: { shop: TEST_SHOP } })).toBe(1);
  });

  it("refuses a malformed accept and a cost that is not an amount", async () => {
    expect(await post("app.mapping", "/app/mapping", { intent: "accept", items: "not json" })).toMatchObject({ tone: "critical" });
    expect(await post("app.mapping", "/app/mapping", { intent: "accept", items: JSON.stringify([{ key: "k", cost: "12,5" }]) })).toMatchObject({
      tone: "critical",
      message: expect.stringMatching(/amount such as 12.50/),
    });
  });

  it("can be reopened once complete, stays until hidden again, and hides while incomplete", async () => {
    await post("app._index", "/app", { intent: "checklist", mode: "shown" });
    expect((await home()).checklist).toMatchObject({ complete: true, visible: true });
    await db.noticeSettings.update({
      where: { shop: TEST_SHOP },
      data: { disabled: JSON.stringify(["carrier_delayed", "no_movement", "late_ship_date", "predicted"]) },
    });
    await post("app._index", "/app", { intent: "checklist", mode: "hidden" });
    expect((await home()).checklist).toMatchObject({ complete: false, visible: false });
  });
});
