/**
 * The escalation ladder on durable timers with a fake clock: no acknowledgement → reminder at T1,
 * staff task + merchant email at T2, re-route to the next supplier at T3 (with the customer
 * notice: order tag + Flow trigger). Business hours are the supplier's (09:00–17:00 Los Angeles).
 * A worker that dies after a step and runs it again, or a restart that re-enqueues every timer,
 * changes nothing.
 */
import type { AppServices } from "../../app/services.server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_SHOP, useTestAppEnv } from "../helpers/app-env";
import { deliverAll, placement, placeOrder, setUpWorld, startHookReceiver, startSmtp, takePending, type World } from "../helpers/coordination";

useTestAppEnv();

// Monday 1 March 2027, 10:00 in Los Angeles (PST). next_day tier: T1 4h, T2 8h, T3 16h business hours.
const T0 = Date.parse("2027-03-01T18:00:00Z");
const T1 = Date.parse("2027-03-01T22:00:00Z"); // Monday 14:00
const T2 = Date.parse("2027-03-02T18:00:00Z"); // Tuesday 10:00 (7 h Monday + 1 h Tuesday)
const T3 = Date.parse("2027-03-03T18:00:00Z"); // Wednesday 10:00
let clock = T0;

let world: World;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let receiver: Awaited<ReturnType<typeof startHookReceiver>>;
let runtime: typeof import("../../app/jobs/runtime.server");
let composition: typeof import("../../app/services.server");
let Worker: typeof import("../../app/jobs/worker.server").Worker;

/** A fresh process's services and worker on the fake clock (each call = a restart). */
function freshServices(): AppServices {
  return composition.buildServices({ now: () => new Date(clock) });
}

async function settle(): Promise<number> {
  let total = 0;
  for (let round = 0; round < 6; round++) {
    const pending = takePending(world.fake);
    await deliverAll(pending);
    const services = freshServices();
    const ran = await new Worker(services.queue, runtime.jobHandlers(services), { now: () => new Date(clock) }).drain();
    total += ran;
    if (pending.length === 0 && ran === 0) break;
  }
  return total;
}

/** Re-queues a finished job as if its worker died before recording success. */
async function replayJob(kind: string, match: string): Promise<void> {
  const job = await world.db.job.findFirstOrThrow({ where: { kind, dedupeKey: { contains: match }, status: "succeeded" } });
  await world.db.job.update({ where: { id: job.id }, data: { status: "queued", runAt: new Date(clock - 1000), finishedAt: null } });
}

const reminders = (number: string) => smtp.mails.filter((m) => m.subject.startsWith(`Reminder: purchase order ${number}`)).length;
const merchantMails = (number: string) => smtp.mails.filter((m) => m.to.includes("owner@shop.example") && m.subject.includes(number)).length;

beforeAll(async () => {
  smtp = await startSmtp();
  receiver = await startHookReceiver();
  process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
  world = await setUpWorld({ webhookUrl: receiver.url, now: () => clock, stockAt: new Date(T0) });
  runtime = await import("../../app/jobs/runtime.server");
  composition = await import("../../app/services.server");
  ({ Worker } = await import("../../app/jobs/worker.server"));
}, 60_000);

afterAll(async () => {
  await world?.fake.close();
  await smtp?.close();
  await receiver?.close();
});

describe("escalation ladder when a supplier does not answer", () => {
  it("reminds at T1, opens a staff task and emails the merchant at T2, re-routes at T3 — each once", async () => {
    const order = placeOrder(world);
    await settle();
    const west = world.suppliers["West Coast Goods"];
    const east = world.suppliers["East Coast Depot"];
    const po = await world.db.purchaseOrder.findFirstOrThrow({ where: { orderId: order.id, supplierId: west.id } });
    expect(po).toMatchObject({ status: "sent", ladderStep: "awaiting_ack" });
    expect(JSON.parse(po.ladder!).nextTimer).toEqual({ kind: "remind", dueAtMs: T1, attempt: 1 });

    clock = T1 - 60_000;
    await settle();
    expect(reminders(po.number)).toBe(0);

    clock = T1;
    await settle();
    expect(reminders(po.number)).toBe(1);
    // The worker "died" after the reminder step: the same timer job runs again.
    await replayJob("escalation_timer", `${po.id}:remind`);
    await settle();
    expect(reminders(po.number)).toBe(1);

    clock = T2;
    await settle();
    expect(await world.db.staffTask.count({ where: { purchaseOrderId: po.id, status: "open" } })).toBe(1);
    expect(merchantMails(po.number)).toBe(1);
    expect(placement(world, order.id)).toEqual([expect.objectContaining({ locationId: west.locationId, requestStatus: "SUBMITTED" })]);

    clock = T3;
    // Stock feeds kept arriving meanwhile (routing refuses stock two days old).
    await world.db.offer.updateMany({ data: { stockUpdatedAt: new Date(T3 - 3_600_000) } });
    await settle();
    expect(placement(world, order.id)).toEqual([expect.objectContaining({ locationId: east.locationId, requestStatus: "SUBMITTED" })]);
    expect(await world.db.purchaseOrder.findUniqueOrThrow({ where: { id: po.id } })).toMatchObject({ status: "rerouted", ladderStep: "rerouting" });
    const eastPo = await world.db.purchaseOrder.findFirstOrThrow({ where: { orderId: order.id, supplierId: east.id } });
    expect(eastPo.status).toBe("sent");
    const shop = world.fake.store.shop(TEST_SHOP);
    expect(shop.orders.get(order.id)!.tags).toContain("dropline-delay-risk");
    expect(shop.flowTriggers).toEqual([
      expect.objectContaining({ handle: "dropline-promise-at-risk", payload: expect.objectContaining({ "Purchase order": po.number }) }),
    ]);

    // Restart: every step replayed, the sweep re-enqueues timers, nothing happens twice.
    await replayJob("escalation_timer", `${po.id}:reroute`);
    await replayJob("escalation_timer", `${po.id}:staff_task`);
    const services = freshServices();
    await runtime.scheduleTimers(services);
    await settle();
    expect(reminders(po.number)).toBe(1);
    expect(merchantMails(po.number)).toBe(1);
    expect(await world.db.staffTask.count({ where: { purchaseOrderId: po.id } })).toBe(1);
    expect(shop.flowTriggers).toHaveLength(1);
    expect(await world.db.purchaseOrder.count({ where: { orderId: order.id } })).toBe(2);
    expect(placement(world, order.id)).toEqual([expect.objectContaining({ locationId: east.locationId, requestStatus: "SUBMITTED" })]);
  });
});
