/**
 * Shared vocabulary of the delivery-promise engine. Routing imports these too, so the
 * routing "can meet the promised window" constraint and the checkout promise agree.
 * Dates are ISO calendar dates ("YYYY-MM-DD"); instants are epoch milliseconds (UTC).
 */

/** A supplier's working calendar, expressed in its own IANA time zone. */
export interface SupplierCalendar {
  /** IANA zone, e.g. "Europe/Paris". */
  readonly timeZone: string;
  /** Daily order cut-off, local "HH:mm" (24h). An order at or after it starts the next business day. */
  readonly cutoff: string;
  /** Local dates the supplier does not ship. */
  readonly holidays: readonly string[];
  /** ISO weekdays the supplier works (1 = Monday … 7 = Sunday). Default Monday–Friday. */
  readonly workdays?: readonly number[];
}

/** An inclusive range of business days. */
export interface DayRange {
  readonly min: number;
  readonly max: number;
}

/** One supplier's part of a promise: when it ships and how long the carrier takes. */
export interface PromiseLeg {
  readonly calendar: SupplierCalendar;
  /** Handling (order → handed to carrier) in supplier business days. */
  readonly handling: DayRange;
  /** Carrier transit to the destination region in carrier business days. */
  readonly transit: DayRange;
  /** Carrier non-delivery dates (in addition to weekends). */
  readonly carrierHolidays?: readonly string[];
  /**
   * Learned handling distribution (supplier business days). With either histogram the window is
   * the shortest run of dates holding the coverage share of handling + transit; the side without
   * one counts every day of its range as equally likely.
   */
  readonly handlingDays?: DayHistogram;
  /** Learned transit distribution to this destination (carrier business days). */
  readonly transitDays?: DayHistogram;
  /**
   * Share of the learned distribution the window holds (the merchant's confidence, as calibrated
   * on recent outcomes). Default `DEFAULT_WINDOW_COVERAGE` (0.97).
   */
  readonly coverage?: number;
  /**
   * The shopper's IANA zone: delivery dates are counted in it (the parcel is handed over at the
   * supplier's cut-off, which may be another date there). Absent = the supplier's dates.
   */
  readonly destinationTimeZone?: string;
}

/** Observed business days as counts: `weights[i]` observations took `from + i` days. */
export interface DayHistogram {
  readonly from: number;
  readonly weights: readonly number[];
}

/** An earliest–latest delivery window of calendar dates. */
export interface PromiseWindow {
  readonly earliest: string;
  readonly latest: string;
}
