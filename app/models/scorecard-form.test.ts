import { describe, expect, it } from "vitest";
import { parseScorecardForm } from "./scorecard-form";

const form = (over: Record<string, string> = {}) => ({
  "weights.shipmentTime": "60",
  "weights.shareShipped": "25",
  "weights.shareCancelled": "15",
  windowDays: "60",
  lateToleranceDays: "2",
  minLines: "5",
  minSkuLines: "3",
  ...over,
});

describe("scorecard settings form", () => {
  it("saves weights that add up to 100", () => {
    const result = parseScorecardForm(form());
    expect(result.ok && result.value).toEqual({
      weights: { shipmentTime: 60, shareShipped: 25, shareCancelled: 15 },
      windowDays: 60,
      lateToleranceDays: 2,
      minLines: 5,
      minSkuLines: 3,
    });
  });

  it("says the weights must add up to 100 on the form as a whole", () => {
    const result = parseScorecardForm(form({ "weights.shareCancelled": "25" }));
    expect(!result.ok && result.failure.fieldErrors).toEqual({ "": "The weights must add up to 100 %" });
  });

  it("refuses a negative weight and a non-number on their own fields", () => {
    const result = parseScorecardForm(form({ "weights.shipmentTime": "-10", "weights.shareShipped": "95", minLines: "many" }));
    expect(!result.ok && result.failure.fieldErrors["weights.shipmentTime"]).toBe("Shipment time weight cannot be negative");
    expect(!result.ok && result.failure.fieldErrors.minLines).toBe("Enter a number");
  });
});
