/**
 * What the demo's past looks like, as data and small pure draws: which orders arrive (channel,
 * destination, basket, shipping), and how each supplier behaves (how fast it answers, how often it
 * rejects for stock or runs out after accepting, how late it ships) and what carriers do with the
 * parcels. The simulation (./simulation.ts) feeds these draws to the app's own code paths.
 */
import { pickWeighted, randomInt, type Random } from "../../../sim/prng";

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

export interface Destination {
  readonly name: string;
  readonly address1: string;
  readonly city: string;
  readonly zip: string;
  readonly countryCode: string;
  readonly provinceCode?: string;
}

/** Where the demo shop's customers live, weighted roughly like a US outdoor brand selling abroad. */
const DESTINATIONS: readonly (readonly [Destination, number])[] = [
  [{ name: "Maya Chen", address1: "410 Market St", city: "San Francisco", zip: "94105", countryCode: "US", provinceCode: "CA" }, 9],
  [{ name: "Diego Alvarez", address1: "600 Wilshire Blvd", city: "Los Angeles", zip: "90017", countryCode: "US", provinceCode: "CA" }, 7],
  [{ name: "Hannah Park", address1: "1301 2nd Ave", city: "Seattle", zip: "98101", countryCode: "US", provinceCode: "WA" }, 5],
  [{ name: "Owen Fisher", address1: "909 NW Everett St", city: "Portland", zip: "97209", countryCode: "US", provinceCode: "OR" }, 3],
  [{ name: "Priya Natarajan", address1: "350 5th Ave", city: "New York", zip: "10118", countryCode: "US", provinceCode: "NY" }, 9],
  [{ name: "Sam Rivera", address1: "77 Elm St", city: "Austin", zip: "73301", countryCode: "US", provinceCode: "TX" }, 6],
  [{ name: "Grace Kim", address1: "233 S Wacker Dr", city: "Chicago", zip: "60606", countryCode: "US", provinceCode: "IL" }, 6],
  [{ name: "Noah Brooks", address1: "1 Federal St", city: "Boston", zip: "02110", countryCode: "US", provinceCode: "MA" }, 4],
  [{ name: "Lily Turner", address1: "100 SE 2nd St", city: "Miami", zip: "33131", countryCode: "US", provinceCode: "FL" }, 4],
  [{ name: "Ethan Cole", address1: "1600 Champa St", city: "Denver", zip: "80202", countryCode: "US", provinceCode: "CO" }, 4],
  // Canada is served only slowly (Atlantic's 4–7 day lane misses most promises): a few orders a month wait for a person.
  [{ name: "Luc Tremblay", address1: "1200 Rue Sainte-Catherine", city: "Montréal", zip: "H3B 1K9", countryCode: "CA", provinceCode: "QC" }, 0.5],
  [{ name: "Ava Singh", address1: "200 Bay St", city: "Toronto", zip: "M5J 2J2", countryCode: "CA", provinceCode: "ON" }, 0.5],
  [{ name: "Amélie Durand", address1: "8 Rue de Rivoli", city: "Paris", zip: "75004", countryCode: "FR" }, 8],
  [{ name: "Hugo Martin", address1: "12 Quai Saint-Antoine", city: "Lyon", zip: "69002", countryCode: "FR" }, 4],
  [{ name: "Lena Fischer", address1: "Friedrichstraße 68", city: "Berlin", zip: "10117", countryCode: "DE" }, 7],
  [{ name: "Jonas Weber", address1: "Marienplatz 8", city: "München", zip: "80331", countryCode: "DE" }, 4],
  [{ name: "Elise Peeters", address1: "Rue Neuve 30", city: "Bruxelles", zip: "1000", countryCode: "BE" }, 3],
  // No demo supplier ships to these: the app holds such orders for a person (stop-loss).
  [{ name: "Oliver Hughes", address1: "10 Downing St", city: "London", zip: "SW1A 2AA", countryCode: "GB" }, 0.6],
  [{ name: "Chloe Nguyen", address1: "1 Martin Pl", city: "Sydney", zip: "2000", countryCode: "AU", provinceCode: "NSW" }, 0.4],
];

/** Sales channels as Shopify names them in `sourceName`: the online store, point of sale, and a marketplace. */
const CHANNELS: readonly (readonly [string, number])[] = [
  ["web", 76],
  ["pos", 9],
  ["amazon", 15],
];

/** SKUs and how often they sell. */
const SKUS: readonly (readonly [string, number])[] = [
  ["DL-THERMOS-750-BLK", 22],
  ["DL-THERMOS-750-SGE", 9],
  ["DL-SHELL-M", 12],
  ["DL-SHELL-L", 8],
  ["DL-MUG-SET4", 14],
  ["DL-SOCKS-MERINO", 35],
];

// The shop lists only what its European supplier stocks on its European storefront.
const EU_COUNTRIES = new Set(["FR", "DE", "BE"]);
const EU_SKUS = SKUS.filter(([sku]) => sku !== "DL-THERMOS-750-SGE" && sku !== "DL-MUG-SET4");

