import { describe, expect, it } from "vitest";
import { matchesSearch } from "./resolvers/search";

describe("fake search syntax", () => {
  const mug = { sku: "MUG-1", title: "Mug", status: "open" };
  it("ORs groups of AND-ed terms like Shopify", () => {
    expect(matchesSearch('sku:"MUG-1" OR sku:"SHELL-M"', mug)).toBe(true);
    expect(matchesSearch('sku:"LAMP" OR sku:"SHELL-M"', mug)).toBe(false);
    expect(matchesSearch("sku:MUG-1 status:closed OR title:Mug", mug)).toBe(true);
    expect(matchesSearch("sku:MUG-1 status:closed OR title:Lamp", mug)).toBe(false);
  });
  it("still ANDs terms without OR", () => {
    expect(matchesSearch("sku:MUG-1 status:open", mug)).toBe(true);
    expect(matchesSearch("sku:MUG-1 status:closed", mug)).toBe(false);
  });
});
