/**
 * Issue 16, finding 9: a job whose lease was lost (another worker now runs it) sends no supplier
 * purchase-order email, no supplier webhook and no merchant email: the mailer and the supplier
 * poster the composition root builds check the job's signal before each send, as the Admin client
 * does before a mutation. Without that check the two workers would both email and post.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_SHOP, useTestAppEnv } from "../helpers/app-env";
import { deliverAll, placeOrder, setUpWorld, startHookReceiver, startSmtp, takePending, type World } from "../helpers/coordination";

useTestAppEnv();

let world: World;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let receiver: Awaited<ReturnType<typeof startHookReceiver>>;
let poId: string;

async function settle(): Promise<void> {
  const runtime = await import("../../app/jobs/runtime.server");
  const { Worker } = await import("../../app/jobs/worker.server");
  for (let round = 0; round < 5; round++) {
    await deliverAll(takePending(world.fake));
    const services = (await import("../../app/services.server")).services();
    if ((await new Worker(services.queue, runtime.jobHandlers(services)).drain()) === 0) return;
  }
}

class LeaseLost extends Error {
  constructor() {
    super("lease lost");
    this.name = "LeaseLostError";
  }
}

/** Runs `fn` as the handler of a job whose lease is lost (aborted) or held. */
async function asJob<T>(lost: boolean, fn: () => Promise<T>): Promise<T> {
  const { runInJobScope } = await import("../../app/services/queue/job-scope");
  const lease = new AbortController();
  if (lost) lease.abort(new LeaseLost());
  return runInJobScope("job-under-test", { signal: lease.signal }, fn);
}

async function deliverReminder(): Promise<void> {
  const { services } = await import("../../app/services.server");
  const { deliverWork } = await import("../../app/services/coordination/deliver.server");
  const job = {
    id: "job-under-test",
    shop: TEST_SHOP,
    kind: "coordination.deliver",
    dedupeKey: `test:${Math.random()}`,
    payload: { poId, kind: "reminder" },
    attempt: 1,
    maxAttempts: 5,
    leaseVersion: 1,
  };
  await deliverWork(services()).perform(job);
}

beforeAll(async () => {
  smtp = await startSmtp();
  receiver = await startHookReceiver();
  process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
  world = await setUpWorld({ webhookUrl: receiver.url });
  const order = placeOrder(world);
  await settle();
  poId = (await world.db.purchaseOrder.findFirstOrThrow({ where: { orderId: order.id } })).id;
}, 60_000);

afterAll(async () => {
  await world?.fake.close();
  await smtp?.close();
  await receiver?.close();
});

describe("a job whose lease was lost performs no side effect outside Shopify", () => {
  it("sends no purchase-order email (and sends it while the lease is held)", async () => {
    const before = smtp.mails.length;
    await expect(asJob(true, deliverReminder)).rejects.toThrow("lease lost");
    await new Promise((r) => setTimeout(r, 100));
    expect(smtp.mails.length).toBe(before);
    await asJob(false, deliverReminder);
    await expect.poll(() => smtp.mails.length).toBe(before + 1);
  });

  it("posts no supplier webhook (and posts it while the lease is held)", async () => {
    const { saveSupplierCoordination } = await import("../../app/models/purchase-orders.server");
    const po = await world.db.purchaseOrder.findUniqueOrThrow({ where: { id: poId } });
    await saveSupplierCoordination(world.db, TEST_SHOP, po.supplierId, { channel: "webhook", webhookUrl: receiver.url, webhookSecret: "west-secret" });
    const before = receiver.hooks.length;
    await expect(asJob(true, deliverReminder)).rejects.toThrow("lease lost");
    expect(receiver.hooks.length).toBe(before);
    await asJob(false, deliverReminder);
    expect(receiver.hooks.length).toBe(before + 1);
    await saveSupplierCoordination(world.db, TEST_SHOP, po.supplierId, { channel: "email" });
  });

  it("the composition root's mailer (merchant alerts, digests, escalations, customer notices) refuses inside a lost job only", async () => {
    const { services } = await import("../../app/services.server");
    const message = { to: "owner@shop.example", subject: "Digest", text: "…" };
    const before = smtp.mails.length;
    await expect(asJob(true, () => services().mailer.send(message))).rejects.toThrow("lease lost");
    await new Promise((r) => setTimeout(r, 100));
    expect(smtp.mails.length).toBe(before);
    // Outside a job (an admin page's action) nothing is checked.
    await services().mailer.send(message);
    await expect.poll(() => smtp.mails.length).toBe(before + 1);
  });
});
