import { describe, expect, it } from "vitest";
import { parseSupplierForm, supplierFormValues, supplierToFormValues, tierHandlingWarning, type SupplierFormValues } from "./supplier-form";

const valid = (): SupplierFormValues => ({
  name: "Pacific Outfitters Supply",
  contactEmail: "orders@pacific.example",
  timeZone: "America/Los_Angeles",
  cutoff: "14:00",
  holidays: "2026-12-25\n2026-11-26",
  workingDays: ["1", "2", "3", "4", "5"],
  serviceTier: "same_day",
  handlingMinDays: "0",
  handlingMaxDays: "1",
  dropshipFee: "2.50",
  feedCadenceMinutes: "60",
  coverage: [
    { countryCode: "US", provinceCode: "", transitMin: "2", transitMax: "5", shippingCost: "6.90" },
    { countryCode: "US", provinceCode: "CA", transitMin: "1", transitMax: "2", shippingCost: "4.90" },
  ],
});

function errorsFor(change: (v: SupplierFormValues) => void): Record<string, string> {
  const values = valid();
  change(values);
  const result = parseSupplierForm(values);
  if (result.ok) throw new Error("expected the form to be refused");
  return result.failure.fieldErrors;
}

describe("the supplier form schema", () => {
  it("turns valid values into storage units: minor-unit money, sorted holidays, optional provinces", () => {
    const result = parseSupplierForm(valid());
    expect(result).toEqual({
      ok: true,
      value: expect.objectContaining({
        holidays: ["2026-11-26", "2026-12-25"],
        dropshipFeeMinor: 250,
        handlingMinDays: 0,
        feedCadenceMinutes: 60,
        coverage: [
          { countryCode: "US", transitMin: 2, transitMax: 5, shippingCostMinor: 690 },
          { countryCode: "US", provinceCode: "CA", transitMin: 1, transitMax: 2, shippingCostMinor: 490 },
        ],
      }),
    });
  });

  it("refuses a time zone the runtime does not know", () => {
    expect(errorsFor((v) => (v.timeZone = "Mars/Olympus_Mons")).timeZone).toMatch(/time zone/);
  });

  it("refuses a cut-off that is not a 24-hour HH:mm time", () => {
    expect(errorsFor((v) => (v.cutoff = "2pm")).cutoff).toMatch(/24-hour time/);
    expect(errorsFor((v) => (v.cutoff = "24:00")).cutoff).toMatch(/24-hour time/);
  });

  it("names the holiday that is not a real YYYY-MM-DD date", () => {
    expect(errorsFor((v) => (v.holidays = "2026-12-25, 2026-02-30")).holidays).toBe('"2026-02-30" is not a date; write holidays as YYYY-MM-DD');
    expect(errorsFor((v) => (v.holidays = "25/12/2026")).holidays).toMatch(/YYYY-MM-DD/);
  });

  it("puts handling min above max on the max field", () => {
    expect(errorsFor((v) => ((v.handlingMinDays = "3"), (v.handlingMaxDays = "2")))).toEqual({ handlingMaxDays: "Handling max must be at least handling min" });
  });

  it("reports handling min > max even when another field is wrong too", () => {
    const errors = errorsFor((v) => ((v.name = ""), (v.handlingMinDays = "3"), (v.handlingMaxDays = "2")));
    expect(Object.keys(errors).sort()).toEqual(["handlingMaxDays", "name"]);
  });

  it("refuses non-numeric and negative handling days", () => {
    expect(errorsFor((v) => (v.handlingMinDays = "one")).handlingMinDays).toMatch(/whole number/);
    expect(errorsFor((v) => (v.handlingMinDays = "-1")).handlingMinDays).toMatch(/whole number/);
  });

  it("puts transit min above max on that row's max field", () => {
    expect(errorsFor((v) => (v.coverage[1]!.transitMin = "4"))).toEqual({ "coverage.1.transitMax": "Transit max must be at least transit min" });
  });

  it("refuses negative and malformed money, on the field that holds it", () => {
    expect(errorsFor((v) => (v.dropshipFee = "-1.00")).dropshipFee).toBe("Dropship fee can't be negative");
    expect(errorsFor((v) => (v.dropshipFee = "2,50")).dropshipFee).toBe("Dropship fee must be an amount such as 4.50");
    expect(errorsFor((v) => (v.coverage[0]!.shippingCost = "1.999"))["coverage.0.shippingCost"]).toMatch(/amount such as/);
    expect(errorsFor((v) => (v.coverage[0]!.shippingCost = "-3"))["coverage.0.shippingCost"]).toBe("Shipping cost can't be negative");
  });

  it("needs at least one coverage row", () => {
    expect(errorsFor((v) => (v.coverage = []))).toEqual({ coverage: "Add at least one region the supplier ships to" });
  });

  it("wants ISO-2 country codes in capitals that Shopify knows", () => {
    expect(errorsFor((v) => (v.coverage[0]!.countryCode = "us"))["coverage.0.countryCode"]).toMatch(/two-letter country code in capitals/);
    expect(errorsFor((v) => (v.coverage[0]!.countryCode = "USA"))["coverage.0.countryCode"]).toMatch(/two-letter/);
    expect(errorsFor((v) => (v.coverage[0]!.countryCode = "XX"))["coverage.0.countryCode"]).toBe("Not a country code Shopify knows");
    expect(errorsFor((v) => (v.coverage[1]!.provinceCode = "ca"))["coverage.1.provinceCode"]).toMatch(/capitals/);
  });

  it("refuses the same region twice", () => {
    expect(errorsFor((v) => (v.coverage[1]!.provinceCode = ""))).toEqual({ "coverage.1.countryCode": "This region is already listed" });
  });

  it("requires a name, a real email and a known service tier", () => {
    expect(errorsFor((v) => (v.name = "  ")).name).toBe("Name is required");
    expect(errorsFor((v) => (v.contactEmail = "orders@")).contactEmail).toMatch(/email address/);
    expect(errorsFor((v) => (v.serviceTier = "overnight")).serviceTier).toBe("Choose a service tier");
  });

  it("reads coverage rows from form fields in index order and round-trips stored values", () => {
    const form = new FormData();
    const values = valid();
    for (const [key, value] of Object.entries(values)) if (typeof value === "string") form.set(key, value);
    for (const day of values.workingDays) form.append("workingDays", day);
    // Rows 0 and 3: a removed row in between leaves a gap, which must not produce an empty row.
    values.coverage.forEach((row, i) => {
      for (const [field, value] of Object.entries(row)) form.set(`coverage.${i === 0 ? 0 : 3}.${field}`, value);
    });
    const read = supplierFormValues(form);
    expect(read).toEqual(values);
    const parsed = parseSupplierForm(read);
    if (!parsed.ok) throw new Error("valid values refused");
    expect(parseSupplierForm(supplierToFormValues(parsed.value))).toEqual(parsed);
  });

  it("stores the ticked working days as sorted ISO weekdays, Monday–Saturday included", () => {
    const result = parseSupplierForm({ ...valid(), workingDays: ["6", "1", "2", "3", "4", "5", "6"] });
    expect(result.ok && result.value.workingDays).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("refuses a supplier that ships on no day, and a day that is not a weekday", () => {
    expect(errorsFor((v) => (v.workingDays = [])).workingDays).toBe("Choose at least one day the supplier ships");
    expect(errorsFor((v) => (v.workingDays = ["1", "8"])).workingDays).toBe('"8" is not a weekday');
  });

  it("reads no ticked box as no working day when the form showed the boxes, and as Monday–Friday when it did not", () => {
    const shown = new FormData();
    shown.set("workingDaysShown", "1");
    expect(supplierFormValues(shown).workingDays).toEqual([]);
    expect(supplierFormValues(new FormData()).workingDays).toEqual(["1", "2", "3", "4", "5"]);
  });
});

describe("the tier and handling warning", () => {
  const warning = (serviceTier: string, handlingMinDays: string, handlingMaxDays: string) =>
    tierHandlingWarning({ serviceTier, handlingMinDays, handlingMaxDays });

  it.each([
    ["same_day", "0", "0"],
    ["same_day", "0", "1"],
    ["next_day", "1", "2"],
    ["48_hour", "1", "3"],
    ["special_order", "0", "0"],
    ["special_order", "10", "20"],
  ])("is silent when %s has %s–%s handling days", (tier, min, max) => {
    expect(warning(tier, min, max)).toBeNull();
  });

  it.each([
    ["same_day", "5", "5", /"Same day" tier means handing orders to the carrier within 0 business days, but handling is set to 5 business days/],
    ["same_day", "0", "2", /handling is set to 0–2 business days/],
    ["next_day", "2", "2", /"Next day" tier .* within 1 business day,/],
    ["48_hour", "0", "4", /"48 hours" tier/],
  ])("warns when %s has %s–%s handling days", (tier, min, max, message) => {
    expect(warning(tier, min, max)).toMatch(message);
  });

  it("waits for valid numbers before judging", () => {
    expect(warning("same_day", "", "5")).toBeNull();
    expect(warning("same_day", "6", "5")).toBeNull();
    expect(warning("overnight", "0", "5")).toBeNull();
  });

  it("does not stop the supplier being saved", () => {
    expect(parseSupplierForm({ ...valid(), serviceTier: "same_day", handlingMinDays: "5", handlingMaxDays: "5" }).ok).toBe(true);
  });
});
