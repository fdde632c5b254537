/**
 * Compact promise data for checkout metafields: everything the checkout extension needs to
 * compute a variant's window without calling the app. Short keys and tuples because a
 * metafield is size-limited and travels with every checkout render.
 */
import { isIsoDate } from "./dates";
import type { CoverageEntry, Destination } from "./coverage";
import { coverageRowIndex } from "./coverage";
import { isDayHistogram } from "./distribution";
import { isValidTimeZone } from "./time-zone";
import { readDestinationZones, type DestinationZones } from "./destination-zone";
import type { LearningBasis } from "./learning";
import type { DayHistogram, DayRange, PromiseLeg, SupplierCalendar } from "./types";

/** A histogram in metafield form: `[from, ...weights]`, e.g. `[2, 30, 120, 40, 10]`. */
export type PackedHistogram = readonly number[];

/** A coverage row: country, province (null = whole country), transit min, transit max. */
export type CoverageTuple = readonly [country: string, province: string | null, min: number, max: number];

/** One supplier able to ship the variant. */
export interface SupplierPromiseData {
  /** The app's supplier id (optional): checkout counts one parcel per distinct supplier. */
  readonly id?: string;
  /** IANA time zone. */
  readonly tz: string;
  /** Cut-off "HH:mm". */
  readonly cutoff: string;
  /** ISO workdays. */
  readonly wd: readonly number[];
  /** Supplier holidays. */
  readonly hol: readonly string[];
  /** Handling business days [min, max]. */
  readonly handling: readonly [min: number, max: number];
  readonly coverage: readonly CoverageTuple[];
  /** Learned handling distribution (optional; readers that ignore it use `handling`). */
  readonly hd?: PackedHistogram;
  /** Learned transit per coverage row, aligned with `coverage`; null where none is learned yet. */
  readonly td?: readonly (PackedHistogram | null)[];
  /**
   * Share of the learned distribution the window holds, in thousandths (e.g. 970): the merchant's
   * confidence as calibrated on recent outcomes. Absent = 970 (the original 97 %).
   */
  readonly cov?: number;
  /**
   * What each coverage row's transit stands on, aligned with `coverage`: "l" the lane's own
   * history, "b" its history blended with pooled history and the configured range (thin lane),
   * "p" pooled history, "c" the configured range.
   */
  readonly bs?: string;
  /**
   * Set while the delivery date is not trustworthy (a reaction fired: stale feed, drifting
   * handling, unacknowledged backlog): shoppers read "Ships in min–max business days" (supplier
   * business days from the order) instead of a date. Added later, optional.
   */
  readonly si?: readonly [min: number, max: number];
}

/**
 * Version 1 of the per-variant promise metafield. `hd` and `td` were added later as optional
 * fields, not as a version 2: values published before them still decode, and a reader that
 * does not know them still gets an honest (wider) window from the ranges.
 */
export interface PromiseData {
  readonly v: 1;
  readonly suppliers: readonly SupplierPromiseData[];
  /** Carrier non-delivery dates, shared by all suppliers (optional). */
  readonly chol?: readonly string[];
  /**
   * Region orders (added later, optional): for a destination country whose region-scoped routing
   * rules rank the suppliers differently, their order as indices into `suppliers`, e.g.
   * `{"FR":[1,0]}`. Readers that ignore it use `suppliers` in order.
   */
  readonly ro?: Readonly<Record<string, readonly number[]>>;
}

/** The suppliers in the order checkout tries them for a destination country (`ro` when it has one). */
export function suppliersInOrder(data: PromiseData, countryCode: string): readonly SupplierPromiseData[] {
  const order = data.ro?.[countryCode.trim().toUpperCase()];
  if (!order) return data.suppliers;
  return order.map((i) => data.suppliers[i]!);
}

/** True when `order` lists each index of `count` suppliers exactly once. */
const isPermutation = (order: unknown, count: number): order is number[] =>
  Array.isArray(order) && order.length === count && order.every((i) => Number.isInteger(i) && i >= 0 && i < count) && new Set(order).size === count;

function readRegionOrders(value: unknown, count: number): Record<string, number[]> | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const entries = Object.entries(value as Record<string, unknown>).filter(
    (entry): entry is [string, number[]] => /^[A-Z]{2}$/.test(entry[0]) && isPermutation(entry[1], count),
  );
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/** Options for `encodePromiseData`. */
export interface EncodeOptions {
  /** Drop holidays before this date: past ones never matter and cost bytes. */
  readonly holidaysFrom?: string;
}

