/**
 * Suppliers stop seeing a purchase order N days after it closes (issue 16, finding 5;
 * DROPLINE_SUPPLIER_PO_VISIBILITY_DAYS, default 30): the portal's list, a purchase-order link,
 * the supplier API's list and item (404) and its actions no longer return it, so the customer's
 * ship-to is not shown once it is closed beyond the window. Open purchase orders stay visible
 * however old they are.
 */
import type { PrismaClient } from "@prisma/client";
import { beforeAll, describe, expect, it } from "vitest";
import type { AppServices } from "../../app/services.server";
import { TEST_SHOP, useTestAppEnv } from "../helpers/app-env";

useTestAppEnv();

const NOW = Date.parse("2027-05-01T12:00:00Z");
const DAY = 86_400_000;
let db: PrismaClient;
let services: AppServices;
let supplierId: string;
let token: string;
const ids: Record<string, string> = {};

async function purchaseOrder(key: string, status: string, closedDaysAgo: number | null): Promise<string> {
  const row = await db.purchaseOrder.create({
    data: {
      shop: TEST_SHOP,
      number: `PO-${key}`,
      orderId: `gid://shopify/Order/${key.length}${Object.keys(ids).length}`,
      orderName: `#${key}`,
      supplierId,
      fulfillmentOrderId: `gid://shopify/FulfillmentOrder/${Object.keys(ids).length + 1}`,
      status,
      serviceTier: "next_day",
      shipTo: JSON.stringify({ name: `Recipient ${key}`, address1: `${key} Street`, countryCode: "US", email: null, phone: null }),
      lines: "[]",
      shipBy: new Date(NOW - 60 * DAY),
      createdAt: new Date(NOW - 90 * DAY),
      closedAt: closedDaysAgo === null ? null : new Date(NOW - closedDaysAgo * DAY),
    },
  });
  ids[key] = row.id;
  return row.id;
}

