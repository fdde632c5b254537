import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { at, capturedBody, readCapture, seededFake, shape, STANDARD, str, TORONTO, type SeededShop } from "./fixtures";

let s: SeededShop;
beforeEach(async () => {
  s = await seededFake();
});
afterEach(async () => {
  await s.fake.close();
});

function newFo(quantity = 1) {
  const o = s.fake.createOrder({ lineItems: [{ variantId: s.variantId, quantity }], shippingAddress: TORONTO, shippingLine: STANDARD, email: "a@example.com" });
  const fo = s.fake.store.shop().fulfillmentOrdersOf(o.id)[0];
  if (!fo) throw new Error("no FO");
  return { order: o, fo };
}

const preconditions = readCapture("orders__fulfillment-create-preconditions");
const CREATE = str(at(preconditions, "cases", "closed", "setup", "firstFulfillmentCreate", "query"));

function fulfillmentInput(caseName: string, foId: string, lineId?: string): Record<string, unknown> {
  const vars = at(preconditions, "cases", caseName, "variables") as {
    fulfillment: { lineItemsByFulfillmentOrder: { fulfillmentOrderLineItems?: { quantity: number }[] }[] };
  };
  const group = vars.fulfillment.lineItemsByFulfillmentOrder[0];
  const lines = group?.fulfillmentOrderLineItems?.map((l) => ({ id: lineId, quantity: l.quantity }));
  return {
    ...vars,
    fulfillment: { ...vars.fulfillment, lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: foId, ...(lines ? { fulfillmentOrderLineItems: lines } : {}) }] },
  };
}

describe("fulfillmentCreate", () => {
  it("creates a fulfillment, closes the fulfillment order and ships committed stock (captured happy path)", async () => {
    const { fo, order } = newFo();
    const { body } = await s.fake.graphql(CREATE, fulfillmentInput("happyPath", fo.id));
    expect(shape(body.data)).toEqual(shape(at(preconditions, "cases", "happyPath", "response", "data")));
    expect(s.fake.store.shop().fulfillmentOrders.get(fo.id)?.status).toBe("CLOSED");
    const level = s.fake.store.shop().inventoryLevels.get(s.fake.store.shop().levelKey(s.inventoryItemId, s.primaryLocationId));
    expect(level?.quantities).toMatchObject({ available: 49, committed: 0, on_hand: 49 });
    const read = await s.fake.graphql("query($id: ID!) { order(id: $id) { displayFulfillmentStatus fulfillments(first: 5) { name status } } }", {
      id: order.id,
    });
    expect(read.body.data).toEqual({ order: { displayFulfillmentStatus: "FULFILLED", fulfillments: [{ name: `${order.name}-F1`, status: "SUCCESS" }] } });
  });

  it("applies the captured preconditions", async () => {
    const expectCase = async (name: string, vars: Record<string, unknown>) => {
      const { body } = await s.fake.graphql(CREATE, vars);
      expect(shape(body.data), name).toEqual(shape(at(preconditions, "cases", name, "response", "data")));
    };
    const cancelled = newFo();
    s.fake.cancelOrder({ orderId: cancelled.order.id });
    await expectCase("cancelled", fulfillmentInput("cancelled", cancelled.fo.id));
    const zero = newFo();
    await expectCase("nonPositiveQuantity", fulfillmentInput("nonPositiveQuantity", zero.fo.id, zero.fo.lineItems[0]?.id));
    const over = newFo();
    await expectCase("overFulfill", fulfillmentInput("overFulfill", over.fo.id, over.fo.lineItems[0]?.id));
    await expectCase("missingFulfillmentOrder", at(preconditions, "cases", "missingFulfillmentOrder", "variables") as Record<string, unknown>);
    const closed = newFo();
    await s.fake.graphql(CREATE, fulfillmentInput("happyPath", closed.fo.id));
    await expectCase("closed", fulfillmentInput("closed", closed.fo.id));
    const progress = newFo();
    await s.fake.graphql("mutation($id: ID!) { fulfillmentOrderReportProgress(id: $id) { userErrors { message } } }", { id: progress.fo.id });
    await expectCase("inProgress", fulfillmentInput("inProgress", progress.fo.id));
  });

  it("partially fulfils and leaves the fulfillment order in progress", async () => {
    const { fo } = newFo(3);
    const { body } = await s.fake.graphql(CREATE, {
      fulfillment: {
        lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fo.id, fulfillmentOrderLineItems: [{ id: fo.lineItems[0]?.id, quantity: 1 }] }],
        trackingInfo: { numbers: ["1Z1", "1Z2"], company: "UPS" },
      },
    });
    expect(at(body.data, "fulfillmentCreate", "fulfillment", "trackingInfo")).toEqual([
      { number: "1Z1", url: null, company: "UPS" },
      { number: "1Z2", url: null, company: "UPS" },
    ]);
    expect(s.fake.store.shop().fulfillmentOrders.get(fo.id)).toMatchObject({
      status: "IN_PROGRESS",
      lineItems: [expect.objectContaining({ totalQuantity: 3, remainingQuantity: 2 })],
    });
  });
});

