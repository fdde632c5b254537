/**
 * What delivered shipments teach the promise: per supplier, how many business days it took from
 * the order to the carrier's first scan (handling), and per destination how many carrier business
 * days the parcel then travelled (transit). Counted exactly as a window is computed, so a learned
 * distribution and the window built from it agree: handling in the supplier's business days from
 * the day its handling clock started, transit in carrier business days (Mon–Fri minus the carrier
 * holidays) between supplier-local dates.
 */
import { businessDaysBetween, MONDAY_TO_FRIDAY, shipStartDate } from "./calendar";
import type { TransitSample } from "./history";
import { isValidTimeZone, localDateTime } from "./time-zone";
import type { DeliveredPromise } from "./accuracy";
import { FORWARD_STAGES, stageRank } from "../tracking/stages";
import type { SupplierCalendar } from "./types";
import type { DurationObservation, PromiseOutcome } from "./learning";

/** Stages that mean the carrier has the parcel: tracking's forward stages from the pickup on. */
const CARRIER_STAGES: ReadonlySet<string> = new Set(FORWARD_STAGES.slice(stageRank("picked_up")));

/** A recorded carrier event, as tracking stores it. */
export interface ObservedEvent {
  readonly stage: string | null;
  readonly happenedAtMs: number;
}

/** One shipment of one supplier: when its order was placed, where it went, its parcels' events. */
export interface ShipmentObservation {
  readonly supplierId: string;
  readonly orderedAtMs: number;
  readonly countryCode: string | null;
  readonly provinceCode: string | null;
  readonly parcels: readonly { readonly events: readonly ObservedEvent[] }[];
  /** The window promised for it (shopper dates), when known: how accuracy is measured. */
  readonly promisedEarliest?: string | null;
  readonly promisedLatest?: string | null;
  /** The zone the promised dates are in (the shopper's, or the shop's). */
  readonly promiseTimeZone?: string | null;
  /** "standard" or "expedited", as the order was routed. */
  readonly serviceLevel?: string | null;
}

/**
 * Carrier non-delivery dates by destination: one list for every destination, or a lookup by
 * destination country (return the same array for the same country: calendars are indexed once
 * per list).
 */
export type CarrierHolidaysByDestination = readonly string[] | ((countryCode: string | null) => readonly string[]);

/** The carrier's calendar to a destination country. */
function carrierTo(holidays: CarrierHolidaysByDestination, countryCode: string | null): { workdays: readonly number[]; holidays: readonly string[] } {
  return { workdays: MONDAY_TO_FRIDAY, holidays: typeof holidays === "function" ? holidays(countryCode) : holidays };
}

/**
 * The carrier holidays of parcels to each destination country: the shop-wide dates plus the
 * country's own, one array per country (calendars are indexed once per array).
 */
export function carrierHolidaysByDestination(
  everywhere: readonly string[],
  byCountry: Readonly<Record<string, readonly string[]>>,
): (countryCode: string | null) => readonly string[] {
  const merged = new Map<string, readonly string[]>();
  return (countryCode) => {
    const country = countryCode?.toUpperCase() ?? "";
    const own = byCountry[country];
    if (!own || own.length === 0) return everywhere;
    const known = merged.get(country);
    if (known) return known;
    const list = [...new Set([...everywhere, ...own])].sort();
    merged.set(country, list);
    return list;
  };
}

/** Samples per supplier id, newest first. */
export interface LearnedSamples {
  readonly handling: ReadonlyMap<string, readonly number[]>;
  readonly transit: ReadonlyMap<string, readonly TransitSample[]>;
}

/** How many recent samples a supplier (handling) or a supplier's country (transit) keeps. */
export const SAMPLES_KEPT = 200;

