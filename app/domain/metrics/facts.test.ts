import { describe, expect, it } from "vitest";
import { buildFacts, endOfLocalDay, regionOf, type FactSources } from "./facts";

const H = 3_600_000;
const T0 = Date.UTC(2026, 10, 2, 18); // 2026-11-02 10:00 in Los Angeles

const sources = (overrides: Partial<FactSources> = {}): FactSources => ({
  timeZone: "America/Los_Angeles",
  order: { id: "o1", name: "#1001", channel: "web", countryCode: "US", provinceCode: "WA", placedAtMs: T0, cancelledAtMs: null, cancelReason: null },
  purchaseOrder: {
    id: "po1",
    supplierId: "sup-a",
    status: "shipped",
    lines: [
      { sku: "MUG", variantId: "v1", fulfillmentOrderLineItemId: "l1" },
      { sku: "", variantId: "v2", fulfillmentOrderLineItemId: "l2" },
    ],
    shipByMs: T0 + 48 * H,
    committedShipAtMs: T0 + 40 * H,
    acknowledgedAtMs: T0 + 3 * H,
    rejectionReason: null,
    stockoutReported: false,
  },
  shipments: [
    {
      id: "s1",
      skus: ["MUG", "v2"],
      labelCreatedAtMs: T0 + 30 * H,
      syncedAtMs: T0 + 30.5 * H,
      deliveredAtMs: T0 + 100 * H,
      promisedLatest: "2026-11-06",
      promiseTimeZone: "America/New_York",
    },
  ],
  cases: [],
  ...overrides,
});

describe("fulfillment facts from a purchase order", () => {
  it("reads one fact per SKU with the shipment's instants and the promise's end of day", () => {
    const facts = buildFacts(sources());
    expect(facts.map((f) => f.lineKey)).toEqual(["MUG", "v2"]);
    expect(facts[0]).toMatchObject({
      day: "2026-11-02",
      region: "US-WA",
      acknowledgedAt: T0 + 3 * H,
      confirmedAt: T0 + 3 * H,
      shippedAt: T0 + 30 * H,
      trackingUploadedAt: T0 + 30.5 * H,
      deliveredAt: T0 + 100 * H,
      promisedShipBy: T0 + 48 * H,
      // 2026-11-06 ends at 2026-11-07 00:00 New York (EST, UTC−5) = 05:00 UTC.
      promisedDeliveryBy: Date.UTC(2026, 10, 7, 5) - 1,
      accepted: true,
      cancelled: false,
      stockout: false,
      exception: false,
    });
  });

  it("counts a rejection for stock as a stockout and hands the promise on", () => {
    const [fact] = buildFacts(
      sources({
        purchaseOrder: {
          ...sources().purchaseOrder,
          status: "rerouted",
          committedShipAtMs: null,
          rejectionReason: "INVENTORY_OUT_OF_STOCK",
          lines: [{ sku: "MUG", variantId: null, fulfillmentOrderLineItemId: "l1" }],
        },
        shipments: [],
      }),
    );
    expect(fact).toMatchObject({ accepted: false, stockout: true, confirmedAt: undefined, promisedShipBy: undefined, shippedAt: undefined });
  });

  it("keeps Shopify's cancel reason and marks parcel exceptions of the line's shipment only", () => {
    const facts = buildFacts(
      sources({
        order: { ...sources().order, cancelledAtMs: T0 + 5 * H, cancelReason: "customer" },
        cases: [
          { type: "lost", shipmentId: "s1" },
          { type: "no_tracking_by_ship_date", shipmentId: null },
        ],
      }),
    );
    expect(facts[0]).toMatchObject({ cancelled: true, cancelReason: "customer", exception: true, promisedDeliveryBy: undefined });
  });

  it("is not delivered while one of the line's shipments is still on its way", () => {
    const second = { ...sources().shipments[0]!, id: "s2", skus: ["MUG"], labelCreatedAtMs: T0 + 20 * H, syncedAtMs: null, deliveredAtMs: null };
    const [mug] = buildFacts(sources({ shipments: [...sources().shipments, second] }));
    expect(mug).toMatchObject({ shippedAt: T0 + 20 * H, trackingUploadedAt: undefined, deliveredAt: undefined });
  });

  it("names regions by country and province", () => {
    expect([regionOf("US", "CA"), regionOf("DE", null), regionOf(null, null)]).toEqual(["US-CA", "DE", "unknown"]);
    expect(endOfLocalDay("2026-07-01", "UTC")).toBe(Date.UTC(2026, 6, 2) - 1);
  });
});
