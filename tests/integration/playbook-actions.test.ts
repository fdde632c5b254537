/**
 * Playbook actions against the fake Admin API, through the real services, queue and worker:
 * refund (Shopify's suggested amount), replacement order (routed by Dropline like any order) and
 * cancellation happen exactly once per intent under a lost answer, a crash after the Shopify call
 * and before the local write, a double click, and a bulk run overlapping a single action.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_SHOP, useTestAppEnv } from "../helpers/app-env";
import type { World } from "../helpers/coordination";
import { driveOrderToFulfilled, settle, setUpPipelineWorld } from "../helpers/pipeline";

useTestAppEnv();

let world: World;
let close: () => Promise<void>;
let shellVariantId = "";
let lanternVariantId = "";
type Services = import("../../app/services.server").AppServices;
let playbook: typeof import("../../app/services/playbook/request.server");
let execute: typeof import("../../app/services/playbook/execute.server");

beforeAll(async () => {
  ({ world, shellVariantId, lanternVariantId, close } = await setUpPipelineWorld());
  playbook = await import("../../app/services/playbook/request.server");
  execute = await import("../../app/services/playbook/execute.server");
}, 60_000);

afterAll(async () => {
  await close?.();
});

const services = async (): Promise<Services> => (await import("../../app/services.server")).services();

/** A fulfilled order whose shipment the carrier lost, with its open "lost" case. */
async function lostParcelCase(quantity = 1): Promise<{ caseId: string; orderId: string }> {
  const run = await driveOrderToFulfilled(world, [{ variantId: shellVariantId, quantity }]);
  const shipment = await world.db.shipment.findFirstOrThrow({ where: { shop: TEST_SHOP, orderId: run.orderId } });
  const row = await world.db.exceptionCase.create({
    data: {
      shop: TEST_SHOP,
      subjectId: `shipment:${shipment.id}`,
      type: "lost",
      orderId: run.orderId,
      orderName: shipment.orderName,
      supplierId: shipment.supplierId,
      openedReason: "The carrier reports the parcel lost",
      suggestedActions: "[]",
      openedAt: new Date(),
    },
  });
  return { caseId: row.id, orderId: run.orderId };
}

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

