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
import { localDateTime } from "./time-zone";
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
  carrierHolidays: readonly string[] = [],
): LearnedSamples {
  const carrier = { workdays: MONDAY_TO_FRIDAY, holidays: carrierHolidays };
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
    lanes.push({ countryCode: country, provinceCode: s.provinceCode, days: businessDaysBetween(handedOver, localDate(deliveredMs), carrier) });
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

const DAY_MS_ = 86_400_000;

/**
 * Evidence per supplier at `nowMs`, counted like `learnFromShipments` (handling in the supplier's
 * business days from its clock start, transit in carrier business days), plus what that leaves
 * out: parcels still in transit and purchase orders not shipped yet, as "at least so many days
 * so far", and each observation's age for its recency weight. Nothing after `nowMs` is used.
 */
export function evidenceFromShipments(
  shipments: readonly ShipmentObservation[],
  openOrders: readonly OpenPurchaseOrder[],
  calendars: ReadonlyMap<string, SupplierCalendar>,
  nowMs: number,
  carrierHolidays: readonly string[] = [],
): Map<string, SupplierEvidence> {
  const carrier = { workdays: MONDAY_TO_FRIDAY, holidays: carrierHolidays };
  const out = new Map<string, { handling: DurationObservation[]; transit: Map<string, DurationObservation[]>; outcomes: { at: number; kept: boolean }[] }>();
  const entry = (id: string) => {
    const e = out.get(id) ?? { handling: [], transit: new Map<string, DurationObservation[]>(), outcomes: [] };
    out.set(id, e);
    return e;
  };
  const age = (ms: number): number => Math.max(0, (nowMs - ms) / DAY_MS_);
  for (const s of shipments) {
    const calendar = calendars.get(s.supplierId);
    if (!calendar || s.orderedAtMs > nowMs) continue;
    const { handedOverMs, deliveredMs } = shipmentMilestones(s.parcels);
    const localDate = (ms: number): string => localDateTime(ms, calendar.timeZone).date;
    const start = shipStartDate(calendar, s.orderedAtMs);
    const e = entry(s.supplierId);
    if (handedOverMs === null || handedOverMs > nowMs || handedOverMs < s.orderedAtMs) {
      e.handling.push({ days: Math.max(0, businessDaysBetween(start, localDate(nowMs), calendar)), done: false, ageDays: 0 });
      continue;
    }
    const handedOver = localDate(handedOverMs);
    e.handling.push({ days: Math.max(0, businessDaysBetween(start, handedOver, calendar)), done: true, ageDays: age(handedOverMs) });
    if (!s.countryCode) continue;
    const country = s.countryCode.toUpperCase();
    const lane = e.transit.get(country) ?? [];
    e.transit.set(country, lane);
    const deliveredAt = deliveredMs !== null && deliveredMs <= nowMs && deliveredMs >= handedOverMs ? deliveredMs : null;
    const delivered = deliveredAt !== null;
    const until = deliveredAt ?? nowMs;
    lane.push({
      days: Math.max(0, businessDaysBetween(handedOver, localDate(until), carrier)),
      done: delivered,
      ageDays: deliveredAt !== null ? age(deliveredAt) : 0,
    });
    if (s.promisedLatest) {
      const deliveredOn = deliveredAt !== null ? localDate(deliveredAt) : null;
      const today = localDate(nowMs);
      if (deliveredOn !== null)
        e.outcomes.push({ at: deliveredAt ?? nowMs, kept: deliveredOn <= s.promisedLatest && (!s.promisedEarliest || deliveredOn >= s.promisedEarliest) });
      else if (today > s.promisedLatest) e.outcomes.push({ at: nowMs, kept: false });
    }
  }
  for (const po of openOrders) {
    const calendar = calendars.get(po.supplierId);
    if (!calendar || po.orderedAtMs > nowMs) continue;
    const start = shipStartDate(calendar, po.orderedAtMs);
    entry(po.supplierId).handling.push({
      days: Math.max(0, businessDaysBetween(start, localDateTime(nowMs, calendar.timeZone).date, calendar)),
      done: false,
      ageDays: 0,
    });
  }
  return new Map(
    [...out.entries()].map(([id, e]) => [
      id,
      { handling: e.handling, transit: e.transit, outcomes: e.outcomes.sort((a, b) => a.at - b.at).map((o) => ({ kept: o.kept })) },
    ]),
  );
}
