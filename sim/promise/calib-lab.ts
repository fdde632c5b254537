/**
 * Calibration lab (not part of the bench): where the promise's width goes against the oracle.
 * `TZ=UTC npx tsx sim/promise/calib-lab.ts <seed> [calm] [--lagged=<business days>]` prints
 * - the oracle's own distributions cut at a fixed coverage (shortest run) against its threshold
 *   windows: what per-order fixed coverage costs even with perfect knowledge;
 * - the oracle's own spread over the peak's weeks and the supplier × region segments;
 * - with `--lagged=N`, an oracle that knows every hidden parameter but the supplier's backlog
 *   state of the last N business days (a bound for any method that learns backlogs from purchase
 *   orders overrunning);
 * - Dropline's promise (and without calibration) broken down by backlog state, peak, weekday
 *   and kind of lane, against the oracle at the same share.
 * The oracle's per-order distributions are cached under the system's temporary directory.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { businessEpochDaysBetween, dayRule } from "../../app/domain/promise/business-days";
import { isoWeekday, toEpochDay } from "../../app/domain/promise/dates";
import { deliveryDistribution, windowFromDistribution, type DeliveryDistribution } from "../../app/domain/promise/distribution";
import type { LearningOptions, ShrinkagePrior } from "../../app/domain/promise/learning";
import { seededRandom } from "../prng";
import {
  driftRun,
  learnedLeg,
  oracleWidthAt,
  replayDrift,
  robustMethod,
  summarise,
  type DriftMethod,
  type DriftRun,
  type OraclePoint,
  type Scored,
} from "./drift";
import { carrierCalendar, fulfilDrift, isPeak, weekOf, type PreparedOrder } from "./drift-world";
import { addBusinessDays, isBusinessDay } from "../../app/domain/promise/calendar";
import { addDays } from "../../app/domain/promise/dates";
import { localDateTime } from "../../app/domain/promise/time-zone";
import { randomInt, type Random } from "../prng";
import { thresholdWindow } from "./simulate-bound";

/** Like `robustMethod`, with the window cut by `cut` from the leg's delivery distribution and its calibrated coverage. */
export function labMethod(
  confidence: number,
  options: LearningOptions & ShrinkagePrior,
  cut: (d: DeliveryDistribution, coverage: number) => { earliest: string; latest: string },
): DriftMethod {
  return (e) => {
    const leg = learnedLeg(e, confidence, options);
    const d = deliveryDistribution({ ...leg, handling: leg.handlingDays!, transit: leg.transitDays! }, e.view.nowMs);
    return cut(d, leg.coverage ?? confidence);
  };
}

const CACHE = path.join(os.tmpdir(), "dropline-calib-lab");

const THRESHOLDS = [0.001, 0.002, 0.003, 0.004, 0.006, 0.008, 0.01, 0.012, 0.015, 0.02, 0.025, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.1, 0.12, 0.15, 0.2];

type Dist = DeliveryDistribution & { readonly index: number };

/**
 * Each measured order's delivery-day distribution from `draws` fulfilments of the order as
 * `scenario` shapes it (cached in `file`: the draws take minutes).
 */
function sampledDistributions(
  run: DriftRun,
  file: string,
  draws: number,
  seed: number,
  scenario: (random: Random, prepared: PreparedOrder) => PreparedOrder,
): Dist[] {
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as Dist[];
  const random = seededRandom(seed);
  const out: Dist[] = [];
  run.orders.forEach((prepared, index) => {
    if (prepared.order.nowMs < run.firstMeasuredMs) return;
    const counts = new Map<number, number>();
    for (let k = 0; k < draws; k += 1) {
      const day = toEpochDay(fulfilDrift(random, scenario(random, prepared)).delivered);
      counts.set(day, (counts.get(day) ?? 0) + 1);
    }
    const days = [...counts.keys()].sort((a, b) => a - b);
    const rule = dayRule(carrierCalendar(prepared.order.lane.region));
    out.push({
      index,
      days,
      probabilities: days.map((d) => (counts.get(d) ?? 0) / draws),
      businessDays: days.map((d) => businessEpochDaysBetween(days[0] ?? d, d, rule)),
    });
  });
  fs.mkdirSync(CACHE, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(out));
  return out;
}

function oracleDistributions(run: DriftRun, key: string, draws = 300, seed = 7): Dist[] {
  return sampledDistributions(run, path.join(CACHE, `oracle-${key}.json`), draws, seed, (_, prepared) => prepared);
}

