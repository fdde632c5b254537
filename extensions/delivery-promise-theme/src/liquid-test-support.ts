/**
 * Test support: the block rendered from this folder, and the product a Liquid template sees built
 * from metafield values produced by the app's real publish code.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { encodeShopCalendar } from "../../../app/domain/promise";
import { makeOffer, makePolicy, makeSupplier } from "../../../app/domain/routing/test-fixtures";
import type { Supplier, SupplierOffer } from "../../../app/domain/routing/types";
import { buildPromiseValues } from "../../../app/domain/variant-promise/publish";
import * as render from "./liquid-render";
import type { Language, RenderOptions, StorefrontVariant } from "./liquid-render";

export { payloadOf, type Language, type StorefrontVariant } from "./liquid-render";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const BLOCK_FILE = render.blockFile(root);
export const ASSET_FILE = render.assetFile(root);
export const CSS_FILE = render.cssFile(root);

export const localeFile = (language: Language, schema = false): Record<string, unknown> => render.localeFile(root, language, schema);
export const blockSchema = (): Record<string, unknown> => render.blockSchema(root);
/** The block's HTML for a product page. */
export const renderBlock = (options: RenderOptions): string => render.renderBlockAt(root, options);

/** Variant GIDs of the fixture product, and their numeric ids on the storefront. */
export const BLACK = { gid: "gid://shopify/ProductVariant/4101", id: "4101", title: "Black" } as const;
export const SAGE = { gid: "gid://shopify/ProductVariant/4102", id: "4102", title: "Sage" } as const;
export const CLAY = { gid: "gid://shopify/ProductVariant/4103", id: "4103", title: "Clay" } as const;

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
export function publishedProduct(today = "2026-12-01", options: { delayNotices?: boolean } = {}): { variants: StorefrontVariant[]; calendar: string } {
  const offers: SupplierOffer[] = [makeOffer(WEST.id, BLACK.gid), makeOffer(WEST.id, CLAY.gid), makeOffer(EURO.id, SAGE.gid)];
  const values = new Map(buildPromiseValues({ suppliers: [WEST, EURO], offers, policy: makePolicy(), today }).map((v) => [v.variantId, v.value]));
  return {
    variants: [BLACK, SAGE, CLAY].map((v) => ({ id: v.id, title: v.title, promise: values.get(v.gid) })),
    calendar: encodeShopCalendar(CARRIER_HOLIDAYS, { holidaysFrom: today, delayNotices: options.delayNotices ?? false }),
  };
}
