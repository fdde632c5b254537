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

export const DEMO_LOCATIONS = [{ name: "Head office (no stock)", countryCode: "US", provinceCode: "NY", city: "New York", zip: "10001" }] as const;

export const DEMO_PRODUCTS = [
  {
    title: "Trail Thermos 750 ml",
    variants: [
      { sku: "DL-THERMOS-750-BLK", price: "34.00", title: "Black" },
      { sku: "DL-THERMOS-750-SGE", price: "34.00", title: "Sage" },
    ],
  },
  {
    title: "Packable Rain Shell",
    variants: [
      { sku: "DL-SHELL-M", price: "89.00", title: "M" },
      { sku: "DL-SHELL-L", price: "89.00", title: "L" },
    ],
  },
  { title: "Camp Mug Set (4)", variants: [{ sku: "DL-MUG-SET4", price: "42.50", title: "Default" }] },
  { title: "Merino Hiking Socks", variants: [{ sku: "DL-SOCKS-MERINO", price: "19.00", title: "Default" }] },
  // Added to the shop last week, sold already, mapped to no supplier yet (issue #17: the setup
  // checklist and the SKU-mapping page show them; scripts/demo/seed-mapping.ts).
  { title: "Trail Headlamp 300 lm", variants: [{ sku: "DL-HEADLAMP-300", price: "29.00", title: "Default" }] },
  {
    title: "Collapsible Bottle 1 L",
    variants: [
      { sku: "DL-BOTTLE-1L-OLV", price: "24.00", title: "Olive" },
      { sku: "DL-BOTTLE-1L-SND", price: "24.00", title: "Sand" },
    ],
  },
] as const;

export interface DemoOrder {
  readonly skus: readonly { sku: string; quantity: number }[];
  readonly shipTo: { name: string; address1: string; city: string; zip: string; countryCode: string; provinceCode?: string };
  readonly shipping: { title: string; code: string };
  readonly email: string;
}