export interface PlannedOrder {
  readonly at: number;
  readonly channel: string;
  readonly destination: Destination;
  readonly lines: readonly { readonly sku: string; readonly quantity: number }[];
  readonly shipping: { readonly title: string; readonly code: string };
  readonly email: string;
  /** Hours after placing at which the customer cancels (null: never). */
  readonly cancelAfterHours: number | null;
}

/**
 * The orders of one day (`dayStart` is its midnight, UTC-ish: the hours spread over US and EU
 * waking time). Weekends are quieter. Deterministic for a given `random`.
 */
export function planDay(random: Random, dayStart: number, ordersPerDay: { min: number; max: number }, index: number): PlannedOrder[] {
  const weekday = new Date(dayStart).getUTCDay();
  const weekend = weekday === 0 || weekday === 6;
  const count = Math.max(1, Math.round(randomInt(random, ordersPerDay.min, ordersPerDay.max) * (weekend ? 0.75 : 1)));
  const orders: PlannedOrder[] = [];
  for (let i = 0; i < count; i++) {
    // 07:00–23:59 UTC covers the European day and the American morning to evening.
    const at = dayStart + 7 * HOUR_MS + Math.floor(random() * 17 * HOUR_MS);
    const destination = pickWeighted(random, DESTINATIONS);
    const lineCount = pickWeighted(random, [
      [1, 70],
      [2, 25],
      [3, 5],
    ] as const);
    const lines = new Map<string, number>();
    const catalogue = EU_COUNTRIES.has(destination.countryCode) ? EU_SKUS : SKUS;
    while (lines.size < lineCount) {
      const sku = pickWeighted(random, catalogue);
      lines.set(sku, (lines.get(sku) ?? 0) + (random() < 0.8 ? 1 : 2));
    }
    // Few pay for express, and the suppliers rarely meet it: those orders wait for a person.
    const express = random() < 0.025;
    const international = destination.countryCode !== "US";
    orders.push({
      at,
      channel: pickWeighted(random, CHANNELS),
      destination,
      lines: [...lines.entries()].map(([sku, quantity]) => ({ sku, quantity })),
      shipping: express
        ? international
          ? { title: "International priority", code: "INTL_PRIORITY" }
          : { title: "Express shipping", code: "EXPRESS" }
        : { title: "Standard shipping", code: "STANDARD" },
      email: `${destination.name
        .toLowerCase()
        .normalize("NFD")
        .replace(/[^a-z]+/g, ".")}+${index}-${i}@example.com`,
      cancelAfterHours: random() < 0.015 ? 1 + random() * 20 : null,
    });
  }
  return orders.sort((a, b) => a.at - b.at);
}

/** How one supplier behaves in a given period: answer time, refusals, lateness. */
export interface SupplierConduct {
  /** Business hours (the supplier's) until it answers a purchase order: median and spread (lognormal sigma). */
  readonly ackMedianHours: number;
  readonly ackSigma: number;
  /** Share of purchase orders rejected for stock (an oversell). */
  readonly rejectForStock: number;
  /** Share of accepted purchase orders that run out of stock afterwards. */
  readonly stockoutAfterAccept: number;
  /** Share shipped after the committed date, and by how many days at most. */
  readonly lateShare: number;
  readonly lateDaysMax: number;
  /** Extra business days the supplier commits beyond its handling time. */
  readonly extraCommitDays: number;
  /** Hours between the parcel leaving and the tracking number reaching us (median). */
  readonly trackingLatencyHours: number;
}

export interface SupplierProfile {
  /** One line for the README and the demo's log. */
  readonly story: string;
  /** The conduct `daysBeforeEnd` days before the history ends. */
  conduct(daysBeforeEnd: number): SupplierConduct;
}

const RELIABLE: SupplierConduct = {
  ackMedianHours: 0.6,
  ackSigma: 0.5,
  rejectForStock: 0.01,
  stockoutAfterAccept: 0.004,
  lateShare: 0.03,
  lateDaysMax: 1,
  extraCommitDays: 0,
  trackingLatencyHours: 0.5,
};

const OVERSELLING: SupplierConduct = {
  ackMedianHours: 2.5,
  ackSigma: 0.7,
  rejectForStock: 0.11,
  stockoutAfterAccept: 0.05,
  lateShare: 0.1,
  lateDaysMax: 2,
  extraCommitDays: 0,
  trackingLatencyHours: 1.5,
};

const STEADY_EU: SupplierConduct = {
  ackMedianHours: 2,
  ackSigma: 0.5,
  rejectForStock: 0.02,
  stockoutAfterAccept: 0.01,
  lateShare: 0.05,
  lateDaysMax: 1,
  extraCommitDays: 0,
  trackingLatencyHours: 1,
};

