/**
 * Control-limit alerts through the real jobs and worker, against the fake Admin API and a
 * recording mailer: an alert opens once, persists without a second email or Flow trigger, closes
 * itself when the metric is back in control, and a later breach is a new alert.
 */
import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { TEST_SHOP, useTestAppEnv } from "../helpers/app-env";
import { startFakeShopify, type FakeShopify } from "../fake-shopify";

useTestAppEnv();

const HOUR = 3_600_000;
const TOKEN = "shpat_alerts_test";
const START = "2026-03-01";

let clock = 0;
let fake: FakeShopify;
let db: PrismaClient;
let services: import("../../app/services.server").AppServices;
let worker: import("../../app/jobs/worker.server").Worker;
let jobs: typeof import("../../app/services/queue/alerts");
let addDays: typeof import("../../app/domain/promise").addDays;
let supplierId: string;
let mails: { to: string; subject: string; text: string; messageId?: string }[] = [];
let failNextMail: Error | null = null;
let tick = 0;
let flowMark = 0;

const dayN = (n: number) => addDays(START, n);

/** One day of the Acme supplier's order-to-confirmation median (ms), 20 orders. */
async function confirmationDay(n: number, hours: number) {
  const data = {
    shop: TEST_SHOP,
    day: dayN(n),
    metric: "orderToConfirmation",
    dimension: "supplierId",
    segment: supplierId,
    n: 20,
    value: hours * HOUR,
    p90: hours * HOUR,
  };
  await db.metricDay.upsert({
    where: { shop_day_metric_dimension_segment: { shop: TEST_SHOP, day: data.day, metric: data.metric, dimension: data.dimension, segment: data.segment } },
    create: data,
    update: data,
  });
}

/** Moves the clock to 06:00 UTC the day after day `n` (so day n is the newest complete day) and runs the evaluation. */
async function evaluateAfterDay(n: number) {
  clock = Date.parse(`${dayN(n + 1)}T06:00:00Z`);
  fake.setClock(() => clock);
  await services.queue.enqueue(jobs.alertEvaluateJob(TEST_SHOP, new Date(clock), `test-${tick++}`));
  await worker.drain();
}

const alerts = () => db.metricAlert.findMany({ where: { shop: TEST_SHOP }, orderBy: [{ openedAt: "asc" }, { rule: "asc" }] });
const flowTriggers = () =>
  fake.store
    .shop(TEST_SHOP)
    .flowTriggers.slice(flowMark)
    .filter((t) => t.handle === "dropline-metric-alert");
const flowCalls = () => fake.requestLog({ shop: TEST_SHOP }).filter((r) => r.rootFields.includes("flowTriggerReceive")).length;

beforeAll(async () => {
  fake = await startFakeShopify({ now: () => clock });
  fake.seedShop({ domain: TEST_SHOP, accessToken: TOKEN, name: "Alert Test", ianaTimezone: "UTC", email: "owner@alerts.example" });
  db = (await import("../../app/db.server")).default;
  ({ addDays } = await import("../../app/domain/promise"));
  jobs = await import("../../app/services/queue/alerts");
  const runtime = await import("../../app/jobs/runtime.server");
  const { Worker } = await import("../../app/jobs/worker.server");
  const { AdminClient, httpTransport } = await import("../../app/shopify/client.server");
  const { buildServices } = await import("../../app/services.server");
  services = buildServices({
    now: () => new Date(clock),
    adminFor: async (shop) => new AdminClient(httpTransport({ shop, accessToken: TOKEN, origin: fake.url }), { shop }),
    mailer: {
      send: async (message) => {
        if (failNextMail) {
          const error = failNextMail;
          failNextMail = null;
          throw error;
        }
        mails.push(message);
      },
    },
  });
  worker = new Worker(services.queue, runtime.jobHandlers(services), { now: () => new Date(clock), backoffMs: () => 0, log: () => undefined });
  supplierId = (
    await db.supplier.create({
      data: {
        shop: TEST_SHOP,
        name: "Acme Supply",
        contactEmail: "acme@example.com",
        timeZone: "UTC",
        cutoff: "14:00",
        serviceTier: "48_hour",
        handlingMinDays: 1,
        handlingMaxDays: 2,
      },
    })
  ).id;
});

