/**
 * The domain's kernel: the one place in app/domain that holds module-level mutable state. Every
 * other module of app/domain is stateless between calls; a lint rule (eslint.config.js, "one
 * kernel") rejects a top-level `let`, a top-level mutable container and top-level statements
 * anywhere else in app/domain.
 *
 * Why it exists. The routing engine decides a 20-line × 50-supplier order in a few tenths of a
 * millisecond, and its p99 is set by the garbage collector, not by its arithmetic: every time the
 * young generation fills up V8 stops for a scavenge (~0.5 ms on the shared 2-core machine), and
 * the decisions that meet one make the p99 (decisions 006, 007). A scavenge comes every 16 MB of
 * garbage, so the lever is garbage per decision: ~130 KiB now (1.7 MB once), fewer than 1 % of
 * decisions meeting a scavenge. Working arrays allocated per decision would add their size to
 * every decision (the plan's rows alone were a fifth of a large order's garbage), so the engine
 * reserves them here once and reuses them. The promise engine likewise reads Intl formatters and
 * parsed dates on every order, and building them is the slow part: they are memo tables here.
 *
 * The rules that keep the domain pure with this module in it:
 * - Nothing here changes an answer. Working arrays are scratch space a call writes before it
 *   reads; memo tables hold what a pure function of the key computed. `routing/reference.ts`
 *   decides orders with no state at all, and a property test compares the engine with it.
 * - Working arrays are valid from the call that reserves them until the next call that does.
 *   Routing is synchronous and runs no user code, so two decisions never share them (each worker
 *   thread has its own copy of this module). Nothing handed back to a caller may point into them.
 * - The state is reached only through the functions and memo tables exported here: no other
 *   module can reassign, replace or clear it.
 */
import type { LocalClock } from "./promise/local-clock";
import type { MoneyFormat } from "./routing/format";

/** Working arrays grow to the largest order seen, and at least double, so growing is rare. */
const grown = (needed: number, current: number): number => Math.max(needed, current * 2, 256);

// ---------------------------------------------------------------- routing: offers (context.ts)

/** Where `buildContext` files an order's offers: per input offer, then per kept offer. */
export interface OfferWork {
  /** Per input offer: the position of its variant among the ordered ones, -1 when not ordered. */
  readonly variant: Int32Array;
  /** Per input offer: its supplier's number, in order of first appearance. */
  readonly supplierNumber: Int32Array;
  /** Kept offer k: its position in the input's offers… */
  readonly keptOffer: Int32Array;
  /** …and its supplier's position in id order. */
  readonly keptSupplier: Int32Array;
}

let offerWork: OfferWork | undefined;

/** Offer working arrays with room for `n` offers (valid until the next call). */
export function reserveOfferWork(n: number): OfferWork {
  if (offerWork && n <= offerWork.variant.length) return offerWork;
  const size = grown(n, offerWork?.variant.length ?? 0);
  offerWork = {
    variant: new Int32Array(size),
    supplierNumber: new Int32Array(size),
    keptOffer: new Int32Array(size),
    keptSupplier: new Int32Array(size),
  };
  return offerWork;
}

// ---------------------------------------------------------------- routing: candidates (evaluate.ts)

/** One entry per candidate of the order being evaluated (lines one after another, each in offer order). */
export interface CandidateWork {
  /** The candidate's supplier, as a position in the context's `supplierIds`. */
  readonly supplier: Int32Array;
  /** Failed-constraint bits (`flags` of the explanation) plus the engine's own "unknown supplier" bit. */
  readonly flags: Int32Array;
  readonly available: Float64Array;
  readonly landed: Float64Array;
  readonly freshness: Float64Array;
  readonly depth: Float64Array;
  readonly stockConfidence: Float64Array;
  readonly cost: Float64Array;
  readonly total: Float64Array;
  /** Per line, its candidates' entries in the order they are stored (ranked first, best first). */
  readonly order: Int32Array;
}

let candidateWork: CandidateWork | undefined;

/** Candidate working arrays with room for `n` candidates (valid until the next call). */
export function reserveCandidateWork(n: number): CandidateWork {
  if (candidateWork && n <= candidateWork.flags.length) return candidateWork;
  const size = grown(n, candidateWork?.flags.length ?? 0);
  candidateWork = {
    supplier: new Int32Array(size),
    flags: new Int32Array(size),
    available: new Float64Array(size),
    landed: new Float64Array(size),
    freshness: new Float64Array(size),
    depth: new Float64Array(size),
    stockConfidence: new Float64Array(size),
    cost: new Float64Array(size),
    total: new Float64Array(size),
    order: new Int32Array(size),
  };
  return candidateWork;
}

// ---------------------------------------------------------------- routing: the plan matrix (plan.ts)

/** Backing stores of the plan's supplier × line score rows and supplier × word mask rows. */
export interface PlanWork {
  readonly score: Float64Array;
  readonly masks: Int32Array;
}

let planWork: PlanWork | undefined;

/** Plan working arrays with room for `scoreCells` scores and `maskCells` mask words (valid until the next call). */
export function reservePlanWork(scoreCells: number, maskCells: number): PlanWork {
  const work = planWork;
  if (work && scoreCells <= work.score.length && maskCells <= work.masks.length) return work;
  planWork = {
    score: work && scoreCells <= work.score.length ? work.score : new Float64Array(grown(scoreCells, work?.score.length ?? 0)),
    masks: work && maskCells <= work.masks.length ? work.masks : new Int32Array(grown(maskCells, work?.masks.length ?? 0)),
  };
  return planWork;
}

