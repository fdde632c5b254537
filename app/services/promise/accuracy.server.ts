/**
 * The promise page's accuracy report and confidence backtest (#18 items 2 and 6), and the control
 * tower's kept-rate card: read from the shop's own delivered history.
 */
import type { PrismaClient } from "@prisma/client";
import { accuracyReport, backtest, type AccuracyReport, type Backtest } from "~/domain/promise/accuracy";
import { carrierHolidaysByDestination, deliveredPromises, shipmentFacts } from "~/domain/promise/observations";
import { recentShipmentObservations } from "~/models/delivery-history.server";
import { loadCarrierHolidays, loadCarrierHolidaysByCountry, loadPromiseConfidence } from "~/models/promise.server";
import { listSuppliers } from "~/models/suppliers.server";
import { engineSupplier } from "~/services/routing/inputs";

/** Delivered orders the backtest replays: enough for a trade-off by supplier and region, bounded for a page load. */
export const BACKTEST_PROMISES = 200;

export interface PromiseAccuracy {
  readonly report: AccuracyReport;
  readonly backtest: Backtest;
  /** The shop's chosen confidence (share). */
  readonly confidence: number;
  /** Supplier names by id. */
  readonly names: Readonly<Record<string, string>>;
}

/** Kept rate of delivered promises and the backtest of each confidence. */
export async function promiseAccuracy(db: PrismaClient, shop: string): Promise<PromiseAccuracy> {
  const [suppliers, shipments, holidays, byCountry, confidence] = await Promise.all([
    listSuppliers(db, shop),
    recentShipmentObservations(db, shop),
    loadCarrierHolidays(db, shop),
    loadCarrierHolidaysByCountry(db, shop),
    loadPromiseConfidence(db, shop),
  ]);
  const engine = suppliers.map(engineSupplier);
  const calendars = new Map(engine.map((s) => [s.id, s.calendar]));
  return {
    report: accuracyReport(deliveredPromises(shipments, calendars)),
    backtest: backtest({
      // Transit observed to each country counts that country's own carrier holidays too.
      facts: shipmentFacts(shipments, calendars, carrierHolidaysByDestination(holidays, byCountry)),
      suppliers: engine.map((s) => ({ id: s.id, calendar: s.calendar, handling: s.serviceTier.handling, coverage: s.coverage })),
      carrierHolidays: holidays,
      maxPromises: BACKTEST_PROMISES,
    }),
    confidence,
    names: Object.fromEntries(suppliers.map((s) => [s.id, s.name])),
  };
}

/** Just the kept rate (the control tower card): cheaper than the whole page. */
export async function keptRate(db: PrismaClient, shop: string): Promise<AccuracyReport["overall"]> {
  const [suppliers, shipments] = await Promise.all([listSuppliers(db, shop), recentShipmentObservations(db, shop)]);
  const calendars = new Map(suppliers.map(engineSupplier).map((s) => [s.id, s.calendar]));
  return accuracyReport(deliveredPromises(shipments, calendars)).overall;
}
