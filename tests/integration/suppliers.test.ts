/**
 * Suppliers and offers against the fake Admin API: the fulfillment service Shopify holds for each
 * supplier, and the offers CSV import's all-or-nothing rule.
 */
import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AdminClient, httpTransport } from "../../app/shopify/client.server";
import type { SupplierFormValues } from "../../app/models/supplier-form";
import { startFakeShopify, type FakeShopify } from "../fake-shopify";
import { TEST_SHOP, useTestAppEnv } from "../helpers/app-env";

useTestAppEnv();

const TOKEN = "shpat_suppliers_test";
const APP_URL = "http://localhost:3000";
// The fake's search has no OR yet, so each SKU is looked up on its own (see the report to the lead).
const SKU_BATCH = 50; // the fake understands OR now, as Shopify does

let fake: FakeShopify;
let db: PrismaClient;
let client: AdminClient;
let suppliers: typeof import("../../app/services/suppliers/suppliers.server");
let supplierRows: typeof import("../../app/models/suppliers.server");
let offersCsv: typeof import("../../app/services/offers/offers-csv.server");
const variantIds = new Map<string, string>();

const deps = () => ({ db, client, appUrl: APP_URL });
const shopState = () => fake.store.shop(TEST_SHOP);
const services = () => [...shopState().fulfillmentServices.values()];

function form(name: string, overrides: Partial<SupplierFormValues> = {}): SupplierFormValues {
  return {
    name,
    contactEmail: "orders@supplier.example",
    timeZone: "America/Los_Angeles",
    cutoff: "14:00",
    holidays: "2026-12-25",
    workingDays: ["1", "2", "3", "4", "5"],
    serviceTier: "same_day",
    handlingMinDays: "0",
    handlingMaxDays: "1",
    dropshipFee: "2.50",
    feedCadenceMinutes: "60",
    coverage: [{ countryCode: "US", provinceCode: "", transitMin: "2", transitMax: "5", shippingCost: "6.90" }],
    ...overrides,
  };
}

async function created(name: string) {
  const result = await suppliers.createSupplier(deps(), TEST_SHOP, form(name));
  if (!result.ok) throw new Error(`create failed: ${JSON.stringify(result.failure.fieldErrors)}`);
  return result.value;
}

beforeAll(async () => {
  fake = await startFakeShopify();
  fake.seedShop({ domain: TEST_SHOP, accessToken: TOKEN });
  for (const product of [
    { title: "Camp Mug Set (4)", variants: [{ sku: "DL-MUG-SET4", price: "42.50" }] },
    {
      title: "Packable Rain Shell",
      variants: [
        { sku: "DL-SHELL-M", price: "89.00" },
        { sku: "DL-SHELL-L", price: "89.00" },
      ],
    },
  ]) {
    for (const v of fake.createProduct({ shop: TEST_SHOP, ...product }).variants) variantIds.set(v.sku ?? "", v.id);
  }
  db = (await import("../../app/db.server")).default;
  suppliers = await import("../../app/services/suppliers/suppliers.server");
  supplierRows = await import("../../app/models/suppliers.server");
  offersCsv = await import("../../app/services/offers/offers-csv.server");
  client = new AdminClient(httpTransport({ shop: TEST_SHOP, accessToken: TOKEN, origin: fake.url }), { shop: TEST_SHOP });
});

afterAll(async () => {
  await fake?.close();
});

beforeEach(async () => {
  await db.offer.deleteMany();
  await db.supplier.deleteMany();
});

