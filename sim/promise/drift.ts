/**
 * The promise replayed through the drifting world (`drift-world.ts`), scored against reality and
 * against an oracle. Orders are replayed in time order; at each promise a method sees only what
 * Dropline would know at that instant (`Evidence`): purchase orders shipped or still open, parcels
 * delivered or still in transit, and how its own earlier promises turned out. Every observation
 * carries the instant it became known, and `evidenceAt` keeps only those known by then.
 */
import { businessEpochDaysBetween, dayRule, MONDAY_TO_FRIDAY } from "../../app/domain/promise/business-days";
import { fromEpochDay, toEpochDay } from "../../app/domain/promise/dates";
import { legFromPromiseData, toSupplierPromiseData } from "../../app/domain/promise/metafield";
import { learnLane, type DurationObservation, type LearningOptions, type PromiseOutcome, type ShrinkagePrior } from "../../app/domain/promise/learning";
import { handlingDaysFromHistory, handlingFromHistory, transitDaysByCoverage } from "../../app/domain/promise/history";
import { instantAt, localDateTime, parseClockTime } from "../../app/domain/promise/time-zone";
import type { DayRange, PromiseLeg, PromiseWindow, SupplierCalendar } from "../../app/domain/promise/types";
import { promiseWindow } from "../../app/domain/promise/window";
import type { DeliveryDistribution } from "../../app/domain/promise/distribution";
import { seededRandom } from "../prng";
import { thresholdWindow } from "./simulate-bound";
import {
  carrierCalendar,
  drawDriftOrders,
  fulfilDrift,
  isPeak,
  makeDriftWorld,
  prepareOrder,
  weekOf,
  type DriftOrder,
  type DriftOutcome,
  type DriftSupplier,
  type PreparedOrder,
} from "./drift-world";
import { CARRIER_HOLIDAYS, type Region } from "./simulate-world";

const DAY_MS = 86_400_000;

/** What a promise method may know about the order being promised and its lane. */
export interface DriftView {
  readonly supplierId: number;
  readonly calendar: SupplierCalendar;
  readonly configuredHandling: DayRange;
  readonly configuredTransit: DayRange;
  readonly region: Region;
  readonly shopperZone: string;
  readonly carrierHolidays: readonly string[];
  readonly nowMs: number;
}

/** What Dropline knows when it promises. */
export interface Evidence {
  readonly view: DriftView;
  /** The supplier's purchase orders: shipped (done) or open (days so far). */
  readonly handling: readonly DurationObservation[];
  /** This lane's parcels: delivered or in transit. */
  readonly transit: readonly DurationObservation[];
  /** Parcels of other suppliers' lanes to the region with an overlapping configured range. */
  readonly pooledTransit: readonly DurationObservation[];
  readonly openOrders: number;
  /** Purchase orders the supplier handed over in the last 10 business days, per day. */
  readonly shippedPerDay: number;
  /** This method's resolved promises for the supplier and the lane, oldest first. */
  readonly supplierOutcomes: readonly PromiseOutcome[];
  readonly laneOutcomes: readonly PromiseOutcome[];
  /** Latest instant any piece of this evidence became known (for the no-look-ahead test). */
  readonly newestKnownAtMs: number;
}

export type DriftMethod = (evidence: Evidence) => PromiseWindow;

/** One order's recorded fate, with the instants its facts became known. */
interface Record_ {
  readonly order: DriftOrder;
  readonly outcome: DriftOutcome;
  readonly handlingDays: number;
  readonly transitDays: number;
  /** The carrier's first scan is seen at the supplier's cut-off on the hand-off date. */
  readonly handedOverKnownAtMs: number;
  /** A delivery is known at the end of its day in the shopper's zone. */
  readonly deliveredKnownAtMs: number;
  readonly startDay: number;
  readonly carrierStartDay: number;
}

const HISTORY_DAYS = 180;
const HISTORY_KEPT = 400;

function record(order: DriftOrder, outcome: DriftOutcome): Record_ {
  const known = order.supplier.known;
  const carrier = dayRule(carrierCalendar(order.lane.region));
  const rule = dayRule(known);
  const startDay = toEpochDay(outcome.start);
  const carrierStartDay = toEpochDay(outcome.carrierStart);
  return {
    order,
    outcome,
    startDay,
    carrierStartDay,
    handlingDays: Math.max(0, businessEpochDaysBetween(startDay, toEpochDay(outcome.handoff), rule)),
    transitDays: businessEpochDaysBetween(carrierStartDay, toEpochDay(outcome.delivered), carrier),
    handedOverKnownAtMs: instantAt(outcome.handoff, parseClockTime(known.cutoff), known.timeZone),
    deliveredKnownAtMs: instantAt(fromEpochDay(toEpochDay(outcome.delivered) + 1), 0, order.shopperZone),
  };
}

