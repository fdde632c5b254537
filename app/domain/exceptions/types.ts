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
  | "stockout_after_accept";

/** The support playbook's moves, most appropriate first in each rule's list. */
export type PlaybookAction = "wait" | "remind_supplier" | "reroute" | "reship" | "refund" | "notify_customer";

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
