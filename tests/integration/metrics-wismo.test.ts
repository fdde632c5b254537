/**
 * WISMO contacts: the helpdesk CSV import (all or nothing, duplicates by ticket id skipped), the
 * order page's "Customer asked where the order is" button, and the metric the refresh counts.
 */
import { getJwt } from "@shopify/shopify-api/test-helpers";
import type { PrismaClient } from "@prisma/client";
import { beforeAll, describe, expect, it } from "vitest";
import { TEST_API_KEY, TEST_API_SECRET, TEST_SHOP, useTestAppEnv } from "../helpers/app-env";
import { factRow } from "../helpers/metrics";

useTestAppEnv();

let db: PrismaClient;
const DAY = "2026-11-30";
const ORDER_TAIL = "9007199254740993001";

const order = (tail: string, name: string) => ({
  id: `gid://shopify/Order/${tail}`,
  shop: TEST_SHOP,
  name,
  currencyCode: "USD",
  totalMinor: 4000,
  channel: "web",
  countryCode: "US",
  provinceCode: "WA",
  lines: "[]",
  placedAt: new Date(`${DAY}T09:00:00Z`),
});

const importCsv = async (text: string) => {
  const { importWismoCsv } = await import("../../app/services/metrics/wismo.server");
  const { services } = await import("../../app/services.server");
  return importWismoCsv(services(), TEST_SHOP, text);
};

beforeAll(async () => {
  db = (await import("../../app/db.server")).default;
  const { SCOPES } = await import("../../app/shopify/scopes");
  await db.session.create({
    data: { id: `offline_${TEST_SHOP}`, shop: TEST_SHOP, state: "installed", isOnline: false, scope: SCOPES.join(","), accessToken: "shpat_wismo" },
  });
  await db.order.createMany({ data: [order(ORDER_TAIL, "#1001"), order("9007199254740993002", "#1002")] });
});

describe("the WISMO CSV import", () => {
  it("imports nothing when a row is wrong, and says which rows", async () => {
    const result = await importCsv(
      "order,contacted_at,channel,ticket_id\n1001,2026-11-30T10:00:00Z,email,T-1\n1999,2026-11-30T10:00:00Z,email,T-2\n1002,yesterday,chat,T-3\n",
    );
    expect(result).toEqual({
      ok: false,
      error: "Nothing was imported: 2 row(s) need fixing.",
      problems: [
        { line: 3, problem: "No order #1999 in this shop." },
        { line: 4, problem: '"yesterday" is not a date and time with a zone, e.g. 2026-11-30T14:05:00Z.' },
      ],
    });
    expect(await db.wismoContact.count()).toBe(0);
  });

  it("imports a good file once: a ticket id seen before is skipped", async () => {
    const csv =
      "order,contacted_at,channel,ticket_id\n1001,2026-11-30T10:00:00Z,email,T-1\n#1002,2026-11-30T12:00:00Z,chat,T-2\n1002,2026-11-30T13:00:00Z,phone,\n";
    expect(await importCsv(csv)).toEqual({ ok: true, imported: 3, duplicates: 0 });
    expect(await importCsv(csv)).toEqual({ ok: true, imported: 1, duplicates: 2 });
    expect(await db.wismoContact.count({ where: { shop: TEST_SHOP, source: "csv" } })).toBe(4);
  });
});

describe("the order page's WISMO button", () => {
  it("records a contact for the order, by staff", async () => {
    const { action } = await import("../../app/routes/app.orders.$id");
    const { token } = await getJwt(TEST_SHOP.replace(".myshopify.com", ""), TEST_API_KEY, TEST_API_SECRET);
    const request = new Request(`http://localhost:3000/app/orders/${ORDER_TAIL}`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}` },
      body: new URLSearchParams({ intent: "wismo", channel: "phone" }),
    });
    const result = await action({ request, params: { id: ORDER_TAIL }, context: {} });
    expect(result).toMatchObject({ ok: true });
    expect(await db.wismoContact.findMany({ where: { shop: TEST_SHOP, source: "staff" } })).toMatchObject([
      { orderName: "#1001", channel: "phone", ticketId: null },
    ]);
  });
});

describe("the WISMO metric", () => {
  it("counts the day's contacts per order placed that day", async () => {
    // Two orders placed on the day (their facts), and the contacts made that day: 4 imported at
    // 2026-11-30; the staff contact was made today, another day.
    await db.fulfillmentFact.createMany({
      data: [factRow(TEST_SHOP, { po: "a", day: DAY }), { ...factRow(TEST_SHOP, { po: "b", day: DAY }), orderId: order("9007199254740993002", "").id }],
    });
    const { refreshMetrics } = await import("../../app/services/metrics/refresh.server");
    const { services } = await import("../../app/services.server");
    await refreshMetrics(services(), TEST_SHOP, { full: true });
    const row = await db.metricDay.findUniqueOrThrow({
      where: { shop_day_metric_dimension_segment: { shop: TEST_SHOP, day: DAY, metric: "wismoPer100Orders", dimension: "all", segment: "" } },
    });
    expect(row).toMatchObject({ n: 2, numerator: 4, value: 2 });
  });
});