// ---------------------------------------------------------------- routing: column templates (evaluate.ts)

/*
 * The explanation's numeric columns are new plain arrays (they are stored, so not reused), copied
 * from templates that already hold unboxed doubles or small integers. An array created empty, or
 * filled with an integer, keeps small integers; the first fraction written into it makes V8 copy
 * it to a second backing store of doubles: twice the garbage for every column of every order.
 * Plain arrays rather than typed ones: they serialise to JSON as they are, and have no off-heap
 * buffer for the young-generation collector to sweep.
 */
function doubleZeros(): number[] {
  const zeros = [0.5];
  zeros[0] = 0;
  return zeros;
}
const DOUBLES_TEMPLATE = /* @__PURE__ */ doubleZeros();
const INTEGERS_TEMPLATE: number[] = [0];

/** A new array of n zeros, stored as doubles. */
export function doubles(n: number): number[] {
  while (DOUBLES_TEMPLATE.length < n) DOUBLES_TEMPLATE.push(0);
  return DOUBLES_TEMPLATE.slice(0, n);
}

/** A new array of n zeros, stored as small integers (a column that stays whole numbers). */
export function integers(n: number): number[] {
  while (INTEGERS_TEMPLATE.length < n) INTEGERS_TEMPLATE.push(0);
  return INTEGERS_TEMPLATE.slice(0, n);
}

// ---------------------------------------------------------------- memo tables
// `@__PURE__` lets a bundler drop the tables a bundle never reads (the checkout extension uses
// the promise engine's, not routing's).

/**
 * A value per key, computed once by a pure function of the key and kept for the life of the
 * process, or until `limit` keys are held (then the table starts afresh, so it stays bounded).
 */
export class Memo<K, V> {
  private readonly values = new Map<K, V>();

  constructor(private readonly limit = Infinity) {}

  /** The value for `key`: remembered, or `compute(key)`; nothing is remembered when it throws. */
  get(key: K, compute: (key: K) => V): V {
    let value = this.values.get(key);
    if (value === undefined) {
      if (this.values.size >= this.limit) this.values.clear();
      value = compute(key);
      this.values.set(key, value);
    }
    return value;
  }
}

/** A value per object, by identity, computed once and forgotten with the object. */
export class IdentityMemo<K extends object, V> {
  private readonly values = new WeakMap<K, V>();

  /** The value for `key`: remembered, or `compute(key)`; nothing is remembered when it throws. */
  get(key: K, compute: (key: K) => V): V {
    let value = this.values.get(key);
    if (value === undefined) {
      value = compute(key);
      this.values.set(key, value);
    }
    return value;
  }
}

interface Ring<V> {
  readonly args: number[];
  readonly values: V[];
  next: number;
}

/** Per key, the values for its last `slots` numeric arguments (the oldest is overwritten first). */
export class RecentMemo<V> {
  private readonly rings = new Map<string, Ring<V>>();

  constructor(private readonly slots: number) {}

  /** The value for (`key`, `arg`): remembered, or `compute(arg, key)`; nothing is remembered when it throws. */
  get(key: string, arg: number, compute: (arg: number, key: string) => V): V {
    const ring = this.rings.get(key);
    if (ring) {
      const i = ring.args.indexOf(arg);
      if (i >= 0) return ring.values[i]!;
    }
    const value = compute(arg, key);
    // Only reached once `compute` accepted the key, so the table stays as small as the valid keys.
    const slots = ring ?? { args: [], values: [], next: 0 };
    if (!ring) this.rings.set(key, slots);
    slots.args[slots.next] = arg;
    slots.values[slots.next] = value;
    slots.next = (slots.next + 1) % this.slots;
    return value;
  }
}

/** promise/local-clock.ts: the Intl formatter reading wall-clock time in each IANA zone. */
export const zoneClockFormatters = /* @__PURE__ */ new Memo<string, Intl.DateTimeFormat>();

/**
 * promise/local-clock.ts: each zone's last few wall-clock readings. Routing asks for the same
 * instant in the same few zones once per supplier; four slots hold one order's instant and the
 * instant a cut-off check looks back to, few enough that a benchmark cycling through a pool of
 * orders still measures a fresh order's cost.
 */
export const zoneReadings = /* @__PURE__ */ new RecentMemo<LocalClock>(4);

/** promise/time-zone.ts: minutes after midnight of each "HH:mm" cut-off (at most 1,440 valid ones). */
export const clockTimes = /* @__PURE__ */ new Memo<string, number>();

/** promise/dates.ts: the ISO date of recent day counts (promise windows land on a handful of dates). */
export const epochDayDates = /* @__PURE__ */ new Memo<number, string>(4096);

/** promise/business-days.ts: each holiday list as a set of day counts, by identity (a supplier's list is parsed once). */
export const holidayDaySets = /* @__PURE__ */ new IdentityMemo<readonly string[], ReadonlySet<number>>();

/** promise/format.ts: the Intl formatter of promise windows per locale. */
export const windowFormatters = /* @__PURE__ */ new Memo<string, Intl.DateTimeFormat>();

/** routing/format.ts: the Intl money formatter per currency. */
export const moneyFormats = /* @__PURE__ */ new Memo<string, MoneyFormat>();

/** metrics/series.ts: the Intl formatter cutting instants into calendar days per IANA zone. */
export const dayFormatters = /* @__PURE__ */ new Memo<string, Intl.DateTimeFormat>();
