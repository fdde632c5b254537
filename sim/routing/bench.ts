/**
 * A deterministic routing benchmark over the synthetic inputs. The clock is passed in
 * (`performance.now` from the caller) so a test can drive it.
 */
import { nearestRankPercentile } from "../../app/domain/promise";
import { routeOrder, type RoutingOutcome } from "../../app/domain/routing";
import { syntheticInputs } from "./synthetic";

export interface BenchOptions {
  readonly lines: number;
  readonly suppliers: number;
  readonly iterations: number;
  /** Milliseconds from any fixed origin, e.g. `() => performance.now()`. */
  readonly now: () => number;
  readonly warmup?: number;
  readonly seed?: number;
}

export interface BenchResult {
  readonly iterations: number;
  readonly decisionsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly outcomes: Readonly<Record<RoutingOutcome, number>>;
}

const percentile = (sorted: readonly number[], q: number): number => (sorted.length ? nearestRankPercentile(sorted, q) : 0);

/** Times `iterations` routing decisions of `lines` × `suppliers` inputs with the given clock. */
export function benchRouting(options: BenchOptions): BenchResult {
  const inputs = syntheticInputs(options.lines, options.suppliers, options.seed);
  const warmup = options.warmup ?? Math.min(200, options.iterations);
  for (let i = 0; i < warmup; i += 1) routeOrder(inputs[i % inputs.length]!);
  const durations: number[] = [];
  const outcomes: Record<RoutingOutcome, number> = { routed: 0, split: 0, held: 0, partially_held: 0 };
  const start = options.now();
  for (let i = 0; i < options.iterations; i += 1) {
    const t0 = options.now();
    const decision = routeOrder(inputs[i % inputs.length]!);
    durations.push(options.now() - t0);
    outcomes[decision.outcome] += 1;
  }
  const elapsedMs = options.now() - start;
  durations.sort((a, b) => a - b);
  return {
    iterations: options.iterations,
    decisionsPerSecond: elapsedMs > 0 ? Math.round((options.iterations / elapsedMs) * 1000) : Infinity,
    p50Ms: percentile(durations, 0.5),
    p99Ms: percentile(durations, 0.99),
    maxMs: durations.at(-1) ?? 0,
    outcomes,
  };
}
