/**
 * A non-stationary simulated world for the delivery promise (#18 item 4), next to the stationary
 * one in `simulate-world.ts` (whose suppliers, lanes and calendars it starts from). Every
 * departure from that world is written here; none is fitted to the promise method:
 *
 * - December peak: from 24 November to 24 December, carriers' late share triples, cross-border
 *   lanes are one day slower on 40 % of parcels, and suppliers' handling is one day longer on
 *   30 % of orders.
 * - Backlog episodes: each supplier falls behind about once every 45 business days; an episode
 *   lasts a geometric number of business days (mean 8), and each order started during it waits
 *   1–4 extra business days (drawn per episode). The schedule is hidden; what shows is purchase
 *   orders staying open.
 * - Weekday effects: orders whose handling starts on a Monday (the weekend's orders queue) take
 *   one more day 35 % of the time.
 * - Heavy-tailed transit: a late parcel is late by 1 + ⌊Pareto(α = 1.6)⌋ business days (capped
 *   at 25) instead of a geometric tail.
 * - Thin lanes: every supplier also ships, rarely (2–4 % of its orders), to the destinations its
 *   archetype does not serve — lanes with 5–20 deliveries of history.
 * - Shoppers in several time zones: US shoppers in New York, Chicago or Los Angeles, French in
 *   Paris, British in London; the carrier takes the parcel at the supplier's cut-off and counts
 *   its business days from that instant's date in the shopper's zone, with the destination
 *   country's carrier holidays.
 */
import { addBusinessDays, isBusinessDay, MONDAY_TO_FRIDAY, shipStartDate } from "../../app/domain/promise/calendar";
import { addDays, compareDates, isoWeekday, toEpochDay, fromEpochDay } from "../../app/domain/promise/dates";
import { instantAt, localDateTime, parseClockTime } from "../../app/domain/promise/time-zone";
import { geometric, pick, pickWeighted, randomInt, type Random } from "../prng";
import { CARRIER_HOLIDAYS, makeWorld, type Lane, type Region, type SimSupplier } from "./simulate-world";

/** Shopper zones per destination. */
export const SHOPPER_ZONES: Record<Region, readonly string[]> = {
  US: ["America/New_York", "America/Chicago", "America/Los_Angeles"],
  FR: ["Europe/Paris"],
  GB: ["Europe/London"],
};

const REGIONS: readonly Region[] = ["US", "FR", "GB"];

/** First and last day of the December peak (month-day). */
export const PEAK_FROM = "11-24";
export const PEAK_TO = "12-24";

export const isPeak = (date: string): boolean => date.slice(5) >= PEAK_FROM && date.slice(5) <= PEAK_TO;

/** A supplier of the drifting world: the stationary one plus its hidden backlog schedule. */
export interface DriftSupplier extends SimSupplier {
  readonly index: number;
  /** Extra business days an order started on a date waits (epoch day → days). */
  readonly backlog: ReadonlyMap<number, number>;
  /** No peak, weekday effect or heavy tail (backlog schedule empty): the calm control world. */
  readonly stationary: boolean;
}

/** Destinations per lane kind for the rare lanes an archetype does not serve. */
const THIN_LANE_TYPICAL: Record<Region, number> = { US: 6, FR: 5, GB: 5 };

function backlogSchedule(random: Random, supplier: SimSupplier): Map<number, number> {
  const schedule = new Map<number, number>();
  let day = "2024-09-01";
  while (compareDates(day, "2026-03-31") <= 0) {
    if (isBusinessDay(day, supplier.actual) && random() < 1 / 45) {
      const extra = randomInt(random, 1, 4);
      const length = 1 + geometric(random, 1 / 8);
      let d = day;
      for (let i = 0; i < length; i += 1) {
        schedule.set(toEpochDay(d), extra);
        d = addBusinessDays(d, 1, supplier.actual);
      }
      day = d;
    } else {
      day = addDays(day, 1);
    }
  }
  return schedule;
}

