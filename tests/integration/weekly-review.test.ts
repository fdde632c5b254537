/**
 * The weekly exception review against the database (a hand-made week in the shop's zone, grouped
 * by cause, supplier and channel) and the weekly digest job: sent once per shop per ISO week.
 */
import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_SHOP, useTestAppEnv } from "../helpers/app-env";
import { startFakeShopify, type FakeShopify } from "../fake-shopify";

useTestAppEnv();

const TOKEN = "shpat_review_test";
let clock = Date.parse("2026-03-09T09:00:00Z");
let fake: FakeShopify;
let db: PrismaClient;
let services: import("../../app/services.server").AppServices;
let worker: import("../../app/jobs/worker.server").Worker;
const mails: { to: string; subject: string; text: string }[] = [];
const suppliers: Record<"acme" | "bolt", string> = { acme: "", bolt: "" };

async function order(id: string, channel: string) {
  await db.order.create({
    data: {
      id: `gid://shopify/Order/${id}`,
      shop: TEST_SHOP,
      name: `#${id}`,
      currencyCode: "USD",
      totalMinor: 1000,
      channel,
      lines: "[]",
      placedAt: new Date("2026-03-01T00:00:00Z"),
    },
  });
}

async function exceptionCase(type: string, openedAt: string, supplier: "acme" | "bolt" | null, orderId: string | null, status = "open") {
  await db.exceptionCase.create({
    data: {
      shop: TEST_SHOP,
      subjectId: `po:${type}:${openedAt}`,
      type,
      orderId: orderId ? `gid://shopify/Order/${orderId}` : null,
      orderName: orderId ? `#${orderId}` : null,
      supplierId: supplier ? suppliers[supplier] : null,
      status,
      openedReason: type,
      suggestedActions: "[]",
      openedAt: new Date(openedAt),
    },
  });
}

async function staffTask(kind: string, createdAt: string, supplier: "acme" | "bolt", orderId: string) {
  const po = await db.purchaseOrder.create({
    data: {
      shop: TEST_SHOP,
      number: `PO-${kind}-${createdAt}`,
      orderId: `gid://shopify/Order/${orderId}`,
      orderName: `#${orderId}`,
      supplierId: suppliers[supplier],
      fulfillmentOrderId: `gid://shopify/FulfillmentOrder/${kind}${createdAt}`,
      status: "sent",
      serviceTier: "48_hour",
      shipTo: "{}",
      lines: "[]",
      shipBy: new Date(createdAt),
    },
  });
  await db.staffTask.create({
    data: { shop: TEST_SHOP, purchaseOrderId: po.id, kind, message: kind, dedupeKey: `${kind}:${po.id}`, createdAt: new Date(createdAt) },
  });
}

beforeAll(async () => {
  fake = await startFakeShopify({ now: () => clock });
  fake.seedShop({ domain: TEST_SHOP, accessToken: TOKEN, name: "Review Test", ianaTimezone: "America/New_York", email: "owner@review.example" });
  db = (await import("../../app/db.server")).default;
  const runtime = await import("../../app/jobs/runtime.server");
  const { Worker } = await import("../../app/jobs/worker.server");
  const { AdminClient, httpTransport } = await import("../../app/shopify/client.server");
  const { buildServices } = await import("../../app/services.server");
  const { saveRoutingPolicy } = await import("../../app/models/routing.server");
  services = buildServices({
    now: () => new Date(clock),
    adminFor: async (shop) => new AdminClient(httpTransport({ shop, accessToken: TOKEN, origin: fake.url }), { shop }),
    mailer: { send: async (m) => void mails.push(m) },
  });
  worker = new Worker(services.queue, runtime.jobHandlers(services), { now: () => new Date(clock), log: () => undefined });
  await db.shop.create({ data: { domain: TEST_SHOP } });
  await saveRoutingPolicy(db, TEST_SHOP, { timeZone: "America/New_York" });
  for (const key of ["acme", "bolt"] as const) {
    suppliers[key] = (
      await db.supplier.create({
        data: {
          shop: TEST_SHOP,
          name: key === "acme" ? "Acme" : "Bolt",
          contactEmail: `${key}@example.com`,
          timeZone: "UTC",
          cutoff: "14:00",
          serviceTier: "48_hour",
          handlingMinDays: 1,
          handlingMaxDays: 2,
        },
      })
    ).id;
  }
  for (const [id, channel] of [
    ["1", "online-store"],
    ["2", "online-store"],
    ["3", "pos"],
    ["4", "pos"],
  ] as const)
    await order(id, channel);
  // Week 2026-W10 is Monday 2 March (EST, UTC−5) to Sunday 8 March in New York (EDT from 02:00 that day, UTC−4).
  await exceptionCase("stockout_after_accept", "2026-03-02T05:00:00Z", "acme", "1"); // Mon 00:00 NY: in
  await exceptionCase("lost", "2026-03-04T12:00:00Z", "bolt", "3", "closed");
  await exceptionCase("no_movement", "2026-03-09T03:59:00Z", "bolt", "3"); // Sun 23:59 EDT: in
  await exceptionCase("returned_to_sender", "2026-03-06T12:00:00Z", null, null);
  await exceptionCase("split_confusion", "2026-03-05T12:00:00Z", "acme", "2"); // another branch's type: "other"
  await staffTask("no_acknowledgement", "2026-03-03T15:00:00Z", "acme", "2");
  await staffTask("stockout_unresolved", "2026-03-07T15:00:00Z", "bolt", "4");
  // Outside the week: Sunday 1 March 23:00 EST, and Monday 9 March 00:00 EDT.
  await exceptionCase("label_without_pickup", "2026-03-02T04:00:00Z", "acme", "1");
  await exceptionCase("no_tracking_by_ship_date", "2026-03-09T04:00:00Z", "acme", "1");
  // The week before (W09): two carrier cases and the label case above.
  await exceptionCase("lost", "2026-02-25T12:00:00Z", "bolt", "3");
  await exceptionCase("damaged", "2026-02-26T12:00:00Z", "bolt", "4");
});