describe("suppliers are fulfillment services in Shopify", () => {
  it("creating a supplier creates its fulfillment service and location, and stores both GIDs", async () => {
    const supplier = await created("Pacific Outfitters Supply");
    const service = services().find((s) => s.serviceName === "Pacific Outfitters Supply");
    expect(service).toMatchObject({ callbackUrl: `${APP_URL}/fulfillment-service`, trackingSupport: true, inventoryManagement: true });
    expect(supplier).toMatchObject({ fulfillmentServiceId: service?.id, locationId: service?.locationId, status: "active", dropshipFeeMinor: 250 });
    expect(shopState().locations.get(supplier.locationId ?? "")).toMatchObject({ name: "Pacific Outfitters Supply", isActive: true });
  });

  it("renaming a supplier renames its fulfillment service and location, keeping the same GIDs", async () => {
    const supplier = await created("Atlantic Goods");
    const result = await suppliers.updateSupplier(deps(), TEST_SHOP, supplier.id, form("Atlantic Goods Co."));
    expect(result).toMatchObject({ ok: true, value: { name: "Atlantic Goods Co.", fulfillmentServiceId: supplier.fulfillmentServiceId } });
    expect(shopState().fulfillmentServices.get(supplier.fulfillmentServiceId ?? "")?.serviceName).toBe("Atlantic Goods Co.");
    expect(shopState().locations.get(supplier.locationId ?? "")?.name).toBe("Atlantic Goods Co.");
  });

  it("a name Shopify already has (another app's service, other case) is a field error and nothing is saved", async () => {
    await fake.graphql(`mutation { fulfillmentServiceCreate(name: "Hermes 3PL", callbackUrl: "http://localhost:9/x") { userErrors { message } } }`);
    const before = services().length;
    const result = await suppliers.createSupplier(deps(), TEST_SHOP, form("HERMES 3pl"));
    expect(result).toEqual({
      ok: false,
      failure: expect.objectContaining({ fieldErrors: { name: expect.stringContaining('Shopify already has a fulfillment service named "HERMES 3pl"') } }),
    });
    expect(await db.supplier.count()).toBe(0);
    expect(services()).toHaveLength(before);
  });

  it("renaming to a name Shopify has is a field error and leaves the supplier as it was", async () => {
    const supplier = await created("Nordic Trail");
    await fake.graphql(`mutation { fulfillmentServiceCreate(name: "Taken Name", callbackUrl: "http://localhost:9/x") { userErrors { message } } }`);
    const result = await suppliers.updateSupplier(deps(), TEST_SHOP, supplier.id, form("Taken Name", { cutoff: "09:00" }));
    expect(result).toMatchObject({ ok: false, failure: { fieldErrors: { name: expect.stringContaining("Shopify already has") } } });
    expect(await db.supplier.findUniqueOrThrow({ where: { id: supplier.id } })).toMatchObject({ name: "Nordic Trail", cutoff: "14:00" });
  });

  it("a name another supplier of the shop has (ignoring case) is refused before Shopify is asked", async () => {
    await created("Gulf Supply");
    const before = services().length;
    expect(await suppliers.createSupplier(deps(), TEST_SHOP, form("gulf supply"))).toEqual({
      ok: false,
      failure: { message: 'You already have a supplier named "gulf supply".', fieldErrors: { name: 'You already have a supplier named "gulf supply".' } },
    });
    expect(services()).toHaveLength(before);
  });

  it("re-creates the fulfillment service on rename when Shopify no longer has it", async () => {
    const supplier = await created("Lost Service Ltd");
    await fake.graphql(`mutation($id: ID!) { fulfillmentServiceDelete(id: $id, inventoryAction: DELETE) { deletedId } }`, {
      id: supplier.fulfillmentServiceId,
    });
    const result = await suppliers.updateSupplier(deps(), TEST_SHOP, supplier.id, form("Found Service Ltd"));
    if (!result.ok) throw new Error(JSON.stringify(result.failure.fieldErrors));
    expect(result.value.fulfillmentServiceId).not.toBe(supplier.fulfillmentServiceId);
    expect(shopState().fulfillmentServices.get(result.value.fulfillmentServiceId ?? "")?.serviceName).toBe("Found Service Ltd");
  });

  it("deleting a supplier deletes its fulfillment service and location, then the supplier and its offers", async () => {
    const supplier = await created("Short Lived Supply");
    await db.offer.create({
      data: { shop: TEST_SHOP, supplierId: supplier.id, variantId: variantIds.get("DL-MUG-SET4")!, sku: "DL-MUG-SET4", supplierSku: "S-1", unitCostMinor: 100 },
    });
    await db.portalToken.create({ data: { shop: TEST_SHOP, supplierId: supplier.id, tokenHash: "short-lived-portal-token-hash" } });
    expect(await suppliers.deleteSupplier(deps(), TEST_SHOP, supplier.id)).toEqual({ ok: true });
    // Its portal link and API token stop working with it.
    expect(await db.portalToken.count({ where: { supplierId: supplier.id, revokedAt: null } })).toBe(0);
    expect(shopState().fulfillmentServices.has(supplier.fulfillmentServiceId ?? "")).toBe(false);
    expect(shopState().locations.get(supplier.locationId ?? "")?.deletedAt).not.toBeNull();
    expect(await db.supplier.count()).toBe(0);
    expect(await db.offer.count()).toBe(0);
  });

  it("when Shopify cannot be reached, says so on the form and saves nothing", async () => {
    const offline = new AdminClient(httpTransport({ shop: TEST_SHOP, accessToken: TOKEN, origin: "http://127.0.0.1:9" }), { shop: TEST_SHOP, maxAttempts: 1 });
    const result = await suppliers.createSupplier({ ...deps(), client: offline }, TEST_SHOP, form("Unreachable Co"));
    expect(result).toEqual({
      ok: false,
      failure: expect.objectContaining({
        fieldErrors: { "": expect.stringMatching(/^Shopify could not create the fulfillment service .* Nothing was saved/) },
      }),
    });
    expect(await db.supplier.count()).toBe(0);
  });

  it("pausing is local and takes the supplier out of routing; resuming puts it back", async () => {
    const supplier = await created("Pausable Co");
    expect(await suppliers.setSupplierStatus(db, TEST_SHOP, supplier.id, "paused")).toBe(true);
    expect(await supplierRows.activeSuppliers(db, TEST_SHOP)).toEqual([]);
    expect(shopState().fulfillmentServices.has(supplier.fulfillmentServiceId ?? "")).toBe(true);
    await suppliers.setSupplierStatus(db, TEST_SHOP, supplier.id, "active");
    expect((await supplierRows.activeSuppliers(db, TEST_SHOP)).map((s) => s.id)).toEqual([supplier.id]);
    expect(await suppliers.setSupplierStatus(db, "other-shop.myshopify.com", supplier.id, "paused")).toBe(false);
  });
});

