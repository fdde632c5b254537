import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { BusinessHoursCalendar } from "./business-hours";
import { DEFAULT_ESCALATION_CONFIG as CONFIG, validateEscalationConfig } from "./config";
import { initialLadder, step } from "./ladder";
import type { Action, LadderEvent, LadderPurchaseOrder, LadderState, Timer } from "./types";

const PARIS: BusinessHoursCalendar = {
  timeZone: "Europe/Paris",
  cutoff: "14:00",
  holidays: ["2026-04-06"],
  openTime: "09:00",
  closeTime: "17:00",
};
const PO: LadderPurchaseOrder = { id: "po-1", serviceTier: "next_day", supplierHours: PARIS };
const MINUTE = 60_000;
const utc = (iso: string): number => Date.parse(iso);

// Friday 3 April 2026, 15:00 in Paris. next_day: T1 4h, T2 8h, T3 16h business hours.
const SENT = utc("2026-04-03T13:00:00Z");
const T1 = utc("2026-04-07T09:00:00Z"); // Tuesday 11:00 (weekend + Easter Monday skipped)
const T2 = utc("2026-04-07T13:00:00Z"); // Tuesday 15:00
const T3 = utc("2026-04-08T13:00:00Z"); // Wednesday 15:00

/** A fake clock and timer queue: advancing fires every due timer, as the job worker would. */
class FakeLadder {
  state: LadderState;
  now: number;
  timers: Timer[] = [];
  actions: Action[] = [];

  constructor(po: LadderPurchaseOrder, now: number) {
    const start = initialLadder(po, now, CONFIG);
    this.state = start.state;
    this.now = now;
    this.timers.push(...start.timers);
  }

  send(event: LadderEvent): void {
    const result = step(this.state, event, this.now, CONFIG);
    this.state = result.state;
    this.actions.push(...result.actions);
    this.timers.push(...result.timers);
  }

  advanceTo(ms: number): void {
    for (;;) {
      this.timers.sort((a, b) => a.dueAtMs - b.dueAtMs);
      const due = this.timers[0];
      if (!due || due.dueAtMs > ms) break;
      this.timers.shift();
      this.now = due.dueAtMs;
      this.send({ type: "timer_fired", kind: due.kind, dueAtMs: due.dueAtMs, attempt: due.attempt });
    }
    this.now = ms;
  }

  kinds(): string[] {
    return this.actions.map((a) => a.kind);
  }
}

