/** Refunds, app-made orders and cancellation in the fake, through the app's own documents (validated against the schema). */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ORDER_CANCEL, ORDER_CREATE, ORDERS_BY_TAG } from "../../app/shopify/orders-admin";
import { ORDER_REFUNDS, REFUND_CREATE, SUGGESTED_REFUND } from "../../app/shopify/refunds";
import { seededFake, STANDARD, TORONTO, type SeededShop } from "./fixtures";

let s: SeededShop;
beforeEach(async () => {
  s = await seededFake();
});
afterEach(async () => {
  await s.fake.close();
});

function paidOrder(quantity: number) {
  return s.fake.createOrder({
    lineItems: [{ variantId: s.variantId, quantity }],
    shippingAddress: TORONTO,
    shippingLine: { ...STANDARD, price: "5.00" },
    email: "a@example.com",
  });
}

type Suggested = {
  order: {
    suggestedRefund: {
      amountSet: { shopMoney: { amount: string } };
      shipping: { amountSet: { shopMoney: { amount: string } } };
      suggestedTransactions: { amountSet: { shopMoney: { amount: string } }; gateway: string; parentTransaction: { id: string } }[];
    };
  };
};

async function suggest(orderId: string, lineItemId: string, quantity: number, refundShipping: boolean) {
  const { body } = await s.fake.graphql(SUGGESTED_REFUND.source, { id: orderId, lines: [{ lineItemId, quantity, restockType: "NO_RESTOCK" }], refundShipping });
  expect(body.errors).toBeUndefined();
  return (body.data as Suggested).order.suggestedRefund;
}

describe("refunds", () => {
  it("suggests the lines' price plus shipping, and refunds exactly what a transaction carries", async () => {
    const order = paidOrder(2);
    const line = order.lineItems[0]!;
    const suggested = await suggest(order.id, line.id, 1, true);
    expect(suggested.amountSet.shopMoney.amount).toBe(`${(Number(line.price) + 5).toFixed(2)}`);
    expect(suggested.shipping.amountSet.shopMoney.amount).toBe("5.00");
    const tx = suggested.suggestedTransactions[0]!;
    const input = {
      orderId: order.id,
      note: "[k1]",
      notify: false,
      refundLineItems: [{ lineItemId: line.id, quantity: 1, restockType: "NO_RESTOCK" }],
      shipping: { amount: "5.00" },
      transactions: [{ orderId: order.id, amount: tx.amountSet.shopMoney.amount, gateway: tx.gateway, kind: "REFUND", parentId: tx.parentTransaction.id }],
    };
    const created = await s.fake.graphql(REFUND_CREATE.source, { input });
    expect(created.body.data).toMatchObject({
      refundCreate: { refund: { note: "[k1]", totalRefundedSet: { shopMoney: { amount: tx.amountSet.shopMoney.amount } } }, userErrors: [] },
    });
    // What is left: one unit, no shipping; the same refund again is refused.
    expect((await suggest(order.id, line.id, 2, true)).amountSet.shopMoney.amount).toBe(line.price);
    const again = await s.fake.graphql(REFUND_CREATE.source, { input });
    expect(again.body.data).toMatchObject({ refundCreate: { refund: null, userErrors: [{ field: ["shipping"] }] } });
    const listed = await s.fake.graphql(ORDER_REFUNDS.source, { id: order.id });
    expect(listed.body.data).toMatchObject({ order: { refunds: [{ note: "[k1]" }] } });
  });
});

describe("orderCreate and orderCancel", () => {
  it("creates a tagged, paid order from an app and announces it with orders/create", async () => {
    s.fake.configureWebhooks({ baseUrl: "http://127.0.0.1:9", manual: true });
    const before = s.fake.pendingWebhooks().length;
    const { body } = await s.fake.graphql(ORDER_CREATE.source, {
      order: {
        email: "a@example.com",
        financialStatus: "PAID",
        lineItems: [{ variantId: s.variantId, quantity: 1, priceSet: { shopMoney: { amount: "0.00", currencyCode: "CAD" } } }],
        tags: ["dropline-reship", "dropline-reship-of-1001"],
        customAttributes: [{ key: "dropline_intent", value: "k2" }],
        shippingAddress: { firstName: "Ada", lastName: "L", address1: "1 King St", city: "Toronto", zip: "M5H", countryCode: "CA", provinceCode: "ON" },
      },
      options: { sendReceipt: false },
    });
    expect(body.data).toMatchObject({
      orderCreate: {
        order: { tags: ["dropline-reship", "dropline-reship-of-1001"], customAttributes: [{ key: "dropline_intent", value: "k2" }] },
        userErrors: [],
      },
    });
    const topics = s.fake
      .pendingWebhooks()
      .slice(before)
      .map((h) => h.topic);
    expect(topics).toContain("orders/create");
    const found = await s.fake.graphql(ORDERS_BY_TAG.source, { query: "tag:dropline-reship-of-1001" });
    expect(found.body.data).toMatchObject({ orders: { nodes: [{ customAttributes: [{ value: "k2" }] }] } });
  });

  it("cancels with the reason, restock and refund asked, answers a job, and refuses a second cancel", async () => {
    const order = paidOrder(1);
    const vars = {
      orderId: order.id,
      reason: "CUSTOMER",
      restock: true,
      refundMethod: { originalPaymentMethodsRefund: true },
      staffNote: "[k3]",
      notifyCustomer: false,
    };
    const { body } = await s.fake.graphql(ORDER_CANCEL.source, vars);
    expect(body.data).toMatchObject({ orderCancel: { job: { done: true }, orderCancelUserErrors: [] } });
    const after = s.fake.store.shop().orders.get(order.id)!;
    expect(after).toMatchObject({ cancelReason: "CUSTOMER", cancellation: { restock: true, refund: true, staffNote: "[k3]" } });
    expect(after.refunds?.map((r) => r.total)).toEqual([(Number(order.lineItems[0]!.price) + 5).toFixed(2)]);
    const again = await s.fake.graphql(ORDER_CANCEL.source, vars);
    expect(again.body.data).toMatchObject({ orderCancel: { job: null, orderCancelUserErrors: [{ code: "INVALID" }] } });
  });
});

describe("faults", () => {
  it("runs the mutation and then drops its answer, once", async () => {
    const order = paidOrder(1);
    s.fake.injectFault({ rootField: "orderCancel" });
    const vars = {
      orderId: order.id,
      reason: "OTHER",
      restock: false,
      refundMethod: { originalPaymentMethodsRefund: false },
      staffNote: "x",
      notifyCustomer: false,
    };
    await expect(s.fake.graphql(ORDER_CANCEL.source, vars)).rejects.toThrow();
    expect(s.fake.store.shop().orders.get(order.id)?.cancelledAt).not.toBeNull();
    const second = await s.fake.graphql(ORDER_CANCEL.source, vars);
    expect(second.status).toBe(200);
  });
});
