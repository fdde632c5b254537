/**
 * Customer delay notices end to end against the fake Admin API and a real SMTP server: a supplier
 * commits to a ship date the promise cannot absorb → the escalation ladder fires the Flow trigger
 * with the NEW window and the delay check emails the customer once, in the shop's language, under
 * the shop's name with its reply-to; the order-status metafield carries the new window; at most
 * one notice per order per shop day; exactly once across a crash after the send; nothing when the
 * merchant turned the kind off.
 */
import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServices } from "../../app/services.server";
import { TEST_SHOP, useTestAppEnv } from "../helpers/app-env";
import { deliverAll, placeOrder, setUpWorld, startHookReceiver, startSmtp, takePending, type World } from "../helpers/coordination";

useTestAppEnv();

// Monday 1 March 2027, 10:00 in Los Angeles. West (LA, handling 0–1, transit 1–3) promises Tue 2 – Fri 5.
const T0 = Date.parse("2027-03-01T18:00:00Z");
const DAY = 86_400_000;
let clock = T0;

let world: World;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let receiver: Awaited<ReturnType<typeof startHookReceiver>>;
let runtime: typeof import("../../app/jobs/runtime.server");
let composition: typeof import("../../app/services.server");
let notices: typeof import("../../app/services/notices/detect.server");
let send: typeof import("../../app/services/notices/send.server");
let settings: typeof import("../../app/models/notices.server");
let Worker: typeof import("../../app/jobs/worker.server").Worker;

function freshServices(overrides: Partial<AppServices> = {}): AppServices {
  return composition.buildServices({ now: () => new Date(clock), ...overrides });
}

async function settle(): Promise<void> {
  for (let round = 0; round < 6; round++) {
    const pending = takePending(world.fake);
    await deliverAll(pending);
    const services = freshServices();
    const ran = await new Worker(services.queue, runtime.jobHandlers(services), { now: () => new Date(clock) }).drain();
    if (pending.length === 0 && ran === 0) break;
  }
}

const noticeMails = (order: string) => smtp.mails.filter((m) => m.to.includes("shopper@example.com") && m.subject.includes(order));

async function placeAndSend(): Promise<{ id: string; name: string; poId: string }> {
  // Stock feeds keep arriving: routing refuses stock days old.
  await world.db.offer.updateMany({ data: { stockUpdatedAt: new Date(clock - 3_600_000) } });
  const order = placeOrder(world);
  await settle();
  const po = await world.db.purchaseOrder.findFirstOrThrow({ where: { orderId: order.id, status: "sent" } });
  return { id: order.id, name: order.name, poId: po.id };
}

async function acceptWithShipDate(poId: string, shipDate: string): Promise<void> {
  const { rotatePortalToken } = await import("../../app/models/portal-tokens.server");
  const { portalPost } = await import("../helpers/pipeline");
  const po = await world.db.purchaseOrder.findUniqueOrThrow({ where: { id: poId } });
  const token = await rotatePortalToken(world.db, TEST_SHOP, po.supplierId, new Date(clock));
  const result = await portalPost(token, { intent: "accept", poId, requestId: `accept-${poId}`, shipDate });
  if (!result.ok) throw new Error(result.failure.message);
}

beforeAll(async () => {
  smtp = await startSmtp();
  receiver = await startHookReceiver();
  process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
  world = await setUpWorld({ webhookUrl: receiver.url, now: () => clock, stockAt: new Date(T0) });
  runtime = await import("../../app/jobs/runtime.server");
  composition = await import("../../app/services.server");
  notices = await import("../../app/services/notices/detect.server");
  send = await import("../../app/services/notices/send.server");
  settings = await import("../../app/models/notices.server");
  ({ Worker } = await import("../../app/jobs/worker.server"));
}, 60_000);

afterAll(async () => {
  await world?.fake.close();
  await smtp?.close();
  await receiver?.close();
});