/** The carrier's first scan and, once every parcel is delivered, the last delivery (epoch ms). */
export function shipmentMilestones(parcels: ShipmentObservation["parcels"]): { handedOverMs: number | null; deliveredMs: number | null } {
  let handedOverMs: number | null = null;
  let deliveredMs: number | null = null;
  let allDelivered = parcels.length > 0;
  for (const parcel of parcels) {
    let parcelDelivered: number | null = null;
    for (const e of parcel.events) {
      if (!e.stage || !CARRIER_STAGES.has(e.stage) || !Number.isFinite(e.happenedAtMs)) continue;
      if (handedOverMs === null || e.happenedAtMs < handedOverMs) handedOverMs = e.happenedAtMs;
      if (e.stage === "delivered" && (parcelDelivered === null || e.happenedAtMs < parcelDelivered)) parcelDelivered = e.happenedAtMs;
    }
    if (parcelDelivered === null) allDelivered = false;
    else if (deliveredMs === null || parcelDelivered > deliveredMs) deliveredMs = parcelDelivered;
  }
  return { handedOverMs, deliveredMs: allDelivered ? deliveredMs : null };
}

/**
 * Handling and transit samples from shipments (any order; the newest `SAMPLES_KEPT` are kept).
 * Shipments of suppliers without a calendar, before the carrier's first scan, or with clocks
 * that run backwards (a scan before the order) teach nothing and are skipped.
 */
export function learnFromShipments(
  shipments: readonly ShipmentObservation[],
  calendars: ReadonlyMap<string, SupplierCalendar>,
  carrierHolidays: CarrierHolidaysByDestination = [],
): LearnedSamples {
  const handling = new Map<string, number[]>();
  const transit = new Map<string, TransitSample[]>();
  const perLane = new Map<string, number>();
  const newestFirst = [...shipments].sort((a, b) => b.orderedAtMs - a.orderedAtMs);
  for (const s of newestFirst) {
    const calendar = calendars.get(s.supplierId);
    const { handedOverMs, deliveredMs } = shipmentMilestones(s.parcels);
    if (!calendar || handedOverMs === null || handedOverMs < s.orderedAtMs) continue;
    const localDate = (ms: number): string => localDateTime(ms, calendar.timeZone).date;
    const handedOver = localDate(handedOverMs);
    const days = businessDaysBetween(shipStartDate(calendar, s.orderedAtMs), handedOver, calendar);
    const own = handling.get(s.supplierId) ?? [];
    handling.set(s.supplierId, own);
    if (days >= 0 && own.length < SAMPLES_KEPT) own.push(days);
    if (deliveredMs === null || deliveredMs < handedOverMs || !s.countryCode) continue;
    const lanes = transit.get(s.supplierId) ?? [];
    transit.set(s.supplierId, lanes);
    const country = s.countryCode.toUpperCase();
    const lane = `${s.supplierId}\u0000${country}`;
    const kept = perLane.get(lane) ?? 0;
    if (kept >= SAMPLES_KEPT) continue;
    perLane.set(lane, kept + 1);
    lanes.push({
      countryCode: country,
      provinceCode: s.provinceCode,
      days: businessDaysBetween(handedOver, localDate(deliveredMs), carrierTo(carrierHolidays, country)),
    });
  }
  return { handling, transit };
}

/** A purchase order sent to a supplier and not shipped yet. */
export interface OpenPurchaseOrder {
  readonly supplierId: string;
  readonly orderedAtMs: number;
}

/** What the robust engine learns one supplier from (see `learnLane`). */
export interface SupplierEvidence {
  /** Shipped orders (done) and open purchase orders (business days so far). */
  readonly handling: readonly DurationObservation[];
  /** Per destination country: delivered parcels (done) and parcels in transit (days so far). */
  readonly transit: ReadonlyMap<string, readonly DurationObservation[]>;
  /** Resolved promises, oldest first (from shipments that carry their promised window). */
  readonly outcomes: readonly PromiseOutcome[];
}

const DAY_MS = 86_400_000;

