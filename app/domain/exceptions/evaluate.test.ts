import { describe, expect, it } from "vitest";
import type { SupplierCalendar } from "../promise";
import { DEFAULT_EXCEPTION_CONFIG, evaluateExceptions, nextEvaluationAtMs, reconcileCases } from "./evaluate";
import type { CaseRef, ExceptionConfig, ExceptionSubject, ExceptionType } from "./types";

const PARIS: SupplierCalendar = { timeZone: "Europe/Paris", cutoff: "14:00", holidays: ["2026-04-06"] };
const CONFIG: ExceptionConfig = { labelWithoutPickupBusinessDays: 2, noMovementDays: 4 };
const MINUTE = 60_000;
const utc = (iso: string): number => Date.parse(iso);
const base: ExceptionSubject = { id: "po-1", calendar: PARIS, acceptedAtMs: utc("2026-04-02T09:00:00Z") };

interface StoredCase extends CaseRef {
  id: number;
}

/** A case table the timer job would keep: applies each plan and remembers what it did. */
class CaseStore {
  open: StoredCase[] = [];
  opened: ExceptionType[] = [];
  closed: { type: ExceptionType; reason: string }[] = [];
  private nextId = 1;

  tick(subject: ExceptionSubject, nowMs: number): void {
    const plan = reconcileCases(this.open, evaluateExceptions(subject, nowMs, CONFIG));
    for (const { case: c, closingReason } of plan.close) this.closed.push({ type: c.type, reason: closingReason });
    this.open = [...plan.keep, ...plan.open.map((c) => ({ id: this.nextId++, subjectId: c.subjectId, type: c.type }))];
    this.opened.push(...plan.open.map((c) => c.type));
  }
}

/** Ticks one minute before `dueMs`, at it and after it; returns the store. */
function fireAround(subject: ExceptionSubject, dueMs: number, type: ExceptionType): CaseStore {
  const store = new CaseStore();
  store.tick(subject, dueMs - MINUTE);
  expect(store.opened).toEqual([]);
  store.tick(subject, dueMs);
  expect(store.opened).toEqual([type]);
  store.tick(subject, dueMs + 60 * MINUTE);
  store.tick(subject, dueMs + 3 * 24 * 60 * MINUTE);
  expect(store.opened).toEqual([type]);
  return store;
}

describe("exception rules on a clock", () => {
  it("opens 'no tracking' at the committed ship date, once, and closes when tracking arrives", () => {
    const due = utc("2026-04-07T15:00:00Z"); // Tuesday 17:00 Paris
    const subject = { ...base, committedShipByMs: due };
    const store = fireAround(subject, due, "no_tracking_by_ship_date");
    store.tick({ ...subject, trackingUploadedAtMs: due + 2 * 24 * 60 * MINUTE }, due + 4 * 24 * 60 * MINUTE);
    expect(store.closed).toEqual([{ type: "no_tracking_by_ship_date", reason: "Tracking number received" }]);
    expect(store.open).toEqual([]);
  });

  it("opens 'label without pickup' after N supplier business days, skipping a weekend and a holiday", () => {
    // Friday 3 April 10:00 Paris + 2 business days (Mon 6 April is a holiday) = Wednesday 8 April 10:00.
    const subject: ExceptionSubject = { ...base, labelCreatedAtMs: utc("2026-04-03T08:00:00Z"), stage: "label_created" };
    const store = fireAround(subject, utc("2026-04-08T08:00:00Z"), "label_without_pickup");
    store.tick({ ...subject, stage: "picked_up", lastScanAtMs: utc("2026-04-08T09:00:00Z") }, utc("2026-04-08T10:00:00Z"));
    expect(store.closed.map((c) => c.type)).toEqual(["label_without_pickup"]);
  });

  it("opens 'no movement' N days after the last scan and closes on a new scan", () => {
    const lastScan = utc("2026-04-10T12:00:00Z");
    const subject: ExceptionSubject = { ...base, stage: "in_transit", lastScanAtMs: lastScan };
    const store = fireAround(subject, utc("2026-04-14T12:00:00Z"), "no_movement");
    store.tick({ ...subject, lastScanAtMs: utc("2026-04-18T09:00:00Z") }, utc("2026-04-18T10:00:00Z"));
    expect(store.closed).toEqual([{ type: "no_movement", reason: "The parcel is moving again or has arrived" }]);
  });

  it("opens 'past promised delivery' when the latest date has ended in its zone, and closes on delivery", () => {
    const subject: ExceptionSubject = {
      ...base,
      stage: "in_transit",
      lastScanAtMs: utc("2026-04-10T20:00:00Z"),
      promisedDelivery: { latest: "2026-04-10", timeZone: "America/New_York" },
    };
    // Midnight at the start of 11 April in New York (EDT, UTC−4).
    const store = new CaseStore();
    store.tick(subject, utc("2026-04-11T04:00:00Z") - MINUTE);
    expect(store.opened).toEqual([]);
    store.tick(subject, utc("2026-04-11T04:00:00Z"));
    store.tick(subject, utc("2026-04-12T04:00:00Z"));
    expect(store.opened).toEqual(["past_promised_delivery"]);
    store.tick({ ...subject, stage: "delivered" }, utc("2026-04-12T05:00:00Z"));
    expect(store.closed.map((c) => c.type)).toEqual(["past_promised_delivery"]);
  });

  it("opens 'failed delivery' as soon as the stage says so and closes when delivery resumes", () => {
    const store = new CaseStore();
    const now = utc("2026-04-10T12:00:00Z");
    store.tick({ ...base, stage: "delivery_attempt_failed" }, now);
    store.tick({ ...base, stage: "delivery_attempt_failed" }, now + MINUTE);
    expect(store.opened).toEqual(["failed_delivery"]);
    store.tick({ ...base, stage: "out_for_delivery" }, now + 2 * MINUTE);
    expect(store.closed.map((c) => c.type)).toEqual(["failed_delivery"]);
  });

  it("opens 'stockout after acceptance' once and closes when it is resolved", () => {
    const store = new CaseStore();
    const now = utc("2026-04-10T12:00:00Z");
    store.tick({ ...base, stockoutAfterAccept: true }, now);
    store.tick({ ...base, stockoutAfterAccept: true }, now + MINUTE);
    expect(store.opened).toEqual(["stockout_after_accept"]);
    store.tick({ ...base, stockoutAfterAccept: false }, now + 2 * MINUTE);
    expect(store.closed).toEqual([{ type: "stockout_after_accept", reason: "The stockout was resolved" }]);
  });

  it("suggests the playbook moves for a lost parcel", () => {
    const [condition] = evaluateExceptions({ ...base, stage: "lost" }, 0, CONFIG);
    expect(condition).toMatchObject({ type: "lost", suggestedActions: ["reship", "refund", "notify_customer"] });
  });

  it("does not flag a delivered parcel for no movement or a missed promise", () => {
    const subject: ExceptionSubject = {
      ...base,
      stage: "delivered",
      trackingUploadedAtMs: 1,
      lastScanAtMs: utc("2026-04-01T00:00:00Z"),
      promisedDelivery: { latest: "2026-04-02", timeZone: "UTC" },
    };
    expect(evaluateExceptions(subject, utc("2026-05-01T00:00:00Z"), CONFIG)).toEqual([]);
  });

  it("tells the timer when the next rule would open", () => {
    const subject: ExceptionSubject = {
      ...base,
      committedShipByMs: utc("2026-04-07T15:00:00Z"),
      labelCreatedAtMs: utc("2026-04-03T08:00:00Z"),
      stage: "label_created",
    };
    expect(nextEvaluationAtMs(subject, utc("2026-04-03T09:00:00Z"), CONFIG)).toBe(utc("2026-04-07T15:00:00Z"));
    expect(nextEvaluationAtMs(subject, utc("2026-04-07T15:00:00Z"), CONFIG)).toBe(utc("2026-04-08T08:00:00Z"));
    expect(nextEvaluationAtMs(subject, utc("2026-04-09T00:00:00Z"), CONFIG)).toBeNull();
  });

  it("rejects thresholds that make no sense", () => {
    expect(() => evaluateExceptions(base, 0, { ...DEFAULT_EXCEPTION_CONFIG, noMovementDays: 0 })).toThrow(/positive/);
  });
});

