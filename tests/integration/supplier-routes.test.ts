/**
 * The supplier and offer admin routes, called the way the embedded admin calls them: a data request
 * with a session token (Authorization: Bearer), for a shop whose offline session is stored, so the
 * real `authenticate.admin` runs without any outbound call. Shopify is the in-process fake.
 */
import type { PrismaClient } from "@prisma/client";
import { getJwt } from "@shopify/shopify-api/test-helpers";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeShopify, type FakeShopify } from "../fake-shopify";
import { TEST_API_KEY, TEST_API_SECRET, TEST_SHOP, useTestAppEnv } from "../helpers/app-env";

useTestAppEnv();

const TOKEN = "shpat_routes_test";
type RouteArgs = { request: Request; params: Record<string, string>; context: object };
type RouteFn = (args: RouteArgs) => Promise<unknown>;

let fake: FakeShopify;
let db: PrismaClient;

async function route(file: string): Promise<{ action?: RouteFn; loader?: RouteFn }> {
  return (await import(`../../app/routes/${file}.tsx`)) as { action?: RouteFn; loader?: RouteFn };
}

async function bearer(): Promise<string> {
  const { token } = await getJwt(TEST_SHOP.replace(".myshopify.com", ""), TEST_API_KEY, TEST_API_SECRET);
  return `Bearer ${token}`;
}

async function post(path: string, fields: Record<string, string>, auth = true): Promise<Request> {
  return new Request(`http://localhost:3000${path}`, {
    method: "POST",
    headers: auth ? { Authorization: await bearer() } : {},
    body: new URLSearchParams(fields),
  });
}

