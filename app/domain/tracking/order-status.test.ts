import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { combineParcelStages, decodeOrderTracking, encodeOrderTracking, type OrderTrackingStatus } from "./order-status";
import { FORWARD_STAGES, stageRank, TRACKING_STAGES, type ForwardStage } from "./stages";

describe("combineParcelStages", () => {
  it("is the least advanced parcel, never below label_created, and any exception wins", () => {
    expect(combineParcelStages(["delivered", "in_transit"])).toBe("in_transit");
    expect(combineParcelStages(["delivered", "delivered"])).toBe("delivered");
    expect(combineParcelStages(["awaiting_supplier"])).toBe("label_created");
    expect(combineParcelStages(["out_for_delivery", "delayed"])).toBe("delayed");
    expect(combineParcelStages(["delayed", "lost"])).toBe("lost");
  });

  it("never goes back when any one parcel moves forward", () => {
    const forward = fc.constantFrom(...FORWARD_STAGES);
    fc.assert(
      fc.property(fc.array(forward, { minLength: 1, maxLength: 4 }), fc.nat(3), forward, (stages, i, next) => {
        const at = i % stages.length;
        if (stageRank(next) < stageRank(stages[at]!)) return;
        const moved = stages.map((s, j) => (j === at ? next : s));
        expect(stageRank(combineParcelStages(moved) as ForwardStage)).toBeGreaterThanOrEqual(stageRank(combineParcelStages(stages) as ForwardStage));
      }),
    );
  });
});

describe("order tracking metafield", () => {
  it("round-trips every stage and refuses what it does not understand", () => {
    const status: OrderTrackingStatus = {
      v: 1,
      a: 1,
      p: TRACKING_STAGES.map((s, i) => ({ s, c: "UPS", n: [`N${i}`], u: null, q: 1, w: ["2026-04-08", "2026-04-10"] })),
    };
    expect(decodeOrderTracking(encodeOrderTracking(status))).toEqual(status);
    expect(decodeOrderTracking('{"v":2,"p":[]}')).toBeNull();
    expect(decodeOrderTracking('{"v":1,"p":[{"s":"teleported","n":[],"q":1}]}')).toBeNull();
    expect(decodeOrderTracking("nope")).toBeNull();
  });
});
