/**
 * Test support: renders the app block's Liquid the way a storefront would, with liquidjs and the
 * few Shopify-specific pieces it uses (`t` with `{{ name }}` interpolation from the extension's
 * locale file, `{% schema %}` printing nothing), and builds the product a Liquid template sees
 * from metafield values produced by the app's real publish code.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Liquid, Tag, type TagToken, type TopLevelToken, type Liquid as Engine } from "liquidjs";
import { encodeShopCalendar } from "../../../app/domain/promise";
import { makeOffer, makePolicy, makeSupplier } from "../../../app/domain/routing/test-fixtures";
import type { Supplier, SupplierOffer } from "../../../app/domain/routing/types";
import { buildPromiseValues } from "../../../app/domain/variant-promise/publish";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const BLOCK_FILE = path.join(root, "blocks", "delivery-promise.liquid");
export const ASSET_FILE = path.join(root, "assets", "delivery-promise.js");
export const CSS_FILE = path.join(root, "assets", "delivery-promise.css");

export type Language = "en" | "fr";

export function localeFile(language: Language, schema = false): Record<string, unknown> {
  const name = `${language === "en" ? "en.default" : language}${schema ? ".schema" : ""}.json`;
  return JSON.parse(fs.readFileSync(path.join(root, "locales", name), "utf8")) as Record<string, unknown>;
}

function lookup(tree: Record<string, unknown>, key: string): string | undefined {
  let node: unknown = tree;
  for (const part of key.split(".")) node = typeof node === "object" && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === "string" ? node : undefined;
}

/** The block's `{% schema %}` JSON. */
export function blockSchema(): Record<string, unknown> {
  const source = fs.readFileSync(BLOCK_FILE, "utf8");
  const match = /\{%\s*schema\s*%\}([\s\S]*?)\{%\s*endschema\s*%\}/.exec(source);
  if (!match) throw new Error("The block has no {% schema %}");
  return JSON.parse(match[1]!) as Record<string, unknown>;
}

function engine(language: Language): Engine {
  const liquid = new Liquid({ strictFilters: true });
  const strings = localeFile(language);
  // Shopify's `t`: the key's translation, `{{ name }}` replaced by the named arguments.
  liquid.registerFilter("t", (key: string, ...args: unknown[]) => {
    const template = lookup(strings, key);
    if (template === undefined) return `translation missing: ${language}.${key}`;
    const named = Object.fromEntries(args.filter((a): a is [string, unknown] => Array.isArray(a)));
    return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in named ? String(named[name]) : whole));
  });
  liquid.registerTag(
    "schema",
    class extends Tag {
      constructor(token: TagToken, remain: TopLevelToken[], engine: Engine) {
        super(token, remain, engine);
        // Skip everything up to {% endschema %}: it is the theme editor's, not the page's.
        while (remain.length > 0) {
          const next = remain.shift() as TagToken;
          if (next.name === "endschema") return;
        }
        throw new Error("{% schema %} without {% endschema %}");
      }
      *render(): Generator<never, void, unknown> {}
    },
  );
  return liquid;
}

/** A metafield as Liquid sees it: `.value` is the parsed JSON. */
const metafield = (value: string | undefined) => (value === undefined ? undefined : { value: JSON.parse(value) as unknown });

export interface StorefrontVariant {
  /** Numeric id, as Liquid prints `variant.id`. */
  readonly id: number;
  readonly title: string;
  /** The `$app.promise` value the app published (JSON text), if any. */
  readonly promise?: string;
}

export interface RenderOptions {
  readonly variants: readonly StorefrontVariant[];
  readonly calendar?: string;
  readonly country: { readonly iso_code: string; readonly name: string };
  readonly language?: Language;
  readonly settings?: { readonly show_destination?: boolean; readonly show_border?: boolean };
  readonly selected?: number;
}

/** The block's HTML for a product page. */
export function renderBlock(options: RenderOptions): string {
  const language = options.language ?? "en";
  const variants = options.variants.map((v) => ({ id: v.id, title: v.title, metafields: { $app: { promise: metafield(v.promise) } } }));
  const selected = variants.find((v) => v.id === options.selected) ?? variants[0];
  return engine(language).parseAndRenderSync(fs.readFileSync(BLOCK_FILE, "utf8"), {
    product: { variants, selected_or_first_available_variant: selected, metafields: { $app: {} } },
    shop: { metafields: { $app: { calendar: metafield(options.calendar) } } },
    localization: { country: options.country },
    request: { locale: { iso_code: language } },
    block: { id: "AbC123", settings: { show_destination: true, show_border: true, ...options.settings }, shopify_attributes: "" },
  }) as string;
}

/** The JSON the block hands its script. */
export function payloadOf(html: string): string {
  const match = /<script type="application\/json">([\s\S]*?)<\/script>/.exec(html);
  if (!match) throw new Error("The block rendered no JSON payload");
  return match[1]!;
}

/** Variant GIDs of the fixture product, and their numeric ids on the storefront. */
export const BLACK = { gid: "gid://shopify/ProductVariant/4101", id: 4101, title: "Black" } as const;
export const SAGE = { gid: "gid://shopify/ProductVariant/4102", id: 4102, title: "Sage" } as const;
export const CLAY = { gid: "gid://shopify/ProductVariant/4103", id: 4103, title: "Clay" } as const;

/** Pacific Coast ships the West Coast fast (state rows) and the rest of the US slower. */
export const WEST: Supplier = makeSupplier("sup_west", {
  name: "Pacific Coast Fulfillment",
  calendar: { timeZone: "America/Los_Angeles", cutoff: "14:00", holidays: [] },
  serviceTier: { tier: "48_hour", handling: { min: 1, max: 2 } },
  coverage: [
    { countryCode: "US", provinceCode: "CA", transit: { min: 1, max: 2 } },
    { countryCode: "US", provinceCode: "OR", transit: { min: 1, max: 2 } },
    { countryCode: "US", transit: { min: 3, max: 5 } },
  ],
});

/** EuroDrop ships from Paris: France in 1–2 days, the US in 6–10. */
export const EURO: Supplier = makeSupplier("sup_euro", {
  name: "EuroDrop Paris",
  calendar: { timeZone: "Europe/Paris", cutoff: "12:00", holidays: ["2026-12-25"] },
  serviceTier: { tier: "48_hour", handling: { min: 1, max: 3 } },
  coverage: [
    { countryCode: "FR", transit: { min: 1, max: 2 } },
    { countryCode: "US", transit: { min: 6, max: 10 } },
  ],
});

export const CARRIER_HOLIDAYS = ["2026-12-25", "2027-01-01"];

/**
 * The fixture product's variants with what the app's publish code writes for them: Black and Clay
 * ship from Pacific Coast (one shared value), Sage only from EuroDrop.
 */
export function publishedProduct(today = "2026-12-01"): { variants: StorefrontVariant[]; calendar: string } {
  const offers: SupplierOffer[] = [makeOffer(WEST.id, BLACK.gid), makeOffer(WEST.id, CLAY.gid), makeOffer(EURO.id, SAGE.gid)];
  const values = new Map(buildPromiseValues({ suppliers: [WEST, EURO], offers, policy: makePolicy(), today }).map((v) => [v.variantId, v.value]));
  return {
    variants: [BLACK, SAGE, CLAY].map((v) => ({ id: v.id, title: v.title, promise: values.get(v.gid) })),
    calendar: encodeShopCalendar(CARRIER_HOLIDAYS, { holidaysFrom: today }),
  };
}
