import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { at, seededFake, STANDARD, TORONTO, type SeededShop } from "./fixtures";

let s: SeededShop;
beforeEach(async () => {
  s = await seededFake();
});
afterEach(async () => {
  await s.fake.close();
});

function placeOrder() {
  const o = s.fake.createOrder({
    lineItems: [{ variantId: s.variantId, quantity: 1 }],
    shippingAddress: TORONTO,
    shippingLine: STANDARD,
    email: "a@example.com",
  });
  const fo = s.fake.store.shop().fulfillmentOrdersOf(o.id)[0];
  if (!fo) throw new Error("no FO");
  return { order: o, fo };
}

describe("read queries", () => {
  it("resolves node and nodes by GID type, null for unknown ids", async () => {
    const { order, fo } = placeOrder();
    const { body } = await s.fake.graphql(
      `query($ids: [ID!]!, $id: ID!) { node(id: $id) { __typename id } nodes(ids: $ids) { __typename ... on FulfillmentOrder { status } ... on Location { name } } }`,
      { id: order.id, ids: [fo.id, s.primaryLocationId, "gid://shopify/Order/1"] },
    );
    expect(body.data).toEqual({
      node: { __typename: "Order", id: order.id },
      nodes: [{ __typename: "FulfillmentOrder", status: "OPEN" }, { __typename: "Location", name: "Shop location" }, null],
    });
  });

  it("lists open fulfillment orders, and closed ones only with includeClosed", async () => {
    const open = placeOrder();
    const cancelled = placeOrder();
    s.fake.cancelOrder({ orderId: cancelled.order.id });
    const q = `query($c: Boolean) { fulfillmentOrders(first: 10, includeClosed: $c) { nodes { id status } } }`;
    const only = await s.fake.graphql(q, { c: false });
    expect(at(only.body.data, "fulfillmentOrders", "nodes")).toEqual([{ id: open.fo.id, status: "OPEN" }]);
    const all = await s.fake.graphql(q, { c: true });
    expect(at(all.body.data, "fulfillmentOrders", "nodes")).toHaveLength(2);
  });

  it("exposes the order's shipping address, shipping lines and line items", async () => {
    const { order, fo } = placeOrder();
    const { body } = await s.fake.graphql(
      `query($id: ID!) { order(id: $id) { email shippingAddress { countryCodeV2 provinceCode zip city address1 name } shippingLines(first: 5) { nodes { title code source } }
        lineItems(first: 5) { nodes { sku quantity fulfillableQuantity variant { id } } }
        fulfillmentOrders(first: 5) { nodes { id destination { countryCode zip } deliveryMethod { methodType serviceCode } assignedLocation { location { id } } } } } }`,
      { id: order.id },
    );
    expect(body.data).toEqual({
      order: {
        email: "a@example.com",
        shippingAddress: { countryCodeV2: "CA", provinceCode: "ON", zip: "M5H 2M9", city: "Toronto", address1: "123 Queen St W", name: "Ada Lovelace" },
        shippingLines: { nodes: [{ title: "Standard", code: "STANDARD", source: "shopify" }] },
        lineItems: { nodes: [{ sku: "WID-1", quantity: 1, fulfillableQuantity: 1, variant: { id: s.variantId } }] },
        fulfillmentOrders: {
          nodes: [
            {
              id: fo.id,
              destination: { countryCode: "CA", zip: "M5H 2M9" },
              deliveryMethod: { methodType: "SHIPPING", serviceCode: "STANDARD" },
              assignedLocation: { location: { id: s.primaryLocationId } },
            },
          ],
        },
      },
    });
  });

  it("pages through a connection with cursors", async () => {
    for (let i = 0; i < 3; i++) placeOrder();
    const q = `query($after: String) { orders(first: 2, after: $after) { nodes { name } pageInfo { hasNextPage endCursor } } }`;
    const page1 = await s.fake.graphql(q, {});
    expect(at(page1.body.data, "orders", "nodes")).toEqual([{ name: "#1001" }, { name: "#1002" }]);
    expect(at(page1.body.data, "orders", "pageInfo", "hasNextPage")).toBe(true);
    const page2 = await s.fake.graphql(q, { after: at(page1.body.data, "orders", "pageInfo", "endCursor") });
    expect(at(page2.body.data, "orders", "nodes")).toEqual([{ name: "#1003" }]);
    expect(at(page2.body.data, "orders", "pageInfo", "hasNextPage")).toBe(false);
  });

  it("reads the location and the shop's fulfillment services", async () => {
    const { body } = await s.fake.graphql(
      `query($id: ID!) { location(id: $id) { name isActive isFulfillmentService address { countryCode provinceCode } } shop { fulfillmentServices { handle type } } }`,
      { id: s.secondLocationId },
    );
    expect(body.data).toEqual({
      location: { name: "My Custom Location", isActive: true, isFulfillmentService: false, address: { countryCode: "US", provinceCode: "NY" } },
      shop: { fulfillmentServices: [{ handle: "manual", type: "MANUAL" }] },
    });
  });
});
