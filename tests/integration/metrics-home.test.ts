/**
 * The home page as a control tower: real counts of what needs a person, late purchase orders and
 * open exceptions, and this week's on-time rate and p90 order-to-ship against last week (rollups).
 */
import { getJwt } from "@shopify/shopify-api/test-helpers";
import type { PrismaClient } from "@prisma/client";
import { beforeAll, describe, expect, it } from "vitest";
import { TEST_API_KEY, TEST_API_SECRET, TEST_SHOP, useTestAppEnv } from "../helpers/app-env";
import { factRow } from "../helpers/metrics";

useTestAppEnv();

let db: PrismaClient;
const DAY = 86_400_000;
const H = 3_600_000;
const dayAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString().slice(0, 10);

const orderRow = (i: number, placedAt: Date) => ({
  id: `gid://shopify/Order/${1000 + i}`,
  shop: TEST_SHOP,
  name: `#${1000 + i}`,
  currencyCode: "USD",
  totalMinor: 1000,
  channel: "web",
  lines: "[]",
  placedAt,
});

const po = (n: number, status: string, shipBy: Date, extra: object = {}) => ({
  shop: TEST_SHOP,
  number: `PO-${n}`,
  orderId: `gid://shopify/Order/${1000 + n}`,
  orderName: `#${1000 + n}`,
  supplierId: "sup-a",
  fulfillmentOrderId: `gid://shopify/FulfillmentOrder/${n}`,
  status,
  serviceTier: "standard",
  shipTo: "{}",
  lines: "[]",
  shipBy,
  ...extra,
});

beforeAll(async () => {
  db = (await import("../../app/db.server")).default;
  const { SCOPES } = await import("../../app/shopify/scopes");
  await db.session.create({
    data: { id: `offline_${TEST_SHOP}`, shop: TEST_SHOP, state: "installed", isOnline: false, scope: SCOPES.join(","), accessToken: "shpat_home" },
  });
  // 25 orders today: more than the 20 the recent-orders list shows.
  await db.order.createMany({ data: Array.from({ length: 25 }, (_, i) => orderRow(i, new Date())) });
  const past = new Date(Date.now() - 2 * H);
  const future = new Date(Date.now() + 2 * DAY);
  await db.purchaseOrder.createMany({
    data: [
      po(1, "sent", past),
      po(2, "accepted", future, { committedShipAt: past }),
      po(3, "accepted", past, { committedShipAt: future }),
      po(4, "shipped", past),
      po(5, "sent", future, { held: true }),
      po(6, "awaiting_review", future),
    ],
  });
  const decision = (orderId: string, version: number, outcome: string) => ({
    shop: TEST_SHOP,
    orderId,
    orderName: "#x",
    version,
    outcome,
    status: "applied",
    decision: "{}",
    request: "{}",
  });
  await db.routingDecision.createMany({
    data: [decision("gid://shopify/Order/1010", 1, "held"), decision("gid://shopify/Order/1011", 1, "held"), decision("gid://shopify/Order/1011", 2, "routed")],
  });
  await db.staffTask.create({ data: { shop: TEST_SHOP, kind: "no_acknowledgement", message: "PO-1: no acknowledgement", dedupeKey: "t1" } });
  const exception = (subjectId: string, type: string, status = "open") => ({
    shop: TEST_SHOP,
    subjectId,
    type,
    status,
    openedReason: "x",
    suggestedActions: "[]",
    openedAt: new Date(),
  });
  await db.exceptionCase.createMany({
    data: [
      exception("po:1", "no_tracking_by_ship_date"),
      exception("shipment:1", "lost"),
      exception("shipment:2", "lost"),
      exception("shipment:3", "lost", "closed"),
    ],
  });
  // This week: 3 of 4 on time (p90 of 10, 20, 30, 40 h); last week: 1 of 1.
  await db.fulfillmentFact.createMany({
    data: [
      factRow(TEST_SHOP, { po: "f1", day: dayAgo(1), shippedH: 10, shipByH: 24 }),
      factRow(TEST_SHOP, { po: "f2", day: dayAgo(2), shippedH: 20, shipByH: 24 }),
      factRow(TEST_SHOP, { po: "f3", day: dayAgo(3), shippedH: 30, shipByH: 36 }),
      factRow(TEST_SHOP, { po: "f4", day: dayAgo(4), shippedH: 40, shipByH: 24 }),
      factRow(TEST_SHOP, { po: "f5", day: dayAgo(9), shippedH: 12, shipByH: 24 }),
    ],
  });
  const { refreshMetrics } = await import("../../app/services/metrics/refresh.server");
  const { services } = await import("../../app/services.server");
  await refreshMetrics(services(), TEST_SHOP, { full: true });
});

describe("the control tower home page", () => {
  it("counts what needs a person, late purchase orders and open exceptions", async () => {
    const { loader } = (await import("../../app/routes/app._index")) as { loader: (args: object) => Promise<Record<string, unknown>> };
    const { token } = await getJwt(TEST_SHOP.replace(".myshopify.com", ""), TEST_API_KEY, TEST_API_SECRET);
    const data = (await loader({
      request: new Request("http://localhost:3000/app", { headers: { Authorization: `Bearer ${token}` } }),
      params: {},
      context: {},
    })) as {
      ordersToday: number;
      orders: unknown[];
      people: { heldOrders: number; heldPurchaseOrders: number; awaitingReview: number; openStaffTasks: number };
      late: { count: number; list: { number: string }[] };
      exceptions: { count: number; byType: { type: string; count: number }[] };
      week: {
        onTime: { thisWeek: { n: number; numerator: number; rate: number }; lastWeek: { n: number; rate: number } };
        orderToShip: { thisWeek: { p90: number } };
      };
    };
    expect(data.ordersToday).toBe(25);
    expect(data.orders).toHaveLength(20);
    // Order 1011 was held, then routed: only 1010 is still held.
    expect(data.people).toMatchObject({ heldOrders: 1, heldPurchaseOrders: 1, awaitingReview: 1, openStaffTasks: 1 });
    // PO-1 is past its ship-by, PO-2 past its committed date; PO-3 committed later; PO-4 shipped.
    expect(data.late.count).toBe(2);
    expect(data.late.list.map((p) => p.number).sort()).toEqual(["PO-1", "PO-2"]);
    expect(data.exceptions).toEqual({
      count: 3,
      byType: [
        { type: "lost", count: 2 },
        { type: "no_tracking_by_ship_date", count: 1 },
      ],
    });
    expect(data.week.onTime.thisWeek).toMatchObject({ n: 4, numerator: 3, rate: 0.75 });
    expect(data.week.onTime.lastWeek).toMatchObject({ n: 1, rate: 1 });
    // p90 of 10, 20, 30, 40 h = 37 h (within the histogram's 1 %).
    expect(Math.abs(data.week.orderToShip.thisWeek.p90 - 37 * H) / (37 * H)).toBeLessThan(0.01);
  });
});