const todayIn = (nowMs: number, zone: string): number => toEpochDay(localDateTime(nowMs, zone).date);

function handlingObservation(r: Record_, nowMs: number, today: number): DurationObservation | null {
  if (r.order.nowMs >= nowMs) return null;
  if (r.handedOverKnownAtMs <= nowMs) return { days: r.handlingDays, done: true, ageDays: (nowMs - r.handedOverKnownAtMs) / DAY_MS };
  const rule = dayRule(r.order.supplier.known);
  return { days: Math.max(0, businessEpochDaysBetween(r.startDay, today, rule)), done: false, ageDays: 0 };
}

function transitObservation(r: Record_, nowMs: number, todayOf: (zone: string) => number): DurationObservation | null {
  if (r.handedOverKnownAtMs > nowMs) return null;
  if (r.deliveredKnownAtMs <= nowMs) return { days: r.transitDays, done: true, ageDays: (nowMs - r.deliveredKnownAtMs) / DAY_MS };
  const today = todayOf(r.order.shopperZone);
  const rule = dayRule(carrierCalendar(r.order.lane.region));
  return { days: Math.max(0, businessEpochDaysBetween(r.carrierStartDay, today, rule)), done: false, ageDays: 0 };
}

/** A promise a method made, waiting for its outcome. */
interface Pending {
  readonly laneKey: string;
  readonly supplier: number;
  readonly kept: boolean;
  /** Kept or early: known at delivery; late: known once the latest promised day is over. */
  readonly resolvedAtMs: number;
}

class OutcomeBook {
  private readonly pending: Pending[] = [];
  private readonly bySupplier = new Map<number, PromiseOutcome[]>();
  private readonly byLane = new Map<string, PromiseOutcome[]>();

  add(p: Pending): void {
    this.pending.push(p);
  }

  /** Moves outcomes known by `nowMs` into the books, in the order they became known. */
  advance(nowMs: number): void {
    const ready = this.pending.filter((p) => p.resolvedAtMs <= nowMs).sort((a, b) => a.resolvedAtMs - b.resolvedAtMs);
    if (ready.length === 0) return;
    for (const p of ready) {
      push(this.bySupplier, p.supplier, { kept: p.kept });
      push(this.byLane, p.laneKey, { kept: p.kept });
    }
    const left = this.pending.filter((p) => p.resolvedAtMs > nowMs);
    this.pending.length = 0;
    this.pending.push(...left);
  }

  supplier(id: number): readonly PromiseOutcome[] {
    return this.bySupplier.get(id) ?? [];
  }

  lane(key: string): readonly PromiseOutcome[] {
    return this.byLane.get(key) ?? [];
  }
}

function push<K>(map: Map<K, PromiseOutcome[]>, key: K, value: PromiseOutcome): void {
  const list = map.get(key) ?? [];
  list.push(value);
  if (list.length > HISTORY_KEPT) list.splice(0, list.length - HISTORY_KEPT);
  map.set(key, list);
}

const laneKeyOf = (o: DriftOrder): string => `${o.supplier.index}:${o.lane.region}`;

const overlaps = (a: DayRange, b: DayRange): boolean => a.min <= b.max && b.min <= a.max;

/** Options of a drifting-world run. */
export interface DriftOptions {
  /** Orders promised and measured (placed during 2025); a warm-up's worth precedes them. */
  readonly orders: number;
  readonly seed: number;
  readonly suppliers?: number;
  /** Every drift off: the calm control world with the same suppliers and lanes. */
  readonly stationary?: boolean;
}

/** One measured promise. */
export interface Scored {
  readonly orderId: number;
  readonly supplier: number;
  readonly region: Region;
  /** Monday of the week the order was placed (UTC date of the order). */
  readonly week: string;
  readonly peak: boolean;
  readonly inside: boolean;
  readonly late: boolean;
  /** Carrier business days from earliest to latest. */
  readonly width: number;
}

