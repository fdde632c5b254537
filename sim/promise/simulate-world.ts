/**
 * The simulated world behind `simulatePromiseAccuracy`. Its numbers are rough, typical
 * figures for dropshipping suppliers and parcel carriers, not fitted to the promise method
 * (the target is not reached here; that is a finding). Every assumption is written here:
 *
 * - Period: history warms up from 2024-10-01; promises are measured on orders placed
 *   uniformly at random instants through 2025 (DST changes, Christmas, Lunar New Year and
 *   Golden Week included). Deliveries spill into early 2026.
 * - Suppliers are drawn from three archetypes: US domestic warehouses (Mon–Fri, cut-off
 *   12:00–16:00 local), EU warehouses in Paris (Mon–Fri, 12:00–15:00) and Shanghai
 *   exporters on a premium line (Mon–Sat, 15:00–18:00). Their public holidays are in the
 *   calendar the app knows.
 * - Suppliers over-promise: the configured handling is what the supplier claims; its real
 *   typical handling is the claimed minimum or one day more. Each order varies by −1…+1 day
 *   around it; with a supplier-specific probability (3–15 %) an order runs late by 1 day plus
 *   a geometric tail (stock-outs, label trouble).
 * - Orders in the last hour before cut-off miss it 30 % of the time (picked next day).
 * - Suppliers close on days the app does not know: about three random business days a year,
 *   and Shanghai exporters stretch Lunar New Year by 0–3 business days.
 * - Carriers work Monday–Friday minus the destination country's carrier holidays (known to
 *   the app). A lane (supplier → destination country) has a typical transit; around it,
 *   the spread depends on the kind of lane: a compact domestic network (France: ~80 % on
 *   the typical day), a continental one (US from one warehouse: destination zones spread
 *   −1…+2 days) or cross-border (customs: −1…+2 and a fatter tail). A share of parcels
 *   (2–5 %, about double from 20 November to 31 December) runs late by 1 day plus a
 *   geometric tail. The merchant configures the carrier's advertised range (typical −1 to
 *   +1, +2 or +3 by kind).
 * - Destinations: US, FR, GB at country level; each supplier serves its archetype's lanes.
 */
import type { DayRange, SupplierCalendar } from "../../app/domain/promise/types";
import { addDays, compareDates } from "../../app/domain/promise/dates";
import { addBusinessDays, isBusinessDay } from "../../app/domain/promise/calendar";
import { geometric, pick, pickWeighted, randomInt, type Random } from "../prng";

/** A destination country of the simulation. */
export type Region = "US" | "FR" | "GB";

const range = (from: string, days: number): string[] => Array.from({ length: days }, (_, i) => addDays(from, i));

/** Public holidays the app knows, per supplier country (Oct 2024 – Feb 2026). */
const SUPPLIER_HOLIDAYS: Record<"US" | "FR" | "CN", readonly string[]> = {
  US: [
    "2024-11-28",
    "2024-11-29",
    "2024-12-24",
    "2024-12-25",
    "2025-01-01",
    "2025-05-26",
    "2025-07-04",
    "2025-09-01",
    "2025-11-27",
    "2025-11-28",
    "2025-12-24",
    "2025-12-25",
    "2026-01-01",
  ],
  FR: [
    "2024-11-01",
    "2024-11-11",
    "2024-12-25",
    "2025-01-01",
    "2025-04-21",
    "2025-05-01",
    "2025-05-08",
    "2025-05-29",
    "2025-06-09",
    "2025-07-14",
    "2025-08-15",
    "2025-11-11",
    "2025-12-25",
    "2026-01-01",
  ],
  CN: [
    ...range("2024-10-01", 7),
    "2025-01-01",
    ...range("2025-01-28", 8),
    "2025-04-04",
    ...range("2025-05-01", 5),
    ...range("2025-05-31", 3),
    ...range("2025-10-01", 8),
    "2026-01-01",
    ...range("2026-02-15", 9),
  ],
};

