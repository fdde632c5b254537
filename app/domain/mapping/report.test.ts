import { describe, expect, it } from "vitest";
import { mappingReport, soldVariants, type CatalogueVariant, type MappingOffer, type SoldOrder } from "./report";

const at = (iso: string) => new Date(`${iso}T12:00:00Z`);
const offer = (id: string, variantId: string, supplierSku: string, supplierId = "s1", supplierName = "Pacific"): MappingOffer => ({
  id,
  supplierId,
  supplierName,
  variantId,
  sku: `SKU-${variantId}`,
  supplierSku,
});
const variant = (variantId: string, productStatus = "ACTIVE", productTitle = "Mug"): CatalogueVariant => ({
  variantId,
  productId: `p-${variantId}`,
  productTitle,
  title: variantId,
  sku: `SKU-${variantId}`,
  productStatus,
});

describe("soldVariants", () => {
  const orders: SoldOrder[] = [
    {
      placedAt: at("2026-12-01"),
      cancelled: false,
      lines: [
        { variantId: "v1", sku: "A", title: "Mug", quantity: 2 },
        { variantId: "v1", sku: "A", title: "Mug", quantity: 1 },
      ],
    },
    {
      placedAt: at("2026-12-03"),
      cancelled: false,
      lines: [
        { variantId: "v1", sku: "A2", title: "Mug (new)", quantity: 1 },
        { variantId: null, sku: null, title: "Gift wrap", quantity: 1 },
      ],
    },
    { placedAt: at("2026-12-04"), cancelled: true, lines: [{ variantId: "v2", sku: "B", title: "Tee", quantity: 5 }] },
    { placedAt: at("2026-10-01"), cancelled: false, lines: [{ variantId: "v3", sku: "C", title: "Old", quantity: 9 }] },
  ];

  it("sums units and orders per variant in the window, skipping cancelled orders and custom items", () => {
    expect(soldVariants(orders, at("2026-11-07"))).toEqual([
      { variantId: "v1", sku: "A2", title: "Mug (new)", units: 4, orders: 2, lastSoldAt: at("2026-12-03") },
    ]);
  });
});

describe("mappingReport", () => {
  const sold = (variantId: string, units = 1) => ({ variantId, sku: variantId, title: variantId, units, orders: 1, lastSoldAt: at("2026-12-01") });
  const suppliers = [
    { id: "s1", name: "Pacific", hasFeed: true },
    { id: "s2", name: "Atlantic", hasFeed: false },
    { id: "s3", name: "Idle", hasFeed: false },
  ];

  it("lists sold variants with no offer", () => {
    const report = mappingReport({ offers: [offer("o1", "v1", "P-1")], sold: [sold("v1"), sold("v2", 5)], catalogue: null, suppliers });
    expect(report.soldWithoutOffer.map((s) => s.variantId)).toEqual(["v2"]);
  });

  it("does not ask for an offer for a sold variant since deleted or archived in Shopify", () => {
    const catalogue = { readAt: at("2026-12-05"), variants: [variant("v2", "ARCHIVED"), variant("v4")] };
    const report = mappingReport({ offers: [], sold: [sold("v2"), sold("v3"), sold("v4")], catalogue, suppliers });
    expect(report.soldWithoutOffer.map((s) => s.variantId)).toEqual(["v4"]);
  });

  it("lists active published variants with no offer, apart from those already listed as sold, and not drafts", () => {
    const catalogue = { readAt: at("2026-12-05"), variants: [variant("v1"), variant("v2"), variant("v5"), variant("v6", "DRAFT")] };
    const report = mappingReport({ offers: [offer("o1", "v1", "P-1")], sold: [sold("v2")], catalogue, suppliers });
    expect(report.publishedWithoutOffer.map((v) => v.variantId)).toEqual(["v5"]);
    expect(report.soldWithoutOffer.map((v) => v.variantId)).toEqual(["v2"]);
  });

  it("flags offers whose variant was deleted or whose product is archived, only once the catalogue was read", () => {
    const offers = [offer("o1", "v1", "P-1"), offer("o2", "gone", "P-2"), offer("o3", "v7", "P-3")];
    const catalogue = { readAt: at("2026-12-05"), variants: [variant("v1"), variant("v7", "ARCHIVED", "Retired mug")] };
    const report = mappingReport({ offers, sold: [], catalogue, suppliers });
    expect(report.brokenOffers.map((b) => [b.offer.id, b.reason, b.productTitle])).toEqual([
      ["o2", "deleted", null],
      ["o3", "archived", "Retired mug"],
    ]);
    expect(mappingReport({ offers, sold: [], catalogue: null, suppliers }).brokenOffers).toEqual([]);
  });

  it("flags a supplier SKU one supplier mapped to two variants, ignoring case, but not the same SKU at two suppliers", () => {
    const offers = [offer("o1", "v1", "MUG-1"), offer("o2", "v2", "mug-1 "), offer("o3", "v3", "MUG-1", "s2", "Atlantic")];
    const report = mappingReport({ offers, sold: [], catalogue: null, suppliers });
    expect(report.duplicateSupplierSkus).toHaveLength(1);
    expect(report.duplicateSupplierSkus[0]!.offers.map((o) => o.id)).toEqual(["o1", "o2"]);
  });

  it("lists suppliers with offers but no stock feed, not suppliers with neither", () => {
    const report = mappingReport({ offers: [offer("o1", "v1", "P-1"), offer("o2", "v2", "A-1", "s2", "Atlantic")], sold: [], catalogue: null, suppliers });
    expect(report.suppliersWithoutFeed).toEqual([{ id: "s2", name: "Atlantic", offers: 1 }]);
  });

  it("counts problems for the home page without published variants a shop may ship itself", () => {
    const catalogue = { readAt: at("2026-12-05"), variants: [variant("v1"), variant("v2"), variant("v9")] };
    const offers = [offer("o1", "v1", "P-1"), offer("o2", "v8", "P-1")];
    const report = mappingReport({ offers, sold: [sold("v2")], catalogue, suppliers });
    // sold v2 without offer, o2 on a deleted variant, P-1 twice at Pacific; v9 is published-only.
    expect(report.problems).toBe(3);
    expect(report.publishedWithoutOffer).toHaveLength(1);
  });
});
