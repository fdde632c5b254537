import { describe, expect, it } from "vitest";
import { parseTrackingEvent } from "./event";
import { TRACKING_STAGES, stageRank, toFulfillmentEventStatus } from "./stages";
import { plainStageText } from "./wording";

describe("stages", () => {
  it("orders the forward stages from supplier to doorstep", () => {
    expect(stageRank("awaiting_supplier")).toBeLessThan(stageRank("label_created"));
    expect(stageRank("out_for_delivery")).toBeLessThan(stageRank("delivered"));
  });

  it.each([
    ["label_created", "LABEL_PURCHASED"],
    ["picked_up", "CARRIER_PICKED_UP"],
    ["in_transit", "IN_TRANSIT"],
    ["out_for_delivery", "OUT_FOR_DELIVERY"],
    ["delivered", "DELIVERED"],
    ["delayed", "DELAYED"],
    ["delivery_attempt_failed", "ATTEMPTED_DELIVERY"],
    ["returned_to_sender", "FAILURE"],
    ["lost", "FAILURE"],
  ] as const)("reports %s to Shopify as %s", (stage, status) => {
    expect(toFulfillmentEventStatus(stage)).toBe(status);
  });

  it("has a short sentence for every stage in English and French", () => {
    for (const stage of TRACKING_STAGES) {
      for (const locale of ["en", "fr"] as const) {
        const text = plainStageText(stage, locale);
        expect(text.length).toBeGreaterThan(10);
        expect(text.length).toBeLessThan(120);
      }
    }
    expect(plainStageText("in_transit", "en")).toBe("Your parcel is on its way.");
    expect(plainStageText("delivered", "fr")).toBe("Votre colis a été livré.");
  });
});

describe("parseTrackingEvent", () => {
  it("accepts a carrier-neutral event", () => {
    const result = parseTrackingEvent({
      trackingNumber: "LX123",
      carrier: "La Poste",
      status: "DI1",
      happenedAt: "2026-03-02T10:15:00+01:00",
      location: { city: "Lyon", country: "FR", zip: "69002" },
      estimatedDeliveryAt: "2026-03-03",
    });
    expect(result.ok).toBe(true);
  });

  it("names the fields that are wrong", () => {
    const result = parseTrackingEvent({ trackingNumber: "", status: "DI1", happenedAt: "yesterday" });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.failure.message).toContain("trackingNumber");
      expect(result.failure.message).toContain("happenedAt");
    }
  });
});