/** Carrier non-delivery days per destination (the app knows them). */
export const CARRIER_HOLIDAYS: Record<Region, readonly string[]> = {
  US: [
    "2024-11-11",
    "2024-11-28",
    "2024-12-25",
    "2025-01-01",
    "2025-01-20",
    "2025-02-17",
    "2025-05-26",
    "2025-06-19",
    "2025-07-04",
    "2025-09-01",
    "2025-10-13",
    "2025-11-11",
    "2025-11-27",
    "2025-12-25",
    "2026-01-01",
    "2026-01-19",
    "2026-02-16",
  ],
  FR: SUPPLIER_HOLIDAYS.FR,
  GB: [
    "2024-12-25",
    "2024-12-26",
    "2025-01-01",
    "2025-04-18",
    "2025-04-21",
    "2025-05-05",
    "2025-05-26",
    "2025-08-25",
    "2025-12-25",
    "2025-12-26",
    "2026-01-01",
  ],
};

/** How a lane's transit spreads around its typical value. */
export type LaneKind = "domestic-compact" | "domestic-continental" | "cross-border";

interface LaneProfile {
  /** Day offsets around typical and their probabilities. */
  readonly jitter: readonly (readonly [number, number])[];
  /** Probability of a late parcel outside / inside peak season. */
  readonly lateRate: readonly [offPeak: number, peak: number];
  /** Days the advertised range extends above typical (it starts one day below). */
  readonly advertisedAbove: number;
}

const LANE_PROFILES: Record<LaneKind, LaneProfile> = {
  "domestic-compact": {
    jitter: [
      [-1, 0.05],
      [0, 0.8],
      [1, 0.12],
      [2, 0.03],
    ],
    lateRate: [0.02, 0.05],
    advertisedAbove: 1,
  },
  "domestic-continental": {
    jitter: [
      [-1, 0.2],
      [0, 0.35],
      [1, 0.3],
      [2, 0.15],
    ],
    lateRate: [0.03, 0.08],
    advertisedAbove: 2,
  },
  "cross-border": {
    jitter: [
      [-1, 0.15],
      [0, 0.4],
      [1, 0.25],
      [2, 0.2],
    ],
    lateRate: [0.05, 0.1],
    advertisedAbove: 3,
  },
};

/** One destination a supplier ships to. */
export interface Lane {
  readonly region: Region;
  readonly kind: LaneKind;
  /** Share of this supplier's orders going there. */
  readonly weight: number;
  /** The carrier's advertised range, as the merchant configures it. */
  readonly configured: DayRange;
  /** Real typical transit in carrier business days. */
  readonly typical: number;
}

/** A simulated supplier: what the app knows and how it really behaves. */
export interface SimSupplier {
  readonly known: SupplierCalendar;
  /** The real calendar: known holidays plus closures nobody announced. */
  readonly actual: SupplierCalendar;
  readonly configuredHandling: DayRange;
  readonly typicalHandling: number;
  /** Probability an order runs late (stock-out, label trouble …). */
  readonly lateRate: number;
  readonly lanes: readonly Lane[];
  /** Share of all orders. */
  readonly weight: number;
}

interface Archetype {
  readonly country: "US" | "FR" | "CN";
  readonly zones: readonly string[];
  readonly cutoffHours: readonly [number, number];
  readonly workdays: readonly number[];
  readonly claims: readonly DayRange[];
  /** Region, share of the supplier's orders, typical transit days, kind of lane. */
  readonly lanes: readonly (readonly [Region, number, number, LaneKind])[];
  readonly share: number;
}