describe("fulfillment events, tracking and cancellation", () => {
  const events = readCapture("shipping-fulfillments__fulfillment-event-create-validation");
  const states = readCapture("orders__fulfillment-state-preconditions");

  async function fulfilled() {
    const { fo } = newFo();
    const created = await s.fake.graphql(str(at(events, "setup", "fulfillmentCreate", "query")), fulfillmentInput("happyPath", fo.id));
    return str(at(created.body.data, "fulfillmentCreate", "fulfillment", "id"));
  }

  it("follows the captured fulfillmentEventCreate flow", async () => {
    const id = await fulfilled();
    const step = async (name: string, vars: Record<string, unknown>) => {
      const exchange = at(events, name);
      const { body } = await s.fake.graphql(str(at(exchange, "query")), vars);
      expect(shape(body.data), name).toEqual(shape(at(capturedBody(exchange), "data")));
    };
    const hydrate = at(events, "setup", "fulfillmentHydrate");
    const h = await s.fake.graphql(str(at(hydrate, "query")), { id });
    expect(shape(h.body.data)).toEqual(shape(at(capturedBody(hydrate), "data")));
    const eventVars = at(events, "fulfillmentEventCreate", "variables", "fulfillmentEvent") as Record<string, unknown>;
    await step("unknownFulfillmentEventCreate", { fulfillmentEvent: { fulfillmentId: "gid://shopify/Fulfillment/1", status: "IN_TRANSIT" } });
    await step("fulfillmentEventCreate", { fulfillmentEvent: { ...eventVars, fulfillmentId: id } });
    await step("detailRead", { fulfillmentId: id });
    await step("fulfillmentCancel", { id });
    await step("cancelledFulfillmentEventCreateProbe", {
      fulfillmentEvent: { ...(at(events, "cancelledFulfillmentEventCreateProbe", "variables", "fulfillmentEvent") as object), fulfillmentId: id },
    });
  });

  it("accepts the captured operations on cancelled and delivered fulfillments", async () => {
    const id = await fulfilled();
    const step = async (name: string, vars: Record<string, unknown>) => {
      const exchange = at(states, name);
      const { body } = await s.fake.graphql(str(at(exchange, "query")), vars);
      expect(shape(body.data), name).toEqual(shape(at(capturedBody(exchange), "data")));
    };
    await step("initialCancel", { id });
    await step("cancelAlreadyCancelled", { id });
    await step("trackingAlreadyCancelled", { ...(at(states, "trackingAlreadyCancelled", "variables") as object), fulfillmentId: id });
    await step("eventOnCancelled", { fulfillmentEvent: { ...(at(states, "eventOnCancelled", "variables", "fulfillmentEvent") as object), fulfillmentId: id } });
    const delivered = await fulfilled();
    await step("deliveredEventCreate", {
      fulfillmentEvent: { ...(at(states, "deliveredEventCreate", "variables", "fulfillmentEvent") as object), fulfillmentId: delivered },
    });
    await step("cancelDelivered", { id: delivered });
  });

  it("reopens the fulfillment order when its fulfillment is cancelled", async () => {
    const { fo } = newFo();
    const created = await s.fake.graphql(CREATE, fulfillmentInput("happyPath", fo.id));
    const id = str(at(created.body.data, "fulfillmentCreate", "fulfillment", "id"));
    await s.fake.graphql("mutation($id: ID!) { fulfillmentCancel(id: $id) { userErrors { message } } }", { id });
    expect(s.fake.store.shop().fulfillmentOrders.get(fo.id)).toMatchObject({ status: "OPEN", lineItems: [expect.objectContaining({ remainingQuantity: 1 })] });
  });
});
