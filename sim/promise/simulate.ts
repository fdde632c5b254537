/**
 * Monte-Carlo check of promise accuracy: how often the real delivery lands inside the
 * window promised at checkout, and how wide those windows are. The world is described in
 * `simulate-world.ts`; this file replays orders through it in time order, so a promise only
 * ever sees history that had already happened when the order was placed.
 */
import { addBusinessDays, businessDaysBetween, MONDAY_TO_FRIDAY, shipStartDate } from "../../app/domain/promise/calendar";
import { compareDates } from "../../app/domain/promise/dates";
import { handlingDaysFromHistory, handlingFromHistory, transitDaysByCoverage } from "../../app/domain/promise/history";
import { legFromPromiseData, toSupplierPromiseData } from "../../app/domain/promise/metafield";
import { seededRandom, pickWeighted } from "../prng";
import { CARRIER_HOLIDAYS, drawHandling, drawTransit, makeWorld, type Lane, type SimSupplier } from "./simulate-world";
import { localDateTime, parseClockTime } from "../../app/domain/promise/time-zone";
import type { DayRange, PromiseWindow } from "../../app/domain/promise/types";
import { promiseWindow } from "../../app/domain/promise/window";

/** What a promise method may know when an order is placed. */
export interface PromiseContext {
  readonly supplier: SimSupplier;
  readonly lane: Lane;
  /** Observed handling (business days from start date to hand-off) of orders already shipped. */
  readonly handlingSamples: readonly number[];
  /** Observed transit (carrier business days) on this lane of parcels already delivered. */
  readonly transitSamples: readonly number[];
  readonly nowMs: number;
}

/** A way of promising a window, to be compared against reality. */
export type PromiseMethod = (context: PromiseContext) => PromiseWindow;

/** Accuracy of one method over the simulated orders. */
export interface AccuracySummary {
  /** Share delivered on or between the promised dates. */
  readonly insideShare: number;
  /** Share delivered after the latest promised date (broken promises). */
  readonly lateShare: number;
  /** Share delivered before the earliest promised date. */
  readonly earlyShare: number;
  /** Mean of latest − earliest in carrier business days. */
  readonly meanWidthBusinessDays: number;
}

/** Options of a simulation run. */
export interface SimulationOptions {
  /** Orders measured (placed during 2025); history warms up on a further quarter's worth. */
  readonly orders: number;
  readonly seed: number;
  /** Number of suppliers (default 12). */
  readonly suppliers?: number;
  /** How many recent observations a supplier or lane keeps (default 200). */
  readonly historySize?: number;
  /** Samples needed before history replaces configuration (default 20). */
  readonly minSamples?: number;
}

const YEAR_START = Date.parse("2025-01-01T00:00:00Z");
const YEAR_MS = 365 * 86_400_000;
const WARMUP_MS = 92 * 86_400_000;

/** One simulated order. */
export interface Order {
  readonly nowMs: number;
  readonly supplier: SimSupplier;
  readonly lane: Lane;
  readonly measured: boolean;
}

function drawOrders(random: () => number, world: readonly SimSupplier[], count: number): Order[] {
  const warmup = Math.round((count * WARMUP_MS) / YEAR_MS);
  const orders = Array.from({ length: count + warmup }, (_, i): Order => {
    const measured = i < count;
    const nowMs = measured ? YEAR_START + random() * YEAR_MS : YEAR_START - WARMUP_MS + random() * WARMUP_MS;
    const supplier = pickWeighted(
      random,
      world.map((s) => [s, s.weight] as const),
    );
    const lane = pickWeighted(
      random,
      supplier.lanes.map((l) => [l, l.weight] as const),
    );
    return { nowMs: Math.floor(nowMs), supplier, lane, measured };
  });
  return orders.sort((a, b) => a.nowMs - b.nowMs);
}

/** Observations that become known on a date (hand-off for handling, delivery for transit). */
class History {
  private readonly pending: { knownOn: string; value: number }[] = [];
  readonly samples: number[] = [];
  constructor(private readonly size: number) {}

  add(knownOn: string, value: number): void {
    this.pending.push({ knownOn, value });
  }

  /** Moves everything known strictly before `today` into the samples. */
  advance(today: string): readonly number[] {
    for (let i = this.pending.length - 1; i >= 0; i -= 1) {
      const p = this.pending[i];
      if (p && compareDates(p.knownOn, today) < 0) {
        this.samples.push(p.value);
        this.pending.splice(i, 1);
      }
    }
    if (this.samples.length > this.size) this.samples.splice(0, this.samples.length - this.size);
    return this.samples;
  }
}

const carrierCalendar = (lane: Lane) => ({
  workdays: MONDAY_TO_FRIDAY,
  holidays: CARRIER_HOLIDAYS[lane.region],
});

/** What really happens to an order: its supplier-local start, hand-off and delivery dates. */
export function fulfil(random: () => number, order: Order) {
  const { supplier, lane, nowMs } = order;
  let start = shipStartDate(supplier.actual, nowMs);
  const local = localDateTime(nowMs, supplier.known.timeZone);
  const cutoff = parseClockTime(supplier.known.cutoff);
  // Orders in the last hour before cut-off are often picked the next day anyway.
  if (start === local.date && cutoff - local.minutes <= 60 && random() < 0.3) {
    start = addBusinessDays(start, 1, supplier.actual);
  }
  const handoff = addBusinessDays(start, drawHandling(random, supplier), supplier.actual);
  const transit = drawTransit(random, lane, handoff);
  const delivered = addBusinessDays(handoff, transit, carrierCalendar(lane));
  return { handoff, transit, delivered };
}

