/**
 * How good any promise could be in the simulated world: an oracle that knows the world's hidden
 * parameters (each supplier's real handling and late rate, its unannounced closures, each lane's
 * real transit) and only not the random draw of the order itself. It is not a promise method — no
 * shop knows these — but its trade-off between share inside and mean width bounds every honest
 * method's. Per order it draws many futures through the same `fulfil` as the simulation, and its
 * window holds every date at least `λ` likely (grown from the likeliest date), which is the best
 * way to spend a mean-width budget across orders.
 */
import { businessEpochDaysBetween, dayRule, MONDAY_TO_FRIDAY } from "../../app/domain/promise/business-days";
import { fromEpochDay, toEpochDay } from "../../app/domain/promise/dates";
import type { DeliveryDistribution } from "../../app/domain/promise/distribution";
import { seededRandom } from "../prng";
import { fulfil, runSimulation, type AccuracySummary, type PromiseContext, type PromiseMethod, type SimulationOptions } from "./simulate";
import { CARRIER_HOLIDAYS } from "./simulate-world";
import type { PromiseWindow } from "../../app/domain/promise/types";

/** One point of the oracle's trade-off curve. */
export interface BoundPoint extends AccuracySummary {
  /** Least probability of a date inside the window. */
  readonly minProbability: number;
}

/** The window of dates at least `minProbability` likely, grown from the likeliest one. */
export function thresholdWindow(d: DeliveryDistribution, minProbability: number): PromiseWindow {
  const p = d.probabilities;
  let lo = p.indexOf(Math.max(...p));
  let hi = lo;
  for (;;) {
    const left = lo > 0 ? (p[lo - 1] ?? 0) : -1;
    const right = hi < p.length - 1 ? (p[hi + 1] ?? 0) : -1;
    if (Math.max(left, right) < minProbability) break;
    if (right >= left) hi += 1;
    else lo -= 1;
  }
  return { earliest: fromEpochDay(d.days[lo] ?? 0), latest: fromEpochDay(d.days[hi] ?? 0) };
}

/** The oracle's share inside and mean width for each threshold, over the same orders as the simulation. */
export function oracleTradeOff(options: SimulationOptions, thresholds: readonly number[], draws = 1000): BoundPoint[] {
  const random = seededRandom(options.seed + 1);
  const cache = new WeakMap<PromiseContext, DeliveryDistribution>();
  const distribution = (c: PromiseContext): DeliveryDistribution => {
    const known = cache.get(c);
    if (known) return known;
    const counts = new Map<number, number>();
    for (let i = 0; i < draws; i += 1) {
      const day = toEpochDay(fulfil(random, { nowMs: c.nowMs, supplier: c.supplier, lane: c.lane, measured: true }).delivered);
      counts.set(day, (counts.get(day) ?? 0) + 1);
    }
    const days = [...counts.keys()].sort((a, b) => a - b);
    const rule = dayRule({ workdays: MONDAY_TO_FRIDAY, holidays: CARRIER_HOLIDAYS[c.lane.region] });
    const made = {
      days,
      probabilities: days.map((d) => (counts.get(d) ?? 0) / draws),
      businessDays: days.map((d) => businessEpochDaysBetween(days[0] ?? d, d, rule)),
    };
    cache.set(c, made);
    return made;
  };
  const methods: Record<string, PromiseMethod> = Object.fromEntries(
    thresholds.map((t) => [String(t), (c: PromiseContext) => thresholdWindow(distribution(c), t)]),
  );
  const results = runSimulation(options, methods);
  return thresholds.flatMap((t) => {
    const summary = results[String(t)];
    return summary ? [{ ...summary, minProbability: t }] : [];
  });
}
