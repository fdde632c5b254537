import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { TrackingEvent } from "./event";
import { applyEvent, newShipment, type ShipmentState } from "./shipment";
import { isForwardStage, stageRank } from "./stages";

const TN = "1Z999AA10123456784";

function ev(status: string, hour: number, extra: Partial<TrackingEvent> = {}): TrackingEvent {
  const happenedAt = new Date(Date.UTC(2026, 2, 2, hour)).toISOString();
  return { trackingNumber: TN, carrier: "UPS", status, happenedAt, ...extra };
}

function fold(events: readonly TrackingEvent[], start: ShipmentState = newShipment(TN, "UPS")): ShipmentState {
  return events.reduce((state, event) => applyEvent(state, event).state, start);
}

describe("applyEvent", () => {
  it("advances through the forward stages", () => {
    const state = fold([ev("M", 1), ev("Origin Scan", 2), ev("Arrived at Facility", 5), ev("Out For Delivery Today", 9)]);
    expect(state.stage).toBe("out_for_delivery");
    expect(state.lastScanAtMs).toBe(Date.UTC(2026, 2, 2, 9));
  });

  it("records an out-of-order event without moving the stage back", () => {
    const before = fold([ev("Origin Scan", 2), ev("Out For Delivery Today", 9)]);
    const result = applyEvent(before, ev("Arrived at Facility", 5));
    expect(result.outcome).toBe("out_of_order");
    expect(result.state.stage).toBe("out_for_delivery");
    expect(result.state.events).toHaveLength(3);
    expect(result.stageChanged).toBe(false);
  });

  it("keeps delivered as the end, except for a return to sender or a loss", () => {
    const delivered = fold([ev("I", 3), ev("D", 10)]);
    expect(applyEvent(delivered, ev("I", 11)).state.stage).toBe("delivered");
    expect(applyEvent(delivered, ev("Delivery exception", 12)).outcome).toBe("terminal");
    expect(applyEvent(delivered, ev("Returning package to shipper", 12)).state.stage).toBe("returned_to_sender");
    expect(applyEvent(delivered, ev("Lost", 12)).state.stage).toBe("lost");
  });

  it("sets an exception and recovers when a later forward scan arrives", () => {
    const delayed = fold([ev("I", 3), ev("Delivery exception", 5)]);
    expect(delayed.stage).toBe("delayed");
    expect(delayed.progress).toBe("in_transit");
    const recovered = applyEvent(delayed, ev("Departed from Facility", 8));
    expect(recovered).toMatchObject({ outcome: "recovered", stageChanged: true });
    expect(recovered.state.stage).toBe("in_transit");
  });

  it("does not let an exception older than the current scan take over", () => {
    const state = fold([ev("I", 3), ev("Out For Delivery Today", 9)]);
    const result = applyEvent(state, ev("Delivery exception", 5));
    expect(result).toMatchObject({ outcome: "out_of_order", stageChanged: false });
  });

  it("does not clear an exception with a forward scan that happened before it", () => {
    const state = fold([ev("P", 2), ev("Delivery exception", 6)]);
    const result = applyEvent(state, ev("I", 4));
    expect(result.state.progress).toBe("in_transit");
    expect(result.state.stage).toBe("delayed");
  });

  it("treats a failed attempt followed by a new delivery run as recovered", () => {
    const state = fold([ev("O", 8), ev("The receiver was not available for delivery.", 12), ev("O", 32)]);
    expect(state.stage).toBe("out_for_delivery");
  });

  it("ignores a repeated event id", () => {
    const once = fold([ev("I", 3, { eventId: "e1" })]);
    const again = applyEvent(once, ev("Arrived at Facility", 4, { eventId: "e1" }));
    expect(again).toMatchObject({ outcome: "duplicate", reason: "duplicate" });
    expect(again.state).toBe(once);
  });

  it("ignores the same status at the same instant", () => {
    const once = fold([ev("In Transit", 3)]);
    const again = applyEvent(once, ev("IN_TRANSIT", 3, { description: "different text" }));
    expect(again.outcome).toBe("duplicate");
    expect(again.state.events).toHaveLength(1);
  });

  it("records an unknown status without changing the stage", () => {
    const state = fold([ev("I", 3)]);
    const result = applyEvent(state, ev("Zorgle blip", 5));
    expect(result).toMatchObject({ outcome: "unrecognized", stageChanged: false });
    expect(result.state.events.at(-1)).toMatchObject({ stage: null, outcome: "unrecognized" });
    expect(result.state.lastScanAtMs).toBe(Date.UTC(2026, 2, 2, 5));
  });

  it("ignores an event for another tracking number", () => {
    const state = newShipment(TN);
    expect(applyEvent(state, { ...ev("D", 3), trackingNumber: "OTHER" }).outcome).toBe("wrong_shipment");
  });

  it("keeps the newest estimated delivery", () => {
    const state = fold([ev("I", 5, { estimatedDeliveryAt: "2026-03-05" }), ev("P", 2, { estimatedDeliveryAt: "2026-03-04" })]);
    expect(state.estimatedDeliveryAt).toBe("2026-03-05");
  });

  const STATUSES = ["M", "P", "I", "O", "D", "X", "RS", "Lost", "Attempted", "Zorgle"];
  const arbEvent = fc.record({
    status: fc.constantFrom(...STATUSES),
    hour: fc.integer({ min: 0, max: 60 }),
  });

  it("never lowers the forward progress whatever the order of events", () => {
    fc.assert(
      fc.property(fc.array(arbEvent, { maxLength: 25 }), (events) => {
        let state = newShipment(TN, "UPS");
        for (const { status, hour } of events) {
          const next = applyEvent(state, ev(status, hour)).state;
          expect(stageRank(next.progress)).toBeGreaterThanOrEqual(stageRank(state.progress));
          if (isForwardStage(next.stage)) expect(next.stage).toBe(next.progress);
          state = next;
        }
      }),
      { numRuns: 200 },
    );
  });

  it("gives the same state when every event is delivered twice", () => {
    fc.assert(
      fc.property(fc.array(arbEvent, { maxLength: 20 }), (events) => {
        const list = events.map(({ status, hour }) => ev(status, hour));
        expect(fold(list.flatMap((e) => [e, e]))).toEqual(fold(list));
      }),
      { numRuns: 200 },
    );
  });
});
