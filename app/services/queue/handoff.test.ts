import { describe, expect, it } from "vitest";
import type { MovedFulfillmentOrder } from "~/shopify/fulfillment-orders";
import type { OrderForRouting, RoutedFulfillmentOrder } from "~/shopify/order-for-routing";
import { freshHandoff, HANDOFF_MAX_AGE_MS, RoutingRead, SubmitHandoff, submitHandoff } from "./handoff";

const HQ = "gid://shopify/Location/1";
const WEST = "gid://shopify/Location/100";
const EAST = "gid://shopify/Location/200";
const SUPPLIERS = new Map([
  ["sup-west", WEST],
  ["sup-east", EAST],
]);
const ADDRESS = {
  firstName: "Ada",
  lastName: "Lovelace",
  company: null,
  address1: "1 Pine St",
  address2: null,
  city: "Seattle",
  province: "WA",
  zip: "98101",
  countryCode: "US",
  phone: null,
  email: null,
};

function line(id: string, orderLine: string, quantity: number) {
  return {
    id,
    totalQuantity: quantity,
    remainingQuantity: quantity,
    sku: orderLine.toUpperCase(),
    productTitle: orderLine,
    variantTitle: null,
    variant: { id: `v-${orderLine}` },
    lineItem: { id: orderLine, title: orderLine },
  };
}

function fo(id: string, location: string, lines: ReturnType<typeof line>[], requestStatus = "UNSUBMITTED"): RoutedFulfillmentOrder {
  return {
    id,
    status: "OPEN",
    requestStatus,
    assignedLocation: { location: { id: location } },
    destination: ADDRESS,
    deliveryMethod: { methodType: "SHIPPING", presentedName: "Standard", serviceCode: "STANDARD" },
    supportedActions: [{ action: "MOVE" }, { action: "HOLD" }, { action: "REPORT_PROGRESS" }],
    fulfillmentHolds: [],
    lineItems: { nodes: lines },
  };
}

function order(fos: RoutedFulfillmentOrder[]): OrderForRouting {
  return {
    id: "gid://shopify/Order/1",
    name: "#1001",
    note: "Gift",
    tags: ["gift"],
    currencyCode: "USD",
    sourceName: "web",
    cancelledAt: null,
    totalPriceSet: { shopMoney: { amount: "70.00" } },
    shippingAddress: { countryCodeV2: "US", provinceCode: "WA" },
    shippingLines: { nodes: [{ title: "Standard" }] },
    lineItems: { nodes: [{ id: "mug", title: "mug", quantity: 1, originalUnitPriceSet: { shopMoney: { amount: "40.00" } } }] },
    fulfillmentOrders: { nodes: fos },
  };
}

function moved(id: string, location: string, lines: ReturnType<typeof line>[]): MovedFulfillmentOrder {
  return { id, status: "OPEN", requestStatus: "UNSUBMITTED", assignedLocation: { location: { id: location } }, lineItems: { nodes: lines } };
}

const NOW = new Date("2026-04-06T08:00:00Z");

describe("what a step hands the next", () => {
  it("uses a hand-off only while it is fresh and parses, else says 'read Shopify'", () => {
    const read = { readAt: NOW.toISOString(), order: order([fo("fo-1", HQ, [line("fl-1", "mug", 1)])]) };
    expect(freshHandoff(RoutingRead, read, new Date(NOW.getTime() + HANDOFF_MAX_AGE_MS))?.order.id).toBe("gid://shopify/Order/1");
    expect(freshHandoff(RoutingRead, read, new Date(NOW.getTime() + HANDOFF_MAX_AGE_MS + 1))).toBeNull();
    expect(freshHandoff(RoutingRead, undefined, NOW)).toBeNull();
    // Written by an older version (no purchase-order fields on the lines): not used.
    const older = JSON.parse(JSON.stringify(read)) as { order: { fulfillmentOrders: { nodes: { lineItems: { nodes: Record<string, unknown>[] } }[] } } };
    delete older.order.fulfillmentOrders.nodes[0]!.lineItems.nodes[0]!.productTitle;
    expect(freshHandoff(RoutingRead, older, NOW)).toBeNull();
  });

  it("hands submission each moved fulfillment order with its new line ids, and the ones already at a supplier", () => {
    const read = order([fo("fo-1", HQ, [line("fl-1", "mug", 1), line("fl-2", "shell", 1)]), fo("fo-9", EAST, [line("fl-9", "cap", 1)], "SUBMITTED")]);
    const handoff = submitHandoff(read, NOW, 3, SUPPLIERS, [
      { from: "fo-1", partial: true, moved: moved("fo-2", WEST, [line("fl-20", "mug", 1)]) },
      { from: "fo-1", partial: false, moved: moved("fo-1", EAST, [line("fl-2", "shell", 1)]) },
    ]);
    expect(handoff).toMatchObject({
      readAt: NOW.toISOString(),
      decisionVersion: 3,
      order: { id: "gid://shopify/Order/1", name: "#1001", note: "Gift", tags: ["gift"] },
    });
    expect(handoff!.fulfillmentOrders.map((f) => [f.id, f.supplierId, f.requestStatus, f.lineItems.map((l) => l.id)])).toEqual([
      ["fo-2", "sup-west", "UNSUBMITTED", ["fl-20"]],
      ["fo-1", "sup-east", "UNSUBMITTED", ["fl-2"]],
      ["fo-9", "sup-east", "SUBMITTED", ["fl-9"]],
    ]);
    // A moved fulfillment order keeps its original's address and delivery method.
    expect(handoff!.fulfillmentOrders[0]).toMatchObject({ destination: ADDRESS, deliveryMethod: { presentedName: "Standard" } });
    expect(SubmitHandoff.safeParse(JSON.parse(JSON.stringify(handoff))).success).toBe(true);
  });

  it("hands nothing when part of a supplier's fulfillment order moved away (what is left there was not read)", () => {
    const read = order([fo("fo-1", WEST, [line("fl-1", "mug", 2)], "REJECTED")]);
    expect(submitHandoff(read, NOW, 2, SUPPLIERS, [{ from: "fo-1", partial: true, moved: moved("fo-2", EAST, [line("fl-20", "mug", 1)]) }])).toBeNull();
    expect(submitHandoff(read, NOW, 2, SUPPLIERS, [{ from: "fo-1", partial: false, moved: moved("fo-1", EAST, [line("fl-1", "mug", 2)]) }])).not.toBeNull();
  });
});
