/**
 * A coordination world on a fake clock for the reconciliation topics: webhooks are delivered to
 * the app's routes, jobs run on the clock (so a reconcile job waits out its grace period until the
 * test moves the clock), suppliers answer through the portal functions, and "someone else"
 * (another app, a person in Shopify admin) acts through the Admin API directly.
 */
import type { AdminClient } from "../../app/shopify/client.server";
import type { AppServices } from "../../app/services.server";
import type { PendingWebhook } from "../fake-shopify";
import { TEST_SHOP } from "./app-env";
import { deliverAll, placeOrder, setUpWorld, startHookReceiver, startSmtp, takePending, type SupplierName, type World } from "./coordination";

export interface Harness {
  readonly world: World;
  readonly smtp: Awaited<ReturnType<typeof startSmtp>>;
  now(): number;
  /** Moves the clock forward. */
  pass(ms: number): void;
  /** A fresh process's services on the clock. */
  services(): AppServices;
  /** Delivers what the fake queued and runs due jobs until nothing is left; returns jobs run. */
  settle(): Promise<number>;
  /** Delivers exactly these webhooks (e.g. a duplicate with a new event id), then runs due jobs. */
  deliver(hooks: readonly PendingWebhook[]): Promise<void>;
  /** Webhooks the fake queued and nobody delivered yet (taken out of the queue). */
  take(): PendingWebhook[];
  /** The Admin API as another app or a person in Shopify admin would use it. */
  otherApp(): Promise<AdminClient>;
  /** A supplier's portal identity (a fresh link). */
  portal(supplier: SupplierName): Promise<import("../../app/models/portal-tokens.server").PortalIdentity>;
  coordination(): import("../../app/services/coordination/services.server").CoordinationServices;
  /** Places an order and lets Dropline route it and send the purchase order. */
  routedOrder(): Promise<{ orderId: string; poId: string; fulfillmentOrderId: string }>;
  jobsOf(kind: string): Promise<{ dedupeKey: string; status: string; runAt: Date }[]>;
  close(): Promise<void>;
}

/** A copy of a delivered webhook as Shopify would send the same news again under another event id. */
export function redelivery(hook: PendingWebhook, eventId: string): PendingWebhook {
  return {
    ...hook,
    eventId,
    webhookId: `${hook.webhookId}-again`,
    headers: { ...hook.headers, "X-Shopify-Event-Id": eventId, "X-Shopify-Webhook-Id": `${hook.webhookId}-again` },
  };
}

export async function startHarness(t0: number): Promise<Harness> {
  let clock = t0;
  const smtp = await startSmtp();
  const receiver = await startHookReceiver();
  process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
  const world = await setUpWorld({ webhookUrl: receiver.url, now: () => clock, stockAt: new Date(t0) });
  const runtime = await import("../../app/jobs/runtime.server");
  const { Worker } = await import("../../app/jobs/worker.server");
  const { buildServices } = await import("../../app/services.server");
  const tokens = await import("../../app/models/portal-tokens.server");
  const services = (): AppServices => buildServices({ now: () => new Date(clock) });
  const drain = () => {
    const s = services();
    return new Worker(s.queue, runtime.jobHandlers(s), { now: () => new Date(clock) }).drain();
  };
  const h: Harness = {
    world,
    smtp,
    now: () => clock,
    pass: (ms) => void (clock += ms),
    services,
    async settle() {
      let total = 0;
      for (let round = 0; round < 8; round++) {
        const pending = takePending(world.fake);
        await deliverAll(pending);
        const ran = await drain();
        total += ran;
        if (pending.length === 0 && ran === 0) break;
      }
      return total;
    },
    async deliver(hooks) {
      await deliverAll(hooks);
      await drain();
    },
    take: () => takePending(world.fake),
    otherApp: () => services().adminFor(TEST_SHOP),
    async portal(supplier) {
      const token = await tokens.rotatePortalToken(world.db, TEST_SHOP, world.suppliers[supplier].id, new Date(clock));
      const who = await tokens.resolvePortalToken(world.db, token, new Date(clock));
      if (!who) throw new Error("portal token did not resolve");
      return who;
    },
    coordination: () => services(),
    async routedOrder() {
      // The suppliers' feeds are fresh whenever a test moves the clock on by days.
      await world.db.offer.updateMany({ data: { stockUpdatedAt: new Date(clock) } });
      const order = placeOrder(world);
      await h.settle();
      const po = await world.db.purchaseOrder.findFirstOrThrow({ where: { orderId: order.id }, orderBy: { createdAt: "asc" } });
      return { orderId: order.id, poId: po.id, fulfillmentOrderId: po.fulfillmentOrderId };
    },
    jobsOf: (kind) => world.db.job.findMany({ where: { kind }, select: { dedupeKey: true, status: true, runAt: true }, orderBy: { createdAt: "asc" } }),
    async close() {
      await world.fake.close();
      await smtp.close();
      await receiver.close();
    },
  };
  return h;
}
