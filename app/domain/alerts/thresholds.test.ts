import { describe, expect, it } from "vitest";
import { METRIC_NAMES } from "../metrics/definitions";
import { defaultThresholds, parseThresholdsForm, readThresholds, thresholdValue } from "./thresholds";

/** The form as the page posts it with the defaults filled in. */
function defaultForm(): Record<string, string> {
  const fields: Record<string, string> = { recoveryDays: "2", recipientEmail: "" };
  for (const [metric, t] of Object.entries(defaultThresholds().metrics)) {
    if (t.enabled) fields[`${metric}.enabled`] = "on";
    fields[`${metric}.threshold`] = t.threshold === null ? "" : String(t.threshold);
    fields[`${metric}.runLength`] = String(t.runLength);
  }
  return fields;
}

describe("alert thresholds", () => {
  it("defaults: confirmation over 24 h three days running, every metric enabled, two days to recover", () => {
    const t = defaultThresholds();
    expect(Object.keys(t.metrics)).toEqual(METRIC_NAMES);
    expect(t.metrics.orderToConfirmation).toEqual({ enabled: true, threshold: 24, runLength: 3 });
    expect(t.recoveryDays).toBe(2);
    expect(thresholdValue("orderToConfirmation", 24)).toBe(24 * 3_600_000);
    expect(thresholdValue("cancellationRate", 5)).toBeCloseTo(0.05, 12);
  });

  it("parses the form: a blank threshold means control limits only, an unticked box disables the metric", () => {
    const form: Record<string, string> = {
      ...defaultForm(),
      "orderToShip.threshold": " ",
      "cancellationRate.threshold": "7.5",
      recipientEmail: "ops@camp.example",
    };
    delete form["stockoutRate.enabled"];
    const parsed = parseThresholdsForm(form);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.thresholds.metrics.orderToShip).toEqual({ enabled: true, threshold: null, runLength: 3 });
    expect(parsed.value.thresholds.metrics.cancellationRate).toEqual({ enabled: true, threshold: 7.5, runLength: 3 });
    expect(parsed.value.thresholds.metrics.stockoutRate!.enabled).toBe(false);
    expect(parsed.value.recipientEmail).toBe("ops@camp.example");
  });

  it.each([
    ["cancellationRate.threshold", "120", "Cancellation rate: a percentage is 0 to 100."],
    ["orderToConfirmation.threshold", "0", "Order-to-confirmation time: the threshold must be above 0 hours."],
    ["orderToConfirmation.threshold", "soon", "Order-to-confirmation time: the threshold must be a number of hours."],
    ["orderToShip.runLength", "0", "Order-to-ship time: the run length is 1 to 14 days."],
    ["orderToShip.runLength", "2.5", "Order-to-ship time: the run length must be a whole number of days."],
    ["recoveryDays", "30", "Days back in control is 1 to 14."],
    ["recipientEmail", "not-an-email", "Enter a valid email address, or leave it blank to use the store's contact email."],
  ])("rejects %s = %j with a message a merchant can act on", (field, value, message) => {
    expect(parseThresholdsForm({ ...defaultForm(), [field]: value })).toEqual({ ok: false, message });
  });

  it("reads stored thresholds over the defaults and ignores junk", () => {
    const stored = JSON.stringify({ metrics: { orderToShip: { enabled: false, threshold: 48, runLength: 2 } }, recoveryDays: 3 });
    const t = readThresholds(stored);
    expect(t.metrics.orderToShip).toEqual({ enabled: false, threshold: 48, runLength: 2 });
    expect(t.metrics.orderToConfirmation).toEqual({ enabled: true, threshold: 24, runLength: 3 });
    expect(t.recoveryDays).toBe(3);
    expect(readThresholds("{not json")).toEqual(defaultThresholds());
    expect(readThresholds(JSON.stringify({ recoveryDays: -1 }))).toEqual(defaultThresholds());
  });
});
