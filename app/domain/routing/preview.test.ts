import { describe, expect, it } from "vitest";
import { previewPolicyChange } from "./preview";
import { MUG, makeInput, makeOffer, makeOrder, makePolicy, makeSupplier } from "./test-fixtures";

describe("previewPolicyChange", () => {
  const near = makeSupplier("near", { coverage: [{ countryCode: "US", transit: { min: 1, max: 2 } }] });
  const far = makeSupplier("far", { coverage: [{ countryCode: "US", transit: { min: 3, max: 4 } }] });
  const offers = [makeOffer("near", MUG, { unitCost: 3_000 }), makeOffer("far", MUG, { unitCost: 2_400 })];
  const request = (id: string) => {
    const { order, suppliers } = makeInput({ order: makeOrder({ id }), suppliers: [near, far], offers });
    return { order, suppliers, offers };
  };

  it("reports the supplier, landed cost and delivery change per order", () => {
    const preview = previewPolicyChange(
      [request("order-1"), request("order-2")],
      makePolicy({ preset: "speed_first" }),
      makePolicy({ preset: "margin_first" }),
    );
    expect(preview.changedOrders).toBe(2);
    expect(preview.landedCostDelta).toBe(2 * -600);
    expect(preview.orders[0]).toEqual({
      orderId: "order-1",
      before: { outcome: "routed", supplierIds: ["near"], landedCost: 3_700, latestDelivery: "2026-11-27", promisedBusinessDays: 3, heldUnits: 0 },
      after: { outcome: "routed", supplierIds: ["far"], landedCost: 3_100, latestDelivery: "2026-12-01", promisedBusinessDays: 5, heldUnits: 0 },
      changed: true,
      changes: [
        "Supplier: near → far",
        "Landed cost: $37.00 → $31.00 (−$6.00)",
        "Latest delivery: 2026-11-27 (3 business days) → 2026-12-01 (5 business days)",
      ],
    });
  });

  it("reports no change when the new policy routes the same way", () => {
    const preview = previewPolicyChange([request("order-1")], makePolicy(), makePolicy({ stock: { minBuffer: 1 } }));
    expect(preview.orders[0]!.changed).toBe(false);
    expect(preview.orders[0]!.changes).toEqual([]);
    expect(preview.landedCostDelta).toBe(0);
  });

  it("reports orders the new policy would hold", () => {
    const strict = makePolicy({ serviceLevels: { standard: { maxBusinessDays: 1 }, expedited: { maxBusinessDays: 1 } } });
    const preview = previewPolicyChange([request("order-1")], makePolicy({ preset: "speed_first" }), strict);
    expect(preview.orders[0]!.after).toMatchObject({ outcome: "held", supplierIds: [], latestDelivery: null, heldUnits: 1 });
    expect(preview.orders[0]!.changes).toEqual([
      "Outcome: routed → held",
      "Supplier: near → none",
      "Landed cost: $37.00 → $0.00 (−$37.00)",
      "Latest delivery: 2026-11-27 (3 business days) → not routed",
      "Held units: 0 → 1",
    ]);
  });
});
