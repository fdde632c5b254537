/**
 * Playbook actions against the fake Admin API, through the real services, queue and worker:
 * refund (Shopify's suggested amount), replacement order (routed by Dropline like any order) and
 * cancellation happen exactly once per intent under a lost answer, a crash after the Shopify call
 * and before the local write, a double click, and a bulk run overlapping a single action.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_SHOP, useTestAppEnv } from "../helpers/app-env";
import type { World } from "../helpers/coordination";
import { settle, setUpPipelineWorld } from "../helpers/pipeline";
import { lostParcelCase as lostParcelCase_, requestOnly, services, type Services } from "../helpers/playbook";

useTestAppEnv();

let world: World;
let close: () => Promise<void>;
let shellVariantId = "";
let playbook: typeof import("../../app/services/playbook/request.server");
let execute: typeof import("../../app/services/playbook/execute.server");

beforeAll(async () => {
  ({ world, shellVariantId, close } = await setUpPipelineWorld());
  playbook = await import("../../app/services/playbook/request.server");
  execute = await import("../../app/services/playbook/execute.server");
}, 60_000);

afterAll(async () => {
  await close?.();
});

const lostParcelCase = (quantity = 1) => lostParcelCase_(world, shellVariantId, quantity);

const order = (id: string) => world.fake.store.shop(TEST_SHOP).orders.get(id)!;
const replacementsOf = (id: string) => [...world.fake.store.shop(TEST_SHOP).orders.values()].filter((o) => o.customAttributes?.some((a) => a.value === id));

/** Services whose Admin client dies right after Shopify answered `operation` (before anything is written locally). */
async function crashingAfter(operation: string): Promise<Services> {
  const base = await services();
  return {
    ...base,
    adminFor: async (shop: string) => {
      const client = await base.adminFor(shop);
      return new Proxy(client, {
        get(target, prop, receiver) {
          if (prop !== "request") return Reflect.get(target, prop, receiver);
          return async (op: { name: string }, variables: unknown) => {
            const answer = await target.request(op as never, variables as never);
            if (op.name === operation) throw new Error("worker died after the Shopify call");
            return answer;
          };
        },
      });
    },
  };
}