describe("escalation ladder", () => {
  it("sets the first timer at T1 business hours after the order went out", () => {
    const start = initialLadder(PO, SENT, CONFIG);
    expect(start.state.status).toBe("awaiting_ack");
    expect(start.timers).toEqual([{ kind: "remind", dueAtMs: T1, attempt: 1 }]);
  });

  it("reminds at T1, raises a staff task at T2 and re-routes at T3, across a weekend and a holiday", () => {
    const ladder = new FakeLadder(PO, SENT);
    ladder.advanceTo(T1 - MINUTE);
    expect(ladder.actions).toEqual([]);
    ladder.advanceTo(T1);
    expect(ladder.kinds()).toEqual(["send_reminder"]);
    expect(ladder.state.status).toBe("reminded");
    ladder.advanceTo(T2 - MINUTE);
    expect(ladder.kinds()).toEqual(["send_reminder"]);
    ladder.advanceTo(T2);
    expect(ladder.kinds()).toEqual(["send_reminder", "create_staff_task", "email_merchant"]);
    ladder.advanceTo(T3 - MINUTE);
    expect(ladder.state.status).toBe("staff_task");
    ladder.advanceTo(T3);
    expect(ladder.state.status).toBe("rerouting");
    expect(ladder.actions.at(-1)).toMatchObject({ kind: "reroute", reason: "no_acknowledgement" });
    expect(ladder.actions.map((a) => a.idempotencyKey)).toEqual([
      "escalation:po-1:send_reminder:1",
      "escalation:po-1:create_staff_task:1",
      "escalation:po-1:email_merchant:1",
      "escalation:po-1:reroute:1",
    ]);
    ladder.advanceTo(T3 + 30 * 24 * 60 * MINUTE);
    expect(ladder.actions).toHaveLength(4);
  });

  it("stops the ladder when the supplier acknowledges", () => {
    const ladder = new FakeLadder(PO, SENT);
    ladder.advanceTo(T1);
    ladder.send({ type: "ack" });
    expect(ladder.state).toMatchObject({ status: "acknowledged", nextTimer: null });
    ladder.advanceTo(T3 + MINUTE);
    expect(ladder.kinds()).toEqual(["send_reminder"]);
  });

  it("ignores a timer fired twice, so a restart never repeats an action", () => {
    const ladder = new FakeLadder(PO, SENT);
    ladder.advanceTo(T1);
    const again = step(ladder.state, { type: "timer_fired", kind: "remind", dueAtMs: T1 }, T1 + MINUTE, CONFIG);
    expect(again.actions).toEqual([]);
    expect(again.state).toBe(ladder.state);
    expect(again.ignored).toMatch(/stale/);
  });

  it("ignores a timer from a superseded run of the ladder", () => {
    const ladder = new FakeLadder(PO, SENT);
    ladder.send({ type: "ack" });
    const stale = step(ladder.state, { type: "timer_fired", kind: "remind", dueAtMs: T1, attempt: 1 }, T1, CONFIG);
    expect(stale.actions).toEqual([]);
  });

  it("hands back a timer that fires early instead of acting on it", () => {
    const start = initialLadder(PO, SENT, CONFIG);
    const early = step(start.state, { type: "timer_fired", kind: "remind", dueAtMs: T1 }, T1 - MINUTE, CONFIG);
    expect(early.actions).toEqual([]);
    expect(early.timers).toEqual([{ kind: "remind", dueAtMs: T1, attempt: 1 }]);
  });

  it("re-routes straight away when the supplier rejects", () => {
    const ladder = new FakeLadder(PO, SENT);
    ladder.send({ type: "reject" });
    expect(ladder.state.status).toBe("rerouting");
    expect(ladder.actions).toEqual([expect.objectContaining({ kind: "reroute", reason: "rejected", idempotencyKey: "escalation:po-1:reroute:1" })]);
  });

  it("re-enters the ladder with its own timers when a stockout is reported after acceptance", () => {
    const ladder = new FakeLadder(PO, SENT);
    ladder.advanceTo(utc("2026-04-07T08:00:00Z")); // Tuesday 10:00 Paris
    ladder.send({ type: "ack" });
    ladder.send({ type: "stockout_reported" });
    expect(ladder.state).toMatchObject({ status: "stockout_after_accept", phase: "stockout", attempt: 2 });
    // next_day stockout ladder: 2h / 4h / 8h business hours from Tuesday 10:00.
    ladder.advanceTo(utc("2026-04-07T10:00:00Z"));
    expect(ladder.actions).toEqual([expect.objectContaining({ kind: "send_reminder", phase: "stockout", idempotencyKey: "escalation:po-1:send_reminder:2" })]);
    ladder.advanceTo(utc("2026-04-07T12:00:00Z"));
    expect(ladder.kinds()).toEqual(["send_reminder", "create_staff_task", "email_merchant"]);
    ladder.advanceTo(utc("2026-04-08T08:00:00Z") - MINUTE);
    expect(ladder.state.status).toBe("staff_task");
    ladder.advanceTo(utc("2026-04-08T08:00:00Z")); // Wednesday 10:00: 7h Tuesday + 1h
    expect(ladder.actions.at(-1)).toMatchObject({ kind: "reroute", reason: "stockout_unresolved" });
  });

  it("treats a stockout before acknowledgement as a rejection", () => {
    const ladder = new FakeLadder(PO, SENT);
    ladder.send({ type: "stockout_reported" });
    expect(ladder.actions).toEqual([expect.objectContaining({ kind: "reroute", reason: "stockout_before_ack" })]);
  });

  it("notifies the customer once when the promise is at risk", () => {
    const ladder = new FakeLadder(PO, SENT);
    ladder.send({ type: "promise_at_risk" });
    ladder.advanceTo(T1);
    ladder.send({ type: "promise_at_risk" });
    ladder.send({ type: "ack" });
    ladder.send({ type: "stockout_reported" });
    ladder.send({ type: "promise_at_risk" });
    const notices = ladder.actions.filter((a) => a.kind === "notify_customer");
    expect(notices).toEqual([
      expect.objectContaining({
        orderTag: "dropline-delay-risk",
        flowTrigger: "dropline-promise-at-risk",
        idempotencyKey: "escalation:po-1:notify_customer:1",
      }),
    ]);
  });

  it("does nothing once cancelled or shipped", () => {
    for (const end of ["cancelled", "shipped"] as const) {
      const ladder = new FakeLadder(PO, SENT);
      ladder.send({ type: end });
      ladder.advanceTo(T3);
      ladder.send({ type: "promise_at_risk" });
      ladder.send({ type: "reject" });
      expect(ladder.actions).toEqual([]);
    }
  });

  it("ships with a valid default config and catches rungs out of order", () => {
    expect(validateEscalationConfig(CONFIG)).toEqual([]);
    const broken = {
      ...CONFIG,
      stockout: { ...CONFIG.stockout, same_day: { remindAfterHours: 3, staffTaskAfterHours: 2, rerouteAfterHours: 4 } },
    };
    expect(validateEscalationConfig(broken)).toEqual([expect.stringContaining("Stockout timings for same_day")]);
  });
});