/** Serialises promise data for a metafield value (JSON, no whitespace). */
export function encodePromiseData(data: PromiseData, options: EncodeOptions = {}): string {
  const from = options.holidaysFrom;
  const keep = (dates: readonly string[]): string[] => (from ? dates.filter((d) => d >= from) : [...dates]);
  const compact: PromiseData = {
    v: 1,
    suppliers: data.suppliers.map((s) => ({ ...s, hol: keep(s.hol) })),
    ...(data.chol && data.chol.length > 0 ? { chol: keep(data.chol) } : {}),
    ...(data.ro && Object.keys(data.ro).length > 0 ? { ro: data.ro } : {}),
  };
  return JSON.stringify(compact);
}

const isWholeDays = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 0 && (n as number) <= 365;
const isDateList = (v: unknown): v is string[] => Array.isArray(v) && v.every((d) => typeof d === "string" && isIsoDate(d));
const isCutoff = (v: unknown): v is string => typeof v === "string" && /^([01]\d|2[0-3]):[0-5]\d$/.test(v);
const isWorkdays = (v: unknown): v is number[] => Array.isArray(v) && v.length > 0 && v.every((d) => Number.isInteger(d) && d >= 1 && d <= 7);
const isRange = (min: unknown, max: unknown): boolean => isWholeDays(min) && isWholeDays(max) && min <= max;

function isCoverageTuple(v: unknown): v is CoverageTuple {
  if (!Array.isArray(v) || v.length !== 4) return false;
  const [country, province, min, max] = v as unknown[];
  return (
    typeof country === "string" &&
    /^[A-Z]{2}$/.test(country) &&
    (province === null || (typeof province === "string" && province.length > 0 && province.length <= 8)) &&
    isRange(min, max)
  );
}

const isSupplierId = (v: unknown): boolean => v === undefined || (typeof v === "string" && v.length > 0 && v.length <= 64);

function isSupplier(v: unknown): v is SupplierPromiseData {
  if (typeof v !== "object" || v === null) return false;
  const s = v as Record<string, unknown>;
  return (
    isSupplierId(s.id) &&
    typeof s.tz === "string" &&
    isValidTimeZone(s.tz) &&
    isCutoff(s.cutoff) &&
    isWorkdays(s.wd) &&
    isDateList(s.hol) &&
    Array.isArray(s.handling) &&
    s.handling.length === 2 &&
    isRange(s.handling[0], s.handling[1]) &&
    Array.isArray(s.coverage) &&
    s.coverage.every(isCoverageTuple)
  );
}

/** A histogram from its metafield form; null when it is not whole, non-negative days with data. */
export function unpackHistogram(packed: unknown): DayHistogram | null {
  if (!Array.isArray(packed) || packed.length < 2 || packed.length > 64) return null;
  const [from, ...weights] = packed as unknown[];
  if (typeof from !== "number" || !weights.every((w): w is number => typeof w === "number")) return null;
  const histogram = { from, weights };
  return isDayHistogram(histogram) ? histogram : null;
}

/** A histogram's metafield form. */
export function packHistogram(histogram: DayHistogram): PackedHistogram {
  return [histogram.from, ...histogram.weights];
}

// Learned distributions only refine a promise: a malformed one is dropped, the ranges stand.
function withValidDistributions(s: SupplierPromiseData): SupplierPromiseData {
  const { hd, td, ...base } = s;
  const transitOk = Array.isArray(td) && td.length === s.coverage.length && td.every((h) => h === null || unpackHistogram(h) !== null);
  const { cov, bs, si, ...rest } = base;
  return {
    ...rest,
    ...(Array.isArray(si) && si.length === 2 && isRange(si[0], si[1]) ? { si: [si[0], si[1]] as const } : {}),
    ...(hd !== undefined && unpackHistogram(hd) !== null ? { hd } : {}),
    ...(transitOk ? { td } : {}),
    ...(isCoverageThousandths(cov) ? { cov } : {}),
    ...(typeof bs === "string" && bs.length === s.coverage.length && /^[lbpc]*$/.test(bs) ? { bs } : {}),
  };
}

const isCoverageThousandths = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 500 && (v as number) <= 999;