async function requestOnly(caseIds: string[], request: Parameters<typeof playbook.requestCaseActions>[4]) {
  return playbook.requestCaseActions(await services(), TEST_SHOP, "staff@example.com", caseIds, request);
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

describe("remind, wait and staff-opened cases", () => {
  it("reminds the supplier of an accepted purchase order to send tracking, and refuses to re-route a shipped one", async () => {
    const { caseId, orderId } = await lostParcelCase();
    const po = await world.db.purchaseOrder.findFirstOrThrow({ where: { shop: TEST_SHOP, orderId } });
    const [reroute] = await requestOnly([caseId], { action: "reroute" });
    expect(reroute).toMatchObject({ status: "refused", message: expect.stringContaining("Only a sent or accepted purchase order can be re-routed") });
    await world.db.purchaseOrder.update({ where: { id: po.id }, data: { status: "accepted" } });
    const [remind] = await requestOnly([caseId], { action: "remind_supplier" });
    expect(remind).toMatchObject({ status: "requested", confirmation: expect.stringContaining(`a reminder about purchase order ${po.number}`) });
    await settle(world);
    const jobs = await world.db.job.findMany({ where: { shop: TEST_SHOP, dedupeKey: { contains: `${po.id}:tracking_reminder:playbook:${caseId}` } } });
    expect(jobs).toHaveLength(1);
    await world.db.purchaseOrder.update({ where: { id: po.id }, data: { status: "shipped" } });
  });

  it("a wait puts the case to sleep until the date, then the playbook's next step is due", async () => {
    const { caseId } = await lostParcelCase();
    const until = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
    await requestOnly([caseId], { action: "wait", until });
    await settle(world);
    const row = await world.db.exceptionCase.findUniqueOrThrow({ where: { id: caseId } });
    expect(row.sleepUntil?.toISOString()).toBe(`${until}T00:00:00.000Z`);
    const { caseProgress } = await import("../../app/services/playbook/cases.server");
    const { toCase } = await import("../../app/models/exceptions.server");
    const now = await services();
    const sleeping = await caseProgress(now, TEST_SHOP, [toCase(row)]);
    expect(sleeping.get(caseId)?.next).toMatchObject({ kind: "sleeping", step: { action: "reship" } });
    const later = await caseProgress({ ...now, now: () => new Date(Date.parse(`${until}T00:00:00Z`) + 1) }, TEST_SHOP, [toCase(row)]);
    expect(later.get(caseId)?.next).toMatchObject({ kind: "due", step: { action: "reship" } });
  });

  it("the exception sweep leaves a staff-opened case alone", async () => {
    const run = await driveOrderToFulfilled(world, [{ variantId: shellVariantId, quantity: 1 }]);
    const { openStaffCase } = await import("../../app/services/playbook/cases.server");
    const name = order(run.orderId).name;
    const opened = await openStaffCase(await services(), TEST_SHOP, {
      orderName: name,
      type: "split_confusion",
      note: "where is the rest?",
      actor: "staff@example.com",
    });
    if (!opened.ok) throw new Error(opened.failure.message);
    const { sweepExceptions } = await import("../../app/services/tracking/exceptions.server");
    await sweepExceptions(await services(), TEST_SHOP);
    expect(await world.db.exceptionCase.findUnique({ where: { id: opened.value.id } })).toMatchObject({ status: "open", subjectId: `order:${run.orderId}` });
  });
});

describe("a carrier's delayed scan", () => {
  it("opens a 'delayed' case as soon as the event is applied", async () => {
    const run = await driveOrderToFulfilled(world, [{ variantId: shellVariantId, quantity: 1 }]);
    const shipment = await world.db.shipment.findFirstOrThrow({ where: { shop: TEST_SHOP, orderId: run.orderId } });
    const parcel = await world.db.trackedParcel.findFirstOrThrow({ where: { shop: TEST_SHOP, shipmentId: shipment.id } });
    const { ingestCarrierEvents } = await import("../../app/services/tracking/events.server");
    const at = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
    await ingestCarrierEvents(await services(), TEST_SHOP, [{ trackingNumber: parcel.trackingNumber, status: "in transit", happenedAt: at(60) }], "test");
    await ingestCarrierEvents(
      await services(),
      TEST_SHOP,
      [{ trackingNumber: parcel.trackingNumber, status: "exception", description: "Weather delay", happenedAt: at(1) }],
      "test",
    );
    await settle(world);
    const cases = await world.db.exceptionCase.findMany({ where: { shop: TEST_SHOP, orderId: run.orderId, status: "open" } });
    expect(cases.map((c) => c.type)).toEqual(["delayed"]);
  });
});

describe("a split order", () => {
  it("opens 'split confusion' on the part still without tracking two days after the other part was delivered", async () => {
    const run = await driveOrderToFulfilled(world, [
      { variantId: shellVariantId, quantity: 1 },
      { variantId: lanternVariantId, quantity: 1 },
    ]);
    const [first, second] = await world.db.purchaseOrder.findMany({ where: { shop: TEST_SHOP, orderId: run.orderId }, orderBy: { createdAt: "asc" } });
    if (!first || !second) throw new Error("the order was not split");
    // The first part arrived three days ago; the second supplier accepted and has sent no tracking.
    await world.db.shipment.updateMany({
      where: { shop: TEST_SHOP, purchaseOrderId: first.id },
      data: { stage: "delivered", lastScanAt: new Date(Date.now() - 3 * 86_400_000) },
    });
    await world.db.shipment.deleteMany({ where: { shop: TEST_SHOP, purchaseOrderId: second.id } });
    await world.db.purchaseOrder.update({ where: { id: second.id }, data: { status: "accepted", committedShipAt: new Date(Date.now() + 86_400_000) } });
    const { sweepExceptions } = await import("../../app/services/tracking/exceptions.server");
    await sweepExceptions(await services(), TEST_SHOP);
    const cases = await world.db.exceptionCase.findMany({ where: { shop: TEST_SHOP, orderId: run.orderId, status: "open" } });
    expect(cases.map((c) => [c.type, c.subjectId])).toEqual([["split_confusion", `po:${second.id}`]]);
  });
});
