import { describe, expect, it } from "vitest";
import { DEFAULT_ROUTING_POLICY, parseRoutingPolicy } from "~/domain/routing/policy";
import { parseRoutingForm, policyToFormValues, routingFormFields, routingFormValues, type RoutingFormValues } from "./routing-form";
import { newScopedOverride, type ScopedOverrideValues } from "./routing-scope-form";

const MUG = "gid://shopify/Product/11";
const FRAGILE = "gid://shopify/Collection/21";

const base = (): RoutingFormValues => policyToFormValues(DEFAULT_ROUTING_POLICY);

function withRows(rows: Partial<ScopedOverrideValues>[], extra: Partial<RoutingFormValues> = {}): RoutingFormValues {
  return { ...base(), ...extra, scopedOverrides: rows.map((r, i) => ({ ...newScopedOverride(`o${i}`), ...r })) };
}

function errorsOf(values: RoutingFormValues): Record<string, string> {
  const result = parseRoutingForm(values);
  if (result.ok) throw new Error("expected the form to be refused");
  return result.failure.fieldErrors;
}

describe("scoped overrides in the routing form", () => {
  it("turns a product that never splits and weighs speed into a policy override", () => {
    const result = parseRoutingForm(
      withRows([{ target: "product", targetId: MUG, targetLabel: "Ceramic mug", weightsMode: "speed_first", splitMode: "never" }]),
    );
    expect(result.ok && result.value.scopedOverrides).toEqual([
      {
        id: "o0",
        scope: { productId: MUG, label: "Ceramic mug" },
        preset: "speed_first",
        split: { allowed: false, minBasketValue: 0, allowForExpedited: false, allowToAvoidCancel: false, maxParcels: 1 },
      },
    ]);
  });

  it("keeps a collection's region and custom weights, and a region alone", () => {
    const result = parseRoutingForm(
      withRows([
        {
          target: "collection",
          targetId: FRAGILE,
          targetLabel: "Fragile",
          regionName: "EU",
          regionCountries: "fr, de BE",
          weightsMode: "custom",
          weights: { speed: "10", cost: "70", stockConfidence: "10", reliability: "10" },
        },
        { target: "region", regionName: "Nordics", regionCountries: "SE NO DK", splitMode: "allow", splitMinBasketValue: "80.00", splitMaxParcels: "3" },
      ]),
    );
    if (!result.ok) throw new Error(JSON.stringify(result.failure.fieldErrors));
    expect(result.value.scopedOverrides[0]).toEqual({
      id: "o0",
      scope: { collectionId: FRAGILE, label: "Fragile", region: { name: "EU", countries: ["FR", "DE", "BE"] } },
      weights: { speed: 0.1, cost: 0.7, stockConfidence: 0.1, reliability: 0.1 },
    });
    expect(result.value.scopedOverrides[1]).toEqual({
      id: "o1",
      scope: { region: { name: "Nordics", countries: ["SE", "NO", "DK"] } },
      split: { allowed: true, minBasketValue: 8_000, allowForExpedited: false, allowToAvoidCancel: false, maxParcels: 3 },
    });
  });

  it.each<[string, Partial<ScopedOverrideValues>, string, RegExp]>([
    [
      "a product not chosen from the search",
      { target: "product", targetId: "", weightsMode: "speed_first" },
      "scopedOverrides.0.targetId",
      /Search for the product/,
    ],
    [
      "an unknown country",
      { target: "region", regionName: "EU", regionCountries: "FR XX", weightsMode: "speed_first" },
      "scopedOverrides.0.regionCountries",
      /"XX" is not a country code/,
    ],
    [
      "countries without a region name",
      { target: "product", targetId: MUG, regionCountries: "FR", weightsMode: "speed_first" },
      "scopedOverrides.0.regionName",
      /Name the region/,
    ],
    [
      "a region alone with no countries",
      { target: "region", regionName: "EU", weightsMode: "speed_first" },
      "scopedOverrides.0.regionCountries",
      /List the region's countries/,
    ],
    ["an override that changes nothing", { target: "product", targetId: MUG }, "scopedOverrides.0.weightsMode", /changes nothing/],
    [
      "one parcel as an allowed split",
      { target: "product", targetId: MUG, splitMode: "allow", splitMaxParcels: "1" },
      "scopedOverrides.0.splitMaxParcels",
      /between 2 and 10/,
    ],
    [
      "a collection id where a product is expected",
      { target: "product", targetId: FRAGILE, splitMode: "never" },
      "scopedOverrides.0.targetId",
      /Search for the product/,
    ],
  ])("refuses %s on its field", (_, row, field, message) => {
    expect(errorsOf(withRows([row]))[field]).toMatch(message);
  });

  it("round-trips through form data and back from the stored policy", () => {
    const values = withRows([{ target: "product", targetId: MUG, targetLabel: "Ceramic mug", weightsMode: "speed_first", splitMode: "never" }], {
      channelSla: [{ channel: "amazon", days: "2" }],
      priorityChannels: "web, pos",
      reserveUnits: "3",
    });
    const form = new FormData();
    for (const [k, v] of Object.entries(routingFormFields(values))) form.set(k, v);
    const read = routingFormValues(form);
    const parsed = parseRoutingForm(read);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.failure.fieldErrors));
    expect(parseRoutingForm(policyToFormValues(parseRoutingPolicy(parsed.value)))).toEqual(parsed);
    expect(parsed.value.channelSla).toEqual({ amazon: 2 });
    expect(parsed.value.channelPriority).toEqual({ channels: ["web", "pos"], reserveUnits: 3 });
  });
});

describe("channel SLA and priority fields", () => {
  it("refuses two SLAs for one channel and an SLA that is not whole business days", () => {
    const errors = errorsOf({
      ...base(),
      channelSla: [
        { channel: "amazon", days: "2" },
        { channel: "amazon", days: "1.5" },
      ],
    });
    expect(errors["channelSla.1.days"]).toMatch(/whole number of business days/);
    const dup = errorsOf({
      ...base(),
      channelSla: [
        { channel: "amazon", days: "2" },
        { channel: "amazon", days: "3" },
      ],
    });
    expect(dup["channelSla.1.channel"]).toBe("This channel already has an SLA");
  });

  it("refuses reserved units with no channel to keep them for, and a malformed channel handle", () => {
    expect(errorsOf({ ...base(), reserveUnits: "3" }).priorityChannels).toBe("Name the channels the reserved units are kept for");
    expect(errorsOf({ ...base(), priorityChannels: "web, amazon/eu", reserveUnits: "3" }).priorityChannels).toBe(
      '"amazon/eu": Use the channel handle as Shopify reports it, e.g. web, pos or amazon',
    );
  });
});
