/**
 * Routing engine throughput and latency: orders of 1, 5 and 20 lines against 5, 50 and 200
 * candidate suppliers, on the deterministic synthetic inputs of `benchRouting`. Each size
 * gets about the same time budget, so small orders get many iterations and large ones
 * enough for a stable p99. The product target is p99 < 1 ms for 20 lines × 50 suppliers on one
 * core: `run.ts` pins this section's process to one (`taskset -c 0`) where the host allows.
 */
import inspector from "node:inspector/promises";
import { routeOrder } from "../app/domain/routing";
import { benchRouting } from "../sim/routing/bench";
import { syntheticInputs } from "../sim/routing/synthetic";
import { round, type BenchRow } from "./report";

const LINES = [1, 5, 20] as const;
const SUPPLIERS = [5, 50, 200] as const;
/** Time aimed at per size (timed iterations); nine sizes with warm-up stay under a minute idle. */
const BUDGET_MS = 4_000;
/** A p99 needs a few hundred samples at least: the largest orders get this many even past the budget. */
const MIN_ITERATIONS = 300;
const MAX_ITERATIONS = 20_000;
const MAX_WARMUP = 200;

const clock = (): number => performance.now();
const cpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** Iterations that fit the budget, from a short calibration run (which also warms the JIT). */
function iterationsFor(lines: number, suppliers: number): number {
  const probe = benchRouting({ lines, suppliers, iterations: 30, warmup: 20, now: clock });
  const perDecisionMs = Math.max(probe.p50Ms, 1e-3);
  return Math.round(Math.min(MAX_ITERATIONS, Math.max(MIN_ITERATIONS, BUDGET_MS / perDecisionMs)));
}

function sizeRows(lines: number, suppliers: number): BenchRow[] {
  const iterations = iterationsFor(lines, suppliers);
  const warmup = Math.min(MAX_WARMUP, iterations);
  const cpuStart = cpuMs();
  const result = benchRouting({ lines, suppliers, iterations, warmup, now: clock });
  const cpuPerDecision = (cpuMs() - cpuStart) / (iterations + warmup);
  const size = `${lines} line${lines === 1 ? "" : "s"} × ${suppliers} suppliers`;
  const target = lines === 20 && suppliers === 50;
  const rows: BenchRow[] = [
    { name: `routing ${size}: throughput`, value: result.decisionsPerSecond, unit: "decisions/s", target: null },
    { name: `routing ${size}: p50 latency`, value: round(result.p50Ms, 3), unit: "ms", target: null },
    { name: `routing ${size}: p99 latency`, value: round(result.p99Ms, 3), unit: "ms", target: target ? "< 1" : null },
  ];
  // The machine may be shared: CPU time per decision shows how much of the wall time was ours.
  if (target) {
    rows.push({ name: `routing ${size}: CPU time per decision`, value: round(cpuPerDecision, 3), unit: "ms", target: null });
  }
  return rows;
}

/** Bytes of the JSON a decision is stored as (explanation included), for a small and the target-size order. */
function decisionSizeRows(): BenchRow[] {
  return (
    [
      [3, 5],
      [20, 50],
    ] as const
  ).map(([lines, suppliers]) => ({
    name: `routing decision JSON, ${lines} lines × ${suppliers} suppliers`,
    value: Buffer.byteLength(JSON.stringify(routeOrder(syntheticInputs(lines, suppliers)[0]!)), "utf8"),
    unit: "bytes",
    target: null,
  }));
}

/**
 * Heap bytes one 20 lines × 50 suppliers decision allocates (kept or garbage), the same on any
 * machine: young-generation collections, and the pauses they add to the p99, come from it.
 * Counted by V8's sampling heap profiler over 400 decisions, objects later collected included
 * (a heap-size difference around one decision moved by tens of KiB with the allocator's buffers).
 */
async function allocationRow(): Promise<BenchRow> {
  const inputs = syntheticInputs(20, 50);
  // Warm on these very inputs: code the JIT has not optimised yet boxes more numbers.
  for (let i = 0; i < 1_000; i += 1) routeOrder(inputs[i % inputs.length]!);
  const session = new inspector.Session();
  session.connect();
  const decisions = 400;
  try {
    await session.post("HeapProfiler.startSampling", {
      samplingInterval: 128,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
    for (let i = 0; i < decisions; i += 1) routeOrder(inputs[i % inputs.length]!);
    const { profile } = await session.post("HeapProfiler.stopSampling");
    let bytes = 0;
    const visit = (node: inspector.HeapProfiler.SamplingHeapProfileNode): void => {
      bytes += node.selfSize;
      node.children.forEach(visit);
    };
    visit(profile.head);
    return {
      name: "routing 20 lines × 50 suppliers: heap allocated per decision (machine-independent)",
      value: Math.round(bytes / decisions / 1024),
      unit: "KiB",
      target: null,
    };
  } finally {
    session.disconnect();
  }
}

/** Routing benchmark rows: throughput and latency per order size, allocation, and the stored decision's size. */
export async function benchRoutingRows(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const lines of LINES) for (const suppliers of SUPPLIERS) rows.push(...sizeRows(lines, suppliers));
  rows.push(await allocationRow());
  rows.push(...decisionSizeRows());
  return rows;
}
