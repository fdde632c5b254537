/**
 * The demo store: what a person sees in the browser after `npm run demo`. Plain data; the demo
 * script loads it into the fake Admin API (the "Shopify" side) and the app database.
 */
export const DEMO_SHOP = {
  domain: "dropline-demo.myshopify.com",
  name: "Dropline Demo Outfitters",
  accessToken: "shpat_dropline_demo_offline_token",
  currencyCode: "USD",
  ianaTimezone: "America/New_York",
} as const;

export const DEMO_LOCATIONS = [
  { name: "Head office (no stock)", countryCode: "US", provinceCode: "NY", city: "New York", zip: "10001" },
] as const;

export const DEMO_PRODUCTS = [
  { title: "Trail Thermos 750 ml", variants: [{ sku: "DL-THERMOS-750-BLK", price: "34.00", title: "Black" }, { sku: "DL-THERMOS-750-SGE", price: "34.00", title: "Sage" }] },
  { title: "Packable Rain Shell", variants: [{ sku: "DL-SHELL-M", price: "89.00", title: "M" }, { sku: "DL-SHELL-L", price: "89.00", title: "L" }] },
  { title: "Camp Mug Set (4)", variants: [{ sku: "DL-MUG-SET4", price: "42.50", title: "Default" }] },
  { title: "Merino Hiking Socks", variants: [{ sku: "DL-SOCKS-MERINO", price: "19.00", title: "Default" }] },
] as const;

export interface DemoOrder {
  readonly skus: readonly { sku: string; quantity: number }[];
  readonly shipTo: { name: string; address1: string; city: string; zip: string; countryCode: string; provinceCode?: string };
  readonly shipping: { title: string; code: string };
  readonly email: string;
}

export const DEMO_ORDERS: readonly DemoOrder[] = [
  {
    skus: [{ sku: "DL-THERMOS-750-BLK", quantity: 2 }, { sku: "DL-SOCKS-MERINO", quantity: 3 }],
    shipTo: { name: "Maya Chen", address1: "410 Market St", city: "San Francisco", zip: "94105", countryCode: "US", provinceCode: "CA" },
    shipping: { title: "Standard shipping", code: "STANDARD" },
    email: "maya@example.com",
  },
  {
    skus: [{ sku: "DL-SHELL-M", quantity: 1 }],
    shipTo: { name: "Luc Tremblay", address1: "1200 Rue Sainte-Catherine", city: "Montréal", zip: "H3B 1K9", countryCode: "CA", provinceCode: "QC" },
    shipping: { title: "Express shipping", code: "EXPRESS" },
    email: "luc@example.com",
  },
  {
    skus: [{ sku: "DL-MUG-SET4", quantity: 1 }, { sku: "DL-THERMOS-750-SGE", quantity: 1 }],
    shipTo: { name: "Sam Rivera", address1: "77 Elm St", city: "Austin", zip: "73301", countryCode: "US", provinceCode: "TX" },
    shipping: { title: "Standard shipping", code: "STANDARD" },
    email: "sam@example.com",
  },
  {
    skus: [{ sku: "DL-SHELL-L", quantity: 2 }],
    shipTo: { name: "Amélie Durand", address1: "8 Rue de Rivoli", city: "Paris", zip: "75004", countryCode: "FR" },
    shipping: { title: "International priority", code: "INTL_PRIORITY" },
    email: "amelie@example.com",
  },
];
