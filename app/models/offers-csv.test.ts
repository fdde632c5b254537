import { describe, expect, it } from "vitest";
import { checkOffersCsv, offersToCsv, parseOffersCsv, rowsToApply, type OfferResolvers } from "./offers-csv";

const SUPPLIERS = new Map([
  ["pacific", "sup_pacific"],
  ["atlantic", "sup_atlantic"],
]);
const VARIANTS: Record<string, { id: string; sku: string }[]> = {
  "DL-MUG-SET4": [{ id: "gid://shopify/ProductVariant/1", sku: "DL-MUG-SET4" }],
  "DL-SHELL-M": [{ id: "gid://shopify/ProductVariant/2", sku: "DL-SHELL-M" }],
  "DL-TWIN": [
    { id: "gid://shopify/ProductVariant/3", sku: "DL-TWIN" },
    { id: "gid://shopify/ProductVariant/4", sku: "DL-TWIN" },
  ],
};

/** Stand-ins for the database and Shopify lookups, recording what was asked. */
function resolvers(asked: { skus?: readonly string[] } = {}): OfferResolvers {
  return {
    suppliersByName: async (names) =>
      new Map(
        names
          .map((n) => n.toLowerCase())
          .filter((n) => SUPPLIERS.has(n))
          .map((n) => [n, SUPPLIERS.get(n)!]),
      ),
    variantsBySku: async (skus) => {
      asked.skus = skus;
      return new Map(skus.map((s) => [s, VARIANTS[s.toUpperCase()] ?? []]));
    },
  };
}

const HEADER = "supplier,sku,supplier_sku,unit_cost,stock_on_hand";
const csv = (...lines: string[]) => [HEADER, ...lines].join("\n");
const problemsByLine = (rows: { line: number; problems: string[] }[]) =>
  Object.fromEntries(rows.filter((r) => r.problems.length).map((r) => [r.line, r.problems]));

describe("offers CSV import report", () => {
  it("resolves a clean file to supplier ids and variant GIDs, in minor units", async () => {
    const checked = await checkOffersCsv(csv("Pacific,DL-MUG-SET4,PAC-77,12.40,35", "atlantic,DL-SHELL-M,ATL-1,31,0"), resolvers());
    expect(checked.fileError).toBeNull();
    expect(checked.valid).toEqual([
      {
        line: 2,
        supplierId: "sup_pacific",
        variantId: "gid://shopify/ProductVariant/1",
        sku: "DL-MUG-SET4",
        supplierSku: "PAC-77",
        unitCostMinor: 1240,
        stockOnHand: 35,
      },
      {
        line: 3,
        supplierId: "sup_atlantic",
        variantId: "gid://shopify/ProductVariant/2",
        sku: "DL-SHELL-M",
        supplierSku: "ATL-1",
        unitCostMinor: 3100,
        stockOnHand: 0,
      },
    ]);
  });

  it("reports an unknown SKU, an ambiguous SKU and an unknown supplier on their lines", async () => {
    const checked = await checkOffersCsv(csv("Pacific,DL-NOPE,X,1.00,1", "Pacific,DL-TWIN,Y,1.00,1", "Nobody Inc,DL-MUG-SET4,Z,1.00,1"), resolvers());
    expect(problemsByLine(checked.rows)).toEqual({
      2: ['Unknown SKU "DL-NOPE": no product variant in Shopify has it'],
      3: ['SKU "DL-TWIN" is on 2 variants in Shopify; make it unique first'],
      4: ['Unknown supplier "Nobody Inc"'],
    });
    expect(checked.valid).toEqual([]);
  });

  it("reports bad numbers: negative, non-numeric, decimals in stock, too many decimals in cost", async () => {
    const checked = await checkOffersCsv(
      csv("Pacific,DL-MUG-SET4,A,-1.00,3", "Pacific,DL-SHELL-M,B,abc,3", "Atlantic,DL-MUG-SET4,C,2.00,1.5", "Atlantic,DL-SHELL-M,D,2.005,-4"),
      resolvers(),
    );
    expect(problemsByLine(checked.rows)).toEqual({
      2: ['unit_cost "-1.00" is negative'],
      3: ['unit_cost "abc" is not an amount such as 12.50'],
      4: ['stock_on_hand "1.5" must be a whole number'],
      5: ['unit_cost "2.005" is not an amount such as 12.50', 'stock_on_hand "-4" is negative'],
    });
  });

  it("flags every copy of a supplier+SKU pair that appears twice (ignoring case)", async () => {
    const checked = await checkOffersCsv(csv("Pacific,DL-MUG-SET4,A,1.00,3", "Atlantic,DL-MUG-SET4,B,1.00,3", "pacific,dl-mug-set4,C,2.00,4"), resolvers());
    expect(problemsByLine(checked.rows)).toEqual({
      2: ["Duplicate row: Pacific / DL-MUG-SET4 appears on lines 2, 4"],
      4: ["Duplicate row: pacific / dl-mug-set4 appears on lines 2, 4"],
    });
    expect(checked.valid.map((v) => v.line)).toEqual([3]);
  });

  it("reads a UTF-8 BOM, header names in any case and order, CRLF line ends and blank lines", () => {
    const text = "\uFEFFSKU, Supplier ,UNIT_COST,Stock_On_Hand,Supplier_SKU\r\nDL-MUG-SET4,Pacific,1.00,2,P-1\r\n\r\n";
    const parsed = parseOffersCsv(text);
    expect(parsed).toEqual({
      fileError: null,
      rows: [{ line: 2, supplier: "Pacific", sku: "DL-MUG-SET4", supplierSku: "P-1", unitCost: "1.00", stockOnHand: "2", problems: [] }],
    });
  });

  it("refuses a file without the required columns, or one that is not CSV, as a whole", () => {
    expect(parseOffersCsv("supplier,sku,cost\nPacific,A,1").fileError).toBe(
      "Missing column(s): supplier_sku, unit_cost, stock_on_hand. The header must be: supplier, sku, supplier_sku, unit_cost, stock_on_hand.",
    );
    expect(parseOffersCsv(`${HEADER}\n"Pacific,A,B,1,2\n`).fileError).toMatch(/^The file is not valid CSV: Quote Not Closed/);
    expect(parseOffersCsv("").fileError).toBe("The file is empty.");
  });

  it("reports empty cells and does not look up blanks", async () => {
    const asked: { skus?: readonly string[] } = {};
    const checked = await checkOffersCsv(csv("Pacific,,X,1.00,2", "Pacific,DL-MUG-SET4,Y,1.00"), resolvers(asked));
    expect(problemsByLine(checked.rows)).toEqual({ 2: ["sku is empty"], 3: ["stock_on_hand is empty"] });
    expect(asked.skus).toEqual(["DL-MUG-SET4"]);
  });
});

