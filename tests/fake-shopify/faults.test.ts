import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { seededFake, STANDARD, TORONTO, type SeededShop } from "./fixtures";

let s: SeededShop;
beforeEach(async () => {
  s = await seededFake({ now: () => Date.parse("2026-04-06T08:00:00Z") });
});
afterEach(async () => {
  await s.fake.close();
});

const MOVE = `mutation MoveIt($id: ID!, $to: ID!) {
  fulfillmentOrderMove(id: $id, newLocationId: $to) { movedFulfillmentOrder { id } userErrors { field message } }
}`;

function placeOrder() {
  const order = s.fake.createOrder({
    lineItems: [{ variantId: s.variantId, quantity: 1 }],
    shippingAddress: TORONTO,
    shippingLine: STANDARD,
    email: "ada@example.com",
  });
  return s.fake.store.shop().fulfillmentOrdersOf(order.id)[0]!;
}

describe("fault injection: a lost answer", () => {
  it("applies the mutation, then drops the connection so the client sees a network error — once", async () => {
    const fo = placeOrder();
    s.fake.faults.loseResponseOnce("fulfillmentOrderMove");
    await expect(s.fake.graphql(MOVE, { id: fo.id, to: s.secondLocationId })).rejects.toThrow();
    // The move happened in the shop all the same.
    expect(
      s.fake.store
        .shop()
        .fulfillmentOrdersOf(fo.orderId)
        .some((f) => f.assignedLocationId === s.secondLocationId && f.status !== "CLOSED"),
    ).toBe(true);
    expect(s.fake.faults.history()).toEqual([expect.objectContaining({ match: "fulfillmentOrderMove", operationName: "MoveIt" })]);
    // The next request is answered normally.
    const again = await s.fake.graphql("query ShopName { shop { name } }");
    expect(again.status).toBe(200);
  });

  it("matches by operation name as well as root field, and leaves other operations alone", async () => {
    s.fake.faults.loseResponseOnce("ShopName");
    expect((await s.fake.graphql("query Other { shop { id } }")).status).toBe(200);
    await expect(s.fake.graphql("query ShopName { shop { name } }")).rejects.toThrow();
    expect((await s.fake.graphql("query ShopName { shop { name } }")).status).toBe(200);
  });
});