/** The world of a run and its orders with their real fates (shared by methods and the oracle). */
export interface DriftRun {
  readonly world: readonly DriftSupplier[];
  readonly orders: readonly PreparedOrder[];
  readonly outcomes: readonly DriftOutcome[];
  readonly firstMeasuredMs: number;
}

/** Draws the world, its orders and what really happens to each (deterministic for a seed). */
export function driftRun(options: DriftOptions): DriftRun {
  const random = seededRandom(options.seed);
  const world = makeDriftWorld(random, options.suppliers ?? 12, { stationary: options.stationary });
  const { orders, firstMeasuredMs } = drawDriftOrders(random, world, options.orders);
  const prepared = orders.map(prepareOrder);
  const outcomes = prepared.map((p) => fulfilDrift(random, p));
  return { world, orders: prepared, outcomes, firstMeasuredMs };
}

function viewOf(order: DriftOrder): DriftView {
  return {
    supplierId: order.supplier.index,
    calendar: order.supplier.known,
    configuredHandling: order.supplier.configuredHandling,
    configuredTransit: order.lane.configured,
    region: order.lane.region,
    shopperZone: order.shopperZone,
    carrierHolidays: CARRIER_HOLIDAYS[order.lane.region],
    nowMs: order.nowMs,
  };
}

/**
 * Replays a run: for each order, each method promises from the evidence of that instant, and the
 * promise is scored against what happened. Returns one list of scored promises per method.
 */
export function replayDrift(run: DriftRun, methods: Readonly<Record<string, DriftMethod>>): Record<string, Scored[]> {
  const names = Object.keys(methods);
  const books = new Map(names.map((n) => [n, new OutcomeBook()]));
  const scored = new Map<string, Scored[]>(names.map((n) => [n, []]));
  const bySupplier = new Map<number, Record_[]>();
  const byRegion = new Map<Region, Record_[]>();
  run.orders.forEach((prepared, i) => {
    const order = prepared.order;
    const outcome = run.outcomes[i]!;
    const nowMs = order.nowMs;
    const own = bySupplier.get(order.supplier.index) ?? [];
    const regional = byRegion.get(order.lane.region) ?? [];
    const oldest = nowMs - HISTORY_DAYS * DAY_MS;
    const today = todayIn(nowMs, order.supplier.known.timeZone);
    const handling: DurationObservation[] = [];
    let openOrders = 0;
    let shipped = 0;
    let newest = -Infinity;
    const tenDaysAgo = nowMs - 14 * DAY_MS;
    for (let k = own.length - 1; k >= 0 && handling.length < HISTORY_KEPT; k -= 1) {
      const r = own[k]!;
      if (r.order.nowMs < oldest) break;
      const o = handlingObservation(r, nowMs, today);
      if (!o) continue;
      handling.push(o);
      newest = Math.max(newest, o.done ? r.handedOverKnownAtMs : r.order.nowMs);
      if (!o.done) openOrders += 1;
      else if (r.handedOverKnownAtMs >= tenDaysAgo) shipped += 1;
    }
    const transit: DurationObservation[] = [];
    const pooledTransit: DurationObservation[] = [];
    const todays = new Map<string, number>();
    const todayOf = (zone: string): number => {
      const known = todays.get(zone);
      if (known !== undefined) return known;
      const day = todayIn(nowMs, zone);
      todays.set(zone, day);
      return day;
    };
    for (let k = regional.length - 1; k >= 0; k -= 1) {
      const r = regional[k]!;
      if (r.order.nowMs < oldest) break;
      const same = r.order.supplier === order.supplier;
      if (!same && !overlaps(r.order.lane.configured, order.lane.configured)) continue;
      const target = same ? transit : pooledTransit;
      if (target.length >= HISTORY_KEPT) continue;
      const o = transitObservation(r, nowMs, todayOf);
      if (!o) continue;
      target.push(o);
      newest = Math.max(newest, o.done ? r.deliveredKnownAtMs : r.handedOverKnownAtMs);
    }
    const laneKey = laneKeyOf(order);
    const r = record(order, outcome);
    const measured = nowMs >= run.firstMeasuredMs;
    for (const name of names) {
      const book = books.get(name)!;
      book.advance(nowMs);
      if (!measured) continue;
      const evidence: Evidence = {
        view: viewOf(order),
        handling,
        transit,
        pooledTransit,
        openOrders,
        shippedPerDay: shipped / 10,
        supplierOutcomes: book.supplier(order.supplier.index),
        laneOutcomes: book.lane(laneKey),
        newestKnownAtMs: newest,
      };
      const window = methods[name]!(evidence);
      const delivered = outcome.delivered;
      const early = delivered < window.earliest;
      const late = delivered > window.latest;
      const lateKnownAtMs = instantAt(fromEpochDay(toEpochDay(window.latest) + 1), 0, order.shopperZone);
      book.add({ laneKey, supplier: order.supplier.index, kept: !early && !late, resolvedAtMs: late ? lateKnownAtMs : r.deliveredKnownAtMs });
      const carrier = dayRule({ workdays: MONDAY_TO_FRIDAY, holidays: CARRIER_HOLIDAYS[order.lane.region] });
      const orderDate = new Date(nowMs).toISOString().slice(0, 10);
      scored.get(name)!.push({
        orderId: order.id,
        supplier: order.supplier.index,
        region: order.lane.region,
        week: weekOf(orderDate),
        peak: isPeak(orderDate),
        inside: !early && !late,
        late,
        width: businessEpochDaysBetween(toEpochDay(window.earliest), toEpochDay(window.latest), carrier),
      });
    }
    own.push(r);
    bySupplier.set(order.supplier.index, own);
    regional.push(r);
    byRegion.set(order.lane.region, regional);
  });
  return Object.fromEntries(names.map((n) => [n, scored.get(n)!]));
}

