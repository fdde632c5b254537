/**
 * The supplier acknowledgement ladder: remind → staff task + merchant email → re-route, on
 * business-hour timers measured from when the purchase order went out (or from when a
 * stockout was reported after acceptance). Only `state.nextTimer` can move the ladder, so a
 * timer that fires twice, late or for a superseded run does nothing the second time.
 */
import { addBusinessHours } from "./business-hours";
import type {
  Action,
  ActionBase,
  ActionKind,
  EscalationConfig,
  LadderEvent,
  LadderPurchaseOrder,
  LadderState,
  LadderStatus,
  LadderTimings,
  RerouteReason,
  StepResult,
  Timer,
  TimerKind,
} from "./types";

const TERMINAL: readonly LadderStatus[] = ["rerouting", "cancelled", "closed"];

/** True once the ladder has nothing left to do for this purchase order. */
export function isTerminal(status: LadderStatus): boolean {
  return TERMINAL.includes(status);
}

/** The idempotency key of one step of one run of the ladder. */
export function idempotencyKey(poId: string, step: string, attempt: number): string {
  return `escalation:${poId}:${step}:${attempt}`;
}

function timingsFor(state: Pick<LadderState, "phase" | "serviceTier">, config: EscalationConfig): LadderTimings {
  const table = state.phase === "stockout" ? config.stockout : config.acknowledgement;
  const timings = table[state.serviceTier];
  if (!timings) throw new RangeError(`No escalation timings for service tier "${state.serviceTier}"`);
  return timings;
}

const HOURS_OF: Readonly<Record<TimerKind, keyof LadderTimings>> = {
  remind: "remindAfterHours",
  staff_task: "staffTaskAfterHours",
  reroute: "rerouteAfterHours",
};

function timerFor(state: LadderState, kind: TimerKind, config: EscalationConfig): Timer {
  const hours = timingsFor(state, config)[HOURS_OF[kind]];
  return { kind, attempt: state.attempt, dueAtMs: addBusinessHours(state.startedAtMs, hours, state.supplierHours) };
}

function actionBase(state: LadderState, step: ActionKind, attempt: number = state.attempt): ActionBase {
  return { poId: state.poId, phase: state.phase, attempt, idempotencyKey: idempotencyKey(state.poId, step, attempt) };
}

function reroute(state: LadderState, reason: RerouteReason): StepResult {
  const next: LadderState = { ...state, status: "rerouting", nextTimer: null };
  return { state: next, actions: [{ ...actionBase(next, "reroute"), kind: "reroute", reason }], timers: [] };
}

function ignore(state: LadderState, why: string, timers: readonly Timer[] = []): StepResult {
  return { state, actions: [], timers, ignored: why };
}

/** Start the ladder for a purchase order sent at `nowMs`: awaiting acknowledgement, reminder timer set. */
export function initialLadder(po: LadderPurchaseOrder, nowMs: number, config: EscalationConfig): StepResult {
  const fresh: LadderState = {
    poId: po.id,
    serviceTier: po.serviceTier,
    supplierHours: po.supplierHours,
    status: "awaiting_ack",
    phase: "acknowledgement",
    attempt: 1,
    startedAtMs: nowMs,
    nextTimer: null,
    customerNotified: false,
  };
  const timer = timerFor(fresh, "remind", config);
  return { state: { ...fresh, nextTimer: timer }, actions: [], timers: [timer] };
}

function sameTimer(a: Timer, event: Extract<LadderEvent, { type: "timer_fired" }>): boolean {
  return a.kind === event.kind && a.dueAtMs === event.dueAtMs && (event.attempt === undefined || event.attempt === a.attempt);
}

function onTimer(state: LadderState, event: Extract<LadderEvent, { type: "timer_fired" }>, nowMs: number, config: EscalationConfig): StepResult {
  const pending = state.nextTimer;
  if (!pending || !sameTimer(pending, event)) return ignore(state, `stale ${event.kind} timer`);
  // Fired early (clock skew, an eager scheduler): hand the same timer back to be rescheduled.
  if (nowMs < pending.dueAtMs) return ignore(state, `${event.kind} timer fired before it was due`, [pending]);
  if (pending.kind === "reroute") {
    return reroute(state, state.phase === "stockout" ? "stockout_unresolved" : "no_acknowledgement");
  }
  if (pending.kind === "remind") {
    const next = { ...state, status: "reminded" as const };
    const timer = timerFor(next, "staff_task", config);
    const reminder: Action = { ...actionBase(next, "send_reminder"), kind: "send_reminder" };
    return { state: { ...next, nextTimer: timer }, actions: [reminder], timers: [timer] };
  }
  const next = { ...state, status: "staff_task" as const };
  const timer = timerFor(next, "reroute", config);
  return {
    state: { ...next, nextTimer: timer },
    actions: [
      { ...actionBase(next, "create_staff_task"), kind: "create_staff_task" },
      { ...actionBase(next, "email_merchant"), kind: "email_merchant" },
    ],
    timers: [timer],
  };
}

function onStockout(state: LadderState, nowMs: number, config: EscalationConfig): StepResult {
  if (state.status === "acknowledged") {
    const reentered: LadderState = {
      ...state,
      status: "stockout_after_accept",
      phase: "stockout",
      attempt: state.attempt + 1,
      startedAtMs: nowMs,
      nextTimer: null,
    };
    const timer = timerFor(reentered, "remind", config);
    return { state: { ...reentered, nextTimer: timer }, actions: [], timers: [timer] };
  }
  if (state.phase === "acknowledgement") return reroute(state, "stockout_before_ack");
  return ignore(state, "a stockout is already being escalated");
}

function onPromiseAtRisk(state: LadderState, config: EscalationConfig): StepResult {
  if (state.customerNotified) return ignore(state, "the customer was already notified");
  const next = { ...state, customerNotified: true };
  // Once per purchase order, whichever run of the ladder it happens in: the key's attempt is fixed.
  const notice: Action = { ...actionBase(next, "notify_customer", 1), kind: "notify_customer", ...config.customerNotice };
  return { state: next, actions: [notice], timers: [] };
}

/** Advance the ladder by one event at `nowMs`; stale or repeated events return no actions. */
export function step(state: LadderState, event: LadderEvent, nowMs: number, config: EscalationConfig): StepResult {
  if (state.status === "cancelled" || state.status === "closed") {
    return ignore(state, `purchase order is ${state.status}`);
  }
  if (event.type === "promise_at_risk") return onPromiseAtRisk(state, config);
  if (state.status === "rerouting") return ignore(state, `${event.type} after the order was re-routed`);
  switch (event.type) {
    case "ack":
      if (state.status === "acknowledged") return ignore(state, "already acknowledged");
      return { state: { ...state, status: "acknowledged", nextTimer: null }, actions: [], timers: [] };
    case "reject":
      return reroute(state, "rejected");
    case "timer_fired":
      return onTimer(state, event, nowMs, config);
    case "stockout_reported":
      return onStockout(state, nowMs, config);
    case "cancelled":
      return { state: { ...state, status: "cancelled", nextTimer: null }, actions: [], timers: [] };
    case "shipped":
      return { state: { ...state, status: "closed", nextTimer: null }, actions: [], timers: [] };
  }
}