/** Parses a metafield value (JSON string or parsed JSON); null when it is not valid v1 data. */
export function decodePromiseData(value: unknown): PromiseData | null {
  let parsed: unknown = value;
  if (typeof value === "string") {
    try {
      parsed = JSON.parse(value);
    } catch {
      return null;
    }
  }
  if (typeof parsed !== "object" || parsed === null) return null;
  const d = parsed as Record<string, unknown>;
  if (d.v !== 1 || !Array.isArray(d.suppliers) || !d.suppliers.every(isSupplier)) return null;
  if (d.chol !== undefined && !isDateList(d.chol)) return null;
  const suppliers = (d.suppliers as SupplierPromiseData[]).map(withValidDistributions);
  // A malformed region order is dropped: the published order still stands.
  const ro = readRegionOrders(d.ro, suppliers.length);
  return { v: 1, suppliers, ...(d.chol === undefined ? {} : { chol: d.chol as string[] }), ...(ro ? { ro } : {}) };
}

/** Learned distributions to publish with a supplier (see `handlingDaysFromHistory`, `transitDaysByCoverage`). */
export interface LearnedDistributions {
  readonly handling?: DayHistogram | null;
  /** Aligned with the coverage rows. */
  readonly transit?: readonly (DayHistogram | null)[];
  /** Calibrated coverage (0.5–0.999). */
  readonly coverage?: number;
  /** Basis per coverage row (see `SupplierPromiseData.bs`). */
  readonly basis?: readonly LearningBasis[];
  /** "Ships in" business days while the delivery date is not trustworthy (see `SupplierPromiseData.si`). */
  readonly shipsIn?: DayRange;
}

const BASIS_CODE: Record<LearningBasis, string> = { lane: "l", blended: "b", pooled: "p", configured: "c" };
const BASIS_OF: Record<string, LearningBasis> = { l: "lane", b: "blended", p: "pooled", c: "configured" };

/** What a supplier's transit to a row stands on (configured when nothing was published). */
export function basisOfRow(supplier: SupplierPromiseData, row: number): LearningBasis {
  const code = supplier.bs?.[row];
  if (code && BASIS_OF[code]) return BASIS_OF[code];
  return supplier.td?.[row] ? "lane" : "configured";
}

/** Packs a supplier's calendar, handling and coverage table (and its id, learned distributions, when given) into its metafield form. */
export function toSupplierPromiseData(
  calendar: SupplierCalendar,
  handling: DayRange,
  coverage: readonly CoverageEntry[],
  id?: string,
  learned: LearnedDistributions = {},
): SupplierPromiseData {
  const transit = learned.transit?.length === coverage.length && learned.transit.some(Boolean) ? learned.transit : null;
  return {
    ...(id ? { id } : {}),
    tz: calendar.timeZone,
    cutoff: calendar.cutoff,
    wd: [...(calendar.workdays ?? [1, 2, 3, 4, 5])],
    hol: [...calendar.holidays],
    handling: [handling.min, handling.max],
    coverage: coverage.map((row) => [
      row.countryCode.toUpperCase(),
      row.provinceCode ? row.provinceCode.toUpperCase() : null,
      row.transit.min,
      row.transit.max,
    ]),
    ...(learned.handling ? { hd: packHistogram(learned.handling) } : {}),
    ...(transit ? { td: transit.map((h) => (h ? packHistogram(h) : null)) } : {}),
    ...(learned.coverage !== undefined ? { cov: Math.min(999, Math.max(500, Math.round(learned.coverage * 1000))) } : {}),
    ...(learned.basis?.length === coverage.length ? { bs: learned.basis.map((b) => BASIS_CODE[b]).join("") } : {}),
    ...(learned.shipsIn ? { si: [learned.shipsIn.min, learned.shipsIn.max] as const } : {}),
  };
}

/** The promise leg of a supplier for a destination; null when it does not serve the region. */
export function legFromPromiseData(
  supplier: SupplierPromiseData,
  destination: Destination,
  carrierHolidays: readonly string[] = [],
  destinationTimeZone?: string,
): PromiseLeg | null {
  const coverage: CoverageEntry[] = supplier.coverage.map(([countryCode, provinceCode, min, max]) => ({
    countryCode,
    provinceCode,
    transit: { min, max },
  }));
  const row = coverageRowIndex(coverage, destination);
  const transit = coverage[row]?.transit;
  if (!transit) return null;
  const handlingDays = unpackHistogram(supplier.hd);
  const transitDays = unpackHistogram(supplier.td?.[row]);
  return {
    calendar: {
      timeZone: supplier.tz,
      cutoff: supplier.cutoff,
      workdays: supplier.wd,
      holidays: supplier.hol,
    },
    handling: { min: supplier.handling[0], max: supplier.handling[1] },
    transit,
    carrierHolidays,
    ...(handlingDays ? { handlingDays } : {}),
    ...(transitDays ? { transitDays } : {}),
    ...(supplier.cov !== undefined ? { coverage: supplier.cov / 1000 } : {}),
    ...(destinationTimeZone ? { destinationTimeZone } : {}),
  };
}

