/**
 * Telling the echoes of Dropline's own changes from news: the notes routing and submission write
 * before they change Shopify, and the fulfillment_orders/moved handler that uses them.
 */
import type { PrismaClient } from "@prisma/client";
import { beforeAll, describe, expect, it } from "vitest";
import { TEST_SHOP, useTestAppEnv } from "../helpers/app-env";

useTestAppEnv();

let db: PrismaClient;
let own: typeof import("../../app/models/own-changes.server");
let topics: typeof import("../../app/jobs/topics/coordination.server");
let AdminClient: typeof import("../../app/shopify/client.server").AdminClient;

beforeAll(async () => {
  db = (await import("../../app/db.server")).default;
  own = await import("../../app/models/own-changes.server");
  topics = await import("../../app/jobs/topics/coordination.server");
  ({ AdminClient } = await import("../../app/shopify/client.server"));
});

const T0 = new Date("2026-04-06T08:00:00Z");
const later = (ms: number) => new Date(T0.getTime() + ms);
const HOUR = 3_600_000;

describe("notes of Dropline's own changes", () => {
  it("an echo is recognised once, within a day of the note", async () => {
    const move = { kind: "move", fulfillmentOrderId: "gid://shopify/FulfillmentOrder/1", locationId: "gid://shopify/Location/100" } as const;
    await own.noteOwnChange(db, TEST_SHOP, move, T0);
    expect(await own.takeOwnChange(db, TEST_SHOP, move, later(HOUR))).toBe(true);
    // The same move again, by a person this time, is news.
    expect(await own.takeOwnChange(db, TEST_SHOP, move, later(2 * HOUR))).toBe(false);
    // Another shop's identical change is not ours.
    await own.noteOwnChange(db, TEST_SHOP, move, T0);
    expect(await own.takeOwnChange(db, "other.myshopify.com", move, later(HOUR))).toBe(false);
    // An echo arriving more than a day after the note is treated as news.
    expect(await own.takeOwnChange(db, TEST_SHOP, move, later(25 * HOUR))).toBe(false);
  });

  it("a fulfillment-service callback uses up one outstanding note of its kind, oldest first", async () => {
    const callback = (n: number) =>
      ({ kind: "callback", callback: "FULFILLMENT_REQUEST", fulfillmentOrderId: `gid://shopify/FulfillmentOrder/c${n}` }) as const;
    await own.noteOwnChange(db, TEST_SHOP, callback(1), T0);
    await own.noteOwnChange(db, TEST_SHOP, callback(2), later(1000));
    expect(await own.takeOwnCallback(db, TEST_SHOP, "FULFILLMENT_REQUEST", later(HOUR))).toBe(true);
    expect(await own.isOwnChange(db, TEST_SHOP, callback(1), later(HOUR))).toBe(false);
    expect(await own.isOwnChange(db, TEST_SHOP, callback(2), later(HOUR))).toBe(true);
    expect(await own.takeOwnCallback(db, TEST_SHOP, "FULFILLMENT_REQUEST", later(HOUR))).toBe(true);
    // A third callback is someone else's request.
    expect(await own.takeOwnCallback(db, TEST_SHOP, "FULFILLMENT_REQUEST", later(HOUR))).toBe(false);
  });

  it("that Dropline submitted a purchase order's request stays known however long the supplier takes", async () => {
    const request = { kind: "purchase_order_request", purchaseOrderId: "po-1" } as const;
    await own.noteOwnChange(db, TEST_SHOP, request, T0);
    expect(await own.isOwnChange(db, TEST_SHOP, request, later(30 * 24 * HOUR), { ever: true })).toBe(true);
    expect(await own.isOwnChange(db, TEST_SHOP, request, later(30 * 24 * HOUR))).toBe(false);
    expect(await own.isOwnChange(db, TEST_SHOP, { kind: "purchase_order_request", purchaseOrderId: "po-2" }, T0, { ever: true })).toBe(false);
  });
});

describe("fulfillment_orders/moved", () => {
  function context(eventId: string, reads: string[]) {
    const enqueued: { kind: string; dedupeKey: string }[] = [];
    const client = new AdminClient(
      async (source) => {
        reads.push(/query (\w+)/.exec(source)?.[1] ?? "?");
        return { status: 200, data: { fulfillmentOrder: { id: "gid://shopify/FulfillmentOrder/7", order: { id: "gid://shopify/Order/70" } } } };
      },
      { shop: TEST_SHOP },
    );
    const ctx = {
      db,
      shop: TEST_SHOP,
      inboxId: eventId,
      eventId,
      jobId: `job-${eventId}`,
      now: later(60_000),
      triggeredAt: null,
      enqueue: async (job: { kind: string; dedupeKey: string }) => (enqueued.push(job), { id: "j", created: true }),
      admin: async () => client,
    };
    return { ctx, enqueued };
  }
  const payload = (fulfillmentOrderId: string, locationId: string) => ({
    original_fulfillment_order: { id: fulfillmentOrderId, status: "open" },
    moved_fulfillment_order: { id: fulfillmentOrderId, status: "open" },
    destination_location_id: locationId,
  });

  it("the echo of Dropline's own move reads nothing and queues nothing", async () => {
    await own.noteOwnChange(
      db,
      TEST_SHOP,
      { kind: "move", fulfillmentOrderId: "gid://shopify/FulfillmentOrder/7", locationId: "gid://shopify/Location/100" },
      T0,
    );
    const reads: string[] = [];
    const { ctx, enqueued } = context("moved-ours", reads);
    await topics.onFulfillmentOrderMoved(ctx, payload("gid://shopify/FulfillmentOrder/7", "gid://shopify/Location/100"));
    expect({ reads, enqueued }).toEqual({ reads: [], enqueued: [] });
  });

  it("a person's move (no note, or to another location) is news: the order's fulfillment requests are submitted", async () => {
    await own.noteOwnChange(
      db,
      TEST_SHOP,
      { kind: "move", fulfillmentOrderId: "gid://shopify/FulfillmentOrder/7", locationId: "gid://shopify/Location/100" },
      T0,
    );
    const reads: string[] = [];
    const { ctx, enqueued } = context("moved-person", reads);
    await topics.onFulfillmentOrderMoved(ctx, payload("gid://shopify/FulfillmentOrder/7", "gid://shopify/Location/200"));
    expect(reads).toEqual(["FulfillmentOrderOrder"]);
    expect(enqueued).toEqual([
      expect.objectContaining({ kind: "submit_fulfillment_requests", dedupeKey: `submit:${TEST_SHOP}:gid://shopify/Order/70:moved:moved-person` }),
    ]);
  });
});
