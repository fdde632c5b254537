/**
 * The order's tracking summary as the customer sees it: one entry per parcel with its plain
 * stage, plus the items still with the supplier. The app writes it to the order's `$app.tracking`
 * metafield; the order-status extension reads it (no network), so the JSON stays compact and
 * this file stays free of heavy imports (no zod) to keep the extension bundle small.
 */
import { FORWARD_STAGES, isExceptionStage, stageRank, type ExceptionStage, type ForwardStage, type TrackingStage } from "./stages";

/** One parcel: stage, carrier, tracking numbers and link, item count and delivery window. */
export interface ParcelStatus {
  readonly s: TrackingStage;
  readonly c: string | null;
  readonly n: readonly string[];
  readonly u: string | null;
  readonly q: number;
  /** Current delivery window as [earliest, latest] dates (carrier estimate, else the promise). */
  readonly w: readonly [string, string] | null;
}

/** The latest delay notice: the new window [earliest, latest] and its reason code (app/domain/notices). */
export interface DelayNoticeStatus {
  readonly w: readonly [string, string];
  readonly r: string;
}

/** The metafield value, version 1. `a` = items not shipped yet; `d` (optional, added later) = the revised window. */
export interface OrderTrackingStatus {
  readonly v: 1;
  readonly p: readonly ParcelStatus[];
  readonly a: number;
  readonly d?: DelayNoticeStatus;
}

// When parcels disagree, the one that needs attention speaks for the shipment.
const EXCEPTION_PRIORITY: readonly ExceptionStage[] = ["lost", "returned_to_sender", "delivery_attempt_failed", "delayed"];

/**
 * The stage of a shipment with several tracking numbers: an exception on any number, else the
 * least advanced number (delivered only when all are). Each number never goes back, so neither
 * does this. A shipment with a tracking number is at least `label_created`.
 */
export function combineParcelStages(stages: readonly TrackingStage[]): TrackingStage {
  const exception = EXCEPTION_PRIORITY.find((e) => stages.includes(e));
  if (exception) return exception;
  const forward = stages.filter((s): s is ForwardStage => !isExceptionStage(s));
  const least = forward.reduce<ForwardStage>((min, s) => (stageRank(s) < stageRank(min) ? s : min), "delivered");
  return stageRank(least) < stageRank("label_created") ? "label_created" : least;
}

/** The compact JSON written to the metafield. */
export function encodeOrderTracking(status: OrderTrackingStatus): string {
  return JSON.stringify(status);
}

const STAGES: readonly string[] = [...FORWARD_STAGES, "delayed", "delivery_attempt_failed", "returned_to_sender", "lost"];
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === "string");

function decodeParcel(raw: unknown): ParcelStatus | null {
  if (!raw || typeof raw !== "object") return null;
  const p = raw as Record<string, unknown>;
  if (typeof p.s !== "string" || !STAGES.includes(p.s) || !isStringList(p.n) || typeof p.q !== "number") return null;
  const w: readonly [string, string] | null = isStringList(p.w) && p.w.length === 2 ? [p.w[0] as string, p.w[1] as string] : null;
  return {
    s: p.s as TrackingStage,
    c: typeof p.c === "string" ? p.c : null,
    n: p.n,
    u: typeof p.u === "string" ? p.u : null,
    q: p.q,
    w,
  };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function decodeNotice(raw: unknown): DelayNoticeStatus | null {
  if (!raw || typeof raw !== "object") return null;
  const d = raw as Record<string, unknown>;
  if (!isStringList(d.w) || d.w.length !== 2 || !d.w.every((x) => DATE.test(x)) || typeof d.r !== "string") return null;
  return { w: [d.w[0] as string, d.w[1] as string], r: d.r };
}

/** Reads the metafield; null when absent or not a version this code understands. */
export function decodeOrderTracking(value: string | null | undefined): OrderTrackingStatus | null {
  if (!value) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(value);
  } catch {
    return null;
  }
  if (!raw || typeof raw !== "object") return null;
  const o = raw as Record<string, unknown>;
  if (o.v !== 1 || !Array.isArray(o.p)) return null;
  const parcels = o.p.map(decodeParcel);
  if (parcels.some((p) => p === null)) return null;
  const notice = decodeNotice(o.d);
  return { v: 1, p: parcels as ParcelStatus[], a: typeof o.a === "number" ? o.a : 0, ...(notice ? { d: notice } : {}) };
}