function bearer(path: string, init: RequestInit = {}): Request {
  return new Request(`http://localhost:3000${path}`, { ...init, headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" } });
}

beforeAll(async () => {
  db = (await import("../../app/db.server")).default;
  const { buildServices } = await import("../../app/services.server");
  services = buildServices({ now: () => new Date(NOW), supplierPoVisibilityDays: 30 });
  supplierId = (
    await db.supplier.create({
      data: {
        shop: TEST_SHOP,
        name: "Window Co",
        contactEmail: "ops@window.example",
        timeZone: "UTC",
        cutoff: "14:00",
        serviceTier: "next_day",
        handlingMinDays: 1,
        handlingMaxDays: 2,
      },
    })
  ).id;
  await purchaseOrder("OPEN", "accepted", null);
  await purchaseOrder("RECENT", "shipped", 29);
  await purchaseOrder("OLD", "shipped", 31);
  await purchaseOrder("OLDCANCEL", "cancelled", 45);
  const { rotatePortalToken } = await import("../../app/models/portal-tokens.server");
  token = await rotatePortalToken(db, TEST_SHOP, supplierId, new Date(NOW));
});

describe("the supplier's visibility window", () => {
  it("portal: lists open purchase orders and those closed within the window, not older closed ones", async () => {
    const { loadPortal } = await import("../../app/routes/portal.s.$linkId/portal.server");
    const page = await loadPortal(services, token);
    expect(page!.purchaseOrders.map((po) => po.number).sort()).toEqual(["PO-OPEN", "PO-RECENT"]);
    expect(JSON.stringify(page)).not.toContain("OLD Street");
  });

  it("supplier API: the list leaves them out and the item answers 404", async () => {
    const api = await import("../../app/services/portal/supplier-api.server");
    const list = (await (await api.listForSupplier(services, bearer("/api/supplier/purchase-orders"))).json()) as { purchaseOrders: { number: string }[] };
    expect(list.purchaseOrders.map((po) => po.number).sort()).toEqual(["PO-OPEN", "PO-RECENT"]);
    const old = await api.getForSupplier(services, bearer(`/api/supplier/purchase-orders/${ids.OLD}`), ids.OLD!);
    expect(old.status).toBe(404);
    expect(await old.text()).not.toContain("OLD Street");
    const recent = await api.getForSupplier(services, bearer(`/api/supplier/purchase-orders/${ids.RECENT}`), ids.RECENT!);
    expect(recent.status).toBe(200);
    expect(await recent.text()).toContain("RECENT Street");
  });

  it("supplier API: an action on a purchase order past its window is refused as missing", async () => {
    const api = await import("../../app/services/portal/supplier-api.server");
    const body = JSON.stringify({ action: "cancellation", requestId: "visibility-request-1", decision: "accept" });
    const response = await api.actForSupplier(
      services,
      bearer(`/api/supplier/purchase-orders/${ids.OLDCANCEL}`, { method: "POST", body }),
      ids.OLDCANCEL!,
      1 << 20,
    );
    expect(response.status).toBe(404);
  });

  it("a purchase-order link (emailed) stops opening its purchase order once the window has passed", async () => {
    const { issuePurchaseOrderToken } = await import("../../app/models/portal-tokens.server");
    const link = await issuePurchaseOrderToken(db, { shop: TEST_SHOP, supplierId, purchaseOrderId: ids.OLD!, expiresAt: new Date(NOW + DAY) }, new Date(NOW));
    const { loadPortal } = await import("../../app/routes/portal.s.$linkId/portal.server");
    expect((await loadPortal(services, link))!.purchaseOrders).toEqual([]);
  });

  it("the window is configurable: 60 days shows the purchase order closed 31 days ago again", async () => {
    const { buildServices } = await import("../../app/services.server");
    const wider = buildServices({ now: () => new Date(NOW), supplierPoVisibilityDays: 60 });
    const api = await import("../../app/services/portal/supplier-api.server");
    expect((await api.getForSupplier(wider, bearer(`/api/supplier/purchase-orders/${ids.OLD}`), ids.OLD!)).status).toBe(200);
  });

  it("closing records when (closedAt); re-opening clears it", async () => {
    const { transitionPurchaseOrder } = await import("../../app/models/purchase-orders.server");
    const id = await purchaseOrder("CYCLE", "accepted", null);
    const at = new Date(NOW - DAY);
    expect(await transitionPurchaseOrder(db, TEST_SHOP, id, ["accepted"], "shipped", {}, at)).toBe(true);
    expect((await db.purchaseOrder.findUniqueOrThrow({ where: { id } })).closedAt).toEqual(at);
    expect(await transitionPurchaseOrder(db, TEST_SHOP, id, ["shipped"], "accepted", {}, new Date(NOW))).toBe(true);
    expect((await db.purchaseOrder.findUniqueOrThrow({ where: { id } })).closedAt).toBeNull();
  });
});

describe("configuration", () => {
  it("reads DROPLINE_SUPPLIER_PO_VISIBILITY_DAYS (default 30) and refuses nonsense", async () => {
    const { parseEnv } = await import("../../app/env.server");
    const base = { SHOPIFY_API_KEY: "k", SHOPIFY_API_SECRET: "s", SHOPIFY_APP_URL: "https://app.example" };
    expect(parseEnv(base).DROPLINE_SUPPLIER_PO_VISIBILITY_DAYS).toBe(30);
    expect(parseEnv({ ...base, DROPLINE_SUPPLIER_PO_VISIBILITY_DAYS: "7" }).DROPLINE_SUPPLIER_PO_VISIBILITY_DAYS).toBe(7);
    expect(() => parseEnv({ ...base, DROPLINE_SUPPLIER_PO_VISIBILITY_DAYS: "0" })).toThrow(/DROPLINE_SUPPLIER_PO_VISIBILITY_DAYS/);
  });
});
