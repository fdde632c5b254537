/**
 * How well promises are kept (#18 items 2 and 6). Pure.
 *
 * - `accuracyReport`: promised vs actual for every delivered order, kept rate overall and by
 *   supplier, region and service level.
 * - `backtest`: from the shop's own delivered history, the window each confidence would have
 *   promised each order at the time it was placed (only what was known then) and how often it
 *   would have been kept, by supplier and region — the trade-off before the merchant chooses.
 */
import { businessDaysBetween, MONDAY_TO_FRIDAY } from "./calendar";
import { coverageRowIndex, type CoverageEntry } from "./coverage";
import { learnLane, CONFIDENCE_CHOICES, type PromiseOutcome } from "./learning";
import { evidenceAt, keptPromise, type ShipmentFacts } from "./observations";
import type { DayRange, SupplierCalendar } from "./types";
import { promiseWindow } from "./window";

/** One delivered order's promise and reality (shopper dates). */
export interface DeliveredPromise {
  readonly supplierId: string;
  /** Destination country code. */
  readonly region: string;
  readonly serviceLevel: string;
  readonly promisedEarliest: string | null;
  readonly promisedLatest: string;
  readonly deliveredOn: string;
}

/** Kept rate of a group of promises. */
export interface KeptRate {
  readonly key: string;
  readonly promises: number;
  readonly kept: number;
  readonly early: number;
  readonly late: number;
  /** kept / promises (0 when none). */
  readonly keptShare: number;
}

export interface AccuracyReport {
  readonly overall: KeptRate;
  readonly bySupplier: readonly KeptRate[];
  readonly byRegion: readonly KeptRate[];
  readonly byServiceLevel: readonly KeptRate[];
}

function rate(key: string, rows: readonly DeliveredPromise[]): KeptRate {
  let kept = 0;
  let early = 0;
  let late = 0;
  for (const r of rows) {
    if (r.deliveredOn > r.promisedLatest) late += 1;
    else if (r.promisedEarliest && r.deliveredOn < r.promisedEarliest) early += 1;
    else kept += 1;
  }
  return { key, promises: rows.length, kept, early, late, keptShare: rows.length === 0 ? 0 : kept / rows.length };
}

function groupBy(rows: readonly DeliveredPromise[], key: (r: DeliveredPromise) => string): KeptRate[] {
  const groups = new Map<string, DeliveredPromise[]>();
  for (const r of rows) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
  // Worst first: what the merchant should look at.
  return [...groups.entries()].map(([k, xs]) => rate(k, xs)).sort((a, b) => a.keptShare - b.keptShare || b.promises - a.promises || (a.key < b.key ? -1 : 1));
}

/** Kept rate overall and by supplier, region and service level. */
export function accuracyReport(rows: readonly DeliveredPromise[]): AccuracyReport {
  return {
    overall: rate("all", rows),
    bySupplier: groupBy(rows, (r) => r.supplierId),
    byRegion: groupBy(rows, (r) => r.region),
    byServiceLevel: groupBy(rows, (r) => r.serviceLevel),
  };
}

/** A supplier as the backtest promises for it: its calendar, configured handling and coverage. */
export interface BacktestSupplier {
  readonly id: string;
  readonly calendar: SupplierCalendar;
  readonly handling: DayRange;
  readonly coverage: readonly CoverageEntry[];
}

/** One confidence's result over a group of orders. */
export interface BacktestCell {
  readonly confidence: number;
  readonly promises: number;
  readonly kept: number;
  readonly keptShare: number;
  /** Mean window width, carrier business days. */
  readonly meanWidth: number;
}

export interface BacktestRow {
  readonly supplierId: string;
  readonly region: string;
  readonly cells: readonly BacktestCell[];
}

export interface Backtest {
  readonly overall: readonly BacktestCell[];
  readonly rows: readonly BacktestRow[];
}

export interface BacktestInput {
  readonly facts: readonly ShipmentFacts[];
  readonly suppliers: readonly BacktestSupplier[];
  readonly carrierHolidays?: readonly string[];
  readonly confidences?: readonly number[];
  /** The most recent delivered orders replayed (each replays the history before it). Default 200. */
  readonly maxPromises?: number;
  /** Replay only orders placed before this instant (the history after it still exists). */
  readonly placedBeforeMs?: number;
}

const pooledFor = (supplierId: string, country: string, evidence: ReturnType<typeof evidenceAt>) =>
  [...evidence.entries()].filter(([id]) => id !== supplierId).flatMap(([, e]) => [...(e.transit.get(country) ?? [])]);