/**
 * The oracle minus the backlog schedule from the order's day on: it knows every hidden parameter
 * and the supplier's backlog state up to yesterday, and draws today's and later days' states from
 * the schedule's own process (an episode goes on with probability 7/8 per business day; a new one
 * starts with probability 1/45, 1–4 extra days). No method that learns a backlog from purchase
 * orders overrunning can know more, so its width bounds theirs from below.
 */
function laggedBacklog(random: Random, prepared: PreparedOrder, lag: number): PreparedOrder {
  const supplier = prepared.order.supplier;
  const today = localDateTime(prepared.order.nowMs, supplier.known.timeZone).date;
  let d0 = today;
  for (let i = 0; i < lag; i += 1) {
    d0 = addDays(d0, -1);
    while (!isBusinessDay(d0, supplier.actual)) d0 = addDays(d0, -1);
  }
  let extra = supplier.backlog.get(toEpochDay(d0)) ?? 0;
  const overlay = new Map(supplier.backlog);
  let day = addBusinessDays(d0, 1, supplier.actual);
  for (let i = 0; i < 12 + lag; i += 1) {
    if (extra > 0 && random() < 1 / 8) extra = 0;
    if (extra === 0 && random() < 1 / 45) extra = randomInt(random, 1, 4);
    if (extra > 0) overlay.set(toEpochDay(day), extra);
    else overlay.delete(toEpochDay(day));
    day = addBusinessDays(day, 1, supplier.actual);
  }
  return { ...prepared, order: { ...prepared.order, supplier: { ...supplier, backlog: overlay } } };
}

export function laggedOracleDistributions(run: DriftRun, key: string, lag: number, draws = 300, seed = 11): Dist[] {
  return sampledDistributions(run, path.join(CACHE, `lagged${lag}-${key}.json`), draws, seed, (random, prepared) => laggedBacklog(random, prepared, lag));
}

/** The lagged oracle's trade-off against the full oracle's: width ratio at equal share. */
export function laggedBound(run: DriftRun, dists: readonly Dist[], lagged: readonly Dist[]): void {
  const { curve } = curveOf(run, dists);
  const { curve: lc } = curveOf(run, lagged);
  for (const p of lc) {
    const w = oracleWidthAt(curve, p.inside);
    if (p.inside > 0.85)
      console.log(`lagged oracle λ=${p.threshold}: inside ${f(p.inside * 100, 2)} width ${f(p.meanWidth, 2)} / oracle ${f(w, 2)} = ${f(p.meanWidth / w)}`);
  }
  for (const c of [0.97, 0.9]) {
    const m = [...oracleWindows(run, lagged, (d) => windowFromDistribution(d, c)).values()];
    const inside = m.filter((x) => x.inside).length / m.length;
    const width = m.reduce((a, b) => a + b.width, 0) / m.length;
    console.log(`lagged oracle, shortest run at ${c}: inside ${f(inside * 100, 2)} width ${f(width, 2)} ratio ${f(width / oracleWidthAt(curve, inside))}`);
  }
}

function oracleWindows(
  run: DriftRun,
  dists: readonly Dist[],
  window: (d: DeliveryDistribution) => { earliest: string; latest: string },
): Map<number, { inside: boolean; width: number }> {
  const out = new Map<number, { inside: boolean; width: number }>();
  for (const d of dists) {
    const w = window(d);
    const delivered = run.outcomes[d.index]!.delivered;
    const rule = dayRule(carrierCalendar(run.orders[d.index]!.order.lane.region));
    out.set(d.index, {
      inside: delivered >= w.earliest && delivered <= w.latest,
      width: businessEpochDaysBetween(toEpochDay(w.earliest), toEpochDay(w.latest), rule),
    });
  }
  return out;
}

export function curveOf(run: DriftRun, dists: readonly Dist[]): { curve: OraclePoint[]; perThreshold: Map<number, { inside: boolean; width: number }>[] } {
  const perThreshold = THRESHOLDS.map((t) => oracleWindows(run, dists, (d) => thresholdWindow(d, t)));
  const curve = perThreshold.map((m, j) => {
    const xs = [...m.values()];
    return { threshold: THRESHOLDS[j]!, inside: xs.filter((x) => x.inside).length / xs.length, meanWidth: xs.reduce((s, x) => s + x.width, 0) / xs.length };
  });
  return { curve, perThreshold };
}

const f = (x: number, d = 3): string => x.toFixed(d);

