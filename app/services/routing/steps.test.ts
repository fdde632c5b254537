import { describe, expect, it } from "vitest";
import type { DecisionPlan } from "~/domain/routing";
import type { FulfillmentOrderSnapshot } from "~/shopify/fulfillment-orders";
import { planRoutingSteps, STOP_LOSS_HOLD_HANDLE } from "./steps";

const MERCHANT = "gid://shopify/Location/1";
const SUPPLIERS = new Map([
  ["sup-a", "gid://shopify/Location/100"],
  ["sup-b", "gid://shopify/Location/200"],
]);

function fo(id: string, lines: [string, string, number][], opts: Partial<FulfillmentOrderSnapshot> = {}): FulfillmentOrderSnapshot {
  return {
    id,
    status: "OPEN",
    requestStatus: "UNSUBMITTED",
    assignedLocation: { location: { id: MERCHANT } },
    destination: { countryCode: "US", province: "California" },
    supportedActions: [{ action: "MOVE" }, { action: "HOLD" }, { action: "CREATE_FULFILLMENT" }],
    fulfillmentHolds: [],
    lineItems: {
      nodes: lines.map(([foLine, orderLine, qty]) => ({
        id: foLine,
        totalQuantity: qty,
        remainingQuantity: qty,
        variant: { id: `v-${orderLine}` },
        lineItem: { id: orderLine, title: orderLine },
      })),
    },
    ...opts,
  };
}

function decision(assignments: [string, [string, number][]][], holds: [string, number][] = []): DecisionPlan {
  return {
    orderId: "gid://shopify/Order/1",
    outcome: holds.length ? (assignments.length ? "partially_held" : "held") : assignments.length > 1 ? "split" : "routed",
    assignments: assignments.map(([supplierId, lines]) => ({
      supplierId,
      lines: lines.map(([lineId, quantity]) => ({ lineId, quantity })),
      landedCost: 0,
      promise: { earliest: "2026-12-01", latest: "2026-12-03", latestBusinessDays: 5 },
    })),
    holds: holds.map(([lineId, quantity]) => ({ lineId, quantity, reasonCode: "no_eligible_supplier", message: "nothing fits" })),
    fallbacks: [],
    context: {} as DecisionPlan["context"],
  };
}

