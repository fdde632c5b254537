/**
 * The three scorecard measures, each on a 0–100 scale where 100 is best, and the verdict on every
 * line behind them (the "orders behind each number"):
 *
 * - **Shipment time**: each line due by now earns a credit: 1 if it shipped by its promised ship-by,
 *   falling linearly to 0 at `lateToleranceDays` late (a line still unshipped past its promise is
 *   as late as it is so far), and 0 when the supplier cancelled it. Score = 100 × mean credit.
 * - **Share shipped**: of the lines the supplier accepted and that are decided (shipped, cancelled
 *   after acceptance, or overdue), the share shipped. Score = 100 × share.
 * - **Share cancelled**: of the lines the supplier answered (shipped, accepted or cancelled), the
 *   share it did not fill (rejected, stockout, cancelled for a supplier reason). Score = 100 × (1 − share).
 *
 * Lines the customer or the merchant withdrew count nowhere; a measure with no line is null (not 0).
 */
import { lateness, lineStatus, type LineStatus, type ScorecardLine } from "./lines";
import type { MeasureName } from "./settings";

const DAY_MS = 86_400_000;

/** One line and what it counted as in each measure (null = not counted there). */
export interface LineVerdict {
  readonly line: ScorecardLine;
  readonly status: LineStatus;
  /** Past its promised ship-by, ms (negative = early); null when it has no promise or is not due. */
  readonly lateMs: number | null;
  /** Shipment-time credit 0..1. */
  readonly timeCredit: number | null;
  /** Share shipped: true shipped, false not. */
  readonly shipped: boolean | null;
  /** Share cancelled: true the supplier did not fill it, false it did (or will). */
  readonly cancelled: boolean | null;
}

/** A measure over a period. */
export interface MeasureResult {
  readonly name: MeasureName;
  /** 0..100, 100 best; null when no line counts. */
  readonly score: number | null;
  /** The share as a merchant reads it, 0..1: lines on time, lines shipped, lines cancelled. */
  readonly share: number | null;
  /** Lines counted. */
  readonly counted: number;
  /** Lines that pulled the score down: late or cancelled, not shipped, cancelled. */
  readonly against: number;
}

/** Shipment-time credit for a line `lateMs` past its promise. */
export function timeCredit(lateMs: number, toleranceDays: number): number {
  if (lateMs <= 0) return 1;
  return Math.max(0, 1 - lateMs / (toleranceDays * DAY_MS));
}

/** What one line counts as in each measure at `nowMs`. */
export function lineVerdict(line: ScorecardLine, nowMs: number, toleranceDays: number): LineVerdict {
  const status = lineStatus(line);
  const lateMs = status === "withdrawn" ? null : lateness(line, nowMs);
  if (status === "withdrawn") return { line, status, lateMs, timeCredit: null, shipped: null, cancelled: null };
  const credit = status === "cancelled" ? 0 : lateMs === null ? null : timeCredit(lateMs, toleranceDays);
  const shipped =
    status === "shipped" ? true : (status === "cancelled" && line.accepted === true) || (status === "accepted" && lateMs !== null && lateMs > 0) ? false : null;
  const cancelled = status === "cancelled" ? true : status === "pending" ? null : false;
  return { line, status, lateMs, timeCredit: credit, shipped, cancelled };
}

const r2 = (x: number): number => Math.round(x * 100) / 100;

function share(name: MeasureName, values: readonly boolean[], good: boolean): MeasureResult {
  const counted = values.length;
  if (counted === 0) return { name, score: null, share: null, counted, against: 0 };
  const hits = values.filter((v) => v).length;
  const goodShare = (good ? hits : counted - hits) / counted;
  return { name, score: r2(100 * goodShare), share: hits / counted, counted, against: good ? counted - hits : hits };
}

/** The three measures over these verdicts. */
export function measure(verdicts: readonly LineVerdict[]): Readonly<Record<MeasureName, MeasureResult>> {
  const credits = verdicts.flatMap((v) => (v.timeCredit === null ? [] : [v.timeCredit]));
  const onTime = credits.filter((c) => c === 1).length;
  const shipmentTime: MeasureResult =
    credits.length === 0
      ? { name: "shipmentTime", score: null, share: null, counted: 0, against: 0 }
      : {
          name: "shipmentTime",
          score: r2((100 * credits.reduce((a, b) => a + b, 0)) / credits.length),
          share: onTime / credits.length,
          counted: credits.length,
          against: credits.length - onTime,
        };
  return {
    shipmentTime,
    shareShipped: share(
      "shareShipped",
      verdicts.flatMap((v) => (v.shipped === null ? [] : [v.shipped])),
      true,
    ),
    shareCancelled: share(
      "shareCancelled",
      verdicts.flatMap((v) => (v.cancelled === null ? [] : [v.cancelled])),
      false,
    ),
  };
}

/** Whether the line is among those behind a measure, and whether it pulled it down. */
export function lineCountsIn(verdict: LineVerdict, name: MeasureName): "for" | "against" | null {
  switch (name) {
    case "shipmentTime":
      return verdict.timeCredit === null ? null : verdict.timeCredit === 1 ? "for" : "against";
    case "shareShipped":
      return verdict.shipped === null ? null : verdict.shipped ? "for" : "against";
    case "shareCancelled":
      return verdict.cancelled === null ? null : verdict.cancelled ? "against" : "for";
  }
}