/**
 * Version 1 of the shop-level `$app.calendar` metafield: carrier non-delivery dates, and (`dn: 1`,
 * added later as an optional field) that the shop emails customers when a delivery runs late, so
 * checkout may say so. Absent means checkout promises no email.
 */
export interface ShopCalendar {
  readonly v: 1;
  readonly chol: readonly string[];
  readonly dn?: 1;
  /**
   * Carrier non-delivery dates of one destination country only (added later, optional), e.g.
   * `{"FR":["2026-07-14"]}`: they count for parcels to that country, on top of `chol`.
   */
  readonly cch?: Readonly<Record<string, readonly string[]>>;
  /** Destination → IANA zone the delivery date is counted in (added later, optional; see `destination-zone.ts`). */
  readonly dz?: DestinationZones;
}

/** Options for `encodeShopCalendar`. */
export interface ShopCalendarOptions extends EncodeOptions {
  /** The shop sends delay notices for every kind of delay (app/domain/notices). */
  readonly delayNotices?: boolean;
  /** Per destination country carrier holidays (`cch`). */
  readonly carrierHolidaysByCountry?: Readonly<Record<string, readonly string[]>>;
  /** The destination zones the shop's suppliers' destinations need (`dz`). */
  readonly destinationZones?: DestinationZones;
}

const COUNTRY = /^[A-Z]{2}$/;

/** Serialises the shop calendar (dates sorted, deduplicated; past ones dropped when asked). */
export function encodeShopCalendar(carrierHolidays: readonly string[], options: ShopCalendarOptions = {}): string {
  const from = options.holidaysFrom;
  const clean = (list: readonly string[]): string[] => [...new Set(list)].filter((d) => !from || d >= from).sort();
  const dates = clean(carrierHolidays);
  const byCountry = Object.entries(options.carrierHolidaysByCountry ?? {})
    .map(([country, list]) => [country.toUpperCase(), clean(list)] as const)
    .filter(([country, list]) => COUNTRY.test(country) && list.length > 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const zones = options.destinationZones ?? {};
  const calendar: ShopCalendar = {
    v: 1,
    chol: dates,
    ...(options.delayNotices ? { dn: 1 as const } : {}),
    ...(byCountry.length > 0 ? { cch: Object.fromEntries(byCountry) } : {}),
    ...(Object.keys(zones).length > 0 ? { dz: zones } : {}),
  };
  return JSON.stringify(calendar);
}

/** The carrier holidays of a parcel to this country: the shop-wide ones and the country's own. */
export function carrierHolidaysFor(calendar: Pick<ShopCalendar, "chol" | "cch"> | null | undefined, countryCode: string): readonly string[] {
  if (!calendar) return [];
  const own = calendar.cch?.[countryCode.trim().toUpperCase()];
  return own && own.length > 0 ? [...new Set([...calendar.chol, ...own])] : calendar.chol;
}

function readCountryHolidays(value: unknown): Record<string, string[]> | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const entries = Object.entries(value as Record<string, unknown>).flatMap(([country, list]) =>
    COUNTRY.test(country) && Array.isArray(list) ? [[country, list.filter((d): d is string => typeof d === "string" && isIsoDate(d))] as const] : [],
  );
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/**
 * Parses the shop calendar (JSON string or parsed JSON); null when it is not v1 data. An invalid
 * date inside a valid calendar is dropped rather than costing the shopper every other date.
 */
export function decodeShopCalendar(value: unknown): ShopCalendar | null {
  let parsed: unknown = value;
  if (typeof value === "string") {
    try {
      parsed = JSON.parse(value);
    } catch {
      return null;
    }
  }
  if (typeof parsed !== "object" || parsed === null) return null;
  const { v, chol, dn, cch, dz } = parsed as { v?: unknown; chol?: unknown; dn?: unknown; cch?: unknown; dz?: unknown };
  if (v !== 1 || !Array.isArray(chol)) return null;
  const byCountry = readCountryHolidays(cch);
  const zones = readDestinationZones(dz, isValidTimeZone);
  return {
    v: 1,
    chol: chol.filter((d): d is string => typeof d === "string" && isIsoDate(d)),
    ...(dn === 1 ? { dn: 1 as const } : {}),
    ...(byCountry ? { cch: byCountry } : {}),
    ...(zones ? { dz: zones } : {}),
  };
}