/** Runs a route function; a thrown Response (how the library answers) is returned, not thrown. */
async function call(fn: RouteFn | undefined, request: Request, params: Record<string, string> = {}): Promise<unknown> {
  if (!fn) throw new Error("route has no such function");
  try {
    return await fn({ request, params, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

const SUPPLIER_FIELDS = {
  intent: "save",
  name: "Pacific Outfitters Supply",
  contactEmail: "orders@pacific.example",
  timeZone: "America/Los_Angeles",
  cutoff: "14:00",
  holidays: "2026-12-25",
  serviceTier: "same_day",
  handlingMinDays: "0",
  handlingMaxDays: "1",
  dropshipFee: "2.50",
  feedCadenceMinutes: "60",
  "coverage.0.countryCode": "US",
  "coverage.0.provinceCode": "CA",
  "coverage.0.transitMin": "1",
  "coverage.0.transitMax": "2",
  "coverage.0.shippingCost": "4.90",
};

let counter = 0;
/** Supplier fields with a name not used before in this file (the fake keeps every service it created). */
function supplierFields(): Record<string, string> {
  counter += 1;
  return { ...SUPPLIER_FIELDS, name: `Pacific Outfitters ${counter}` };
}

beforeAll(async () => {
  fake = await startFakeShopify();
  fake.seedShop({ domain: TEST_SHOP, accessToken: TOKEN });
  fake.createProduct({ shop: TEST_SHOP, title: "Camp Mug Set (4)", variants: [{ sku: "DL-MUG-SET4", price: "42.50" }] });
  // Must be set before the first app module reads the environment.
  process.env.SHOPIFY_ADMIN_API_ORIGIN = fake.url;
  db = (await import("../../app/db.server")).default;
  const { SCOPES } = await import("../../app/shopify/scopes");
  await db.session.create({
    data: { id: `offline_${TEST_SHOP}`, shop: TEST_SHOP, state: "installed", isOnline: false, scope: SCOPES.join(","), accessToken: TOKEN },
  });
});

afterAll(async () => {
  await fake?.close();
});

beforeEach(async () => {
  await db.offer.deleteMany();
  await db.supplier.deleteMany();
});

describe("supplier routes", () => {
  it("creates a supplier from the form and its fulfillment service in Shopify, then redirects to the list", async () => {
    const { action } = await route("app.suppliers.$id");
    const fields = supplierFields();
    const response = (await call(action, await post("/app/suppliers/new", fields), { id: "new" })) as Response;
    expect(response.status).toBe(302);
    expect(new URL(response.headers.get("Location") ?? "").pathname).toBe("/app/suppliers");
    const saved = await db.supplier.findFirstOrThrow({ where: { shop: TEST_SHOP } });
    expect(saved).toMatchObject({
      name: fields.name,
      dropshipFeeMinor: 250,
      coverage: '[{"countryCode":"US","transitMin":1,"transitMax":2,"provinceCode":"CA","shippingCostMinor":490}]',
    });
    expect(fake.store.shop(TEST_SHOP).fulfillmentServices.get(saved.fulfillmentServiceId ?? "")?.serviceName).toBe(fields.name);
  });

  it("saves the working days the form ticked (Monday–Saturday), and refuses none ticked", async () => {
    const { action } = await route("app.suppliers.$id");
    const body = new URLSearchParams(supplierFields());
    body.set("workingDaysShown", "1");
    for (const day of ["1", "2", "3", "4", "5", "6"]) body.append("workingDays", day);
    const request = new Request("http://localhost:3000/app/suppliers/new", { method: "POST", headers: { Authorization: await bearer() }, body });
    expect(((await call(action, request, { id: "new" })) as Response).status).toBe(302);
    expect((await db.supplier.findFirstOrThrow({ where: { shop: TEST_SHOP } })).workingDays).toBe("[1,2,3,4,5,6]");

    const none = new URLSearchParams(supplierFields());
    none.set("workingDaysShown", "1");
    const refused = new Request("http://localhost:3000/app/suppliers/new", { method: "POST", headers: { Authorization: await bearer() }, body: none });
    expect(await call(action, refused, { id: "new" })).toEqual({ errors: { workingDays: "Choose at least one day the supplier ships" }, deleteError: null });
  });

  it("answers field errors and saves nothing when the form is wrong", async () => {
    const { action } = await route("app.suppliers.$id");
    const fields = { ...supplierFields(), cutoff: "25:00", "coverage.0.transitMin": "3" };
    expect(await call(action, await post("/app/suppliers/new", fields), { id: "new" })).toEqual({
      errors: { cutoff: "Cut-off must be a 24-hour time such as 14:00", "coverage.0.transitMax": "Transit max must be at least transit min" },
      deleteError: null,
    });
    expect(await db.supplier.count()).toBe(0);
  });

  it("sends a request without a session token to log in, and saves nothing", async () => {
    const { action } = await route("app.suppliers.$id");
    const response = await call(action, await post("/app/suppliers/new", supplierFields(), false), { id: "new" });
    expect(response).toBeInstanceOf(Response);
    expect((response as Response).status).toBe(302);
    expect((response as Response).headers.get("Location")).toBe("/auth/login");
    expect(await db.supplier.count()).toBe(0);
  });

  it("pauses a supplier from the list and deletes it from its page", async () => {
    const { action: save } = await route("app.suppliers.$id");
    await call(save, await post("/app/suppliers/new", supplierFields()), { id: "new" });
    const supplier = await db.supplier.findFirstOrThrow();
    const { action: list, loader } = await route("app.suppliers._index");
    expect(await call(list, await post("/app/suppliers", { intent: "pause", supplierId: supplier.id }))).toMatchObject({ ok: true });
    const listed = (await call(loader, new Request("http://localhost:3000/app/suppliers", { headers: { Authorization: await bearer() } }))) as {
      suppliers: { status: string; regions: string; cutoff: string }[];
    };
    expect(listed.suppliers).toEqual([expect.objectContaining({ status: "paused", regions: "US-CA", cutoff: "14:00 America/Los_Angeles" })]);
    const deleted = (await call(save, await post(`/app/suppliers/${supplier.id}`, { intent: "delete" }), { id: supplier.id })) as Response;
    expect(deleted.status).toBe(302);
    expect(await db.supplier.count()).toBe(0);
    expect(fake.store.shop(TEST_SHOP).fulfillmentServices.has(supplier.fulfillmentServiceId ?? "")).toBe(false);
  });
});

describe("offer routes", () => {
  it("imports a CSV, reports a bad row without changing anything, then applies the valid rows on request", async () => {
    const { action: save } = await route("app.suppliers.$id");
    await call(save, await post("/app/suppliers/new", supplierFields()), { id: "new" });
    const { action } = await route("app.offers");
    const { name } = await db.supplier.findFirstOrThrow();
    const csv = `supplier,sku,supplier_sku,unit_cost,stock_on_hand\n${name},DL-MUG-SET4,PAC-4,12.40,35\nNobody Supplies,DL-MUG-SET4,NB-4,1.00,1\n`;
    const refused = await call(action, await post("/app/offers", { intent: "import", mode: "all_or_nothing", csv }));
    expect(refused).toMatchObject({
      applied: 0,
      validRows: 1,
      badRows: 1,
      rows: [
        { line: 2, problems: [] },
        { line: 3, problems: ['Unknown supplier "Nobody Supplies"'] },
      ],
    });
    expect(await db.offer.count()).toBe(0);
    expect(await call(action, await post("/app/offers", { intent: "import", mode: "apply_valid", csv }))).toMatchObject({ applied: 1 });
    expect(await db.offer.findFirstOrThrow()).toMatchObject({ sku: "DL-MUG-SET4", supplierSku: "PAC-4", unitCostMinor: 1240, stockOnHand: 35 });
  });

  it("exports the shop's offers as a CSV attachment", async () => {
    const { action: save } = await route("app.suppliers.$id");
    await call(save, await post("/app/suppliers/new", supplierFields()), { id: "new" });
    const supplier = await db.supplier.findFirstOrThrow();
    await db.offer.create({
      data: {
        shop: TEST_SHOP,
        supplierId: supplier.id,
        variantId: "gid://shopify/ProductVariant/1",
        sku: "DL-MUG-SET4",
        supplierSku: "PAC-4",
        unitCostMinor: 1240,
        stockOnHand: 35,
      },
    });
    const { loader } = await route("app.offers.export");
    const response = (await call(loader, new Request("http://localhost:3000/app/offers/export", { headers: { Authorization: await bearer() } }))) as Response;
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="offers.csv"');
    expect(await response.text()).toBe(`supplier,sku,supplier_sku,unit_cost,stock_on_hand\r\n${supplier.name},DL-MUG-SET4,PAC-4,12.40,35\r\n`);
  });
});