/**
 * Replays the most recent delivered orders: at each order's placement, what the engine would have
 * promised at each confidence from the evidence of that instant (its calibration fed by the
 * backtest's own earlier promises at that confidence, resolved by then), scored against the
 * real delivery date.
 */
export function backtest(input: BacktestInput): Backtest {
  const confidences = input.confidences ?? CONFIDENCE_CHOICES;
  const holidays = input.carrierHolidays ?? [];
  const carrier = { workdays: MONDAY_TO_FRIDAY, holidays };
  const suppliers = new Map(input.suppliers.map((s) => [s.id, s]));
  const calendars = new Map(input.suppliers.map((s) => [s.id, s.calendar]));
  const delivered = input.facts
    .filter((f) => f.deliveredOn !== null && f.deliveredMs !== null && f.country !== null && suppliers.has(f.supplierId))
    .filter((f) => input.placedBeforeMs === undefined || f.orderedAtMs < input.placedBeforeMs)
    .sort((a, b) => a.orderedAtMs - b.orderedAtMs)
    .slice(-(input.maxPromises ?? 200));
  // Per confidence: the backtest's own promises, to calibrate on once resolved.
  const books = confidences.map(() => [] as { supplierId: string; resolvedAtMs: number; kept: boolean }[]);
  const cells = new Map<string, { promises: number; kept: number; width: number }[]>();
  for (const f of delivered) {
    const supplier = suppliers.get(f.supplierId)!;
    const country = f.country!;
    const row = supplier.coverage[coverageRowIndex(supplier.coverage, { countryCode: country })];
    if (!row) continue;
    const evidence = evidenceAt(input.facts, [], calendars, f.orderedAtMs, holidays);
    const own = evidence.get(f.supplierId);
    const key = `${f.supplierId}\u0000${country}`;
    const groupCells = cells.get(key) ?? confidences.map(() => ({ promises: 0, kept: 0, width: 0 }));
    cells.set(key, groupCells);
    confidences.forEach((confidence, i) => {
      const outcomes: PromiseOutcome[] = books[i]!.filter((b) => b.supplierId === f.supplierId && b.resolvedAtMs <= f.orderedAtMs)
        .sort((a, b) => a.resolvedAtMs - b.resolvedAtMs)
        .map((b) => ({ kept: b.kept }));
      const learned = learnLane({
        configuredHandling: supplier.handling,
        configuredTransit: row.transit,
        handling: own?.handling ?? [],
        transit: own?.transit.get(country) ?? [],
        pooledTransit: pooledFor(f.supplierId, country, evidence),
        supplierOutcomes: outcomes,
        laneOutcomes: [],
        confidence,
      });
      const window = promiseWindow(
        {
          calendar: supplier.calendar,
          handling: supplier.handling,
          transit: row.transit,
          carrierHolidays: holidays,
          handlingDays: learned.handling,
          transitDays: learned.transit,
          // As published: whole thousandths.
          coverage: Math.round(learned.coverage * 1000) / 1000,
        },
        f.orderedAtMs,
      );
      const kept = keptPromise(f.deliveredOn!, window.earliest, window.latest);
      const cell = groupCells[i]!;
      cell.promises += 1;
      cell.kept += kept ? 1 : 0;
      cell.width += businessDaysBetween(window.earliest, window.latest, carrier);
      books[i]!.push({ supplierId: f.supplierId, resolvedAtMs: f.deliveredMs!, kept });
    });
  }
  const toCell = (confidence: number, c: { promises: number; kept: number; width: number }): BacktestCell => ({
    confidence,
    promises: c.promises,
    kept: c.kept,
    keptShare: c.promises === 0 ? 0 : c.kept / c.promises,
    meanWidth: c.promises === 0 ? 0 : c.width / c.promises,
  });
  const rows = [...cells.entries()]
    .map(([key, cs]) => {
      const [supplierId = "", region = ""] = key.split("\u0000");
      return { supplierId, region, cells: cs.map((c, i) => toCell(confidences[i]!, c)) };
    })
    .sort((a, b) => (a.supplierId < b.supplierId ? -1 : a.supplierId > b.supplierId ? 1 : a.region < b.region ? -1 : 1));
  const overall = confidences.map((confidence, i) =>
    toCell(
      confidence,
      [...cells.values()].reduce((acc, cs) => ({ promises: acc.promises + cs[i]!.promises, kept: acc.kept + cs[i]!.kept, width: acc.width + cs[i]!.width }), {
        promises: 0,
        kept: 0,
        width: 0,
      }),
    ),
  );
  return { overall, rows };
}