export const DEMO_ORDERS: readonly DemoOrder[] = [
  {
    skus: [
      { sku: "DL-THERMOS-750-BLK", quantity: 2 },
      { sku: "DL-SOCKS-MERINO", quantity: 3 },
    ],
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
    skus: [
      { sku: "DL-MUG-SET4", quantity: 1 },
      { sku: "DL-THERMOS-750-SGE", quantity: 1 },
    ],
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
  // Two of last week's new products, which no supplier offers yet: routing holds the order for a
  // person, and the setup checklist and SKU mapping say why (issue #17).
  {
    skus: [
      { sku: "DL-HEADLAMP-300", quantity: 1 },
      { sku: "DL-BOTTLE-1L-OLV", quantity: 1 },
    ],
    shipTo: { name: "Jordan Blake", address1: "1550 Larimer St", city: "Denver", zip: "80202", countryCode: "US", provinceCode: "CO" },
    shipping: { title: "Standard shipping", code: "STANDARD" },
    email: "jordan@example.com",
  },
  // A postal code with a digit missing: the address check holds it before any purchase order
  // leaves, with the reason on the order page, a staff task on Home and a count in the weekly review.
  {
    skus: [{ sku: "DL-SOCKS-MERINO", quantity: 2 }],
    shipTo: { name: "Léa Martin", address1: "14 Rue de la République", city: "Lyon", zip: "6900", countryCode: "FR" },
    // Standard: once the postal code is fixed, EuroDrop Paris meets the promise and the order routes.
    shipping: { title: "Standard shipping", code: "STANDARD" },
    email: "lea@example.com",
  },
];

/**
 * The demo's suppliers, as a merchant would type them into the supplier form (the demo creates them
 * through the same function the admin uses, so each gets its fulfillment service in the fake).
 */
export const DEMO_SUPPLIERS = [
  {
    name: "Pacific Coast Fulfillment",
    contactEmail: "orders@pacific-coast.example",
    timeZone: "America/Los_Angeles",
    cutoff: "14:00",
    holidays: "2026-11-26\n2026-12-25\n2027-01-01",
    // Ships Monday to Saturday: its handling days, promise and ladder count Saturdays.
    workingDays: ["1", "2", "3", "4", "5", "6"],
    serviceTier: "same_day",
    handlingMinDays: "0",
    handlingMaxDays: "1",
    dropshipFee: "1.50",
    feedCadenceMinutes: "60",
    coverage: [
      { countryCode: "US", provinceCode: "CA", transitMin: "1", transitMax: "2", shippingCost: "5.90" },
      { countryCode: "US", provinceCode: "OR", transitMin: "1", transitMax: "2", shippingCost: "5.90" },
      { countryCode: "US", provinceCode: "WA", transitMin: "1", transitMax: "2", shippingCost: "5.90" },
      { countryCode: "US", provinceCode: "", transitMin: "3", transitMax: "5", shippingCost: "7.90" },
    ],
  },
  {
    name: "Atlantic Supply Co.",
    contactEmail: "dropship@atlantic-supply.example",
    timeZone: "America/New_York",
    cutoff: "16:00",
    holidays: "2026-11-26\n2026-12-25",
    serviceTier: "next_day",
    handlingMinDays: "1",
    handlingMaxDays: "2",
    dropshipFee: "2.00",
    feedCadenceMinutes: "240",
    coverage: [
      { countryCode: "US", provinceCode: "NY", transitMin: "1", transitMax: "2", shippingCost: "4.90" },
      { countryCode: "US", provinceCode: "", transitMin: "2", transitMax: "4", shippingCost: "6.50" },
      { countryCode: "CA", provinceCode: "", transitMin: "4", transitMax: "7", shippingCost: "12.00" },
    ],
  },
  {
    name: "EuroDrop Paris",
    contactEmail: "commandes@eurodrop.example",
    timeZone: "Europe/Paris",
    cutoff: "12:00",
    holidays: "2026-11-11\n2026-12-25\n2027-01-01",
    serviceTier: "48_hour",
    handlingMinDays: "2",
    handlingMaxDays: "3",
    dropshipFee: "3.00",
    feedCadenceMinutes: "1440",
    coverage: [
      { countryCode: "FR", provinceCode: "", transitMin: "1", transitMax: "2", shippingCost: "5.00" },
      { countryCode: "DE", provinceCode: "", transitMin: "2", transitMax: "3", shippingCost: "7.00" },
      { countryCode: "BE", provinceCode: "", transitMin: "2", transitMax: "3", shippingCost: "7.00" },
      { countryCode: "CA", provinceCode: "", transitMin: "7", transitMax: "12", shippingCost: "19.00" },
      { countryCode: "US", provinceCode: "", transitMin: "6", transitMax: "10", shippingCost: "18.00" },
    ],
  },
] as const;

export interface DemoOffer {
  readonly supplier: (typeof DEMO_SUPPLIERS)[number]["name"];
  readonly sku: string;
  readonly supplierSku: string;
  readonly unitCost: string;
  readonly stockOnHand: number;
  /** How long ago the supplier last reported this stock (default: just now). */
  readonly stockAgeMinutes?: number;
}

// Costs and stock differ so routing has real choices: one sold-out offer and one stale stock report
// (Atlantic's large shell, three days old against a four-hour feed) among them.
export const DEMO_OFFERS: readonly DemoOffer[] = [
  { supplier: "Pacific Coast Fulfillment", sku: "DL-THERMOS-750-BLK", supplierSku: "PCF-TH750-B", unitCost: "14.20", stockOnHand: 40 },
  { supplier: "Atlantic Supply Co.", sku: "DL-THERMOS-750-BLK", supplierSku: "ASC-88120", unitCost: "13.60", stockOnHand: 25 },
  { supplier: "EuroDrop Paris", sku: "DL-THERMOS-750-BLK", supplierSku: "EDP-THB-750", unitCost: "12.90", stockOnHand: 60 },
  { supplier: "Pacific Coast Fulfillment", sku: "DL-THERMOS-750-SGE", supplierSku: "PCF-TH750-S", unitCost: "14.20", stockOnHand: 0 },
  { supplier: "Atlantic Supply Co.", sku: "DL-THERMOS-750-SGE", supplierSku: "ASC-88121", unitCost: "13.80", stockOnHand: 12 },
  { supplier: "Atlantic Supply Co.", sku: "DL-SHELL-M", supplierSku: "ASC-40210-M", unitCost: "38.00", stockOnHand: 18 },
  { supplier: "EuroDrop Paris", sku: "DL-SHELL-M", supplierSku: "EDP-RS-M", unitCost: "35.50", stockOnHand: 30 },
  { supplier: "Atlantic Supply Co.", sku: "DL-SHELL-L", supplierSku: "ASC-40210-L", unitCost: "38.00", stockOnHand: 6, stockAgeMinutes: 3 * 24 * 60 },
  { supplier: "EuroDrop Paris", sku: "DL-SHELL-L", supplierSku: "EDP-RS-L", unitCost: "35.50", stockOnHand: 22 },
  { supplier: "Pacific Coast Fulfillment", sku: "DL-MUG-SET4", supplierSku: "PCF-MUG4", unitCost: "16.50", stockOnHand: 15 },
  { supplier: "Atlantic Supply Co.", sku: "DL-MUG-SET4", supplierSku: "ASC-77004", unitCost: "17.20", stockOnHand: 40 },
  { supplier: "Pacific Coast Fulfillment", sku: "DL-SOCKS-MERINO", supplierSku: "PCF-SOCK-MER", unitCost: "6.40", stockOnHand: 120 },
  { supplier: "Atlantic Supply Co.", sku: "DL-SOCKS-MERINO", supplierSku: "ASC-51900", unitCost: "6.10", stockOnHand: 200 },
  { supplier: "EuroDrop Paris", sku: "DL-SOCKS-MERINO", supplierSku: "EDP-CHAUS-MER", unitCost: "5.80", stockOnHand: 80 },
];
