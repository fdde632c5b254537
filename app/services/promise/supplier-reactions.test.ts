import { describe, expect, it } from "vitest";
import { NEUTRAL_PERFORMANCE, type Supplier } from "~/domain/routing";
import { supplierReactions } from "./publish.server";

const supplier = (id: string): Supplier => ({
  id,
  name: id,
  status: "active",
  calendar: { timeZone: "Europe/Paris", cutoff: "14:00", holidays: [] },
  serviceTier: { tier: "48_hour", handling: { min: 1, max: 2 } },
  coverage: [{ countryCode: "FR", transit: { min: 1, max: 3 } }],
  costs: { dropshipFee: 0, shippingCostByRegion: [] },
  feedCadenceMs: 3_600_000,
  performance: NEUTRAL_PERFORMANCE,
});

describe("supplierReactions (what the publish reacts to)", () => {
  const now = new Date("2026-03-06T10:00:00Z"); // Friday
  const hour = 3_600_000;

  it("reads the stock feed's age, the open order-to-ship alert and unacknowledged purchase orders per supplier", () => {
    const reactions = supplierReactions(
      [supplier("fresh"), supplier("stale"), supplier("drifting"), supplier("swamped")],
      [
        { supplierId: "fresh", stockUpdatedAt: new Date(now.getTime() - hour) },
        { supplierId: "stale", stockUpdatedAt: new Date(now.getTime() - 3 * 24 * hour) },
        { supplierId: "stale", stockUpdatedAt: new Date(now.getTime() - 2 * 24 * hour) },
      ],
      24 * hour,
      [
        { metric: "orderToShip", dimension: "supplierId", segment: "drifting", value: 5 * 24 * hour, limit: 3 * 24 * hour },
        // Other metrics and shop-wide alerts are not about one supplier's handling.
        { metric: "orderToShip", dimension: "all", segment: "", value: 9 * 24 * hour, limit: 1 },
        { metric: "cancellationRate", dimension: "supplierId", segment: "fresh", value: 0.5, limit: 0.1 },
      ],
      [
        { supplierId: "swamped", sentAt: new Date("2026-03-02T09:00:00Z") },
        { supplierId: "swamped", sentAt: new Date("2026-03-03T09:00:00Z") },
        { supplierId: "swamped", sentAt: new Date("2026-03-05T09:00:00Z") },
      ],
      now,
    );
    expect([...reactions.keys()].sort()).toEqual(["drifting", "stale", "swamped"]);
    expect(reactions.get("stale")?.reasons).toEqual(["stale_feed"]);
    expect(reactions.get("drifting")).toMatchObject({ shiftDays: 2, reasons: ["handling_alert"] });
    // The oldest has waited Monday → Friday: 4 business days, so a new order waits 3 more.
    expect(reactions.get("swamped")).toMatchObject({ shiftDays: 3, reasons: ["unacknowledged_backlog"] });
  });
});