/** Replays the simulated orders and scores each method against the real deliveries. */
export function runSimulation(options: SimulationOptions, methods: Readonly<Record<string, PromiseMethod>>): Record<string, AccuracySummary> {
  const random = seededRandom(options.seed);
  const world = makeWorld(random, options.suppliers ?? 12);
  const size = options.historySize ?? 200;
  const handling = new Map(world.map((s) => [s, new History(size)]));
  const transit = new Map(world.flatMap((s) => s.lanes.map((l) => [l, new History(size)] as const)));
  const names = Object.keys(methods);
  const tally = new Map(names.map((n) => [n, { inside: 0, late: 0, early: 0, width: 0 }]));
  let measured = 0;

  for (const order of drawOrders(random, world, options.orders)) {
    const today = localDateTime(order.nowMs, order.supplier.known.timeZone).date;
    const context: PromiseContext = {
      supplier: order.supplier,
      lane: order.lane,
      handlingSamples: handling.get(order.supplier)?.advance(today) ?? [],
      transitSamples: transit.get(order.lane)?.advance(today) ?? [],
      nowMs: order.nowMs,
    };
    const windows = order.measured ? names.map((n) => [n, methods[n]?.(context)] as const) : [];
    const knownStart = shipStartDate(order.supplier.known, order.nowMs);
    const outcome = fulfil(random, order);
    handling.get(order.supplier)?.add(outcome.handoff, businessDaysBetween(knownStart, outcome.handoff, order.supplier.known));
    transit.get(order.lane)?.add(outcome.delivered, outcome.transit);
    if (!order.measured) continue;
    measured += 1;
    for (const [name, window] of windows) {
      const t = tally.get(name);
      if (!t || !window) continue;
      if (compareDates(outcome.delivered, window.earliest) < 0) t.early += 1;
      else if (compareDates(outcome.delivered, window.latest) > 0) t.late += 1;
      else t.inside += 1;
      t.width += businessDaysBetween(window.earliest, window.latest, carrierCalendar(order.lane));
    }
  }
  const share = (n: number): number => (measured === 0 ? 0 : n / measured);
  return Object.fromEntries(
    names.map((n) => {
      const t = tally.get(n) ?? { inside: 0, late: 0, early: 0, width: 0 };
      return [
        n,
        {
          insideShare: share(t.inside),
          lateShare: share(t.late),
          earlyShare: share(t.early),
          meanWidthBusinessDays: share(t.width),
        },
      ];
    }),
  );
}

const leg = (context: PromiseContext, handlingRange: DayRange, transitRange: DayRange) => ({
  calendar: context.supplier.known,
  handling: handlingRange,
  transit: transitRange,
  carrierHolidays: CARRIER_HOLIDAYS[context.lane.region],
});

/** The promise as a merchant would configure it: claimed handling, advertised transit. */
export const naivePromise: PromiseMethod = (c) => promiseWindow(leg(c, c.supplier.configuredHandling, c.lane.configured), c.nowMs);

/** The previous promise: handling p50–p90 learned from the supplier's history plus the configured transit range. */
export const historyPromise =
  (minSamples = 20): PromiseMethod =>
  (c) =>
    promiseWindow(
      leg(
        c,
        handlingFromHistory({
          configured: c.supplier.configuredHandling,
          samples: c.handlingSamples,
          minSamples,
        }),
        c.lane.configured,
      ),
      c.nowMs,
    );

/**
 * Dropline's promise, through the same path as checkout: the supplier's metafield data with
 * learned handling and per-lane transit distributions (from history known at order time),
 * read back by `legFromPromiseData` and windowed by `promiseWindow`.
 */
export const learnedPromise =
  (minSamples = 20): PromiseMethod =>
  (c) => {
    const coverage = [{ countryCode: c.lane.region, transit: c.lane.configured }];
    const samples = c.transitSamples.map((days) => ({ countryCode: c.lane.region, days }));
    const data = toSupplierPromiseData(
      c.supplier.known,
      handlingFromHistory({ configured: c.supplier.configuredHandling, samples: c.handlingSamples, minSamples }),
      coverage,
      undefined,
      {
        handling: handlingDaysFromHistory(c.handlingSamples, minSamples),
        transit: transitDaysByCoverage(coverage, samples, minSamples),
      },
    );
    const leg = legFromPromiseData(data, { countryCode: c.lane.region }, CARRIER_HOLIDAYS[c.lane.region]);
    if (!leg) throw new RangeError(`The simulated supplier does not serve its own lane ${c.lane.region}`);
    return promiseWindow(leg, c.nowMs);
  };

/** Result of `simulatePromiseAccuracy`: our method, and the earlier ones for comparison. */
export interface PromiseAccuracy extends AccuracySummary {
  readonly naive: AccuracySummary;
  /** The previous method: learned handling range plus configured transit range. */
  readonly ranges: AccuracySummary;
}

/** Simulates a year of orders and scores the learned promise against the range-based and naive ones. */
export function simulatePromiseAccuracy(options: SimulationOptions): PromiseAccuracy {
  const results = runSimulation(options, {
    ours: learnedPromise(options.minSamples),
    ranges: historyPromise(options.minSamples),
    naive: naivePromise,
  });
  const empty = { insideShare: 0, lateShare: 0, earlyShare: 0, meanWidthBusinessDays: 0 };
  return { ...(results.ours ?? empty), naive: results.naive ?? empty, ranges: results.ranges ?? empty };
}
