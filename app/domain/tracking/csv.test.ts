import { describe, expect, it } from "vitest";
import { parseCarrierEventsCsv, parseTrackingCsv } from "./csv";

describe("parseTrackingCsv", () => {
  it("groups rows of one parcel into one shipment and reports bad rows by line", () => {
    const csv = [
      "Order,Supplier,Tracking Number,Carrier,SKU,Quantity",
      "#1001,Lyon,1Z999AA10123456784,UPS,MUG,1",
      "#1001,Lyon,1Z999AA10123456784,UPS,BOWL,2",
      "#1002,Lyon,,UPS,MUG,1",
      "#1003,Lyon,RA123456785CN RB123456785CN,,,",
    ].join("\n");
    const parsed = parseTrackingCsv(csv);
    expect(parsed).toEqual({
      shipments: [
        {
          rows: [2, 3],
          order: "#1001",
          supplier: "Lyon",
          trackingNumbers: ["1Z999AA10123456784"],
          carrier: "UPS",
          url: null,
          lines: [
            { sku: "MUG", quantity: 1 },
            { sku: "BOWL", quantity: 2 },
          ],
        },
        { rows: [5], order: "#1003", supplier: "Lyon", trackingNumbers: ["RA123456785CN", "RB123456785CN"], carrier: null, url: null, lines: [] },
      ],
      problems: [{ row: 4, problem: "No tracking number." }],
    });
  });
});

describe("parseCarrierEventsCsv", () => {
  it("keeps valid events and names the invalid rows", () => {
    const csv =
      "tracking_number,status,happened_at,event_id\n1Z999AA10123456784,In Transit,2026-04-08T09:00:00Z,e1\n1Z999AA10123456784,Delivered,yesterday,e2\n";
    const parsed = parseCarrierEventsCsv(csv);
    if ("error" in parsed) throw new Error(parsed.error);
    expect(parsed.events.map((e) => [e.row, e.event.status])).toEqual([[2, "In Transit"]]);
    expect(parsed.problems).toEqual([{ row: 3, problem: expect.stringContaining("happenedAt") }]);
  });
});
