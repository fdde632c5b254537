/**
 * The demo's storefront page (/demo/storefront): a demo product page hosting the product page app
 * block, rendered from the demo shop's published promise values. Demo-only: 404 outside demo mode.
 */
import type { PrismaClient } from "@prisma/client";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { encodePromiseData, encodeShopCalendar, toSupplierPromiseData } from "../../app/domain/promise";
import { DEMO_SHOP } from "../../prisma/seed/demo-catalog";
import { useTestAppEnv } from "../helpers/app-env";

useTestAppEnv();

type Loader = (args: { request: Request; params: object; context: object }) => Promise<Response>;
let db: PrismaClient;

const load = async (query = ""): Promise<Response> => {
  const { loader } = (await import("../../app/demo/routes/storefront")) as unknown as { loader: Loader };
  return loader({ request: new Request(`http://localhost/demo/storefront${query}`), params: {}, context: {} }).catch((thrown: Response) => thrown);
};

beforeAll(async () => {
  db = (await import("../../app/db.server")).default;
  const { recordPublished } = await import("../../app/models/promise.server");
  const supplier = await db.supplier.create({
    data: {
      shop: DEMO_SHOP.domain,
      name: "EuroDrop Paris",
      contactEmail: "ops@example.com",
      timeZone: "Europe/Paris",
      cutoff: "12:00",
      serviceTier: "48_hour",
      handlingMinDays: 1,
      handlingMaxDays: 2,
    },
  });
  const skus = [
    ["DL-THERMOS-750-BLK", "gid://shopify/ProductVariant/7001"],
    ["DL-THERMOS-750-SGE", "gid://shopify/ProductVariant/7002"],
  ] as const;
  for (const [sku, variantId] of skus) {
    await db.offer.create({ data: { shop: DEMO_SHOP.domain, supplierId: supplier.id, variantId, sku, supplierSku: sku, unitCostMinor: 900 } });
  }
  const value = encodePromiseData({
    v: 1,
    suppliers: [
      toSupplierPromiseData(
        { timeZone: "Europe/Paris", cutoff: "12:00", holidays: [] },
        { min: 1, max: 2 },
        [{ countryCode: "FR", transit: { min: 1, max: 2 } }],
        supplier.id,
      ),
    ],
  });
  await recordPublished(
    db,
    DEMO_SHOP.domain,
    [
      { ownerId: skus[0][1], key: "promise", value, hash: "a" },
      { ownerId: "gid://shopify/Shop/1", key: "calendar", value: encodeShopCalendar(["2026-12-25"]), hash: "b" },
    ],
    new Date(),
  );
});

afterEach(() => {
  process.env.DROPLINE_DEMO = "0";
});

describe("the demo storefront page", () => {
  it("is not there outside demo mode", async () => {
    expect((await load()).status).toBe(404);
  });

  it("hosts the app block with the demo shop's published values, the script and the stylesheet", async () => {
    process.env.DROPLINE_DEMO = "1";
    const response = await load("?product=0&country=FR&lang=fr");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toContain("text/html");
    const html = await response.text();
    expect(html).toContain("<h1>Trail Thermos 750 ml</h1>");
    expect(html).toContain("Livraison estimée vers : France");
    const payload = JSON.parse(/<script type="application\/json">([\s\S]*?)<\/script>/.exec(html)![1]!) as {
      variants: Record<string, number>;
      values: unknown[];
    };
    expect(payload.variants).toEqual({ "7001": 0, "7002": 1 });
    expect(payload.values[1]).toBeNull(); // Sage has nothing published: the block will say so
    expect(html).toContain("dropline-delivery-promise");
    expect(html).toContain('action="/cart/add"');
  });
});
