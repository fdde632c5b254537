import { describe, expect, it } from "vitest";
import { learnFromShipments, SAMPLES_KEPT, shipmentMilestones, type ShipmentObservation } from "./observations";

const ms = (iso: string): number => Date.parse(iso);
const NY = { timeZone: "America/New_York", cutoff: "14:00", holidays: [] };
const calendars = new Map([["sup", NY]]);

/** Ordered Monday 2026-11-09 10:00 New York; first scan and delivery as given. */
function shipment(scan: string | null, delivered: string | null, extra: Partial<ShipmentObservation> = {}): ShipmentObservation {
  const events = [
    ...(scan ? [{ stage: "picked_up", happenedAtMs: ms(scan) }] : []),
    ...(delivered ? [{ stage: "delivered", happenedAtMs: ms(delivered) }] : []),
  ];
  return { supplierId: "sup", orderedAtMs: ms("2026-11-09T15:00:00Z"), countryCode: "US", provinceCode: "NY", parcels: [{ events }], ...extra };
}

describe("shipmentMilestones", () => {
  it("takes the first carrier scan of any parcel and the last parcel's delivery", () => {
    const parcels = [
      {
        events: [
          { stage: "label_created", happenedAtMs: 1 },
          { stage: "in_transit", happenedAtMs: 5 },
          { stage: "delivered", happenedAtMs: 9 },
        ],
      },
      {
        events: [
          { stage: "picked_up", happenedAtMs: 3 },
          { stage: "delivered", happenedAtMs: 12 },
        ],
      },
    ];
    expect(shipmentMilestones(parcels)).toEqual({ handedOverMs: 3, deliveredMs: 12 });
  });

  it("is not delivered while one parcel is still on its way", () => {
    const parcels = [{ events: [{ stage: "delivered", happenedAtMs: 9 }] }, { events: [{ stage: "in_transit", happenedAtMs: 4 }] }];
    expect(shipmentMilestones(parcels)).toEqual({ handedOverMs: 4, deliveredMs: null });
  });
});

describe("learnFromShipments", () => {
  it("counts handling in supplier business days from the start day and transit in carrier business days", () => {
    // Scanned Tuesday, delivered the Friday (3 carrier days) / the next Monday (4: weekend skipped).
    const learned = learnFromShipments(
      [shipment("2026-11-10T20:00:00Z", "2026-11-13T18:00:00Z"), shipment("2026-11-10T20:00:00Z", "2026-11-16T18:00:00Z")],
      calendars,
    );
    expect(learned.handling.get("sup")).toEqual([1, 1]);
    expect(learned.transit.get("sup")).toEqual([
      { countryCode: "US", provinceCode: "NY", days: 3 },
      { countryCode: "US", provinceCode: "NY", days: 4 },
    ]);
  });

  it("skips the carrier's holidays when counting transit", () => {
    const learned = learnFromShipments([shipment("2026-11-10T20:00:00Z", "2026-11-16T18:00:00Z")], calendars, ["2026-11-13"]);
    expect(learned.transit.get("sup")?.[0]?.days).toBe(3);
  });

  it("learns handling from a shipment still in transit, and nothing from one not scanned yet", () => {
    const learned = learnFromShipments([shipment("2026-11-11T20:00:00Z", null), shipment(null, null)], calendars);
    expect(learned.handling.get("sup")).toEqual([2]);
    expect(learned.transit.get("sup")).toBeUndefined();
  });

  it("ignores suppliers without a calendar and scans dated before the order", () => {
    const learned = learnFromShipments([shipment("2026-11-10T20:00:00Z", null, { supplierId: "gone" }), shipment("2026-11-01T20:00:00Z", null)], calendars);
    expect(learned.handling.size).toBe(0);
  });

  it("keeps the newest samples per supplier", () => {
    const old = Array.from({ length: SAMPLES_KEPT }, () => shipment("2026-11-12T20:00:00Z", null));
    const recent = shipment("2026-11-17T20:00:00Z", null, { orderedAtMs: ms("2026-11-16T15:00:00Z") });
    const handling = learnFromShipments([...old, recent], calendars).handling.get("sup");
    expect(handling).toHaveLength(SAMPLES_KEPT);
    expect(handling?.[0]).toBe(1);
    expect(handling?.[1]).toBe(3);
  });
});