/** The leg checkout would read for this lane: learned at a confidence, through the metafield data. */
export function learnedLeg(e: Evidence, confidence: number, options: LearningOptions & ShrinkagePrior = {}): PromiseLeg {
  const learned = learnLane(
    {
      configuredHandling: e.view.configuredHandling,
      configuredTransit: e.view.configuredTransit,
      handling: e.handling,
      transit: e.transit,
      pooledTransit: e.pooledTransit,
      supplierOutcomes: e.supplierOutcomes,
      laneOutcomes: e.laneOutcomes,
      confidence,
    },
    options,
  );
  const coverage = [{ countryCode: e.view.region, transit: e.view.configuredTransit }];
  const data = toSupplierPromiseData(e.view.calendar, e.view.configuredHandling, coverage, undefined, {
    handling: learned.handling,
    transit: [learned.transit],
    coverage: learned.coverage,
    basis: [learned.transitBasis],
  });
  const leg = legFromPromiseData(data, { countryCode: e.view.region }, e.view.carrierHolidays, e.view.shopperZone);
  if (!leg) throw new RangeError(`The simulated supplier does not serve its own lane ${e.view.region}`);
  return leg;
}

/** Dropline's promise at a confidence, through the same path as checkout (metafield data → leg → window). */
export function robustMethod(confidence: number, options: LearningOptions & ShrinkagePrior = {}): DriftMethod {
  return (e) => promiseWindow(learnedLeg(e, confidence, options), e.view.nowMs);
}

/** The previous engine (delivered parcels only, ≥ 20 or the configured range, 97 %), for comparison. */
export const previousMethod: DriftMethod = (e) => {
  const handlingSamples = e.handling.filter((o) => o.done).map((o) => o.days);
  const transitSamples = e.transit.filter((o) => o.done).map((o) => ({ countryCode: e.view.region, days: o.days }));
  const coverage = [{ countryCode: e.view.region, transit: e.view.configuredTransit }];
  const data = toSupplierPromiseData(
    e.view.calendar,
    handlingFromHistory({ configured: e.view.configuredHandling, samples: handlingSamples }),
    coverage,
    undefined,
    { handling: handlingDaysFromHistory(handlingSamples), transit: transitDaysByCoverage(coverage, transitSamples) },
  );
  const leg = legFromPromiseData(data, { countryCode: e.view.region }, e.view.carrierHolidays);
  if (!leg) throw new RangeError("no lane");
  return promiseWindow(leg, e.view.nowMs);
};

/** Summary of scored promises. */
export interface DriftSummary {
  readonly promises: number;
  readonly inside: number;
  readonly late: number;
  readonly meanWidth: number;
  /** Share inside per week of the peak (weeks starting from 24 November). */
  readonly peakWeeks: readonly { readonly week: string; readonly promises: number; readonly inside: number }[];
  /** Supplier × region segments with at least `minSegment` promises: the lowest share inside. */
  readonly worstSegment: { readonly key: string; readonly promises: number; readonly inside: number } | null;
  readonly segments: number;
  /** Thin segments (< minSegment promises): their pooled share inside. */
  readonly thin: { readonly promises: number; readonly inside: number };
}