function categories(run: DriftRun, s: Scored): Record<string, string> {
  const p = run.orders[s.orderId]!;
  const start = p.actualStart;
  const backlog = p.order.supplier.backlog.get(toEpochDay(start)) ?? 0;
  return {
    backlog: backlog > 0 ? "in backlog" : "no backlog",
    peak: isPeak(new Date(p.order.nowMs).toISOString().slice(0, 10)) ? "peak" : "off-peak",
    monday: isoWeekday(start) === 1 ? "monday start" : "other start",
    lane: `${p.order.lane.kind}${p.order.lane.weight < 0.05 ? " (thin)" : ""}`,
  };
}

/** Prints a method's rows and where its width goes against the oracle. */
export function report(run: DriftRun, dists: readonly Dist[], name: string, scored: readonly Scored[], breakdown = true): void {
  const { curve, perThreshold } = curveOf(run, dists);
  const s = summarise(scored);
  const ratio = s.meanWidth / oracleWidthAt(curve, s.inside);
  const weeks = s.peakWeeks.map((w) => w.inside * 100);
  const early = scored.filter((x) => !x.inside && !x.late).length / scored.length;
  console.log(
    `${name.padEnd(28)} inside ${f(s.inside * 100, 2)} (late ${f(s.late * 100, 2)} early ${f(early * 100, 2)}) width ${f(s.meanWidth, 2)} ratio ${f(ratio)} ` +
      `peak ${f(Math.min(...weeks), 1)}–${f(Math.max(...weeks), 1)} worst ${f((s.worstSegment?.inside ?? 0) * 100, 2)} thin ${f(s.thin.inside * 100, 1)}`,
  );
  if (!breakdown) return;
  console.log(`   peak weeks: ${s.peakWeeks.map((w) => `${w.week.slice(5)} ${f(w.inside * 100, 1)} (n ${w.promises})`).join(" | ")}`);
  // Oracle at the threshold whose share is nearest ours.
  let j = 0;
  curve.forEach((c, k) => {
    if (Math.abs(c.inside - s.inside) < Math.abs(curve[j]!.inside - s.inside)) j = k;
  });
  const oracle = perThreshold[j]!;
  const groups = new Map<string, { n: number; in: number; w: number; oin: number; ow: number; late: number }>();
  for (const x of scored) {
    const o = oracle.get(x.orderId)!;
    for (const [dim, value] of Object.entries(categories(run, x))) {
      const key = `${dim}: ${value}`;
      const g = groups.get(key) ?? { n: 0, in: 0, w: 0, oin: 0, ow: 0, late: 0 };
      g.n += 1;
      g.in += x.inside ? 1 : 0;
      g.late += x.late ? 1 : 0;
      g.w += x.width;
      g.oin += o.inside ? 1 : 0;
      g.ow += o.width;
      groups.set(key, g);
    }
  }
  console.log(`   oracle λ=${curve[j]!.threshold} inside ${f(curve[j]!.inside * 100, 2)} width ${f(curve[j]!.meanWidth, 2)}`);
  for (const [key, g] of [...groups.entries()].sort()) {
    console.log(
      `   ${key.padEnd(36)} n ${String(g.n).padStart(5)} ours ${f((g.in / g.n) * 100, 1)}% late ${f((g.late / g.n) * 100, 1)}% w ${f(g.w / g.n, 2)} | oracle ${f((g.oin / g.n) * 100, 1)}% w ${f(g.ow / g.n, 2)} | width share ${f(g.w / scored.reduce((a, b) => a + b.width, 0), 3)} excess ${f((g.w - g.ow) / g.n, 2)}`,
    );
  }
}

/** The oracle's own spread over the peak's weeks and the segments at the threshold nearest a share. */
export function oracleSpread(run: DriftRun, dists: readonly Dist[], share: number): void {
  const { curve, perThreshold } = curveOf(run, dists);
  let j = 0;
  curve.forEach((c, k) => {
    if (Math.abs(c.inside - share) < Math.abs(curve[j]!.inside - share)) j = k;
  });
  const scored: Scored[] = [...perThreshold[j]!.entries()].map(([index, o]) => {
    const order = run.orders[index]!.order;
    const date = new Date(order.nowMs).toISOString().slice(0, 10);
    return {
      orderId: index,
      supplier: order.supplier.index,
      region: order.lane.region,
      week: weekOf(date),
      peak: isPeak(date),
      inside: o.inside,
      late: false,
      width: o.width,
    };
  });
  const s = summarise(scored);
  const weeks = s.peakWeeks.map((w) => w.inside * 100);
  console.log(
    `oracle λ=${curve[j]!.threshold} inside ${f(s.inside * 100, 2)}: peak weeks ${f(Math.min(...weeks), 1)}–${f(Math.max(...weeks), 1)} (${s.peakWeeks.map((w) => f(w.inside * 100, 1)).join(" ")}) worst segment ${f((s.worstSegment?.inside ?? 0) * 100, 2)} (${s.worstSegment?.key}, n ${s.worstSegment?.promises})`,
  );
}