const ARCHETYPES: readonly Archetype[] = [
  {
    country: "US",
    zones: ["America/New_York", "America/Chicago", "America/Los_Angeles"],
    cutoffHours: [12, 16],
    workdays: [1, 2, 3, 4, 5],
    claims: [
      { min: 0, max: 1 },
      { min: 1, max: 2 },
    ],
    lanes: [["US", 1, 3, "domestic-continental"]],
    share: 0.5,
  },
  {
    country: "FR",
    zones: ["Europe/Paris"],
    cutoffHours: [12, 15],
    workdays: [1, 2, 3, 4, 5],
    claims: [
      { min: 1, max: 2 },
      { min: 0, max: 1 },
    ],
    lanes: [
      ["FR", 0.6, 2, "domestic-compact"],
      ["GB", 0.25, 4, "cross-border"],
      ["US", 0.15, 6, "cross-border"],
    ],
    share: 0.3,
  },
  {
    country: "CN",
    zones: ["Asia/Shanghai"],
    cutoffHours: [15, 18],
    workdays: [1, 2, 3, 4, 5, 6],
    claims: [
      { min: 1, max: 3 },
      { min: 2, max: 3 },
    ],
    lanes: [
      ["US", 0.7, 8, "cross-border"],
      ["FR", 0.2, 9, "cross-border"],
      ["GB", 0.1, 9, "cross-border"],
    ],
    share: 0.2,
  },
];

/** Business days in [from, to] the supplier closes without telling anyone. */
function unannouncedClosures(random: Random, known: SupplierCalendar, country: string): string[] {
  const closures: string[] = [];
  for (let day = "2024-10-01"; compareDates(day, "2026-02-28") <= 0; day = addDays(day, 1)) {
    if (isBusinessDay(day, known) && random() < 3 / 250) closures.push(day);
  }
  if (country === "CN") {
    // Factories often reopen a few days after the official Lunar New Year break.
    const extra = randomInt(random, 0, 3);
    let day = "2025-02-04";
    for (let i = 0; i < extra; i += 1) {
      day = addBusinessDays(day, 1, known);
      closures.push(day);
    }
  }
  return closures;
}

const clock = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

/** A supplier drawn from an archetype. */
function makeSupplier(random: Random, type: Archetype, weight: number): SimSupplier {
  const known: SupplierCalendar = {
    timeZone: pick(random, type.zones),
    cutoff: clock(randomInt(random, type.cutoffHours[0] * 2, type.cutoffHours[1] * 2) * 30),
    holidays: SUPPLIER_HOLIDAYS[type.country],
    workdays: type.workdays,
  };
  const configuredHandling = pick(random, type.claims);
  const lanes = type.lanes.map(([region, laneWeight, typical, kind]): Lane => {
    const t = Math.max(2, typical + randomInt(random, -1, 1));
    const configured = { min: t - 1, max: t + LANE_PROFILES[kind].advertisedAbove };
    return { region, kind, weight: laneWeight, typical: t, configured };
  });
  return {
    known,
    actual: { ...known, holidays: [...known.holidays, ...unannouncedClosures(random, known, type.country)] },
    configuredHandling,
    typicalHandling: configuredHandling.min + randomInt(random, 0, 1),
    lateRate: 0.03 + random() * 0.12,
    lanes,
    weight,
  };
}

/** The simulated supplier base. */
export function makeWorld(random: Random, supplierCount: number): SimSupplier[] {
  return Array.from({ length: supplierCount }, (_, i) => {
    const type = ARCHETYPES[i % ARCHETYPES.length] ?? pick(random, ARCHETYPES);
    return makeSupplier(random, type, type.share * (0.5 + random()));
  });
}

/** Real handling of one order, in the supplier's real business days after its start date. */
export function drawHandling(random: Random, supplier: SimSupplier): number {
  const jitter = pickWeighted(random, [
    [-1, 0.15],
    [0, 0.65],
    [1, 0.2],
  ] as const);
  const late = random() < supplier.lateRate ? 1 + geometric(random, 0.5) : 0;
  return Math.max(0, supplier.typicalHandling + jitter + late);
}

/** Real transit of one parcel handed off on `handoff`, in carrier business days. */
export function drawTransit(random: Random, lane: Lane, handoff: string): number {
  const profile = LANE_PROFILES[lane.kind];
  const jitter = pickWeighted(random, profile.jitter);
  const peak = handoff.slice(5) >= "11-20";
  const late = random() < profile.lateRate[peak ? 1 : 0] ? 1 + geometric(random, 0.5) : 0;
  return Math.max(1, lane.typical + jitter + late);
}