// Commands are resolved against the running ladder so timers are the ones it really set.
type Command = { c: "event"; event: Exclude<LadderEvent, { type: "timer_fired" }> } | { c: "fire_next" } | { c: "fire_old"; index: number };

const arbCommand: fc.Arbitrary<Command> = fc.oneof(
  fc.constantFrom<Command>(
    { c: "event", event: { type: "ack" } },
    { c: "event", event: { type: "reject" } },
    { c: "event", event: { type: "stockout_reported" } },
    { c: "event", event: { type: "promise_at_risk" } },
    { c: "event", event: { type: "cancelled" } },
    { c: "event", event: { type: "shipped" } },
  ),
  { arbitrary: fc.constant<Command>({ c: "fire_next" }), weight: 4 },
  fc.nat(20).map((index): Command => ({ c: "fire_old", index })),
);

interface Delivery {
  event: LadderEvent;
  nowMs: number;
}

function concretize(commands: readonly Command[]): Delivery[] {
  let { state } = initialLadder(PO, SENT, CONFIG);
  let now = SENT;
  const issued: Timer[] = [...(state.nextTimer ? [state.nextTimer] : [])];
  const out: Delivery[] = [];
  for (const command of commands) {
    let event: LadderEvent;
    if (command.c === "event") event = command.event;
    else {
      const timer = command.c === "fire_next" ? state.nextTimer : issued[command.index % issued.length];
      if (!timer) continue;
      now = Math.max(now, timer.dueAtMs);
      event = { type: "timer_fired", kind: timer.kind, dueAtMs: timer.dueAtMs, attempt: timer.attempt };
    }
    const result = step(state, event, now, CONFIG);
    state = result.state;
    issued.push(...result.timers);
    out.push({ event, nowMs: now });
    now += 5 * MINUTE;
  }
  return out;
}

function actionsOf(deliveries: readonly Delivery[]): Action[] {
  let { state } = initialLadder(PO, SENT, CONFIG);
  const actions: Action[] = [];
  for (const { event, nowMs } of deliveries) {
    const result = step(state, event, nowMs, CONFIG);
    state = result.state;
    actions.push(...result.actions);
  }
  return actions;
}

describe("escalation ladder properties", () => {
  it("gives the same actions when every event is delivered twice", () => {
    fc.assert(
      fc.property(fc.array(arbCommand, { maxLength: 15 }), (commands) => {
        const once = concretize(commands);
        expect(actionsOf(once.flatMap((d) => [d, d]))).toEqual(actionsOf(once));
      }),
      { numRuns: 150 },
    );
  });

  it("gives the same actions when every timer is re-fired after a restart", () => {
    fc.assert(
      fc.property(fc.array(arbCommand, { maxLength: 15 }), (commands) => {
        const once = concretize(commands);
        const last = once.at(-1)?.nowMs ?? SENT;
        const refired = once.filter((d) => d.event.type === "timer_fired").map((d) => ({ ...d, nowMs: last }));
        expect(actionsOf([...once, ...refired])).toEqual(actionsOf(once));
      }),
      { numRuns: 150 },
    );
  });

  it("never issues the same idempotency key twice", () => {
    fc.assert(
      fc.property(fc.array(arbCommand, { maxLength: 20 }), (commands) => {
        const keys = actionsOf(concretize(commands)).map((a) => a.idempotencyKey);
        expect(new Set(keys).size).toBe(keys.length);
      }),
      { numRuns: 150 },
    );
  });
});
