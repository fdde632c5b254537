import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BufferSettingsOverrideSchema,
  BufferSettingsSchema,
  DEFAULT_BUFFER_SETTINGS,
  bufferSettingSources,
  resolveBufferSettings,
  type BufferSettings,
  type BufferSettingsOverride,
} from "./settings";

describe("resolveBufferSettings", () => {
  it("uses Dropline's defaults when no level sets anything", () => {
    expect(resolveBufferSettings(undefined)).toEqual(DEFAULT_BUFFER_SETTINGS);
    expect(resolveBufferSettings({}, null, null)).toEqual(DEFAULT_BUFFER_SETTINGS);
  });

  it("lets each level set a subset, the most specific winning field by field", () => {
    const shop = { percentOfStock: 5, floorUnits: 1, velocityCoverDays: 2 };
    const supplier = { percentOfStock: 15, oversellWeight: 3 };
    const product = { percentOfStock: 25 };
    expect(resolveBufferSettings(shop, supplier, product)).toEqual({
      ...DEFAULT_BUFFER_SETTINGS,
      percentOfStock: 25,
      floorUnits: 1,
      velocityCoverDays: 2,
      oversellWeight: 3,
    });
    expect(bufferSettingSources(shop, supplier, product)).toMatchObject({
      percentOfStock: "product",
      oversellWeight: "supplier",
      floorUnits: "shop",
      stopAfterCadences: "default",
    });
  });

  it("keeps an explicit 0 at a specific level instead of falling through", () => {
    expect(resolveBufferSettings({ floorUnits: 5 }, undefined, { floorUnits: 0 }).floorUnits).toBe(0);
  });

  it("rejects an invalid stored value with a readable message", () => {
    expect(() => resolveBufferSettings({ percentOfStock: 140 })).toThrow(/cannot exceed 100/);
  });

  const field = fc.constantFrom(...(Object.keys(DEFAULT_BUFFER_SETTINGS) as (keyof BufferSettings)[]));
  const levelArb: fc.Arbitrary<BufferSettingsOverride> = fc.record(
    {
      floorUnits: fc.integer({ min: 0, max: 100 }),
      percentOfStock: fc.integer({ min: 0, max: 100 }),
      velocityWindowDays: fc.integer({ min: 1, max: 60 }),
      velocityCoverDays: fc.integer({ min: 0, max: 10 }),
      stalenessPercentPerCadence: fc.integer({ min: 0, max: 100 }),
      stopAfterCadences: fc.integer({ min: 1, max: 10 }),
      oversellWeight: fc.integer({ min: 0, max: 10 }),
      oversellMinOrders: fc.integer({ min: 1, max: 100 }),
    },
    { requiredKeys: [] },
  );

  it("property: the most specific level that sets a field decides it", () => {
    fc.assert(
      fc.property(levelArb, levelArb, levelArb, field, (shop, supplier, product, key) => {
        const resolved = resolveBufferSettings(shop, supplier, product);
        const expected = product[key] ?? supplier[key] ?? shop[key] ?? DEFAULT_BUFFER_SETTINGS[key];
        expect(resolved[key]).toBe(expected);
      }),
      { numRuns: 200 },
    );
  });
});

describe("BufferSettingsSchema", () => {
  it("accepts the defaults and rejects unknown or malformed fields", () => {
    expect(BufferSettingsSchema.safeParse(DEFAULT_BUFFER_SETTINGS).success).toBe(true);
    expect(BufferSettingsSchema.safeParse({ ...DEFAULT_BUFFER_SETTINGS, extra: 1 }).success).toBe(false);
    const fractional = BufferSettingsSchema.safeParse({ ...DEFAULT_BUFFER_SETTINGS, floorUnits: 1.5 });
    expect(fractional.success).toBe(false);
    expect(fractional.error?.issues[0]?.message).toBe("Minimum buffer must be a whole number of units");
  });

  it("lets one level set only some fields", () => {
    expect(BufferSettingsOverrideSchema.parse({ percentOfStock: 12.5 })).toEqual({ percentOfStock: 12.5 });
    expect(BufferSettingsOverrideSchema.safeParse({ velocityWindowDays: 0 }).success).toBe(false);
  });
});