describe("customer delay notices", () => {
  it("a late committed ship date: Flow gets the new window, the customer one email from the shop, the order-status page the new window", async () => {
    clock = T0;
    const order = await placeAndSend();
    await acceptWithShipDate(order.poId, "2027-03-08");
    await settle();

    // Ships Monday 8, then 1–3 carrier days: Tue 9 – Thu 11 (was Tue 2 – Fri 5).
    const shop = world.fake.store.shop(TEST_SHOP);
    expect(shop.flowTriggers.filter((t) => t.handle === "dropline-promise-at-risk")).toEqual([
      expect.objectContaining({ payload: expect.objectContaining({ "New earliest delivery": "2027-03-09", "New latest delivery": "2027-03-11" }) }),
    ]);
    const mails = noticeMails(order.name);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe(`Order ${order.name}: new delivery estimate`);
    expect(mails[0]!.from).toContain("Coordination Test");
    expect(mails[0]!.replyTo).toContain("owner@shop.example");
    expect(mails[0]!.text.replace(/[\u2009\u202f]/g, " ")).toContain("New estimated delivery: Tue, Mar 9 – Thu, Mar 11.");
    expect(mails[0]!.text).toContain("later than planned");

    const metafield = [...shop.metafields.values()].find((m) => m.ownerId === order.id && m.key === "tracking")!;
    expect(JSON.parse(metafield.value)).toMatchObject({ a: 1, d: { w: ["2027-03-09", "2027-03-11"], r: "late_ship_date" } });
    expect(await world.db.orderEvent.count({ where: { orderId: order.id, kind: "customer_notice" } })).toBe(1);
    expect(await world.db.customerNotice.findMany({ where: { orderId: order.id } })).toEqual([
      expect.objectContaining({ kind: "late_ship_date", status: "sent", earliest: "2027-03-09", latest: "2027-03-11", locale: "en" }),
    ]);
  });

  it("at most one per order per day: the same day's other triggers send nothing; the next day a moved window sends a second", async () => {
    clock = T0 + 10 * DAY;
    const order = await placeAndSend();
    await acceptWithShipDate(order.poId, "2027-03-22");
    await settle();
    expect(noticeMails(order.name)).toHaveLength(1);

    // The hourly sweep and a second check later that day.
    clock += 2 * 3_600_000;
    await runtime.scheduleTimers(freshServices());
    await settle();
    expect(await notices.checkOrderDelay(freshServices(), TEST_SHOP, order.id)).toMatchObject({ status: "already_sent" });
    expect(noticeMails(order.name)).toHaveLength(1);

    // Next day, same news: nothing new to say.
    clock += DAY;
    expect(await notices.checkOrderDelay(freshServices(), TEST_SHOP, order.id)).toMatchObject({ status: "unchanged" });
    // The supplier pushes the date again: a second notice with the new window.
    await world.db.purchaseOrder.update({ where: { id: order.poId }, data: { committedShipAt: new Date("2027-03-24T00:00:00Z") } });
    expect(await notices.checkOrderDelay(freshServices(), TEST_SHOP, order.id)).toMatchObject({ status: "sent" });
    const mails = noticeMails(order.name);
    expect(mails).toHaveLength(2);
    expect(mails[1]!.text.replace(/[\u2009\u202f]/g, " ")).toContain("Thu, Mar 25 – Mon, Mar 29");
  });

  it("speaks the shop's primary locale (French)", async () => {
    clock = T0 + 20 * DAY;
    await world.db.shopProfile.update({ where: { shop: TEST_SHOP }, data: { primaryLocale: "fr-CA", readAt: new Date(clock) } });
    try {
      const order = await placeAndSend();
      await acceptWithShipDate(order.poId, "2027-03-31");
      await settle();
      const [mail] = noticeMails(order.name);
      expect(mail!.subject).toBe(`Commande ${order.name} : nouvelle date de livraison estimée`);
      expect(mail!.text).toContain("plus tard que prévu");
    } finally {
      await world.db.shopProfile.update({ where: { shop: TEST_SHOP }, data: { primaryLocale: "en" } });
    }
  });

  it("exactly once across a crash after the send: the retry finds the sent-mail log and sends nothing", async () => {
    clock = T0 + 30 * DAY;
    const order = await placeAndSend();
    await world.db.purchaseOrder.update({ where: { id: order.poId }, data: { status: "accepted", committedShipAt: new Date("2027-04-12T00:00:00Z") } });
    const base = freshServices();
    let crashed = false;
    // The worker dies after SMTP accepted and the log said "sent", before the intent was completed.
    const dying = base.db.$extends({
      query: {
        mutationIntent: {
          async update({ args, query }) {
            if ((args.data as { status?: string }).status === "done" && !crashed) {
              crashed = true;
              throw new Error("worker died");
            }
            return query(args);
          },
        },
      },
    }) as unknown as PrismaClient;
    await expect(notices.checkOrderDelay({ ...base, db: dying }, TEST_SHOP, order.id)).rejects.toThrow("worker died");
    expect(noticeMails(order.name)).toHaveLength(1);
    // The dead attempt still holds its intent's lease; the job's retry comes after it lapses.
    await expect(notices.checkOrderDelay(freshServices(), TEST_SHOP, order.id)).rejects.toThrow(/under way/);
    clock += 3 * 60_000;
    const retry = await notices.checkOrderDelay(freshServices(), TEST_SHOP, order.id);
    expect(retry).toMatchObject({ status: "sent", recovered: true });
    expect(noticeMails(order.name)).toHaveLength(1);
    const intent = await world.db.mutationIntent.findFirstOrThrow({ where: { key: { startsWith: `notice:${order.id}:` } } });
    expect(intent).toMatchObject({ status: "done", attempts: 1 });
    // What the crash cut short is done by the retry, once.
    expect(await world.db.orderEvent.count({ where: { orderId: order.id, kind: "customer_notice" } })).toBe(1);
  });

  it("notices turned off: nothing is sent (the Flow trigger still fires for merchants who use Flow)", async () => {
    clock = T0 + 40 * DAY;
    await settings.saveDisabledNoticeKinds(world.db, TEST_SHOP, ["late_ship_date"]);
    try {
      const order = await placeAndSend();
      const flowsOf = () =>
        world.fake.store.shop(TEST_SHOP).flowTriggers.filter((t) => (t.payload as { order_id?: string }).order_id === order.id.split("/").pop());
      await acceptWithShipDate(order.poId, "2027-04-19");
      await settle();
      expect(noticeMails(order.name)).toHaveLength(0);
      expect(flowsOf()).toEqual([expect.objectContaining({ handle: "dropline-promise-at-risk" })]);
      expect(await notices.checkOrderDelay(freshServices(), TEST_SHOP, order.id)).toEqual({ status: "disabled", kind: "late_ship_date" });
      // Staff can still choose to tell the customer (the playbook's "notify the customer").
      const manual = await send.sendDelayNotice(freshServices(), {
        shop: TEST_SHOP,
        orderId: order.id,
        reason: { code: "note", text: "Our supplier is restocking." },
        window: { earliest: "2027-04-21", latest: "2027-04-23" },
      });
      expect(manual).toMatchObject({ status: "sent" });
      expect(noticeMails(order.name)[0]!.text).toContain("Why: Our supplier is restocking.");
    } finally {
      await settings.saveDisabledNoticeKinds(world.db, TEST_SHOP, []);
    }
  });

  it("settings: each kind previews with a real order or a sample; turning one off drops checkout's email promise", async () => {
    clock = T0 + 50 * DAY;
    const view = await import("../../app/services/notices/settings.server");
    const { desiredPromiseValues } = await import("../../app/services/promise/publish.server");
    const { decodeShopCalendar } = await import("../../app/domain/promise");
    const order = await placeAndSend();
    await world.db.purchaseOrder.update({ where: { id: order.poId }, data: { status: "accepted", committedShipAt: new Date("2027-04-30T00:00:00Z") } });

    const real = await view.previewNotice(freshServices(), TEST_SHOP, "late_ship_date", order.id);
    expect(real).toMatchObject({ basis: "order", fromName: "Coordination Test", replyTo: "owner@shop.example", to: "shopper@example.com" });
    expect(real.text).toContain(order.name);
    const sample = await view.previewNotice(freshServices(), TEST_SHOP, "carrier_delayed", null);
    expect(sample).toMatchObject({ basis: "sample", subject: "Order #1001: new delivery estimate" });
    expect(noticeMails(order.name)).toHaveLength(0);

    const calendar = async () => decodeShopCalendar((await desiredPromiseValues({ db: world.db, now: () => new Date(clock) }, TEST_SHOP)).calendar);
    expect(await calendar()).toMatchObject({ dn: 1 });
    expect(await view.saveNoticeSettings(freshServices(), TEST_SHOP, new Set(["carrier_delayed", "no_movement", "late_ship_date"]))).toEqual({
      checkoutPromise: false,
    });
    expect((await calendar())?.dn).toBeUndefined();
    expect(await world.db.job.count({ where: { kind: "promise_publish", status: "queued" } })).toBeGreaterThan(0);
    expect((await view.noticeSettingsView(freshServices(), TEST_SHOP)).kinds).toContainEqual({ kind: "predicted", on: false });
    await view.saveNoticeSettings(freshServices(), TEST_SHOP, new Set(["carrier_delayed", "no_movement", "late_ship_date", "predicted"]));
    expect(await calendar()).toMatchObject({ dn: 1 });
  });

  it("a carrier delay: the customer gets the new window, and the 'Shipment delayed' Flow trigger carries it", async () => {
    // Monday 3 May 2027, 11:00 in Los Angeles: promised Tue 4 – Fri 7.
    clock = Date.parse("2027-05-03T18:00:00Z");
    const order = await placeAndSend();
    await acceptWithShipDate(order.poId, "2027-05-03");
    await settle();
    const { rotatePortalToken } = await import("../../app/models/portal-tokens.server");
    const { portalPost, upsNumberFor } = await import("../helpers/pipeline");
    const po = await world.db.purchaseOrder.findUniqueOrThrow({ where: { id: order.poId } });
    const ups = upsNumberFor(po.id, 0);
    const token = await rotatePortalToken(world.db, TEST_SHOP, po.supplierId, new Date(clock));
    expect(await portalPost(token, { intent: "tracking", poId: po.id, requestId: `tracking-${po.id}`, trackingNumbers: ups })).toMatchObject({ ok: true });
    await settle();
    const { ingestCarrierEvents } = await import("../../app/services/tracking/events.server");
    await ingestCarrierEvents(
      freshServices(),
      TEST_SHOP,
      [{ trackingNumber: ups, carrier: "UPS", status: "Picked up", happenedAt: "2027-05-03T20:00:00Z" }],
      "carrier",
    );
    await settle();
    expect(noticeMails(order.name)).toHaveLength(0);

    // Friday 11:00: four carrier days spent of at most three, and the carrier says delayed.
    clock = Date.parse("2027-05-07T18:00:00Z");
    await ingestCarrierEvents(
      freshServices(),
      TEST_SHOP,
      [{ trackingNumber: ups, carrier: "UPS", status: "Delayed: weather", happenedAt: "2027-05-07T17:00:00Z" }],
      "carrier",
    );
    await settle();
    const delayed = world.fake.store.shop(TEST_SHOP).flowTriggers.filter((t) => t.handle === "dropline-shipment-delayed");
    expect(delayed).toEqual([
      expect.objectContaining({
        payload: expect.objectContaining({ "Tracking number": ups, "New earliest delivery": "2027-05-10", "New latest delivery": "2027-05-12" }),
      }),
    ]);
    const mails = noticeMails(order.name);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text.replace(/[\u2009\u202f]/g, " ")).toContain("New estimated delivery: Mon, May 10 – Wed, May 12.");
    expect(mails[0]!.text).toContain("the carrier reported a delay in transit.");
    const metafield = [...world.fake.store.shop(TEST_SHOP).metafields.values()].find((m) => m.ownerId === order.id && m.key === "tracking")!;
    expect(JSON.parse(metafield.value)).toMatchObject({
      p: [{ s: "delayed", w: ["2027-05-10", "2027-05-12"] }],
      d: { w: ["2027-05-10", "2027-05-12"], r: "carrier_delayed" },
    });
  });
});