/** One shipment's facts, computed once (dates and business-day counts do not depend on "now"). */
export interface ShipmentFacts {
  readonly supplierId: string;
  readonly orderedAtMs: number;
  /** Destination country (upper case), null when unknown. */
  readonly country: string | null;
  readonly calendar: SupplierCalendar;
  /** Supplier-local date the handling clock started. */
  readonly start: string;
  readonly handedOverMs: number | null;
  readonly handedOver: string | null;
  readonly handlingDays: number | null;
  readonly deliveredMs: number | null;
  /** Carrier business days from hand-off to delivery (supplier-local dates), null until delivered. */
  readonly transitDays: number | null;
  readonly deliveredOn: string | null;
  readonly promisedEarliest: string | null;
  readonly promisedLatest: string | null;
}

/**
 * Each shipment's facts, for `evidenceAt` to read at any instant. Shipments of suppliers without a
 * calendar, or with clocks that run backwards (a scan before the order), are left out.
 */
export function shipmentFacts(
  shipments: readonly ShipmentObservation[],
  calendars: ReadonlyMap<string, SupplierCalendar>,
  carrierHolidays: CarrierHolidaysByDestination = [],
): ShipmentFacts[] {
  return shipments.flatMap((s): ShipmentFacts[] => {
    const calendar = calendars.get(s.supplierId);
    if (!calendar) return [];
    const { handedOverMs, deliveredMs } = shipmentMilestones(s.parcels);
    if (handedOverMs !== null && handedOverMs < s.orderedAtMs) return [];
    const localDate = (ms: number): string => localDateTime(ms, calendar.timeZone).date;
    const start = shipStartDate(calendar, s.orderedAtMs);
    const handedOver = handedOverMs === null ? null : localDate(handedOverMs);
    const delivered = deliveredMs !== null && handedOverMs !== null && deliveredMs >= handedOverMs ? deliveredMs : null;
    const deliveredOn = delivered === null ? null : localDate(delivered);
    const carrier = carrierTo(carrierHolidays, s.countryCode ? s.countryCode.toUpperCase() : null);
    return [
      {
        supplierId: s.supplierId,
        orderedAtMs: s.orderedAtMs,
        country: s.countryCode ? s.countryCode.toUpperCase() : null,
        calendar,
        start,
        handedOverMs,
        handedOver,
        handlingDays: handedOver === null ? null : Math.max(0, businessDaysBetween(start, handedOver, calendar)),
        deliveredMs: delivered,
        transitDays: handedOver !== null && deliveredOn !== null ? Math.max(0, businessDaysBetween(handedOver, deliveredOn, carrier)) : null,
        deliveredOn,
        promisedEarliest: s.promisedEarliest ?? null,
        promisedLatest: s.promisedLatest ?? null,
      },
    ];
  });
}

/** Whether a delivery date kept a promised window. */
export const keptPromise = (deliveredOn: string, earliest: string | null, latest: string): boolean =>
  deliveredOn <= latest && (!earliest || deliveredOn >= earliest);

/**
 * Evidence per supplier at `nowMs` from shipment facts: handling of shipments handed over by then
 * (done) or not yet (open, business days so far), transit of parcels delivered by then (done) or
 * still in transit (open), the outcomes of promises resolved by then, and open purchase orders
 * as open handling. Nothing known only after `nowMs` is used.
 */
