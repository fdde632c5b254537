import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { collectDocuments, documentProblems } from "../helpers/graphql-documents";

const APP = path.resolve(__dirname, "../../app");

describe("every GraphQL document the app sends", () => {
  const documents = collectDocuments(APP);

  it("is found (the collector sees the app's documents)", () => {
    expect(documents.length).toBeGreaterThan(0);
    expect(documents.map((d) => d.file)).toContain(path.join("app", "shopify", "shop.ts"));
  });

  for (const doc of documents) {
    it(`validates against Admin API 2026-04: ${doc.file}:${doc.line}`, () => {
      expect(documentProblems(doc)).toEqual([]);
    });
  }
});

describe("the document check itself", () => {
  function docsIn(source: string) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gql-"));
    fs.writeFileSync(path.join(dir, "ops.ts"), source);
    return collectDocuments(dir);
  }

  it("fails on an unknown field", () => {
    const [doc] = docsIn("export const Q = `#graphql\n query Bad { shop { name notAShopField } }\n`;");
    expect(documentProblems(doc!)).toEqual([expect.stringContaining('Cannot query field "notAShopField" on type "Shop"')]);
  });

  it("fails on a wrong argument and on interpolation", () => {
    const [bad, interpolated] = docsIn(
      "const a = `#graphql\n query A { orders(frist: 5) { nodes { id } } }`;\nconst b = `#graphql\n query B { shop { ${'${'}x} } }`;",
    );
    expect(documentProblems(bad!).join()).toMatch(/Unknown argument "frist"/);
    expect(documentProblems(interpolated!)).toEqual(["interpolates values; pass variables instead"]);
  });
});