describe("refund", () => {
  it("confirms Shopify's suggested amount and refunds exactly that, once, under a double click", async () => {
    const { caseId, orderId } = await lostParcelCase(2);
    const preview = await playbook.previewActions(await services(), TEST_SHOP, [caseId], { action: "refund", shipping: false });
    expect(preview[0]!.preview).toMatchObject({
      ok: true,
      value: { confirmation: expect.stringMatching(/^Refund \$120\.00 for 2 × Camp Shell to shopper@example\.com on #\d+, computed by Shopify\.$/) },
    });
    const [a, b] = await Promise.all([
      requestOnly([caseId], { action: "refund", shipping: false }),
      requestOnly([caseId], { action: "refund", shipping: false }),
    ]);
    expect([...a!, ...b!].map((o) => o.status).sort()).toEqual(["already", "requested"]);
    await settle(world);
    expect(order(orderId).refunds).toHaveLength(1);
    expect(order(orderId).refunds![0]).toMatchObject({ total: "120.00", lines: [{ quantity: 2 }] });
    const audit = await world.db.caseAction.findMany({ where: { caseId } });
    expect(audit).toMatchObject([
      { action: "refund", status: "done", actor: "staff@example.com", shopifyIds: JSON.stringify([order(orderId).refunds![0]!.id]) },
    ]);
    expect(await world.db.exceptionCase.findUnique({ where: { id: caseId } })).toMatchObject({ status: "dismissed", action: "refund" });
  });

  it("after a lost answer, the retry finds the refund by its note instead of refunding again", async () => {
    const { caseId, orderId } = await lostParcelCase();
    const [requested] = await requestOnly([caseId], { action: "refund", shipping: false });
    if (requested?.status !== "requested") throw new Error("not requested");
    world.fake.injectFault({ rootField: "refundCreate" });
    await expect(execute.executeCaseAction(await services(), TEST_SHOP, requested.actionId)).rejects.toThrow();
    expect(order(orderId).refunds).toHaveLength(1);
    expect(await world.db.caseAction.findUnique({ where: { id: requested.actionId } })).toMatchObject({ status: "requested" });
    const retried = await execute.executeCaseAction(await services(), TEST_SHOP, requested.actionId);
    expect(retried).toMatchObject({ status: "done", shopifyIds: [order(orderId).refunds![0]!.id] });
    expect(order(orderId).refunds).toHaveLength(1);
  });

  it("after a crash between Shopify's answer and the local write, the job re-run recovers it", async () => {
    const { caseId, orderId } = await lostParcelCase();
    const [requested] = await requestOnly([caseId], { action: "refund", shipping: false });
    if (requested?.status !== "requested") throw new Error("not requested");
    await expect(execute.executeCaseAction(await crashingAfter("PlaybookRefundCreate"), TEST_SHOP, requested.actionId)).rejects.toThrow("worker died");
    await settle(world);
    expect(order(orderId).refunds).toHaveLength(1);
    expect(await world.db.caseAction.findUnique({ where: { id: requested.actionId } })).toMatchObject({ status: "done" });
  });
});

describe("refund when Shopify's numbers moved", () => {
  it("refuses a refund whose suggested amount changed since the confirmation; the next attempt refunds what is left", async () => {
    const { caseId, orderId } = await lostParcelCase(2);
    const [requested] = await requestOnly([caseId], { action: "refund", shipping: false });
    if (requested?.status !== "requested") throw new Error("not requested");
    // Someone refunds one unit in Shopify's admin before the job runs.
    const line = order(orderId).lineItems[0]!;
    const suggestion = await world.fake.graphql(
      `query($id: ID!, $lines: [RefundLineItemInput!]) { order(id: $id) { suggestedRefund(refundLineItems: $lines) { suggestedTransactions { parentTransaction { id } } } } }`,
      { id: orderId, lines: [{ lineItemId: line.id, quantity: 1 }] },
    );
    const parentId = (suggestion.body.data as { order: { suggestedRefund: { suggestedTransactions: { parentTransaction: { id: string } }[] } } }).order
      .suggestedRefund.suggestedTransactions[0]!.parentTransaction.id;
    await world.fake.graphql(`mutation($input: RefundInput!) { refundCreate(input: $input) { userErrors { message } } }`, {
      input: {
        orderId,
        refundLineItems: [{ lineItemId: line.id, quantity: 1 }],
        transactions: [{ orderId, amount: line.price, gateway: "bogus", kind: "REFUND", parentId }],
      },
    });
    await settle(world);
    expect(await world.db.caseAction.findUnique({ where: { id: requested.actionId } })).toMatchObject({
      status: "failed",
      error: expect.stringContaining("instead of the confirmed amount"),
    });
    const [again] = await requestOnly([caseId], { action: "refund", shipping: false });
    expect(again).toMatchObject({ status: "requested", confirmation: expect.stringContaining("Refund $60.00 for 1 × Camp Shell") });
    await settle(world);
    expect(order(orderId).refunds?.map((r) => r.total)).toEqual(["60.00", "60.00"]);
  });
});

describe("reship", () => {
  it("creates one no-charge replacement linked to the original, and Dropline routes it", async () => {
    const { caseId, orderId } = await lostParcelCase();
    const [requested] = await requestOnly([caseId], { action: "reship" });
    expect(requested).toMatchObject({
      status: "requested",
      confirmation: expect.stringContaining("replacement order for 1 × Camp Shell at no charge to shopper@example.com"),
    });
    if (requested?.status !== "requested") throw new Error("not requested");
    world.fake.injectFault({ rootField: "orderCreate" });
    await expect(execute.executeCaseAction(await services(), TEST_SHOP, requested.actionId)).rejects.toThrow();
    await settle(world);
    const [replacement, ...more] = replacementsOf(orderId);
    expect(more).toEqual([]);
    expect(replacement).toMatchObject({ tags: ["dropline-reship", expect.stringMatching(/^dropline-reship-of-\d+$/)], financialStatus: "PAID" });
    expect(replacement!.lineItems).toMatchObject([{ variantId: shellVariantId, quantity: 1, price: "0.00" }]);
    // Routed like any order: a purchase order went to the supplier.
    expect(await world.db.purchaseOrder.count({ where: { shop: TEST_SHOP, orderId: replacement!.id } })).toBe(1);
  });

  it("a bulk run overlapping a single reship makes one replacement per case", async () => {
    const first = await lostParcelCase();
    const second = await lostParcelCase();
    await Promise.all([requestOnly([first.caseId], { action: "reship" }), requestOnly([first.caseId, second.caseId], { action: "reship" })]);
    await execute
      .executeCaseAction(
        await crashingAfter("ReplacementOrderCreate"),
        TEST_SHOP,
        (await world.db.caseAction.findFirstOrThrow({ where: { caseId: second.caseId } })).id,
      )
      .catch(() => undefined);
    await settle(world);
    expect(replacementsOf(first.orderId)).toHaveLength(1);
    expect(replacementsOf(second.orderId)).toHaveLength(1);
  });
});

describe("cancel the order", () => {
  it("cancels once with the reason, refund and restock asked, after a lost answer", async () => {
    const { caseId, orderId } = await lostParcelCase();
    const [requested] = await requestOnly([caseId], { action: "cancel_order", reason: "INVENTORY", refund: true, restock: true });
    expect(requested).toMatchObject({
      confirmation: expect.stringContaining("(reason: inventory): refund the customer to the original payment method, restock the items."),
    });
    if (requested?.status !== "requested") throw new Error("not requested");
    world.fake.injectFault({ rootField: "orderCancel" });
    await expect(execute.executeCaseAction(await services(), TEST_SHOP, requested.actionId)).rejects.toThrow();
    expect(await execute.executeCaseAction(await services(), TEST_SHOP, requested.actionId)).toMatchObject({ status: "done" });
    expect(order(orderId)).toMatchObject({ cancelReason: "INVENTORY", cancellation: { reason: "INVENTORY", refund: true, restock: true } });
    expect(order(orderId).refunds).toHaveLength(1);
    const cancels = world.fake.requestLog({ shop: TEST_SHOP }).filter((r) => r.rootFields.includes("orderCancel"));
    expect(cancels).toHaveLength(1);
  });
});