function withThinLanes(random: Random, supplier: SimSupplier): SimSupplier {
  const served = new Set(supplier.lanes.map((l) => l.region));
  const thin: Lane[] = REGIONS.filter((r) => !served.has(r)).map((region) => {
    const typical = THIN_LANE_TYPICAL[region] + randomInt(random, 0, 2);
    return { region, kind: "cross-border", weight: 0.02 + random() * 0.02, typical, configured: { min: typical - 1, max: typical + 3 } };
  });
  return { ...supplier, lanes: [...supplier.lanes, ...thin] };
}

/** Which of the drifts are on; `stationary` turns every one off (same suppliers and lanes). */
export interface DriftSwitches {
  readonly stationary?: boolean;
}

/** The drifting world's suppliers. */
export function makeDriftWorld(random: Random, supplierCount: number, switches: DriftSwitches = {}): DriftSupplier[] {
  return makeWorld(random, supplierCount).map((s, index) => {
    const supplier = withThinLanes(random, s);
    const backlog = backlogSchedule(random, supplier);
    return { ...supplier, index, stationary: switches.stationary ?? false, backlog: switches.stationary ? new Map() : backlog };
  });
}

/** One order of the drifting world. */
export interface DriftOrder {
  readonly id: number;
  readonly nowMs: number;
  readonly supplier: DriftSupplier;
  readonly lane: Lane;
  readonly shopperZone: string;
}

/** What really happened to an order (dates: hand-off supplier-local, delivery shopper-local). */
export interface DriftOutcome {
  /** Supplier-local date the handling clock started (the app's known calendar). */
  readonly start: string;
  readonly handoff: string;
  /** Shopper-local date the carrier counts from. */
  readonly carrierStart: string;
  readonly delivered: string;
}

export const carrierCalendar = (region: Region) => ({ workdays: MONDAY_TO_FRIDAY, holidays: CARRIER_HOLIDAYS[region] });

function paretoTail(random: Random, alpha: number): number {
  return Math.min(25, 1 + Math.floor(Math.pow(1 - random(), -1 / alpha) - 1));
}

/** Real handling of an order whose clock starts on `start`, in the supplier's real business days. */
export function drawDriftHandling(random: Random, supplier: DriftSupplier, start: string): number {
  const jitter = pickWeighted(random, [
    [-1, 0.15],
    [0, 0.65],
    [1, 0.2],
  ] as const);
  const late = random() < supplier.lateRate ? 1 + geometric(random, 0.5) : 0;
  const backlog = supplier.backlog.get(toEpochDay(start)) ?? 0;
  const monday = !supplier.stationary && isoWeekday(start) === 1 && random() < 0.35 ? 1 : 0;
  const peak = !supplier.stationary && isPeak(start) && random() < 0.3 ? 1 : 0;
  return Math.max(0, supplier.typicalHandling + jitter + late + backlog + monday + peak);
}

const LANE_JITTER: Record<Lane["kind"], readonly (readonly [number, number])[]> = {
  "domestic-compact": [
    [-1, 0.05],
    [0, 0.8],
    [1, 0.12],
    [2, 0.03],
  ],
  "domestic-continental": [
    [-1, 0.2],
    [0, 0.35],
    [1, 0.3],
    [2, 0.15],
  ],
  "cross-border": [
    [-1, 0.15],
    [0, 0.4],
    [1, 0.25],
    [2, 0.2],
  ],
};
const LATE_RATE: Record<Lane["kind"], number> = { "domestic-compact": 0.02, "domestic-continental": 0.03, "cross-border": 0.05 };

/** Real transit of a parcel the carrier starts on `carrierStart`, in carrier business days. */
export function drawDriftTransit(random: Random, lane: Lane, carrierStart: string, stationary = false): number {
  const peak = !stationary && isPeak(carrierStart);
  const jitter = pickWeighted(random, LANE_JITTER[lane.kind]);
  const tail = (): number => (stationary ? 1 + geometric(random, 0.5) : paretoTail(random, 1.6));
  const late = random() < LATE_RATE[lane.kind] * (peak ? 3 : 1) ? tail() : 0;
  const slower = peak && lane.kind === "cross-border" && random() < 0.4 ? 1 : 0;
  return Math.max(1, lane.typical + jitter + late + slower);
}