describe("offers CSV import", () => {
  const HEADER = "supplier,sku,supplier_sku,unit_cost,stock_on_hand";
  const importCsv = (text: string, mode: "all_or_nothing" | "apply_valid") =>
    offersCsv.importOffersCsv({ db, client, skuBatchSize: SKU_BATCH, now: () => new Date("2026-11-25T12:00:00Z") }, TEST_SHOP, text, mode);

  it("changes nothing when one row has an unknown SKU", async () => {
    const supplier = await created("Csv Supplier One");
    await importCsv(`${HEADER}\nCsv Supplier One,DL-MUG-SET4,CS-1,10.00,5\n`, "all_or_nothing");
    const result = await importCsv(`${HEADER}\nCsv Supplier One,DL-MUG-SET4,CS-1,12.00,9\nCsv Supplier One,DL-NOT-A-SKU,CS-2,3.00,1\n`, "all_or_nothing");
    expect(result).toMatchObject({ applied: 0, validRows: 1, badRows: 1 });
    expect(result.rows[1]?.problems).toEqual(['Unknown SKU "DL-NOT-A-SKU": no product variant in Shopify has it']);
    const offers = await db.offer.findMany({ where: { supplierId: supplier.id } });
    expect(offers.map((o) => [o.sku, o.unitCostMinor, o.stockOnHand])).toEqual([["DL-MUG-SET4", 1000, 5]]);
  });

  it("apply_valid writes only the valid rows, resolved to the variants carrying the SKUs", async () => {
    const supplier = await created("Csv Supplier Two");
    const text = `${HEADER}\nCsv Supplier Two,DL-SHELL-M,T-M,31.50,12\nCsv Supplier Two,DL-NOT-A-SKU,T-X,3.00,1\nCsv Supplier Two,DL-MUG-SET4,T-4,-2,4\nCsv Supplier Two,dl-shell-l,T-L2,31.50,0\n`;
    const result = await importCsv(text, "apply_valid");
    expect(result).toMatchObject({ applied: 2, validRows: 2, badRows: 2 });
    const offers = await db.offer.findMany({ where: { supplierId: supplier.id }, orderBy: { sku: "asc" } });
    expect(offers.map((o) => [o.sku, o.variantId, o.supplierSku, o.unitCostMinor, o.stockOnHand, o.stockUpdatedAt.toISOString()])).toEqual([
      ["DL-SHELL-L", variantIds.get("DL-SHELL-L"), "T-L2", 3150, 0, "2026-11-25T12:00:00.000Z"],
      ["DL-SHELL-M", variantIds.get("DL-SHELL-M"), "T-M", 3150, 12, "2026-11-25T12:00:00.000Z"],
    ]);
  });

  it("exports what it imported, in the same columns", async () => {
    await created("Csv Supplier Three");
    const text = `${HEADER}\r\nCsv Supplier Three,DL-MUG-SET4,M-4,9.99,7\r\n`;
    expect(await importCsv(text, "all_or_nothing")).toMatchObject({ applied: 1, badRows: 0 });
    expect(await offersCsv.exportOffersCsv(db, TEST_SHOP)).toBe(text);
    expect(await offersCsv.exportOffersCsv(db, "other-shop.myshopify.com")).toBe(`${HEADER}\r\n`);
  });
});