export function summarise(scored: readonly Scored[], minSegment = 30): DriftSummary {
  const share = (xs: readonly Scored[]): number => (xs.length === 0 ? 0 : xs.filter((s) => s.inside).length / xs.length);
  const weeks = new Map<string, Scored[]>();
  for (const s of scored) if (s.peak || (s.week >= "2025-11-24" && s.week <= "2025-12-22")) weeks.set(s.week, [...(weeks.get(s.week) ?? []), s]);
  const segments = new Map<string, Scored[]>();
  for (const s of scored) {
    const key = `supplier ${s.supplier} → ${s.region}`;
    segments.set(key, [...(segments.get(key) ?? []), s]);
  }
  const big = [...segments.entries()].filter(([, xs]) => xs.length >= minSegment);
  const thin = [...segments.values()].filter((xs) => xs.length < minSegment).flat();
  const worst = big.map(([key, xs]) => ({ key, promises: xs.length, inside: share(xs) })).sort((a, b) => a.inside - b.inside)[0] ?? null;
  return {
    promises: scored.length,
    inside: share(scored),
    late: scored.length === 0 ? 0 : scored.filter((s) => s.late).length / scored.length,
    meanWidth: scored.length === 0 ? 0 : scored.reduce((n, s) => n + s.width, 0) / scored.length,
    peakWeeks: [...weeks.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([week, xs]) => ({ week, promises: xs.length, inside: share(xs) })),
    worstSegment: worst,
    segments: big.length,
    thin: { promises: thin.length, inside: share(thin) },
  };
}

/** One point of the oracle's trade-off. */
export interface OraclePoint {
  readonly threshold: number;
  readonly inside: number;
  readonly meanWidth: number;
}

/**
 * The oracle: it knows the world's hidden parameters (real calendars, backlog schedule, late
 * rates, lanes' typical transit), not the order's own random draw. Per measured order it draws
 * `draws` futures through the same `fulfilDrift` and windows every date at least `λ` likely;
 * sweeping `λ` traces the least mean width for each share inside.
 */
export function oracleCurve(run: DriftRun, thresholds: readonly number[], draws = 300, seed = 7): OraclePoint[] {
  const random = seededRandom(seed);
  const tally = thresholds.map(() => ({ inside: 0, width: 0 }));
  let measured = 0;
  run.orders.forEach((prepared, i) => {
    if (prepared.order.nowMs < run.firstMeasuredMs) return;
    measured += 1;
    const counts = new Map<number, number>();
    for (let k = 0; k < draws; k += 1) {
      const day = toEpochDay(fulfilDrift(random, prepared).delivered);
      counts.set(day, (counts.get(day) ?? 0) + 1);
    }
    const days = [...counts.keys()].sort((a, b) => a - b);
    const rule = dayRule(carrierCalendar(prepared.order.lane.region));
    const distribution: DeliveryDistribution = {
      days,
      probabilities: days.map((d) => (counts.get(d) ?? 0) / draws),
      businessDays: days.map((d) => businessEpochDaysBetween(days[0] ?? d, d, rule)),
    };
    const delivered = run.outcomes[i]!.delivered;
    thresholds.forEach((t, j) => {
      const w = thresholdWindow(distribution, t);
      const cell = tally[j]!;
      if (delivered >= w.earliest && delivered <= w.latest) cell.inside += 1;
      cell.width += businessEpochDaysBetween(toEpochDay(w.earliest), toEpochDay(w.latest), rule);
    });
  });
  return thresholds.map((threshold, j) => ({
    threshold,
    inside: measured === 0 ? 0 : tally[j]!.inside / measured,
    meanWidth: measured === 0 ? 0 : tally[j]!.width / measured,
  }));
}

/**
 * The oracle's least mean width at a share inside: linear between the two curve points around it
 * (the curve is monotone: a lower threshold holds more and is wider). NaN outside the curve.
 */
export function oracleWidthAt(curve: readonly OraclePoint[], share: number): number {
  const points = [...curve].sort((a, b) => a.inside - b.inside);
  for (let i = 0; i < points.length; i += 1) {
    const p = points[i]!;
    if (p.inside >= share) {
      const q = points[i - 1];
      if (!q || p.inside === q.inside) return p.meanWidth;
      return q.meanWidth + ((share - q.inside) / (p.inside - q.inside)) * (p.meanWidth - q.meanWidth);
    }
  }
  return Number.NaN;
}
