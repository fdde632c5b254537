/**
 * The escalation ladder and the purchase order's ship-by count the supplier's own working days: a
 * purchase order sent late on a Friday to a supplier working Monday–Saturday is chased, and due, on
 * Saturday, not Monday. Business hours
 * are the supplier's (09:00–17:00 Los Angeles); next_day tier: the reminder after 4 business hours.
 */
import type { AppServices } from "../../app/services.server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestAppEnv } from "../helpers/app-env";
import { deliverAll, placeOrder, setUpWorld, startHookReceiver, startSmtp, takePending, type World } from "../helpers/coordination";

useTestAppEnv();

// Friday 5 March 2027, 16:00 in Los Angeles (PST): one business hour left that day.
const T0 = Date.parse("2027-03-06T00:00:00Z");
const SATURDAY_NOON = Date.parse("2027-03-06T20:00:00Z");
const MONDAY_NOON = Date.parse("2027-03-08T20:00:00Z");
const clock = T0;

let world: World;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let receiver: Awaited<ReturnType<typeof startHookReceiver>>;
let runtime: typeof import("../../app/jobs/runtime.server");
let composition: typeof import("../../app/services.server");
let Worker: typeof import("../../app/jobs/worker.server").Worker;

const services = (): AppServices => composition.buildServices({ now: () => new Date(clock) });

async function settle(): Promise<void> {
  for (let round = 0; round < 6; round++) {
    const pending = takePending(world.fake);
    await deliverAll(pending);
    const s = services();
    const ran = await new Worker(s.queue, runtime.jobHandlers(s), { now: () => new Date(clock) }).drain();
    if (pending.length === 0 && ran === 0) break;
  }
}

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

describe("the ladder on a supplier's working days", () => {
  it("sets the first reminder and the ship-by on Saturday for a Monday–Saturday supplier (Monday for Monday–Friday)", async () => {
    const west = world.suppliers["West Coast Goods"];
    await world.db.supplier.update({ where: { id: west.id }, data: { workingDays: "[1,2,3,4,5,6]" } });
    const first = placeOrder(world);
    await settle();
    const saturday = await world.db.purchaseOrder.findFirstOrThrow({ where: { orderId: first.id } });
    expect(saturday.supplierId).toBe(west.id);
    expect(JSON.parse(saturday.ladder!).nextTimer).toEqual({ kind: "remind", dueAtMs: SATURDAY_NOON, attempt: 1 });
    // One handling day from Friday (before the 23:59 cut-off): ship by the end of Saturday.
    expect(saturday.shipBy.toISOString()).toBe("2027-03-07T07:59:00.000Z");

    await world.db.supplier.update({ where: { id: west.id }, data: { workingDays: "[1,2,3,4,5]" } });
    const second = placeOrder(world);
    await settle();
    const weekday = await world.db.purchaseOrder.findFirstOrThrow({ where: { orderId: second.id, supplierId: west.id } });
    expect(JSON.parse(weekday.ladder!).nextTimer).toEqual({ kind: "remind", dueAtMs: MONDAY_NOON, attempt: 1 });
    expect(weekday.shipBy.toISOString()).toBe("2027-03-09T07:59:00.000Z");
  });
});