afterAll(async () => {
  await fake.close();
});

describe("weekly exception review", () => {
  it("groups the week's cases and ladder tasks by cause, supplier and channel, cut by the shop's calendar days", async () => {
    const { loadWeekReview } = await import("../../app/services/alerts/review.server");
    const review = await loadWeekReview(db, TEST_SHOP, "2026-W10");
    expect(review.range).toEqual({ week: "2026-W10", fromDay: "2026-03-02", toDay: "2026-03-08" });
    expect(review.items).toHaveLength(7);
    expect(review.byCause.map((g) => [g.key, g.count, g.open])).toEqual([
      ["stock_confirmation", 2, 2],
      ["supplier_no_response", 1, 1],
      ["carrier", 2, 1],
      ["address", 1, 1],
      ["other", 1, 1],
    ]);
    // Equal counts are ordered by supplier id (any stable order); the supplier-less group comes last.
    const bySupplier = review.bySupplier.map((g) => [review.supplierNames[g.key] ?? g.key, g.count] as const);
    expect(bySupplier.at(-1)).toEqual(["", 1]);
    expect(bySupplier.slice(0, 2).sort()).toEqual([
      ["Acme", 3],
      ["Bolt", 3],
    ]);
    expect(review.byChannel.map((g) => [g.key, g.count])).toEqual([
      ["online-store", 3],
      ["pos", 3],
      ["", 1],
    ]);
    expect(review.trend).toEqual(
      [
        { cause: "stock_confirmation", thisWeek: 2, lastWeek: 0 },
        { cause: "supplier_no_response", thisWeek: 1, lastWeek: 0 },
        { cause: "label", thisWeek: 0, lastWeek: 0 + 0 },
        { cause: "pickup", thisWeek: 0, lastWeek: 1 },
        { cause: "carrier", thisWeek: 2, lastWeek: 2 },
        { cause: "address", thisWeek: 1, lastWeek: 0 },
        { cause: "other", thisWeek: 1, lastWeek: 0 },
      ].filter((t) => t.thisWeek + t.lastWeek > 0),
    );
  });

  it("keeps one note per group and week, rewritten when saved again", async () => {
    const { saveReviewNote, listReviewNotes } = await import("../../app/models/review.server");
    const base = { week: "2026-W10", groupBy: "supplier" as const, groupKey: suppliers.bolt, linkTarget: "supplier" as const, author: null };
    await saveReviewNote(db, TEST_SHOP, {
      ...base,
      whatHappened: "Two parcels stalled",
      why: "Carrier depot strike",
      prevention: "Route Bolt's EU orders elsewhere",
    });
    await saveReviewNote(db, TEST_SHOP, {
      ...base,
      whatHappened: "Two parcels stalled",
      why: "Depot strike in Lyon",
      prevention: "Route Bolt's EU orders elsewhere",
    });
    expect((await listReviewNotes(db, TEST_SHOP, "2026-W10")).map((n) => [n.groupKey, n.why])).toEqual([[suppliers.bolt, "Depot strike in Lyon"]]);
    expect(await listReviewNotes(db, TEST_SHOP, "2026-W11")).toEqual([]);
  });

  it("sends the weekly digest once per shop per ISO week, on Monday after 12:00 UTC", async () => {
    const { scheduleTimers } = await import("../../app/jobs/runtime.server");
    const digests = () => mails.filter((m) => m.subject.startsWith("Dropline weekly review"));
    clock = Date.parse("2026-03-09T11:00:00Z");
    await scheduleTimers(services);
    await worker.drain();
    expect(digests()).toEqual([]);

    clock = Date.parse("2026-03-09T12:00:00Z");
    await scheduleTimers(services);
    await worker.drain();
    clock = Date.parse("2026-03-11T08:00:00Z");
    await scheduleTimers(services);
    await worker.drain();
    expect(digests().map((m) => [m.to, m.subject])).toEqual([["owner@review.example", "Dropline weekly review 2026-W10: 7 exceptions, 0 open alerts"]]);
    expect(digests()[0]!.text).toContain("Exceptions this week: 7 (+4 on last week; last week 3).");
    expect(digests()[0]!.text).toContain("  • Supplier no-response: 1 (last week 0)");
    expect(digests()[0]!.text).toContain("Review notes written: 1.");

    // Sending the same week by hand again sends nothing; the next week is its own digest.
    const { sendWeeklyDigest } = await import("../../app/services/alerts/digest.server");
    expect(await sendWeeklyDigest(services, TEST_SHOP, "2026-W10")).toMatchObject({ status: "done", performed: false });
    clock = Date.parse("2026-03-16T12:30:00Z");
    await scheduleTimers(services);
    await worker.drain();
    expect(digests().map((m) => m.subject)).toEqual([
      "Dropline weekly review 2026-W10: 7 exceptions, 0 open alerts",
      // Monday 9 March 00:00 EDT opened the next week's first case.
      "Dropline weekly review 2026-W11: 1 exception, 0 open alerts",
    ]);
  });

  it("counts address problems by channel and by destination country: address holds (no purchase order yet) and failed deliveries", async () => {
    // Week 2026-W12: Monday 16 March to Sunday 22 March in New York.
    const orderIn = async (id: string, channel: string, countryCode: string) => {
      await order(id, channel);
      await db.order.update({ where: { id: `gid://shopify/Order/${id}` }, data: { countryCode } });
    };
    await orderIn("21", "web", "US");
    await orderIn("22", "amazon", "FR");
    await orderIn("23", "web", "US");
    const addressHold = async (id: string, channel: string, countryCode: string | null, at: string, open = true) => {
      const orderId = `gid://shopify/Order/${id}`;
      await db.addressHold.create({
        data: {
          shop: TEST_SHOP,
          orderId,
          orderName: `#${id}`,
          status: open ? "held" : "released",
          problems: "[]",
          fingerprint: "",
          countryCode,
          channel,
          decisionVersion: 1,
          heldAt: new Date(at),
          checkedAt: new Date(at),
        },
      });
      await db.staffTask.create({
        data: {
          shop: TEST_SHOP,
          orderId,
          kind: "address_hold",
          message: "fix the address",
          dedupeKey: `address_hold:${orderId}:v1`,
          status: open ? "open" : "done",
          createdAt: new Date(at),
        },
      });
    };
    await addressHold("21", "web", "US", "2026-03-16T15:00:00Z");
    await addressHold("22", "amazon", "FR", "2026-03-17T15:00:00Z", false);
    // An order Dropline never stored (orders/create still on its way): the hold knows its channel and country.
    await addressHold("24", "web", "US", "2026-03-18T15:00:00Z");
    await exceptionCase("failed_delivery", "2026-03-19T15:00:00Z", "acme", "23");
    await exceptionCase("lost", "2026-03-19T16:00:00Z", "acme", "23");

    const { loadWeekReview } = await import("../../app/services/alerts/review.server");
    const review = await loadWeekReview(db, TEST_SHOP, "2026-W12");
    expect(review.byCause.find((g) => g.key === "address")).toMatchObject({ count: 4, open: 3 });
    expect(review.addressByChannel.map((r) => [r.key, r.count, r.heldBeforeLeaving, r.open])).toEqual([
      ["web", 3, 2, 3],
      ["amazon", 1, 1, 0],
    ]);
    expect(review.addressByCountry.map((r) => [r.key, r.count, r.heldBeforeLeaving])).toEqual([
      ["US", 3, 2],
      ["FR", 1, 1],
    ]);
    expect(review.items.find((i) => i.type === "address_hold" && i.orderId === "gid://shopify/Order/24")).toMatchObject({ orderName: "#24", channel: "web" });
  });
});
