/**
 * The control-tower bench measures the app's own rollup: on a small seeded shop, the MetricDay rows
 * its refresh writes are exactly those computed from scratch from the same facts, day by day.
 */
import { afterAll, describe, expect, it } from "vitest";
import { generateFacts, seededControlTower, BENCH_SHOP } from "../../bench/control-tower";
import { rollupDay, type MetricDayRow } from "../../app/domain/metrics";
import { toMetricDayRow } from "../../app/models/metrics.server";

const NOW = new Date("2026-12-01T06:00:00Z");
const options = { orders: 400, events: 2_000, days: 6, lastDay: "2026-11-30", now: NOW };
let close: (() => Promise<void>) | undefined;

afterAll(async () => {
  await close?.();
});

// SQLite's REAL round-trips through the driver at 15 significant digits.
const precise = (v: number | null) => (v === null ? null : Number(v.toPrecision(12)));
const comparable = (r: MetricDayRow) => ({ ...r, value: precise(r.value), p90: precise(r.p90), sumMs: precise(r.sumMs) });
const key = (r: MetricDayRow) => `${r.day}|${r.metric}|${r.dimension}|${r.segment}`;

describe("the control-tower bench's rollup", () => {
  it("writes the same MetricDay rows as a from-scratch computation", async () => {
    const { db } = await seededControlTower(options);
    close = () => db.$disconnect();
    const stored = (await db.metricDay.findMany({ where: { shop: BENCH_SHOP } })).map(toMetricDayRow).sort((a, b) => key(a).localeCompare(key(b)));
    const facts = generateFacts(options);
    const days = [...new Set(facts.map((f) => f.day))].sort();
    const expected = days
      .flatMap((day) =>
        rollupDay(
          day,
          facts.filter((f) => f.day === day),
          [],
          { nowMs: NOW.getTime() },
        ),
      )
      .sort((a, b) => key(a).localeCompare(key(b)));
    expect(days).toHaveLength(6);
    expect(stored.length).toBeGreaterThan(500);
    expect(stored.map(comparable)).toEqual(expected.map(comparable));
  });
});
