/**
 * Vocabulary of exception monitoring: the facts known about a purchase order and its
 * shipment, the conditions rules find in them, and the cases the shell keeps open for staff.
 */
import type { SupplierCalendar } from "../promise";
import type { TrackingStage } from "../tracking";

export type ExceptionType =
  | "no_tracking_by_ship_date"
  | "label_without_pickup"
  | "no_movement"
  | "past_promised_delivery"
  | "failed_delivery"
  | "returned_to_sender"
  | "lost"
  | "stockout_after_accept"
  | "delayed"
  | "damaged"
  | "split_confusion";

/**
 * Case types staff may open by hand on an order: a damaged item the customer reports, and a
 * customer confused by an order that arrives in several parcels (the sweep also opens that one
 * when one part was delivered and another has no tracking). Staff-opened cases (subject
 * "order:<id>") are never closed by the sweep; staff close them.
 */
export const MANUAL_CASE_TYPES = ["damaged", "split_confusion"] as const satisfies readonly ExceptionType[];
export type ManualCaseType = (typeof MANUAL_CASE_TYPES)[number];

/** True for the case types only staff open and close. */
export function isManualCaseType(type: string): type is ManualCaseType {
  return (MANUAL_CASE_TYPES as readonly string[]).includes(type);
}

/** The support playbook's moves. */
export const PLAYBOOK_ACTIONS = ["wait", "remind_supplier", "reroute", "reship", "refund", "cancel_order", "notify_customer"] as const;
export type PlaybookAction = (typeof PLAYBOOK_ACTIONS)[number];

/** A latest delivery date and the zone it is a date in (the customer's, or the store's). */
export interface PromisedDelivery {
  readonly latest: string;
  readonly timeZone: string;
}

/** What we know about one purchase order and its shipment. Instants are epoch ms, UTC. */
export interface ExceptionSubject {
  /** The purchase order (or shipment) the cases belong to. */
  readonly id: string;
  /** The supplier's calendar: business days for the pickup rule. */
  readonly calendar: SupplierCalendar;
  readonly committedShipByMs?: number | null;
  readonly acceptedAtMs?: number | null;
  readonly trackingUploadedAtMs?: number | null;
  readonly labelCreatedAtMs?: number | null;
  /** The newest carrier scan of any kind. */
  readonly lastScanAtMs?: number | null;
  readonly stage?: TrackingStage | null;
  readonly promisedDelivery?: PromisedDelivery | null;
  readonly stockoutAfterAccept?: boolean;
  /** When another part of the same order (another purchase order's shipment) was delivered. */
  readonly otherPartDeliveredAtMs?: number | null;
}

/** Thresholds for the timed rules. */
export interface ExceptionConfig {
  /** Supplier business days a label may wait for the carrier's first scan. */
  readonly labelWithoutPickupBusinessDays: number;
  /** Calendar days (24 h each) a parcel in the carrier's hands may go without a scan. */
  readonly noMovementDays: number;
  /** Hours after the committed ship date a supplier may still upload tracking before "no tracking" opens (default 0). */
  readonly noTrackingGraceHours?: number;
  /** Days after the promised latest date before "past promised delivery" opens, at midnight in the promise's zone (default 1). */
  readonly pastPromiseGraceDays?: number;
  /** Days after one part of a split order is delivered that another part may go without tracking (default 2). */
  readonly splitConfusionDays?: number;
}

/** A condition that holds now. */
export interface ExceptionCondition {
  readonly subjectId: string;
  readonly type: ExceptionType;
  readonly openedReason: string;
  /** When the condition began, when a rule can tell (null for stage-based conditions). */
  readonly sinceMs: number | null;
  readonly suggestedActions: readonly PlaybookAction[];
}

/** The least the shell's stored case must carry for reconciliation. */
export interface CaseRef {
  readonly subjectId: string;
  readonly type: ExceptionType;
}

/** A case to close and why. */
export interface CaseClosure<C extends CaseRef> {
  readonly case: C;
  readonly closingReason: string;
}

/** The plan for the case store: what to open, close and leave as it is. */
export interface CasePlan<C extends CaseRef> {
  readonly open: readonly ExceptionCondition[];
  readonly close: readonly CaseClosure<C>[];
  readonly keep: readonly C[];
}
