/**
 * Vocabulary of the supplier acknowledgement ladder. The ladder is a pure state machine: the
 * shell stores `LadderState`, schedules the `Timer`s it is given, feeds events back in and
 * executes the `Action`s, deduplicating side effects by `idempotencyKey`.
 */
import type { ServiceTier } from "../service-tier";
import type { BusinessHoursCalendar } from "./business-hours";

// How fast a supplier promised to ship sets how patient the ladder is.
export { SERVICE_TIERS, type ServiceTier } from "../service-tier";

/** Cumulative business hours after the ladder starts at which each rung is reached. */
export interface LadderTimings {
  readonly remindAfterHours: number;
  readonly staffTaskAfterHours: number;
  readonly rerouteAfterHours: number;
}

/** What the customer notice sets off in Shopify. */
export interface CustomerNotice {
  readonly orderTag: string;
  readonly flowTrigger: string;
}

/** App-wide escalation settings: one ladder per tier for acknowledgement and for stockouts. */
export interface EscalationConfig {
  readonly acknowledgement: Readonly<Record<ServiceTier, LadderTimings>>;
  readonly stockout: Readonly<Record<ServiceTier, LadderTimings>>;
  readonly customerNotice: CustomerNotice;
}

/** The purchase order as the ladder needs it. */
export interface LadderPurchaseOrder {
  readonly id: string;
  readonly serviceTier: ServiceTier;
  /** The supplier's calendar and answering hours; timers count only those hours. */
  readonly supplierHours: BusinessHoursCalendar;
}

export type LadderStatus = "awaiting_ack" | "reminded" | "staff_task" | "acknowledged" | "stockout_after_accept" | "rerouting" | "cancelled" | "closed";

/** Which ladder is running: waiting for the first acknowledgement, or for a stockout to resolve. */
export type LadderPhase = "acknowledgement" | "stockout";

/** The rungs a timer can take the ladder to. */
export type TimerKind = "remind" | "staff_task" | "reroute";

/** A timer the shell must schedule; fire it back as a `timer_fired` event. */
export interface Timer {
  readonly kind: TimerKind;
  readonly dueAtMs: number;
  /** Which run of the ladder set it (1 = first acknowledgement, 2+ = stockout re-entries). */
  readonly attempt: number;
}

export interface LadderState {
  readonly poId: string;
  readonly serviceTier: ServiceTier;
  readonly supplierHours: BusinessHoursCalendar;
  readonly status: LadderStatus;
  readonly phase: LadderPhase;
  readonly attempt: number;
  /** When the current run of the ladder started; every rung is measured from here. */
  readonly startedAtMs: number;
  /** The one timer that can move the ladder; any other timer is stale. */
  readonly nextTimer: Timer | null;
  readonly customerNotified: boolean;
}

export type LadderEvent =
  | { readonly type: "ack" }
  | { readonly type: "reject" }
  | { readonly type: "timer_fired"; readonly kind: TimerKind; readonly dueAtMs: number; readonly attempt?: number }
  | { readonly type: "stockout_reported" }
  | { readonly type: "cancelled" }
  | { readonly type: "shipped" }
  | { readonly type: "promise_at_risk" };

/** Why the ladder hands the order to the next supplier. */
export type RerouteReason = "no_acknowledgement" | "rejected" | "stockout_before_ack" | "stockout_unresolved";

/** What every action carries. */
export interface ActionBase {
  readonly poId: string;
  readonly phase: LadderPhase;
  readonly attempt: number;
  /** Deterministic: purchase order + step + attempt. The same step never gets a second key. */
  readonly idempotencyKey: string;
}

export type Action =
  | (ActionBase & { readonly kind: "send_reminder" })
  | (ActionBase & { readonly kind: "create_staff_task" })
  | (ActionBase & { readonly kind: "email_merchant" })
  | (ActionBase & { readonly kind: "reroute"; readonly reason: RerouteReason })
  | (ActionBase & { readonly kind: "notify_customer" } & CustomerNotice);

export type ActionKind = Action["kind"];

/** The outcome of one step: the new state, side effects to run, timers to schedule. */
export interface StepResult {
  readonly state: LadderState;
  readonly actions: readonly Action[];
  readonly timers: readonly Timer[];
  /** Why nothing happened, when nothing did (stale timer, duplicate event, terminal state). */
  readonly ignored?: string;
}
