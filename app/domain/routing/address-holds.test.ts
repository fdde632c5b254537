import { describe, expect, it } from "vitest";
import type { AddressProblem } from "../address";
import { hasAddressHolds, holdForAddress } from "./address-holds";
import type { DecisionPlan } from "./types";

function decision(assignments: [string, [string, number][]][], holds: [string, number][] = []): DecisionPlan {
  return {
    orderId: "gid://shopify/Order/1",
    outcome: holds.length ? (assignments.length ? "partially_held" : "held") : assignments.length > 1 ? "split" : "routed",
    assignments: assignments.map(([supplierId, lines]) => ({
      supplierId,
      lines: lines.map(([lineId, quantity]) => ({ lineId, quantity })),
      landedCost: 100,
      promise: { earliest: "2026-12-09", latest: "2026-12-11", latestBusinessDays: 4 },
    })),
    holds: holds.map(([lineId, quantity]) => ({ lineId, quantity, reasonCode: "no_offer" as const, message: "No supplier offers it" })),
    fallbacks: [],
    context: {} as DecisionPlan["context"],
  };
}

const problem = (message: string): AddressProblem => ({ code: "po_box", field: "address1", message });
const clean = { common: [], bySupplier: new Map() };

describe("holdForAddress", () => {
  it("leaves a decision alone when the address passes", () => {
    const d = decision([["sup-a", [["li-1", 2]]]]);
    expect(holdForAddress(d, clean)).toBe(d);
    expect(hasAddressHolds(d)).toBe(false);
  });

  it("holds every line, whatever held it before, when any carrier would refuse the address", () => {
    const d = decision([["sup-a", [["li-1", 2]]]], [["li-2", 1]]);
    const held = holdForAddress(d, { common: [problem("The shipping address has no country.")], bySupplier: new Map() });
    expect(held.outcome).toBe("held");
    expect(held.assignments).toEqual([]);
    expect(held.holds).toEqual([
      { lineId: "li-1", quantity: 2, reasonCode: "address", message: "The shipping address has no country." },
      { lineId: "li-2", quantity: 1, reasonCode: "address", message: "The shipping address has no country." },
    ]);
    expect(hasAddressHolds(held)).toBe(true);
  });

  it("holds only the lines of the supplier whose carrier refuses the address, naming that supplier", () => {
    const d = decision([
      ["sup-a", [["li-1", 1]]],
      ["sup-b", [["li-2", 3]]],
    ]);
    const held = holdForAddress(d, { common: [], bySupplier: new Map([["sup-b", [problem("No PO boxes."), problem("Needs a phone.")]]]) });
    expect(held.outcome).toBe("partially_held");
    expect(held.assignments.map((a) => a.supplierId)).toEqual(["sup-a"]);
    expect(held.holds).toEqual([{ lineId: "li-2", quantity: 3, reasonCode: "address", message: "No PO boxes. Needs a phone.", supplierId: "sup-b" }]);
  });

  it("holds the whole order when its only supplier refuses the address", () => {
    const held = holdForAddress(decision([["sup-a", [["li-1", 1]]]]), { common: [], bySupplier: new Map([["sup-a", [problem("No PO boxes.")]]]) });
    expect(held.outcome).toBe("held");
  });
});
