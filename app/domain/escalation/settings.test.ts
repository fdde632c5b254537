import { describe, expect, it } from "vitest";
import { DEFAULT_ESCALATION_CONFIG } from "./config";
import { DEFAULT_OPERATIONS_SETTINGS, escalationConfigWith, fieldErrors, OperationsSettingsSchema, settingsFromForm } from "./settings";
import { SERVICE_TIERS } from "./types";

function form(overrides: Record<string, string> = {}): Record<string, string> {
  const values: Record<string, string> = {};
  for (const phase of ["acknowledgement", "stockout"] as const)
    for (const tier of SERVICE_TIERS)
      for (const [rung, v] of Object.entries(DEFAULT_OPERATIONS_SETTINGS[phase][tier])) values[`${phase}.${tier}.${rung}`] = String(v);
  for (const [k, v] of Object.entries(DEFAULT_OPERATIONS_SETTINGS.exceptions)) values[`exceptions.${k}`] = String(v);
  return { ...values, ...overrides };
}

describe("operations settings", () => {
  it("reads the flat form back into the defaults", () => {
    const parsed = OperationsSettingsSchema.safeParse(settingsFromForm(form()));
    expect(parsed.success && parsed.data).toEqual(DEFAULT_OPERATIONS_SETTINGS);
  });

  it("refuses rungs out of order, naming the field and the tier", () => {
    const parsed = OperationsSettingsSchema.safeParse(settingsFromForm(form({ "acknowledgement.next_day.rerouteAfterHours": "6" })));
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(fieldErrors(parsed.error)).toEqual({
      "acknowledgement.next_day.rerouteAfterHours": expect.stringContaining("Acknowledgement (Next day)"),
    });
  });

  it("refuses thresholds that are not whole, positive numbers", () => {
    const parsed = OperationsSettingsSchema.safeParse(
      settingsFromForm(form({ "exceptions.noMovementDays": "0", "exceptions.labelWithoutPickupBusinessDays": "1.5" })),
    );
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    const errors = fieldErrors(parsed.error);
    expect(errors["exceptions.noMovementDays"]).toMatch(/at least 1/);
    expect(errors["exceptions.labelWithoutPickupBusinessDays"]).toMatch(/whole number/);
  });

  it("puts the shop's timings into the ladder config, and falls back when a stored row is unusable", () => {
    const faster = {
      ...DEFAULT_OPERATIONS_SETTINGS,
      acknowledgement: { ...DEFAULT_OPERATIONS_SETTINGS.acknowledgement, "48_hour": { remindAfterHours: 1, staffTaskAfterHours: 2, rerouteAfterHours: 3 } },
    };
    expect(escalationConfigWith(DEFAULT_ESCALATION_CONFIG, faster).acknowledgement["48_hour"].remindAfterHours).toBe(1);
    const broken = {
      ...faster,
      acknowledgement: { ...faster.acknowledgement, "48_hour": { remindAfterHours: 5, staffTaskAfterHours: 2, rerouteAfterHours: 3 } },
    };
    expect(escalationConfigWith(DEFAULT_ESCALATION_CONFIG, broken)).toBe(DEFAULT_ESCALATION_CONFIG);
  });
});
