import { describe, expect, it } from "vitest";
import type { PromiseData } from "../promise/metafield";
import { localInputValue, parsePreviewQuery, previewRegions, previewZones } from "./query";

const data: PromiseData = {
  v: 1,
  suppliers: [
    {
      tz: "America/Los_Angeles",
      cutoff: "14:00",
      wd: [1, 2, 3, 4, 5],
      hol: [],
      handling: [1, 2],
      coverage: [
        ["US", "CA", 1, 2],
        ["US", null, 3, 5],
      ],
    },
    { tz: "Europe/Paris", cutoff: "12:00", wd: [1, 2, 3, 4, 5], hol: [], handling: [1, 3], coverage: [["FR", null, 1, 2]] },
  ],
};

describe("the preview form", () => {
  it("offers the published regions (countries and province rows) and the suppliers' zones", () => {
    expect(previewRegions([data, null]).map((r) => [r.value, r.label])).toEqual([
      ["US-CA", "CA, United States"],
      ["FR", "France"],
      ["US", "United States"],
    ]);
    expect(previewZones([data])).toEqual(["America/Los_Angeles", "Europe/Paris", "UTC"]);
  });

  it("reads the date and time in the chosen zone", () => {
    const parsed = parsePreviewQuery({ variant: "gid://shopify/ProductVariant/1", region: "US-CA", at: "2026-12-11T15:30", zone: "Europe/Paris" });
    expect(parsed).toEqual({
      ok: true,
      value: {
        variant: "gid://shopify/ProductVariant/1",
        region: "US-CA",
        at: "2026-12-11T15:30",
        zone: "Europe/Paris",
        orderedAtMs: Date.UTC(2026, 11, 11, 14, 30),
        destination: { countryCode: "US", provinceCode: "CA" },
      },
    });
    expect(localInputValue(Date.UTC(2026, 11, 11, 14, 30), "America/Los_Angeles")).toBe("2026-12-11T06:30");
  });

  it("says which field is wrong", () => {
    const parsed = parsePreviewQuery({ variant: "", region: "France", at: "tomorrow", zone: "Mars/Olympus" });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.failure.fieldErrors).toEqual({
      variant: "Choose a variant",
      region: "Choose a region",
      at: "Enter a date and time",
      zone: "Choose a time zone",
    });
  });
});
