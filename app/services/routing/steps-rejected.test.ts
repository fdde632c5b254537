import { describe, expect, it } from "vitest";
import type { DecisionPlan } from "~/domain/routing";
import type { FulfillmentOrderSnapshot } from "~/shopify/fulfillment-orders";
import { isLeaving, leavingSuppliers, planRoutingSteps } from "./steps";

const SUPPLIERS = new Map([
  ["sup-a", "gid://shopify/Location/100"],
  ["sup-b", "gid://shopify/Location/200"],
]);

function atSupplier(id: string, location: string, requestStatus: string, status = "OPEN"): FulfillmentOrderSnapshot {
  return {
    id,
    status,
    requestStatus,
    assignedLocation: { location: { id: location } },
    destination: { countryCode: "US", province: "California" },
    supportedActions: [{ action: "MOVE" }, { action: "HOLD" }],
    fulfillmentHolds: [],
    lineItems: { nodes: [{ id: `${id}-l1`, totalQuantity: 1, remainingQuantity: 1, variant: { id: "v-1" }, lineItem: { id: "li-1", title: "Mug" } }] },
  };
}

const toB: DecisionPlan = {
  orderId: "gid://shopify/Order/1",
  outcome: "routed",
  assignments: [
    {
      supplierId: "sup-b",
      lines: [{ lineId: "li-1", quantity: 1 }],
      landedCost: 0,
      promise: { earliest: "2026-12-01", latest: "2026-12-03", latestBusinessDays: 5 },
    },
  ],
  holds: [],
  fallbacks: [],
  context: {} as DecisionPlan["context"],
};

describe("re-routing away from a supplier", () => {
  it("a fulfillment order the supplier rejected counts as pending and moves to the next supplier", () => {
    const rejected = atSupplier("fo-1", "gid://shopify/Location/100", "REJECTED");
    const leaving = leavingSuppliers([rejected], SUPPLIERS, []);
    expect([...leaving]).toEqual(["sup-a"]);
    expect(isLeaving(rejected, SUPPLIERS, leaving)).toBe(true);
    const plan = planRoutingSteps([rejected], toB, SUPPLIERS, "", new Set(["fo-1"]));
    expect(plan.steps).toEqual([{ kind: "move", fulfillmentOrderId: "fo-1", supplierId: "sup-b", locationId: "gid://shopify/Location/200", lines: null }]);
  });

  it("leaves submitted and accepted requests where they are, even at an excluded supplier", () => {
    const submitted = atSupplier("fo-1", "gid://shopify/Location/100", "SUBMITTED");
    const accepted = atSupplier("fo-2", "gid://shopify/Location/100", "ACCEPTED", "IN_PROGRESS");
    const leaving = leavingSuppliers([submitted, accepted], SUPPLIERS, ["sup-a"]);
    expect(isLeaving(submitted, SUPPLIERS, leaving)).toBe(false);
    expect(isLeaving(accepted, SUPPLIERS, leaving)).toBe(false);
  });

  it("without the movable set, a fulfillment order at a supplier stays put (routing as before)", () => {
    const rejected = atSupplier("fo-1", "gid://shopify/Location/100", "REJECTED");
    const plan = planRoutingSteps([rejected], toB, SUPPLIERS, "");
    expect(plan.steps).toEqual([]);
    expect(plan.skipped).toEqual([{ fulfillmentOrderId: "fo-1", why: "already at a supplier's location", blocking: false }]);
  });

  it("an unsubmitted fulfillment order at an excluded supplier (cancelled away after a stockout) moves on", () => {
    const back = atSupplier("fo-3", "gid://shopify/Location/100", "UNSUBMITTED");
    expect(isLeaving(back, SUPPLIERS, leavingSuppliers([back], SUPPLIERS, ["sup-a"]))).toBe(true);
    expect(isLeaving(back, SUPPLIERS, leavingSuppliers([back], SUPPLIERS, []))).toBe(false);
  });
});