describe("what an import writes", () => {
  const mixed = () => checkOffersCsv(csv("Pacific,DL-MUG-SET4,A,1.00,3", "Pacific,DL-NOPE,B,1.00,3", "Atlantic,DL-SHELL-M,C,2.00,0"), resolvers());

  it("writes nothing from a file with any bad row unless asked to apply the valid rows", async () => {
    expect(rowsToApply(await mixed(), "all_or_nothing")).toEqual([]);
  });

  it("writes only the valid rows when the merchant chose apply_valid", async () => {
    expect(rowsToApply(await mixed(), "apply_valid").map((r) => r.line)).toEqual([2, 4]);
  });

  it("writes every row of a clean file in either mode, and nothing for a file error", async () => {
    const clean = await checkOffersCsv(csv("Pacific,DL-MUG-SET4,A,1.00,3"), resolvers());
    expect(rowsToApply(clean, "all_or_nothing")).toHaveLength(1);
    expect(rowsToApply(await checkOffersCsv("nope", resolvers()), "apply_valid")).toEqual([]);
  });
});

describe("offers CSV export", () => {
  it("writes the import's columns, quoting what CSV needs, and reads back to the same rows", async () => {
    const text = offersToCsv([
      { supplier: "Pacific", sku: "DL-MUG-SET4", supplierSku: 'PAC "77", blue', unitCostMinor: 1240, stockOnHand: 35 },
      { supplier: "Atlantic", sku: "DL-SHELL-M", supplierSku: "ATL-1", unitCostMinor: 5, stockOnHand: 0 },
    ]);
    expect(text).toBe(`${HEADER}\r\nPacific,DL-MUG-SET4,"PAC ""77"", blue",12.40,35\r\nAtlantic,DL-SHELL-M,ATL-1,0.05,0\r\n`);
    const back = await checkOffersCsv(text, resolvers());
    expect(back.valid.map((v) => [v.supplierSku, v.unitCostMinor, v.stockOnHand])).toEqual([
      ['PAC "77", blue', 1240, 35],
      ["ATL-1", 5, 0],
    ]);
  });
});

describe("offers export is safe to open in a spreadsheet", () => {
  it("neutralises formula cells (finding 8) and reads them back unchanged on import", () => {
    const csv = offersToCsv([{ supplier: "=cmd|' /C calc'!A0", sku: "@SUM(1)", supplierSku: "-X+1", unitCostMinor: 1250, stockOnHand: -3 }]);
    const [, row] = csv.trim().split("\r\n");
    expect(row).toBe("'=cmd|' /C calc'!A0,'@SUM(1),'-X+1,12.50,-3");
    const parsed = parseOffersCsv(csv);
    expect(parsed.rows[0]).toMatchObject({ supplier: "=cmd|' /C calc'!A0", sku: "@SUM(1)", supplierSku: "-X+1", unitCost: "12.50", stockOnHand: "-3" });
  });
});

describe("offers CSV rows kept for mapping suggestions", () => {
  it("keeps a row whose only problem is an unknown SKU, with its optional title, cost and stock", async () => {
    const text = [
      "supplier,sku,supplier_sku,unit_cost,stock_on_hand,title",
      "Pacific,MUG-11-WHITE,PCF-778,4.20,12,Ceramic mug 11oz white",
      "Pacific,MUG-11-BLK,PCF-779,-1,12,Ceramic mug 11oz black",
      "Nobody,MUG-11-RED,X-1,4.20,3,Red mug",
    ].join("\n");
    const checked = await checkOffersCsv(text, {
      suppliersByName: async () => new Map([["pacific", "s-pacific"]]),
      variantsBySku: async (skus) => new Map(skus.map((s) => [s, []])),
    });
    expect(checked.unmatched).toEqual([
      { supplierId: "s-pacific", supplierSku: "PCF-778", sku: "MUG-11-WHITE", title: "Ceramic mug 11oz white", unitCostMinor: 420, stockOnHand: 12 },
    ]);
  });
});