export function evidenceAt(
  facts: readonly ShipmentFacts[],
  openOrders: readonly OpenPurchaseOrder[],
  calendars: ReadonlyMap<string, SupplierCalendar>,
  nowMs: number,
  carrierHolidays: CarrierHolidaysByDestination = [],
): Map<string, SupplierEvidence> {
  const out = new Map<string, { handling: DurationObservation[]; transit: Map<string, DurationObservation[]>; outcomes: { at: number; kept: boolean }[] }>();
  const entry = (id: string) => {
    const e = out.get(id) ?? { handling: [], transit: new Map<string, DurationObservation[]>(), outcomes: [] };
    out.set(id, e);
    return e;
  };
  const todays = new Map<string, string>();
  const today = (zone: string): string => {
    const known = todays.get(zone);
    if (known) return known;
    const date = localDateTime(nowMs, zone).date;
    todays.set(zone, date);
    return date;
  };
  const age = (ms: number): number => Math.max(0, (nowMs - ms) / DAY_MS);
  for (const f of facts) {
    if (f.orderedAtMs > nowMs) continue;
    const e = entry(f.supplierId);
    const local = today(f.calendar.timeZone);
    if (f.handedOverMs === null || f.handedOverMs > nowMs || f.handedOver === null) {
      e.handling.push({ days: Math.max(0, businessDaysBetween(f.start, local, f.calendar)), done: false, ageDays: 0 });
      continue;
    }
    e.handling.push({ days: f.handlingDays ?? 0, done: true, ageDays: age(f.handedOverMs) });
    if (!f.country) continue;
    const lane = e.transit.get(f.country) ?? [];
    e.transit.set(f.country, lane);
    const delivered = f.deliveredMs !== null && f.deliveredMs <= nowMs;
    if (delivered && f.deliveredMs !== null) lane.push({ days: f.transitDays ?? 0, done: true, ageDays: age(f.deliveredMs) });
    else lane.push({ days: Math.max(0, businessDaysBetween(f.handedOver, local, carrierTo(carrierHolidays, f.country))), done: false, ageDays: 0 });
    if (f.promisedLatest) {
      if (delivered && f.deliveredOn !== null && f.deliveredMs !== null)
        e.outcomes.push({ at: f.deliveredMs, kept: keptPromise(f.deliveredOn, f.promisedEarliest, f.promisedLatest) });
      else if (local > f.promisedLatest) e.outcomes.push({ at: nowMs, kept: false });
    }
  }
  for (const po of openOrders) {
    const calendar = calendars.get(po.supplierId);
    if (!calendar || po.orderedAtMs > nowMs) continue;
    const start = shipStartDate(calendar, po.orderedAtMs);
    entry(po.supplierId).handling.push({ days: Math.max(0, businessDaysBetween(start, today(calendar.timeZone), calendar)), done: false, ageDays: 0 });
  }
  return new Map(
    [...out.entries()].map(([id, e]) => [
      id,
      { handling: e.handling, transit: e.transit, outcomes: e.outcomes.sort((a, b) => a.at - b.at).map((o) => ({ kept: o.kept })) },
    ]),
  );
}

/** `evidenceAt` straight from shipments (see `shipmentFacts`). */
export function evidenceFromShipments(
  shipments: readonly ShipmentObservation[],
  openOrders: readonly OpenPurchaseOrder[],
  calendars: ReadonlyMap<string, SupplierCalendar>,
  nowMs: number,
  carrierHolidays: CarrierHolidaysByDestination = [],
): Map<string, SupplierEvidence> {
  return evidenceAt(shipmentFacts(shipments, calendars, carrierHolidays), openOrders, calendars, nowMs, carrierHolidays);
}

/**
 * Promised vs actual for every delivered shipment that carries its promise: the delivery date in
 * the promise's zone (else the supplier's), destination country, service level.
 */
export function deliveredPromises(shipments: readonly ShipmentObservation[], calendars: ReadonlyMap<string, SupplierCalendar>): DeliveredPromise[] {
  return shipments.flatMap((s): DeliveredPromise[] => {
    if (!s.promisedLatest) return [];
    const { deliveredMs } = shipmentMilestones(s.parcels);
    const zone = (s.promiseTimeZone && isValidTimeZone(s.promiseTimeZone) ? s.promiseTimeZone : null) ?? calendars.get(s.supplierId)?.timeZone;
    if (deliveredMs === null || !zone) return [];
    return [
      {
        supplierId: s.supplierId,
        region: (s.countryCode ?? "unknown").toUpperCase(),
        serviceLevel: s.serviceLevel ?? "standard",
        promisedEarliest: s.promisedEarliest ?? null,
        promisedLatest: s.promisedLatest,
        deliveredOn: localDateTime(deliveredMs, zone).date,
      },
    ];
  });
}
