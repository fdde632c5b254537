import { describe, expect, it } from "vitest";
import { skuKey, suggestMappings, suggestionKey, titleKey, type UnmatchedSupplierRow, type VariantCandidate } from "./suggest";

const variants: VariantCandidate[] = [
  { variantId: "v-mug-w", sku: "MUG-11OZ-WHT", title: "Ceramic Mug - 11 oz / White" },
  { variantId: "v-mug-b", sku: "MUG-11OZ-BLK", title: "Ceramic Mug - 11 oz / Black" },
  { variantId: "v-tee-m", sku: "TSHIRT-BLK-M", title: "Organic Tee - Black / M" },
  { variantId: "v-tee-l", sku: "TSHIRT-BLK-L", title: "Organic Tee - Black / L" },
  { variantId: "v-candle", sku: "CANDLE-LAV-200", title: "Soy Candle - Lavender 200g" },
  { variantId: "v-poster", sku: "POSTER-A3", title: "Poster - A3" },
];

const row = (supplierSku: string, extra: Partial<UnmatchedSupplierRow> = {}): UnmatchedSupplierRow => ({
  supplierId: "s1",
  supplierName: "Pacific",
  supplierSku,
  typedSku: null,
  title: null,
  unitCostMinor: 450,
  quantity: 12,
  stockAt: new Date("2026-12-06T08:00:00Z"),
  source: "feed",
  ...extra,
});

const best = (r: UnmatchedSupplierRow, offered: { supplierId: string; variantId: string }[] = []) =>
  suggestMappings([r], variants, offered).map((s) => [s.variant.sku, s.matchedOn]);

describe("suggestMappings on realistic near-misses", () => {
  it("scores the same SKU with other case and separators as certain", () => {
    const [s] = suggestMappings([row("mug_11oz.wht")], variants, []);
    expect(s?.variant.variantId).toBe("v-mug-w");
    expect(s?.score).toBe(1);
  });

  it("finds the variant behind a supplier prefix, a dropped letter, a typo and a shortened size", () => {
    expect(best(row("PCF-MUG-11OZ-WHT"))).toEqual([["MUG-11OZ-WHT", "sku"]]);
    expect(best(row("TSHIRT-BK-M"))).toEqual([["TSHIRT-BLK-M", "sku"]]);
    expect(best(row("POSTR-A3"))).toEqual([["POSTER-A3", "sku"]]);
    expect(best(row("MUG-11-WHT"))).toEqual([["MUG-11OZ-WHT", "sku"]]);
  });

  it("picks the right sibling among variants one letter apart", () => {
    expect(best(row("TSHIRT-BLK-L"))).toEqual([["TSHIRT-BLK-L", "sku"]]);
    expect(best(row("MUG-11OZ-BLACK"))).toEqual([["MUG-11OZ-BLK", "sku"]]);
  });

  it("matches on the title when the supplier's SKU is its own numbering", () => {
    expect(best(row("X-99812", { title: "Lavender soy candle 200 g" }))).toEqual([["CANDLE-LAV-200", "title"]]);
  });

  it("uses the SKU the merchant typed in the offers CSV", () => {
    expect(best(row("88812", { typedSku: "candle-lav-200", source: "offers_csv" }))).toEqual([["CANDLE-LAV-200", "sku"]]);
  });

  it("suggests nothing for an unrelated SKU or one too short to mean anything", () => {
    expect(best(row("ZZZ-1234"))).toEqual([]);
    expect(best(row("A3"))).toEqual([]);
  });

  it("never suggests a variant the supplier already offers", () => {
    expect(best(row("MUG-11OZ-WHT"), [{ supplierId: "s1", variantId: "v-mug-w" }])).not.toContainEqual(["MUG-11OZ-WHT", "sku"]);
    // another supplier's offer does not rule it out
    expect(best(row("MUG-11OZ-WHT"), [{ supplierId: "s2", variantId: "v-mug-w" }])).toEqual([["MUG-11OZ-WHT", "sku"]]);
  });

  it("gives a variant to the supplier row that matches it best, once per supplier", () => {
    const out = suggestMappings([row("MUG11OZWHT-OLD"), row("MUG-11OZ-WHT")], variants, []);
    const white = out.filter((s) => s.variant.variantId === "v-mug-w");
    expect(white.map((s) => s.row.supplierSku)).toEqual(["MUG-11OZ-WHT"]);
    // the same variant can still be suggested for another supplier's row
    const two = suggestMappings([row("MUG-11OZ-WHT"), row("MUG-11OZ-WHT", { supplierId: "s2" })], variants, []);
    expect(two.map((s) => s.variant.variantId)).toEqual(["v-mug-w", "v-mug-w"]);
  });

  it("ignores variants with no SKU", () => {
    expect(suggestMappings([row("GIFT")], [{ variantId: "g", sku: "", title: "Gift" }], [])).toEqual([]);
  });

  it("keys a suggestion by supplier, supplier SKU and variant", () => {
    const [s] = suggestMappings([row("POSTER-A3")], variants, []);
    expect(JSON.parse(suggestionKey(s!))).toEqual(["s1", "POSTER-A3", "v-poster"]);
  });

  it("normalises SKUs and titles for comparison", () => {
    expect(skuKey(" mug-11oz_wht ")).toBe("MUG11OZWHT");
    expect(titleKey("White Mug, 11 oz")).toBe("11oz mug white");
  });
});