/**
 * Sampling alone: a method whose every promise holds with probability exactly `c`, independently,
 * over the same peak weeks and segments — how often every week lands in [c − 1, c + 1.5] points
 * and every segment of ≥ 30 at ≥ c − 3.
 */
export function perfectCalibrationChance(run: DriftRun, dists: readonly Dist[], c: number, reps = 2000): void {
  const random = seededRandom(99);
  const base: Scored[] = dists.map((d) => {
    const order = run.orders[d.index]!.order;
    const date = new Date(order.nowMs).toISOString().slice(0, 10);
    return {
      orderId: d.index,
      supplier: order.supplier.index,
      region: order.lane.region,
      week: weekOf(date),
      peak: isPeak(date),
      inside: true,
      late: false,
      width: 0,
    };
  });
  let weeksOk = 0;
  let segmentsOk = 0;
  for (let r = 0; r < reps; r += 1) {
    const s = summarise(base.map((x) => ({ ...x, inside: random() < c })));
    if (s.peakWeeks.every((w) => w.inside * 100 >= c * 100 - 1 && w.inside * 100 <= c * 100 + 1.5)) weeksOk += 1;
    if ((s.worstSegment?.inside ?? 1) * 100 >= c * 100 - 3) segmentsOk += 1;
  }
  console.log(
    `perfectly calibrated at ${c}: every peak week in target ${f((weeksOk / reps) * 100, 1)} % of runs, every segment in target ${f((segmentsOk / reps) * 100, 1)} %`,
  );
}

/** The oracle's own distributions cut at a fixed coverage per order (shortest run): what fixed coverage costs. */
export function oracleFixedCoverage(run: DriftRun, dists: readonly Dist[], c: number): void {
  const { curve } = curveOf(run, dists);
  const m = [...oracleWindows(run, dists, (d) => windowFromDistribution(d, c)).values()];
  const inside = m.filter((x) => x.inside).length / m.length;
  const width = m.reduce((a, b) => a + b.width, 0) / m.length;
  console.log(`oracle distributions, shortest run at ${c}: inside ${f(inside * 100, 2)} width ${f(width, 2)} ratio ${f(width / oracleWidthAt(curve, inside))}`);
}

export function setup(seed: number, stationary: boolean): { run: DriftRun; dists: Dist[] } {
  const run = driftRun({ orders: 5000, seed, stationary });
  const dists = oracleDistributions(run, `${seed}-${stationary ? "calm" : "drift"}`);
  return { run, dists };
}

export function runMethods(seed: number, stationary: boolean, methods: Record<string, DriftMethod>, breakdown = false): void {
  const { run, dists } = setup(seed, stationary);
  const t0 = Date.now();
  const scored = replayDrift(run, methods);
  console.error(`replay ${Date.now() - t0} ms`);
  for (const [name, xs] of Object.entries(scored)) report(run, dists, name, xs, breakdown);
}

if (process.argv[1]?.endsWith("calib-lab.ts")) {
  const seed = Number(process.argv[2] ?? 42);
  const stationary = process.argv[3] === "calm";
  const { run, dists } = setup(seed, stationary);
  oracleFixedCoverage(run, dists, 0.97);
  oracleFixedCoverage(run, dists, 0.9);
  oracleSpread(run, dists, 0.97);
  oracleSpread(run, dists, 0.9);
  perfectCalibrationChance(run, dists, 0.97);
  perfectCalibrationChance(run, dists, 0.9);
  const lagged = process.argv.find((a) => a.startsWith("--lagged="));
  if (lagged) {
    const lag = Number(lagged.slice("--lagged=".length));
    laggedBound(run, dists, laggedOracleDistributions(run, `${seed}-${stationary ? "calm" : "drift"}`, lag));
    process.exit(0);
  }
  runMethods(
    seed,
    stationary,
    {
      c97: robustMethod(0.97),
      c90: robustMethod(0.9),
      "c97 adaptive conformal": robustMethod(0.97, { calibration: "adaptive-conformal" }),
      "c97 uncalibrated": robustMethod(0.97, { calibration: "adaptive-conformal", calibrationStep: 0 }),
      "c90 uncalibrated": robustMethod(0.9, { calibration: "adaptive-conformal", calibrationStep: 0 }),
    },
    true,
  );
}