const carrierStarts = new Map<string, string>();

/** The shopper-local date of the supplier's cut-off on a supplier-local date (memoised: pure). */
export function carrierStartDate(supplier: SimSupplier, handoff: string, shopperZone: string): string {
  const key = `${supplier.known.timeZone}|${supplier.known.cutoff}|${handoff}|${shopperZone}`;
  const known = carrierStarts.get(key);
  if (known) return known;
  const instant = instantAt(handoff, parseClockTime(supplier.known.cutoff), supplier.known.timeZone);
  const date = localDateTime(instant, shopperZone).date;
  carrierStarts.set(key, date);
  return date;
}

/** The parts of an order's fate fixed when it is placed (computed once, reused by every draw). */
export interface PreparedOrder {
  readonly order: DriftOrder;
  readonly actualStart: string;
  readonly knownStart: string;
  readonly nearCutoff: boolean;
}

export function prepareOrder(order: DriftOrder): PreparedOrder {
  const { supplier, nowMs } = order;
  const actualStart = shipStartDate(supplier.actual, nowMs);
  const local = localDateTime(nowMs, supplier.known.timeZone);
  const nearCutoff = actualStart === local.date && parseClockTime(supplier.known.cutoff) - local.minutes <= 60;
  return { order, actualStart, knownStart: shipStartDate(supplier.known, nowMs), nearCutoff };
}

/** What really happens to an order (one random draw of its future). */
export function fulfilDrift(random: Random, prepared: PreparedOrder): DriftOutcome {
  const { supplier, lane } = prepared.order;
  let start = prepared.actualStart;
  // Orders in the last hour before cut-off are often picked the next day anyway.
  if (prepared.nearCutoff && random() < 0.3) start = addBusinessDays(start, 1, supplier.actual);
  const handoff = addBusinessDays(start, drawDriftHandling(random, supplier, start), supplier.actual);
  const carrierStart = carrierStartDate(supplier, handoff, prepared.order.shopperZone);
  const delivered = addBusinessDays(carrierStart, drawDriftTransit(random, lane, carrierStart, supplier.stationary), carrierCalendar(lane.region));
  return { start: prepared.knownStart, handoff, carrierStart, delivered };
}

const YEAR_START = Date.parse("2025-01-01T00:00:00Z");
const YEAR_MS = 365 * 86_400_000;
/** History before the measured year. */
export const DRIFT_WARMUP_MS = 120 * 86_400_000;

/**
 * Orders in time order: `measured` orders through 2025 plus a warm-up's worth before it (at the
 * same rate), each to one of its supplier's lanes and a shopper zone of that region.
 */
export function drawDriftOrders(random: Random, world: readonly DriftSupplier[], measured: number): { orders: DriftOrder[]; firstMeasuredMs: number } {
  const warmup = Math.round((measured * DRIFT_WARMUP_MS) / YEAR_MS);
  const times = Array.from({ length: measured + warmup }, (_, i) =>
    Math.floor(i < measured ? YEAR_START + random() * YEAR_MS : YEAR_START - DRIFT_WARMUP_MS + random() * DRIFT_WARMUP_MS),
  ).sort((a, b) => a - b);
  const orders = times.map((nowMs, id): DriftOrder => {
    const supplier = pickWeighted(
      random,
      world.map((s) => [s, s.weight] as const),
    );
    const lane = pickWeighted(
      random,
      supplier.lanes.map((l) => [l, l.weight] as const),
    );
    return { id, nowMs, supplier, lane, shopperZone: pick(random, SHOPPER_ZONES[lane.region]) };
  });
  return { orders, firstMeasuredMs: YEAR_START };
}

/** ISO week label ("2025-12-01" week's Monday) of a date: how the peak's weeks are reported. */
export function weekOf(date: string): string {
  const day = toEpochDay(date);
  return fromEpochDay(day - (isoWeekday(date) - 1));
}
