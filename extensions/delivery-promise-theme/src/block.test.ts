/**
 * The app block as a storefront renders it (liquidjs with Shopify's `t`), fed the values the
 * app's publish code writes: its schema, its translations, the JSON it hands the script, and the
 * postcode field, which Liquid decides and must agree with the script's own rule.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { decodePromiseData } from "../../../app/domain/promise";
import { asksPostcode } from "../../../app/domain/storefront/region";
import {
  BLACK,
  blockSchema,
  BLOCK_FILE,
  CLAY,
  CSS_FILE,
  localeFile,
  payloadOf,
  publishedProduct,
  renderBlock,
  SAGE,
  type StorefrontVariant,
} from "./liquid-test-support";
import { parsePayload, variantData } from "./payload";

const product = publishedProduct();
const US = { iso_code: "US", name: "United States" };
const FR = { iso_code: "FR", name: "France" };

function keys(tree: unknown, prefix = ""): string[] {
  if (typeof tree !== "object" || tree === null) return [prefix];
  return Object.entries(tree).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe("the app block", () => {
  it("is a product-page app block that loads the bundled script and the stylesheet", () => {
    const schema = blockSchema();
    expect(schema).toMatchObject({
      target: "section",
      javascript: "delivery-promise.js",
      stylesheet: "delivery-promise.css",
      enabled_on: { templates: ["product"] },
    });
    const root = path.dirname(path.dirname(BLOCK_FILE));
    expect(fs.existsSync(path.join(root, "assets", "delivery-promise.js"))).toBe(true);
    expect(fs.readFileSync(path.join(root, "shopify.extension.toml"), "utf8")).toMatch(/^type = "theme"$/m);
  });

  it("has every storefront and editor string in English and French, and uses no other", () => {
    expect(keys(localeFile("fr")).sort()).toEqual(keys(localeFile("en")).sort());
    expect(keys(localeFile("fr", true)).sort()).toEqual(keys(localeFile("en", true)).sort());
    const source = fs.readFileSync(BLOCK_FILE, "utf8");
    const used = [...source.matchAll(/'(delivery_promise\.[a-z_]+)' \| t/g)].map((m) => m[1]!);
    expect(used.length).toBeGreaterThan(5);
    for (const key of used) expect(keys(localeFile("en"))).toContain(key);
    const editor = [...source.matchAll(/"t:([a-z_.]+)"/g)].map((m) => m[1]!);
    for (const key of editor) expect(keys(localeFile("en", true))).toContain(key);
  });

  it("hands the script each distinct published value once, every variant pointing at its own", () => {
    const payload = parsePayload(payloadOf(renderBlock({ variants: product.variants, calendar: product.calendar, country: US })))!;
    expect(payload.values).toHaveLength(2); // Black and Clay share Pacific Coast's value
    for (const variant of [BLACK, SAGE, CLAY]) {
      const published = product.variants.find((v) => v.id === variant.id)!.promise!;
      expect(variantData(payload, String(variant.id))).toEqual(decodePromiseData(published));
    }
    expect(payload).toMatchObject({ country: "US", locale: "en", language: "en", selected: String(BLACK.id) });
    expect(payload.strings.window).toBe("Arrives {window}");
    expect(payload.strings.notServed).toBe("We can't estimate delivery to United States yet.");
  });

  it("keeps variant ids beyond 2^53 exact (ids are strings end to end)", () => {
    const big = "9007199254745045";
    const variants: StorefrontVariant[] = [{ id: big, title: "Black", promise: product.variants[0]!.promise }];
    const payload = parsePayload(payloadOf(renderBlock({ variants, country: US })))!;
    expect(payload.selected).toBe(big);
    expect(Object.keys(payload.variants)).toEqual([big]);
    expect(variantData(payload, big)).not.toBeNull();
  });

  it("renders French strings for a French storefront", () => {
    const html = renderBlock({ variants: product.variants, calendar: product.calendar, country: FR, language: "fr" });
    expect(html).toContain("Livraison estimée vers : France");
    expect(parsePayload(payloadOf(html))?.strings.window).toBe("Livraison {window}");
  });

  it("still renders valid JSON for a product the app has published nothing for", () => {
    const bare: StorefrontVariant[] = [{ id: "1", title: "Default" }];
    const payload = parsePayload(payloadOf(renderBlock({ variants: bare, country: US })))!;
    expect(payload.values).toEqual([null]);
    expect(variantData(payload, "1")).toBeNull();
    expect(parsePayload(payloadOf(renderBlock({ variants: [], country: US })))?.selected).toBe(""); // no variant at all: still JSON
    expect(payload.calendar).toBeNull();
  });

  it("shows the postcode field exactly where the script's rule asks for one", () => {
    const cases: [StorefrontVariant[], typeof US][] = [
      [product.variants, US], // Pacific Coast has California and Oregon rows
      [product.variants, FR],
      [product.variants.filter((v) => v.id === SAGE.id), US], // EuroDrop: one US row
      [product.variants, { iso_code: "CA", name: "Canada" }],
    ];
    for (const [variants, country] of cases) {
      const html = renderBlock({ variants, calendar: product.calendar, country });
      const data = variants.map((v) => (v.promise ? decodePromiseData(v.promise) : null));
      expect(html.includes("data-dl-postcode"), `${country.iso_code} with ${variants.map((v) => v.title).join(", ")}`).toBe(
        asksPostcode(data, country.iso_code),
      );
    }
    expect(renderBlock({ variants: product.variants, country: US })).toContain('autocomplete="postal-code"');
  });

  it("renders every line the script may fill, and only those: the hint where a postcode is asked, the email line where the shop sends them", () => {
    const withNotices = publishedProduct("2026-12-01", { delayNotices: true });
    const us = renderBlock({ variants: withNotices.variants, calendar: withNotices.calendar, country: US });
    expect(us).toContain("data-dl-note");
    expect(us).toContain("data-dl-late");
    const fr = renderBlock({ variants: product.variants, calendar: product.calendar, country: FR });
    expect(fr).not.toContain("data-dl-note");
    expect(fr).not.toContain("data-dl-late");
  });

  it("reserves the box's height in the stylesheet and announces changes politely", () => {
    const css = fs.readFileSync(CSS_FILE, "utf8");
    expect(css).toMatch(/\.dl-promise__text,\s*\.dl-promise__note\s*\{[^}]*min-height: 1\.5em/);
    expect(css).toMatch(/\.dl-promise__note\s*\{[^}]*min-height: 3em/);
    const html = renderBlock({ variants: product.variants, country: US });
    expect(html).toMatch(/class="dl-promise__lines" aria-live="polite"/);
    expect(html).toMatch(/<label for="dl-postcode-AbC123">ZIP or postal code<\/label>/);
  });
});
