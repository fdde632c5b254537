/**
 * DEMO ONLY: the demo store's product pages with the delivery-promise app block, as a storefront
 * would render them: the block's Liquid (liquidjs) fed the values the app published for the demo
 * shop (the same rows its fake Shopify holds), the committed asset and stylesheet, inside an
 * Online Store 2.0-style product section. Shopify renders the block on a real store.
 */
import path from "node:path";
import fs from "node:fs";
import type { PrismaClient } from "@prisma/client";
import { CALENDAR_KEY, PROMISE_KEY, publishedValues } from "~/models/promise.server";
import { listOffers } from "~/models/offers.server";
import { DEMO_PRODUCTS, DEMO_SHOP } from "../../prisma/seed/demo-catalog";
import { hostPage } from "../../extensions/delivery-promise-theme/src/host-page";
import { assetFile, cssFile, renderBlockAt, type Language } from "../../extensions/delivery-promise-theme/src/liquid-render";

/** Countries the demo's suppliers ship to, and two they do not. */
export const DEMO_COUNTRIES: readonly { iso_code: string; name: string }[] = [
  { iso_code: "US", name: "United States" },
  { iso_code: "CA", name: "Canada" },
  { iso_code: "FR", name: "France" },
  { iso_code: "DE", name: "Germany" },
  { iso_code: "GB", name: "United Kingdom" },
];

export interface StorefrontQuery {
  readonly product: number;
  readonly country: string;
  readonly language: Language;
  readonly variant: string | null;
}

export function storefrontQuery(url: URL): StorefrontQuery {
  const product = Number(url.searchParams.get("product") ?? 0);
  return {
    product: Number.isInteger(product) && product >= 0 && product < DEMO_PRODUCTS.length ? product : 0,
    country: DEMO_COUNTRIES.some((c) => c.iso_code === url.searchParams.get("country")) ? url.searchParams.get("country")! : "US",
    language: url.searchParams.get("lang") === "fr" ? "fr" : "en",
    variant: url.searchParams.get("variant"),
  };
}

const link = (query: StorefrontQuery, change: Partial<StorefrontQuery>, label: string, current: boolean): string => {
  const next = { ...query, ...change };
  const href = `/demo/storefront?product=${next.product}&country=${next.country}&lang=${next.language}`;
  return current ? `<strong>${label}</strong>` : `<a href="${href}">${label}</a>`;
};

/** The product page's HTML; `root` is the theme extension's folder. */
export async function demoProductPage(db: PrismaClient, query: StorefrontQuery, root = path.resolve("extensions/delivery-promise-theme")): Promise<string> {
  const shop = DEMO_SHOP.domain;
  const [published, offers] = await Promise.all([publishedValues(db, shop), listOffers(db, shop)]);
  const values = new Map(published.filter((p) => p.key === PROMISE_KEY).map((p) => [p.ownerId, p.value]));
  const calendar = published.find((p) => p.key === CALENDAR_KEY)?.value;
  const variantOf = new Map(offers.map((o) => [o.sku, o.variantId]));
  const product = DEMO_PRODUCTS[query.product]!;
  const variants = product.variants.flatMap((v) => {
    const gid = variantOf.get(v.sku);
    const id = gid?.split("/").at(-1) ?? "";
    return gid && /^\d+$/.test(id) ? [{ id, title: v.title, promise: values.get(gid) }] : [];
  });
  const country = DEMO_COUNTRIES.find((c) => c.iso_code === query.country)!;
  const selected = variants.find((v) => v.id === query.variant)?.id ?? variants[0]?.id ?? "";
  const header = `<nav style="padding:1rem 2rem;border-bottom:1px solid #ddd;display:flex;gap:1.5rem;flex-wrap:wrap;font-size:.95rem">
  <span>Demo storefront (the product page app block): ${DEMO_PRODUCTS.map((p, i) => link(query, { product: i }, p.title, i === query.product)).join(" · ")}</span>
  <span>Shopper in ${DEMO_COUNTRIES.map((c) => link(query, { country: c.iso_code }, c.iso_code, c.iso_code === query.country)).join(" · ")}</span>
  <span>${link(query, { language: "en" }, "English", query.language === "en")} · ${link(query, { language: "fr" }, "Français", query.language === "fr")}</span>
</nav>`;
  return hostPage({
    productTitle: product.title,
    variants,
    selected,
    blockHtml: renderBlockAt(root, { variants, calendar, country, language: query.language, selected }),
    css: fs.readFileSync(cssFile(root), "utf8"),
    script: fs.readFileSync(assetFile(root), "utf8"),
    language: query.language,
    header,
  });
}