describe("planRoutingSteps", () => {
  it("moves a whole fulfillment order when every line goes to one supplier", () => {
    const plan = planRoutingSteps(
      [
        fo("fo-1", [
          ["fl-1", "li-1", 2],
          ["fl-2", "li-2", 1],
        ]),
      ],
      decision([
        [
          "sup-a",
          [
            ["li-1", 2],
            ["li-2", 1],
          ],
        ],
      ]),
      SUPPLIERS,
      "",
    );
    expect(plan.steps).toEqual([{ kind: "move", fulfillmentOrderId: "fo-1", supplierId: "sup-a", locationId: "gid://shopify/Location/100", lines: null }]);
  });

  it("splits by moving the first supplier's lines and then the rest of the fulfillment order", () => {
    const plan = planRoutingSteps(
      [
        fo("fo-1", [
          ["fl-1", "li-1", 2],
          ["fl-2", "li-2", 1],
        ]),
      ],
      decision([
        ["sup-a", [["li-1", 2]]],
        ["sup-b", [["li-2", 1]]],
      ]),
      SUPPLIERS,
      "",
    );
    expect(plan.steps).toEqual([
      { kind: "move", fulfillmentOrderId: "fo-1", supplierId: "sup-a", locationId: "gid://shopify/Location/100", lines: [{ id: "fl-1", quantity: 2 }] },
      { kind: "move", fulfillmentOrderId: "fo-1", supplierId: "sup-b", locationId: "gid://shopify/Location/200", lines: null },
    ]);
  });

  it("holds what the decision could not place, after moving the rest", () => {
    const plan = planRoutingSteps(
      [
        fo("fo-1", [
          ["fl-1", "li-1", 2],
          ["fl-2", "li-2", 1],
        ]),
      ],
      decision([["sup-a", [["li-1", 2]]]], [["li-2", 1]]),
      SUPPLIERS,
      "No supplier has it",
    );
    expect(plan.steps.map((s) => s.kind)).toEqual(["move", "hold"]);
    expect(plan.steps[1]).toMatchObject({ kind: "hold", lines: null, reason: "INVENTORY_OUT_OF_STOCK", notes: "No supplier has it" });
  });

  it("does nothing for fulfillment orders already at a supplier or held by us (a re-run after success)", () => {
    const atSupplier = fo("fo-1", [["fl-9", "li-1", 2]], { assignedLocation: { location: { id: "gid://shopify/Location/100" } } });
    const held = fo("fo-2", [["fl-8", "li-2", 1]], { status: "ON_HOLD", fulfillmentHolds: [{ handle: STOP_LOSS_HOLD_HANDLE, reason: "OTHER" }] });
    const plan = planRoutingSteps([atSupplier, held], decision([["sup-a", [["li-1", 2]]]], [["li-2", 1]]), SUPPLIERS, "");
    expect(plan.steps).toEqual([]);
    expect(plan.skipped.map((s) => [s.why, s.blocking])).toEqual([
      ["already at a supplier's location", false],
      ["held by Dropline for a person", false],
    ]);
  });

  it("finishes a half-applied split: only the lines still at the merchant's location move", () => {
    const moved = fo("fo-new", [["fl-7", "li-1", 2]], { assignedLocation: { location: { id: "gid://shopify/Location/100" } } });
    const left = fo("fo-1", [["fl-2", "li-2", 1]]);
    const plan = planRoutingSteps(
      [moved, left],
      decision([
        ["sup-a", [["li-1", 2]]],
        ["sup-b", [["li-2", 1]]],
      ]),
      SUPPLIERS,
      "",
    );
    expect(plan.steps).toEqual([{ kind: "move", fulfillmentOrderId: "fo-1", supplierId: "sup-b", locationId: "gid://shopify/Location/200", lines: null }]);
  });

  it("respects what Shopify allows: no move when MOVE is not a supported action", () => {
    const plan = planRoutingSteps(
      [fo("fo-1", [["fl-1", "li-1", 1]], { supportedActions: [{ action: "CREATE_FULFILLMENT" }] })],
      decision([["sup-a", [["li-1", 1]]]]),
      SUPPLIERS,
      "",
    );
    expect(plan.steps).toEqual([]);
    expect(plan.skipped[0]).toMatchObject({ why: "Shopify does not allow a move now", blocking: true });
  });

  it("holds units the decision never mentioned rather than guessing a supplier", () => {
    const plan = planRoutingSteps([fo("fo-1", [["fl-1", "li-1", 3]])], decision([["sup-a", [["li-1", 2]]]]), SUPPLIERS, "check");
    expect(plan.steps).toEqual([
      { kind: "move", fulfillmentOrderId: "fo-1", supplierId: "sup-a", locationId: "gid://shopify/Location/100", lines: [{ id: "fl-1", quantity: 2 }] },
      { kind: "hold", fulfillmentOrderId: "fo-1", lines: null, reason: "INVENTORY_OUT_OF_STOCK", notes: "check" },
    ]);
  });

  it("leaves lines Shopify already placed at the chosen supplier where they are", () => {
    const atA = fo("fo-1", [["fl-1", "li-1", 2]], { assignedLocation: { location: { id: "gid://shopify/Location/100" } } });
    const plan = planRoutingSteps([atA], decision([["sup-a", [["li-1", 2]]]]), SUPPLIERS, "", new Set(["fo-1"]));
    expect(plan.steps).toEqual([]);
    expect(plan.skipped).toEqual([{ fulfillmentOrderId: "fo-1", why: "already at the chosen supplier's location", blocking: false }]);
  });

  it("moves what Shopify placed at another supplier by default to the supplier Dropline chose", () => {
    const atA = fo(
      "fo-1",
      [
        ["fl-1", "li-1", 2],
        ["fl-2", "li-2", 1],
      ],
      { assignedLocation: { location: { id: "gid://shopify/Location/100" } } },
    );
    const plan = planRoutingSteps(
      [atA],
      decision([
        ["sup-a", [["li-1", 2]]],
        ["sup-b", [["li-2", 1]]],
      ]),
      SUPPLIERS,
      "",
      new Set(["fo-1"]),
    );
    // Only the line going to B moves; the line chosen for A stays (no whole-order move).
    expect(plan.steps).toEqual([
      { kind: "move", fulfillmentOrderId: "fo-1", supplierId: "sup-b", locationId: "gid://shopify/Location/200", lines: [{ id: "fl-2", quantity: 1 }] },
    ]);
  });
});

describe("planRoutingSteps: address holds", () => {
  it("holds with Shopify's INCORRECT_ADDRESS reason when the address is all that holds the order", () => {
    const d = decision([], []);
    const held = {
      ...d,
      outcome: "held" as const,
      holds: [{ lineId: "li-1", quantity: 1, reasonCode: "address" as const, message: "The shipping address has no country." }],
    };
    const plan = planRoutingSteps([fo("fo-1", [["fl-1", "li-1", 1]])], held, SUPPLIERS, "The shipping address has no country.");
    expect(plan.steps).toEqual([
      { kind: "hold", fulfillmentOrderId: "fo-1", lines: null, reason: "INCORRECT_ADDRESS", notes: "The shipping address has no country." },
    ]);
  });

  it("keeps the stock reason when other holds share the fulfillment order", () => {
    const d = decision([], [["li-2", 1]]);
    const mixed = { ...d, holds: [...d.holds, { lineId: "li-1", quantity: 1, reasonCode: "address" as const, message: "PO box" }] };
    const plan = planRoutingSteps(
      [
        fo("fo-1", [
          ["fl-1", "li-1", 1],
          ["fl-2", "li-2", 1],
        ]),
      ],
      mixed,
      SUPPLIERS,
      "notes",
    );
    expect(plan.steps.map((s) => (s.kind === "hold" ? s.reason : s.kind))).toEqual(["INVENTORY_OUT_OF_STOCK"]);
  });
});