describe("reconcileCases", () => {
  it("keeps a case whose condition still holds, passing the stored record through", () => {
    const stored = { id: 7, subjectId: "po-1", type: "lost" as const, note: "called carrier" };
    const plan = reconcileCases([stored], evaluateExceptions({ ...base, stage: "lost" }, 0, CONFIG));
    expect(plan).toEqual({ open: [], close: [], keep: [stored] });
  });

  it("closes a second open case for the same condition", () => {
    const a = { id: 1, subjectId: "po-1", type: "lost" as const };
    const b = { id: 2, subjectId: "po-1", type: "lost" as const };
    const plan = reconcileCases([a, b], evaluateExceptions({ ...base, stage: "lost" }, 0, CONFIG));
    expect(plan.keep).toEqual([a]);
    expect(plan.close).toEqual([{ case: b, closingReason: "Duplicate of another open case" }]);
  });

  it("keeps cases of different subjects apart", () => {
    const other = { ...base, id: "po-2", stage: "lost" as const };
    const conditions = [...evaluateExceptions({ ...base, stage: "lost" }, 0, CONFIG), ...evaluateExceptions(other, 0, CONFIG)];
    const plan = reconcileCases([{ subjectId: "po-1", type: "lost" }], conditions);
    expect(plan.open.map((c) => c.subjectId)).toEqual(["po-2"]);
  });
});

describe("carrier delays", () => {
  it("opens 'delayed' on the carrier's delayed scan, before any promised date has passed", () => {
    const subject: ExceptionSubject = {
      ...base,
      stage: "delayed",
      lastScanAtMs: utc("2026-04-08T10:00:00Z"),
      promisedDelivery: { latest: "2026-04-12", timeZone: "UTC" },
    };
    const types = evaluateExceptions(subject, utc("2026-04-08T10:05:00Z"), CONFIG).map((c) => c.type);
    expect(types).toEqual(["delayed"]);
  });
});

describe("split orders", () => {
  it("opens 'split confusion' N days after another part was delivered while this part has no tracking, and closes when it ships", () => {
    const delivered = utc("2026-04-08T15:00:00Z");
    const subject: ExceptionSubject = { ...base, otherPartDeliveredAtMs: delivered };
    const store = fireAround(subject, delivered + 2 * 24 * 60 * MINUTE, "split_confusion");
    store.tick({ ...subject, trackingUploadedAtMs: delivered + 5 * 24 * 60 * MINUTE }, delivered + 6 * 24 * 60 * MINUTE);
    expect(store.closed).toEqual([{ type: "split_confusion", reason: "This part of the order has shipped" }]);
  });

  it("leaves an order whose parts all shipped alone", () => {
    const subject: ExceptionSubject = { ...base, otherPartDeliveredAtMs: utc("2026-04-08T15:00:00Z"), trackingUploadedAtMs: utc("2026-04-07T15:00:00Z") };
    expect(evaluateExceptions(subject, utc("2026-04-20T00:00:00Z"), { ...CONFIG, splitConfusionDays: 1 }).map((c) => c.type)).not.toContain("split_confusion");
  });
});
