/**
 * Cases around the playbook, through the real services and worker against the fake: reminders,
 * waits, staff-opened cases the sweep leaves alone, a carrier's delayed scan opening its case at
 * once, and a split order whose missing part opens "split confusion".
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_SHOP, useTestAppEnv } from "../helpers/app-env";
import type { World } from "../helpers/coordination";
import { driveOrderToFulfilled, settle, setUpPipelineWorld } from "../helpers/pipeline";
import { lostParcelCase as lostParcelCase_, requestOnly, services } from "../helpers/playbook";

useTestAppEnv();

let world: World;
let close: () => Promise<void>;
let shellVariantId = "";
let lanternVariantId = "";
let mails: import("../helpers/coordination").ReceivedMail[] = [];

beforeAll(async () => {
  ({ world, shellVariantId, lanternVariantId, mails, close } = await setUpPipelineWorld());
}, 60_000);

afterAll(async () => {
  await close?.();
});

const lostParcelCase = (quantity = 1) => lostParcelCase_(world, shellVariantId, quantity);
const order = (id: string) => world.fake.store.shop(TEST_SHOP).orders.get(id)!;

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

  it("tells the customer the new delivery date once, in the words staff confirmed", async () => {
    const { caseId, orderId } = await lostParcelCase();
    const name = order(orderId).name;
    const note = "The carrier lost your parcel; we are sending a new one.";
    const before = mails.length;
    const [asked] = await requestOnly([caseId], { action: "notify_customer", note });
    expect(asked).toMatchObject({ status: "requested", confirmation: expect.stringContaining(`about ${name}: new delivery estimate`) });
    expect(asked).toMatchObject({ confirmation: expect.stringContaining(note) });
    await settle(world);
    const sent = mails.slice(before).filter((m) => m.to.includes("shopper@example.com"));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toContain(note);
    const action = await world.db.caseAction.findFirstOrThrow({ where: { shop: TEST_SHOP, caseId, action: "notify_customer", status: { not: "refused" } } });
    expect(action).toMatchObject({ status: "done", outcome: expect.stringContaining("Delay notice emailed to shopper@example.com") });

    // Asked again the same day: the one-notice-per-order-per-day rule holds, nothing more is sent.
    await requestOnly([caseId], { action: "notify_customer", note });
    await settle(world);
    expect(mails.slice(before).filter((m) => m.to.includes("shopper@example.com"))).toHaveLength(1);
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