const DRIFTING_EU: SupplierConduct = {
  ackMedianHours: 16,
  ackSigma: 0.45,
  rejectForStock: 0.03,
  stockoutAfterAccept: 0.02,
  lateShare: 0.55,
  lateDaysMax: 4,
  extraCommitDays: 2,
  trackingLatencyHours: 20,
};

/** The three demo suppliers' characters, by name (scripts/demo catalogue). */
export const SUPPLIER_PROFILES: Readonly<Record<string, SupplierProfile>> = {
  "Pacific Coast Fulfillment": { story: "reliable: answers within the hour, ships on time", conduct: () => RELIABLE },
  "Atlantic Supply Co.": {
    story: "oversells: rejects about 1 in 9 purchase orders for stock and runs out after accepting now and then",
    conduct: () => OVERSELLING,
  },
  "EuroDrop Paris": {
    story: "fine for months, then in the last week slow to answer and late to ship",
    conduct: (daysBeforeEnd) => (daysBeforeEnd <= 7 ? DRIFTING_EU : STEADY_EU),
  },
};

/** A lognormal draw around `median` (Box–Muller). */
export function lognormal(random: Random, median: number, sigma: number): number {
  const u = Math.max(random(), 1e-12);
  const v = random();
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  return median * Math.exp(sigma * z);
}

/** What the carrier does with one parcel. */
export type ParcelFate = "delivered" | "delayed" | "no_movement" | "failed_attempt" | "returned" | "damaged" | "lost";

const FATES: readonly (readonly [ParcelFate, number])[] = [
  ["delivered", 86.5],
  ["delayed", 5],
  ["no_movement", 3],
  ["failed_attempt", 2],
  ["returned", 1.5],
  ["damaged", 1.2],
  ["lost", 0.8],
];

export function parcelFate(random: Random): ParcelFate {
  return pickWeighted(random, FATES);
}

/** One carrier scan, `afterMs` after the parcel left the supplier. */
export interface PlannedScan {
  readonly afterMs: number;
  readonly status: string;
  readonly description: string;
}

/**
 * The scans a parcel gets over `transitDays` (drawn from the lane) given its fate, in carrier
 * words the app's tracking domain understands. A "no movement" parcel goes quiet after its first
 * transit scan and turns up a week later; a lost one is declared lost after ten quiet days.
 */
export function plannedScans(random: Random, fate: ParcelFate, transitDays: number): PlannedScan[] {
  const h = (hours: number) => hours * HOUR_MS;
  const pickup = h(3 + random() * 9);
  const scans: PlannedScan[] = [{ afterMs: pickup, status: "Picked up", description: "Shipment picked up by the carrier" }];
  const deliverAt = h(transitDays * 24 + 10 + random() * 6);
  const mid = pickup + (deliverAt - pickup) / 2;
  scans.push({ afterMs: pickup + h(6), status: "In transit", description: "Departed carrier facility" });
  switch (fate) {
    case "delivered":
      // Every scan costs the app a job and two Admin API calls: long lanes get an arrival scan, a third of parcels "out for delivery".
      if (transitDays >= 4) scans.push({ afterMs: mid, status: "In transit", description: "Arrived at carrier facility" });
      if (random() < 0.35) scans.push({ afterMs: deliverAt - h(5), status: "Out for delivery", description: "Out for delivery" });
      scans.push({ afterMs: deliverAt, status: "Delivered", description: "Delivered, left at front door" });
      break;
    case "delayed": {
      const slip = h(24 * (2 + Math.floor(random() * 3)));
      scans.push({ afterMs: mid, status: "Delayed", description: "Delay: weather conditions in the region" });
      scans.push({ afterMs: deliverAt + slip - h(5), status: "Out for delivery", description: "Out for delivery" });
      scans.push({ afterMs: deliverAt + slip, status: "Delivered", description: "Delivered" });
      break;
    }
    case "no_movement":
      scans.push({ afterMs: deliverAt + h(24 * 7) - h(5), status: "Out for delivery", description: "Out for delivery" });
      scans.push({ afterMs: deliverAt + h(24 * 7), status: "Delivered", description: "Delivered" });
      break;
    case "failed_attempt":
      scans.push({ afterMs: deliverAt - h(5), status: "Out for delivery", description: "Out for delivery" });
      scans.push({ afterMs: deliverAt, status: "Delivery attempted", description: "Delivery attempted: customer not available" });
      scans.push({ afterMs: deliverAt + h(24), status: "Delivered", description: "Delivered" });
      break;
    case "returned":
      scans.push({ afterMs: mid + h(24), status: "Return to sender", description: "Returned to sender: address incomplete" });
      break;
    case "damaged":
      scans.push({ afterMs: mid, status: "Damaged", description: "Package damaged in transit; contents inspected" });
      scans.push({ afterMs: deliverAt + h(24), status: "Delivered", description: "Delivered (damaged)" });
      break;
    case "lost":
      scans.push({ afterMs: pickup + h(24 * 10), status: "Lost", description: "Package cannot be located" });
      break;
  }
  return scans;
}
