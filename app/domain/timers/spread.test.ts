import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { shopPhase, spreadDay, spreadOffsetMs, spreadSlot } from "./spread";

const MINUTE = 60_000;
const shops = Array.from({ length: 1_000 }, (_, i) => `shop-${i + 1}.myshopify.com`);

describe("sweeps spread over the period by shop", () => {
  it("gives a shop the same offset every time, and different shops different offsets", () => {
    expect(spreadOffsetMs("acme.myshopify.com", 15 * MINUTE)).toBe(spreadOffsetMs("acme.myshopify.com", 15 * MINUTE));
    expect(shopPhase("acme.myshopify.com")).toBe(shopPhase("acme.myshopify.com"));
    expect(new Set(shops.map((s) => spreadOffsetMs(s, 60 * MINUTE))).size).toBeGreaterThan(990);
  });

  it("keeps every offset inside the period, and every instant inside the slot it names", () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 7 * 24 * 60 * MINUTE }), fc.integer({ min: 0, max: 4_000_000_000_000 }), (shop, period, now) => {
        const offset = spreadOffsetMs(shop, period);
        expect(offset).toBeGreaterThanOrEqual(0);
        expect(offset).toBeLessThan(period);
        const slot = spreadSlot(shop, now, period);
        expect(slot.startMs).toBeLessThanOrEqual(now);
        expect(now).toBeLessThan(slot.startMs + period);
        expect(slot.startMs - slot.index * period).toBe(offset);
      }),
    );
  });

  it("starts one new slot per period for each shop, so a minute's scheduler ticks dedupe to one sweep per slot", () => {
    const period = 10 * MINUTE;
    for (const shop of shops.slice(0, 50)) {
      const indexes = Array.from({ length: 60 }, (_, minute) => spreadSlot(shop, 1_800_000_000_000 + minute * MINUTE, period).index);
      expect(new Set(indexes).size).toBeGreaterThanOrEqual(6);
      expect(new Set(indexes).size).toBeLessThanOrEqual(7);
      for (let i = 1; i < indexes.length; i++) expect(indexes[i]! - indexes[i - 1]!).toBeGreaterThanOrEqual(0);
    }
  });

  it("spreads 1,000 shops' slot starts roughly evenly across the period instead of all at its top", () => {
    const period = 15 * MINUTE;
    const perMinute = new Array<number>(15).fill(0);
    for (const shop of shops) perMinute[Math.floor(spreadOffsetMs(shop, period) / MINUTE)]!++;
    // 1,000 / 15 ≈ 67 a minute; a fair hash stays within ±35 % of it in every minute.
    for (const n of perMinute) {
      expect(n).toBeGreaterThan(43);
      expect(n).toBeLessThan(90);
    }
    const tenths = new Array<number>(10).fill(0);
    for (const shop of shops) tenths[Math.floor(shopPhase(shop) * 10)]!++;
    for (const n of tenths) expect(Math.abs(n - 100)).toBeLessThan(35);
  });

  it("names a daily slot by its UTC date, starting at the shop's own time of day", () => {
    const shop = "acme.myshopify.com";
    const offset = spreadOffsetMs(shop, 24 * 60 * MINUTE);
    const day = Date.parse("2026-12-07T00:00:00Z");
    expect(spreadDay(shop, day + offset)).toBe("2026-12-07");
    expect(spreadDay(shop, day + offset - 1)).toBe("2026-12-06");
  });
});