afterAll(async () => {
  await fake.close();
});

beforeEach(async () => {
  mails = [];
  await db.metricAlert.deleteMany({});
  await db.metricDay.deleteMany({});
  await db.mutationIntent.deleteMany({});
  await db.alertSettings.deleteMany({});
  flowMark = fake.store.shop(TEST_SHOP).flowTriggers.length;
  fake.resetRequestLog();
  // A calm month: confirmation around 20 h.
  for (let n = 0; n < 30; n++) await confirmationDay(n, 20 + [0, 1, -1, 0.5, -0.5][n % 5]!);
});

describe("metric alerts through the evaluation and notice jobs", () => {
  it("opens once, sends one email and one Flow trigger while the breach persists, closes itself, and re-opens as a new alert", async () => {
    await evaluateAfterDay(29);
    expect(await alerts()).toEqual([]);

    // Confirmation jumps to 30 h and stays there: beyond the control limit on day 30, and three days over 24 h by day 32.
    for (const n of [30, 31, 32]) {
      await confirmationDay(n, 30);
      await evaluateAfterDay(n);
    }
    let rows = await alerts();
    expect(rows.map((a) => ({ rule: a.rule, status: a.status, day: a.day }))).toEqual([
      { rule: "control_limit", status: "open", day: dayN(30) },
      { rule: "threshold_run", status: "open", day: dayN(32) },
    ]);
    const run = rows.find((a) => a.rule === "threshold_run")!;
    expect(run.message).toBe(
      `Order-to-confirmation time for supplier Acme Supply has been above your threshold of 24.0 h for 3 consecutive days with orders (${dayN(30)} to ${dayN(32)}: 30.0 h, 30.0 h, 30.0 h).`,
    );
    expect(mails.map((m) => m.to)).toEqual(["owner@alerts.example", "owner@alerts.example"]);
    expect(mails.map((m) => m.messageId).sort()).toEqual(rows.map((a) => `<alert-${a.id}@dropline>`).sort());
    expect(
      flowTriggers()
        .map((t) => (t.payload as Record<string, string>)["Alert id"])
        .sort(),
    ).toEqual(rows.map((a) => a.id).sort());
    expect(flowTriggers()[0]!.payload).toMatchObject({
      Metric: "Order-to-confirmation time",
      Segment: "supplier Acme Supply",
      "Alert URL": "http://localhost:3000/app/alerts",
    });

    // Still at 30 h for two more days, evaluated hourly: nothing new is opened or sent.
    for (const n of [33, 34]) {
      await confirmationDay(n, 30);
      await evaluateAfterDay(n);
      clock += HOUR;
      await services.queue.enqueue(jobs.alertEvaluateJob(TEST_SHOP, new Date(clock)));
      await worker.drain();
    }
    expect((await alerts()).map((a) => a.status)).toEqual(["open", "open"]);
    expect(mails).toHaveLength(2);
    expect(flowCalls()).toBe(2);
    expect((await alerts()).find((a) => a.rule === "threshold_run")!.lastDay).toBe(dayN(34));

    // Back to 20 h: one good day keeps them open, the second closes both.
    await confirmationDay(35, 20);
    await evaluateAfterDay(35);
    expect((await alerts()).map((a) => a.status)).toEqual(["open", "open"]);
    await confirmationDay(36, 20);
    await evaluateAfterDay(36);
    rows = await alerts();
    expect(rows.map((a) => [a.status, a.openKey, a.closedReason])).toEqual([
      ["closed", null, `Back in control: 2 days in a row (last ${dayN(36)}).`],
      ["closed", null, `Back in control: 2 days in a row (last ${dayN(36)}).`],
    ]);

    // A new jump is a new alert, with its own email and Flow trigger.
    await confirmationDay(37, 45);
    await evaluateAfterDay(37);
    rows = await alerts();
    expect(rows.filter((a) => a.status === "open").map((a) => [a.rule, a.day])).toEqual([["control_limit", dayN(37)]]);
    expect(rows).toHaveLength(3);
    expect(mails).toHaveLength(3);
    expect(flowCalls()).toBe(3);
  });

  it("a notice retried after the email failed does not fire the Flow trigger again", async () => {
    await confirmationDay(30, 45);
    failNextMail = new Error("connect ECONNREFUSED 127.0.0.1:25");
    await evaluateAfterDay(30);
    const [alert] = await alerts();
    expect(alert).toMatchObject({ rule: "control_limit", status: "open" });
    // The worker retried the notice (backoff 0): the Flow trigger went once, the email once.
    expect(flowCalls()).toBe(1);
    expect(mails).toHaveLength(1);
    expect(await db.mutationIntent.findUnique({ where: { shop_key: { shop: TEST_SHOP, key: `alert:${alert!.id}:email` } } })).toMatchObject({
      status: "done",
      attempts: 2,
    });
    expect(await db.mutationIntent.findUnique({ where: { shop_key: { shop: TEST_SHOP, key: `alert:${alert!.id}:flow` } } })).toMatchObject({
      status: "done",
      attempts: 1,
    });
    expect((await db.metricAlert.findUniqueOrThrow({ where: { id: alert!.id } })).notifiedAt).not.toBeNull();

    // Running the notice again by hand sends nothing.
    const { notifyAlert } = await import("../../app/services/alerts/notify.server");
    expect(await notifyAlert(services, TEST_SHOP, alert!.id)).toEqual({ flow: "already_sent", email: "already_sent" });
    expect(flowCalls()).toBe(1);
    expect(mails).toHaveLength(1);
  });

  it("sends to the address set on the alerts page, and honours a disabled metric", async () => {
    const { defaultThresholds } = await import("../../app/domain/alerts");
    const { saveAlertSettings } = await import("../../app/models/alerts.server");
    const thresholds = defaultThresholds();
    await saveAlertSettings(db, TEST_SHOP, { thresholds, recipientEmail: "ops@alerts.example" });
    await confirmationDay(30, 45);
    await evaluateAfterDay(30);
    expect(mails.map((m) => m.to)).toEqual(["ops@alerts.example"]);

    await saveAlertSettings(db, TEST_SHOP, {
      thresholds: { ...thresholds, metrics: { ...thresholds.metrics, orderToConfirmation: { enabled: false, threshold: 24, runLength: 3 } } },
      recipientEmail: null,
    });
    await confirmationDay(31, 45);
    await evaluateAfterDay(31);
    expect((await alerts()).map((a) => [a.status, a.closedReason])).toEqual([["closed", "Alerts for this metric or rule were turned off."]]);
    expect(mails).toHaveLength(1);
  });

  it("records an email that cannot be sent (no SMTP) as refused instead of retrying it forever", async () => {
    const { notifyAlert } = await import("../../app/services/alerts/notify.server");
    const { MailNotConfiguredError } = await import("../../app/services/coordination/mail.server");
    await confirmationDay(30, 45);
    failNextMail = new MailNotConfiguredError();
    await evaluateAfterDay(30);
    const [alert] = await alerts();
    expect(await db.mutationIntent.findUnique({ where: { shop_key: { shop: TEST_SHOP, key: `alert:${alert!.id}:email` } } })).toMatchObject({
      status: "failed",
      attempts: 1,
      error: expect.stringContaining("SMTP_URL"),
    });
    expect(flowCalls()).toBe(1);
    expect(await notifyAlert(services, TEST_SHOP, alert!.id)).toMatchObject({ flow: "already_sent", email: "refused" });
    expect(mails).toEqual([]);
  });

  it("judges a SKU only when it has enough orders over the window", async () => {
    async function skuDay(sku: string, n: number, orders: number, cancelled: number) {
      await db.metricDay.create({
        data: {
          shop: TEST_SHOP,
          day: dayN(n),
          metric: "cancellationRate",
          dimension: "sku",
          segment: sku,
          n: orders,
          numerator: cancelled,
          value: cancelled / orders,
        },
      });
    }
    for (let n = 0; n < 30; n++) {
      await skuDay("MUG-THIN", n, 1, 0);
      await skuDay("MUG-BUSY", n, 5, 0);
    }
    await skuDay("MUG-THIN", 30, 1, 1);
    await skuDay("MUG-BUSY", 30, 5, 5);
    await evaluateAfterDay(30);
    expect((await alerts()).map((a) => [a.dimension, a.segment, a.rule])).toEqual([["sku", "MUG-BUSY", "control_limit"]]);
  });
});
