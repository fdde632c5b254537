import { describe, expect, it } from "vitest";
import { buildPurchaseOrder, committedShipBy, purchaseOrdersCsv, type PurchaseOrderSource } from "./purchase-order";

const SUPPLIER = { id: "sup-west-1234", serviceTier: "next_day", handlingMaxDays: 1, timeZone: "America/Los_Angeles", cutoff: "14:00", holidays: [] };

const FO: PurchaseOrderSource = {
  id: "gid://shopify/FulfillmentOrder/555",
  deliveryMethod: { presentedName: "Express", serviceCode: "EXPRESS" },
  destination: {
    firstName: "Ada",
    lastName: "Lovelace",
    company: null,
    address1: "1 Pine St",
    address2: null,
    city: "Seattle",
    province: "WA",
    zip: "98101",
    countryCode: "US",
    phone: null,
    email: "ada@example.com",
  },
  order: { id: "gid://shopify/Order/1", name: "#1001", note: "Gift wrap please", tags: ["gift", "vip"] },
  lineItems: {
    nodes: [
      { id: "fl-1", remainingQuantity: 2, sku: "MUG", productTitle: "Camp Mug", variantTitle: "Blue", variant: { id: "v-1" }, lineItem: { id: "li-1" } },
      { id: "fl-2", remainingQuantity: 0, sku: "CAP", productTitle: "Cap", variantTitle: null, variant: { id: "v-2" }, lineItem: { id: "li-2" } },
    ],
  },
};

describe("purchase orders", () => {
  it("carries both SKUs, the customer's shipping method, the address, the gift note and a ship-by date", () => {
    const po = buildPurchaseOrder(FO, SUPPLIER, new Map([["v-1", "W-MUG-BLUE"]]), Date.parse("2026-11-23T18:00:00Z"));
    expect(po.lines).toEqual([
      {
        fulfillmentOrderLineItemId: "fl-1",
        lineItemId: "li-1",
        variantId: "v-1",
        sku: "MUG",
        supplierSku: "W-MUG-BLUE",
        title: "Camp Mug — Blue",
        quantity: 2,
      },
    ]);
    expect(po).toMatchObject({ number: "PO-1001-5551234", shippingMethod: "Express", serviceTier: "next_day", notes: "Gift wrap please\nTags: gift" });
    expect(po.shipTo).toMatchObject({ name: "Ada Lovelace", address1: "1 Pine St", countryCode: "US" });
  });

  it("ship-by counts the supplier's handling days from the day the order reaches them (after cut-off = next business day)", () => {
    // Monday 10:00 LA (before the 14:00 cut-off): ships by end of Tuesday, Los Angeles time.
    expect(committedShipBy(SUPPLIER, Date.parse("2026-11-23T18:00:00Z")).toISOString()).toBe("2026-11-25T07:59:00.000Z");
    // Friday 15:00 LA (after cut-off): starts Monday, ships by end of Tuesday.
    expect(committedShipBy(SUPPLIER, Date.parse("2026-11-27T23:00:00Z")).toISOString()).toBe("2026-12-02T07:59:00.000Z");
  });

  it("exports one CSV row per line with formula-looking cells neutralised", () => {
    const po = { ...buildPurchaseOrder({ ...FO, order: { ...FO.order, note: "=HYPERLINK(1)" } }, SUPPLIER, new Map(), 0), status: "sent" };
    const [header, row] = purchaseOrdersCsv([po]).trim().split("\r\n");
    expect(header).toMatch(/^po_number,order,status,sku,supplier_sku/);
    expect(row).toContain("'=HYPERLINK(1)");
  });

  it("quotes a bare carriage return in the PO export (finding 8)", () => {
    const po = {
      ...buildPurchaseOrder({ ...FO, order: { ...FO.order, tags: [], note: "Leave at door\r=cmd|' /C calc'!A0" } }, SUPPLIER, new Map(), 0),
      status: "sent",
    };
    const rows = purchaseOrdersCsv([po]).split("\r\n");
    expect(rows).toHaveLength(3); // header, one line, the final empty string: the CR did not split a row
    expect(rows[1]).toContain("\"Leave at door\r=cmd|' /C calc'!A0\"");
  });
});
