import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { publishFromSignals, publishableStock, type BufferInput, type BufferSignals } from "./publishable";
import { DEFAULT_BUFFER_SETTINGS, type BufferSettings } from "./settings";
import { MS_PER_DAY } from "./signals";

const NOW = Date.UTC(2026, 3, 10, 12);
const HOUR = 3_600_000;
const RUNS = { numRuns: 300 };

const settings: BufferSettings = {
  ...DEFAULT_BUFFER_SETTINGS,
  floorUnits: 2,
  percentOfStock: 10,
  velocityWindowDays: 14,
  velocityCoverDays: 1,
};

/** `units` sold evenly over the last 14 days. */
const salesOf = (units: number) => Array.from({ length: units }, (_, i) => ({ atMs: NOW - (i % 14) * MS_PER_DAY - HOUR, quantity: 1 }));

const input = (over: Partial<BufferInput> = {}): BufferInput => ({
  stock: 40,
  settings,
  nowMs: NOW,
  sales: [],
  feed: { lastGoodUpdateAtMs: NOW - HOUR, cadenceMs: 6 * HOUR },
  oversell: { incidents: 0, orders: 100 },
  ...over,
});

describe("publishableStock — named examples", () => {
  it("holds back 10% of stock and publishes the rest", () => {
    const result = publishableStock(input());
    expect(result).toMatchObject({ stock: 40, buffer: 4, published: 36 });
    expect(result.reason).toBe("Buffer 4 = 10% of 40. Publishing 36 of 40.");
  });

  it("raises the buffer by a day of sales for a fast seller", () => {
    const result = publishableStock(input({ sales: salesOf(35) }));
    expect(result.signals.velocityPerDay).toBe(2.5);
    expect(result.parts).toEqual({ floor: 2, percentage: 4, velocity: 3, staleness: 0, oversell: 0 });
    expect(result).toMatchObject({ buffer: 7, published: 33 });
    expect(result.reason).toBe("Buffer 7 = 10% of 40 raised by 3 for fast sales (2.5/day over the last 14 days). Publishing 33 of 40.");
  });

  it("uses the fixed floor when it is larger than the percentage", () => {
    const result = publishableStock(input({ stock: 12 }));
    expect(result).toMatchObject({ buffer: 2, published: 10 });
    expect(result.reason).toBe("Buffer 2 = the minimum of 2 units. Publishing 10 of 12.");
  });

  it("publishes 0 when stock is at or below the buffer", () => {
    expect(publishableStock(input({ stock: 2 }))).toMatchObject({ buffer: 2, published: 0 });
    const result = publishableStock(input({ stock: 1 }));
    expect(result.published).toBe(0);
    expect(result.reason).toBe("Buffer 2 = the minimum of 2 units. Supplier stock 1 is at or below the buffer, so 0 is published.");
  });

  it("adds nothing for a feed inside its cadence, then more the older it gets", () => {
    const at = (hoursOld: number) => publishableStock(input({ feed: { lastGoodUpdateAtMs: NOW - hoursOld * HOUR, cadenceMs: 6 * HOUR } }));
    expect(at(6).parts.staleness).toBe(0);
    // 12 h old = 2 cadences: one cadence overdue × 25 % of 40.
    expect(at(12).parts.staleness).toBe(10);
    expect(at(12).reason).toBe("Buffer 14 = 10% of 40 raised by 10 because the last feed update is 12 h old (expected every 6 h). " + "Publishing 26 of 40.");
    expect(at(18).parts.staleness).toBe(20);
    expect(at(24)).toMatchObject({ published: 0 });
    expect(at(24).reason).toContain("has not updated for 24 h, 4× or more its 6 h schedule");
  });

  it("publishes nothing from a feed that never updated", () => {
    const result = publishableStock(input({ feed: { lastGoodUpdateAtMs: null, cadenceMs: HOUR } }));
    expect(result.published).toBe(0);
    expect(result.reason).toContain("the feed has never updated successfully");
  });

  it("holds back more for a supplier that oversells", () => {
    const result = publishableStock(input({ oversell: { incidents: 5, orders: 100 } }));
    // 5 % × weight 2 = 10 % of 40.
    expect(result.parts.oversell).toBe(4);
    expect(result).toMatchObject({ buffer: 8, published: 32 });
    expect(result.reason).toContain("raised by 4 for this supplier's oversells (5 of 100 orders)");
  });

  it("damps a single incident on a handful of orders", () => {
    const result = publishableStock(input({ oversell: { incidents: 1, orders: 2 } }));
    // Counted as 1 of 20 (the minimum sample), not 1 of 2.
    expect(result.signals.oversellRate).toBe(0.05);
  });

  it("lists several raises in one sentence", () => {
    const result = publishableStock(
      input({
        sales: salesOf(35),
        feed: { lastGoodUpdateAtMs: NOW - 12 * HOUR, cadenceMs: 6 * HOUR },
        oversell: { incidents: 5, orders: 100 },
      }),
    );
    expect(result.buffer).toBe(4 + 3 + 10 + 4);
    expect(result.reason).toMatch(/raised by 3 for fast sales .*, 10 because .* and 4 for this supplier's/);
  });

  it("treats negative, fractional or missing stock as whole non-negative units", () => {
    expect(publishableStock(input({ stock: -5 }))).toMatchObject({ stock: 0, published: 0 });
    expect(publishableStock(input({ stock: Number.NaN }))).toMatchObject({ stock: 0, published: 0 });
    expect(publishableStock(input({ stock: 40.9 }))).toMatchObject({ stock: 40, published: 36 });
    expect(publishableStock(input({ stock: 0 })).reason).toContain("The supplier reports no stock");
  });
});

const settingsArb: fc.Arbitrary<BufferSettings> = fc.record({
  floorUnits: fc.integer({ min: 0, max: 50 }),
  percentOfStock: fc.double({ min: 0, max: 100, noNaN: true }),
  velocityWindowDays: fc.integer({ min: 1, max: 60 }),
  velocityCoverDays: fc.double({ min: 0, max: 10, noNaN: true }),
  stalenessPercentPerCadence: fc.double({ min: 0, max: 100, noNaN: true }),
  stopAfterCadences: fc.double({ min: 1, max: 20, noNaN: true }),
  oversellWeight: fc.double({ min: 0, max: 10, noNaN: true }),
  oversellMinOrders: fc.integer({ min: 1, max: 100 }),
});
const stockArb = fc.integer({ min: -20, max: 100_000 });
const velocityArb = fc.double({ min: 0, max: 500, noNaN: true });
const cadencesArb = fc.oneof(fc.double({ min: 0, max: 30, noNaN: true }), fc.constant(Number.POSITIVE_INFINITY));
const rateArb = fc.double({ min: 0, max: 1, noNaN: true });
const signalsArb: fc.Arbitrary<BufferSignals> = fc.record({
  velocityPerDay: velocityArb,
  staleCadences: cadencesArb,
  oversellRate: rateArb,
});
const sorted = (a: number, b: number): [number, number] => (a <= b ? [a, b] : [b, a]);

describe("publishFromSignals — properties", () => {
  it("never publishes more than stock, never a negative or fractional number", () => {
    fc.assert(
      fc.property(stockArb, settingsArb, signalsArb, (stock, s, signals) => {
        const { published } = publishFromSignals(stock, s, signals);
        expect(Number.isInteger(published)).toBe(true);
        expect(published).toBeGreaterThanOrEqual(0);
        expect(published).toBeLessThanOrEqual(Math.max(0, stock));
      }),
      RUNS,
    );
  });

  it("publishes zero exactly when stock is at or below the buffer", () => {
    fc.assert(
      fc.property(stockArb, settingsArb, signalsArb, (stock, s, signals) => {
        const result = publishFromSignals(stock, s, signals);
        expect(result.published === 0).toBe(result.stock <= result.buffer);
        if (result.published > 0) expect(result.published).toBe(result.stock - result.buffer);
      }),
      RUNS,
    );
  });

  it("publishes no more when sales are faster", () => {
    fc.assert(
      fc.property(stockArb, settingsArb, signalsArb, velocityArb, velocityArb, (stock, s, signals, a, b) => {
        const [slow, fast] = sorted(a, b);
        const atSlow = publishFromSignals(stock, s, { ...signals, velocityPerDay: slow }).published;
        const atFast = publishFromSignals(stock, s, { ...signals, velocityPerDay: fast }).published;
        expect(atFast).toBeLessThanOrEqual(atSlow);
      }),
      RUNS,
    );
  });

  it("publishes no more when the feed is staler", () => {
    fc.assert(
      fc.property(stockArb, settingsArb, signalsArb, cadencesArb, cadencesArb, (stock, s, signals, a, b) => {
        const [fresh, stale] = sorted(a, b);
        const atFresh = publishFromSignals(stock, s, { ...signals, staleCadences: fresh }).published;
        const atStale = publishFromSignals(stock, s, { ...signals, staleCadences: stale }).published;
        expect(atStale).toBeLessThanOrEqual(atFresh);
      }),
      RUNS,
    );
  });

  it("publishes no more when the supplier oversells more often", () => {
    fc.assert(
      fc.property(stockArb, settingsArb, signalsArb, rateArb, rateArb, (stock, s, signals, a, b) => {
        const [low, high] = sorted(a, b);
        const atLow = publishFromSignals(stock, s, { ...signals, oversellRate: low }).published;
        const atHigh = publishFromSignals(stock, s, { ...signals, oversellRate: high }).published;
        expect(atHigh).toBeLessThanOrEqual(atLow);
      }),
      RUNS,
    );
  });
});

describe("publishFromSignals — sweeps across each signal's whole range", () => {
  const calm: BufferSignals = { velocityPerDay: 0, staleCadences: 0, oversellRate: 0 };
  const sweep = (values: readonly number[], signal: (value: number) => Partial<BufferSignals>) =>
    values.map((value) => publishFromSignals(100, DEFAULT_BUFFER_SETTINGS, { ...calm, ...signal(value) }).published);
  const nonIncreasing = (published: readonly number[]) => published.every((value, i) => i === 0 || value <= (published[i - 1] as number));
  const steps = (to: number, by: number) => Array.from({ length: Math.round(to / by) + 1 }, (_, i) => i * by);

  it("never rises as the feed ages, down to 0 once publishing stops", () => {
    const published = sweep([...steps(6, 0.25), Number.POSITIVE_INFINITY], (staleCadences) => ({ staleCadences }));
    expect(nonIncreasing(published)).toBe(true);
    expect(published[0]).toBe(90);
    expect(published.at(-1)).toBe(0);
  });

  it("never rises as sales speed up or oversells grow", () => {
    expect(nonIncreasing(sweep(steps(120, 0.5), (velocityPerDay) => ({ velocityPerDay })))).toBe(true);
    expect(nonIncreasing(sweep(steps(1, 0.01), (oversellRate) => ({ oversellRate })))).toBe(true);
  });
});

describe("publishableStock — properties over raw inputs", () => {
  const saleArb = fc.record({
    atMs: fc.integer({ min: NOW - 30 * MS_PER_DAY, max: NOW + MS_PER_DAY }),
    quantity: fc.integer({ min: -2, max: 20 }),
  });

  it("publishes no more after extra sales, an older feed, or extra incidents", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5000 }),
        settingsArb,
        fc.array(saleArb, { maxLength: 30 }),
        fc.array(saleArb, { maxLength: 10 }),
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 0, max: 20 }),
        (stock, s, sales, extraSales, incidents, extraIncidents) => {
          const base = input({ stock, settings: s, sales, oversell: { incidents, orders: 200 } });
          const before = publishableStock(base).published;
          expect(publishableStock({ ...base, sales: [...sales, ...extraSales] }).published).toBeLessThanOrEqual(before);
          expect(publishableStock({ ...base, oversell: { incidents: incidents + extraIncidents, orders: 200 } }).published).toBeLessThanOrEqual(before);
          const olderFeed = { lastGoodUpdateAtMs: NOW - 20 * HOUR, cadenceMs: 6 * HOUR };
          expect(publishableStock({ ...base, feed: olderFeed }).published).toBeLessThanOrEqual(before);
        },
      ),
      { numRuns: 150 },
    );
  });
});
