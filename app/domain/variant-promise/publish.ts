/**
 * What Dropline publishes to each variant's `$app.promise` metafield: the candidate suppliers in
 * the order routing would try them, each with its calendar, handling and coverage, and the handling
 * and per-row transit distributions learned from delivered shipments once there are enough of
 * them (checkout then promises the shortest window holding 97 % of their sum). Checkout uses
 * the first candidate that serves the shopper's address, so the order is the promise.
 *
 * Ranking a generic order (no destination, quantity 1, the online store's weights), a candidate:
 * 1. must be an active supplier with an offer for the variant and at least one coverage row;
 * 2. in stock comes before out of stock, by routing's stock rule (`availableStock`: stock is a
 *    hard constraint for routing);
 * 3. then the policy's weighted score, with the weights routing resolves for a one-line order of
 *    the variant (its product's and collections' scoped rules first, decision 030; where a
 *    region's rules rank the candidates differently, that country's order is published as `ro`),
 *    by routing's scoring rules but without a destination or a price — speed from handling max +
 *    the median transit max of the supplier's coverage, cost from the landed cost of one unit
 *    (unit cost, dropship fee, median shipping rate) relative to the cheapest, as routing scores a
 *    line whose price is unknown; reliability from measured performance; stock confidence full
 *    for every candidate (stock is the tier above);
 * 4. then supplier id, so the same inputs always give the same bytes (published values are hashed).
 *
 * Imports routing's rules (never the other way round) so both agree.
 */
import { availableStock } from "../routing/constraints";
import { reliabilityValue } from "../routing/performance";
import { normaliseWeights, promisedBusinessDays, type RoutingPolicy, type Weights } from "../routing/policy";
import { resolveLineWeights, type ScopedLine } from "../routing/scope";
import { costPart, landedCost, speedPart, stockConfidence, weightedTotal } from "../routing/scoring";
import type { Supplier, SupplierOffer } from "../routing/types";
import { addDays } from "../promise/dates";
import { handlingDaysFromHistory, handlingFromHistory, transitDaysByCoverage, type TransitSample } from "../promise/history";
import { encodePromiseData, toSupplierPromiseData, type LearnedDistributions, type SupplierPromiseData } from "../promise/metafield";
import type { CoverageEntry } from "../promise/coverage";
import { DEFAULT_WINDOW_COVERAGE } from "../promise/distribution";
import { learnLane, type DurationObservation } from "../promise/learning";
import { shipsInApplies, shipsInDays, type Reaction } from "../promise/reactions";
import type { SupplierEvidence } from "../promise/observations";
import type { DayRange } from "../promise/types";

/** Checkout orders arrive from the online store under this channel handle. */
export const CHECKOUT_CHANNEL = "web";
/** Candidates kept per variant: past the first few, one always serves before them. */
export const MAX_CANDIDATES = 4;
/**
 * Soft size budget of one value. Shopify takes JSON values up to 128 KB, but every cart line's
 * value travels with each checkout render; trailing candidates are dropped to stay under this.
 */
export const PROMISE_VALUE_BUDGET_BYTES = 4096;
/** Holidays further ahead than this cannot move a window computed today. */
export const HOLIDAY_HORIZON_DAYS = 400;

export interface PublishInput {
  readonly suppliers: readonly Supplier[];
  readonly offers: readonly SupplierOffer[];
  readonly policy: RoutingPolicy;
  /** Observed order → hand-off business days per supplier id; absent = none yet. */
  readonly handlingSamples?: ReadonlyMap<string, readonly number[]>;
  /** Observed transit of delivered parcels per supplier id (see `learnFromShipments`). */
  readonly transitSamples?: ReadonlyMap<string, readonly TransitSample[]>;
  /**
   * What the robust engine learns from, per supplier id (`evidenceFromShipments`): when given,
   * distributions come from `learnLane` (censored, recency-weighted, shrunk, calibrated) instead of
   * the delivered samples above, and each supplier carries its calibrated coverage and basis.
   */
  readonly evidence?: ReadonlyMap<string, SupplierEvidence>;
  /** What each supplier's signals call for (stale feed, drifting handling, backlog), by supplier id. */
  readonly reactions?: ReadonlyMap<string, Reaction>;
  /** The merchant's confidence (0.9, 0.95, 0.97 or 0.99). Default 0.97. */
  readonly confidence?: number;
  /** Holidays before this ISO date are left out (they can no longer matter). */
  readonly today: string;
  readonly budgetBytes?: number;
  readonly maxCandidates?: number;
  /**
   * Each variant's product and collections (routing's `ScopedLine`), so product- and
   * collection-scoped policy rules rank its candidates as routing would; absent = shop rules only.
   */
  readonly scopes?: ReadonlyMap<string, ScopedLine>;
}

/** One variant's value, ready for `metafieldsSet`. */
export interface VariantPromise {
  readonly variantId: string;
  /** encodePromiseData JSON. */
  readonly value: string;
  /** Supplier ids in published order. */
  readonly supplierIds: readonly string[];
  /** Ranked candidates left out (candidate cap or size budget). */
  readonly omitted: number;
  readonly bytes: number;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byteLength = (s: string): number => new TextEncoder().encode(s).length;

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Handling to publish: measured p50–p90 once there is enough history, else the configured tier. */
export function publishedHandling(supplier: Supplier, samples: readonly number[] = []): DayRange {
  return handlingFromHistory({ configured: supplier.serviceTier.handling, samples });
}

interface Candidate {
  readonly supplier: Supplier;
  readonly handling: DayRange;
  readonly handlingSamples: readonly number[];
  readonly transitSamples: readonly TransitSample[];
  readonly inStock: boolean;
  readonly latestDays: number;
  readonly landed: number;
}

function candidateOf(supplier: Supplier, offer: SupplierOffer, input: PublishInput): Candidate {
  const handlingSamples = input.handlingSamples?.get(supplier.id) ?? [];
  const handling = publishedHandling(supplier, handlingSamples);
  const transit = median(supplier.coverage.map((c) => c.transit.max));
  const shipping = median(supplier.costs.shippingCostByRegion.map((r) => r.cost));
  return {
    supplier,
    handling,
    handlingSamples,
    transitSamples: input.transitSamples?.get(supplier.id) ?? [],
    inStock: availableStock(offer, input.policy) > 0,
    latestDays: handling.max + transit,
    // One unit in a parcel of its own.
    landed: landedCost(offer.unitCost, 1, supplier.costs.dropshipFee + shipping, 1),
  };
}

/** Publishing ranks for no particular order or moment: every candidate's stock counts as fresh and deep. */
const FULL_STOCK_CONFIDENCE = stockConfidence(1, 1);

/**
 * The weights routing would use for a one-line checkout order of this variant to the country
 * ("" = no country: region-scoped rules do not apply), by routing's own precedence (decision 030).
 */
export function rankingWeights(policy: RoutingPolicy, line: ScopedLine, countryCode = ""): Weights {
  return normaliseWeights(resolveLineWeights(policy, line, countryCode, CHECKOUT_CHANNEL).value);
}

/** Orders one variant's candidates as described at the top of this file. */
function rank(candidates: readonly Candidate[], policy: RoutingPolicy, weights: Weights): Candidate[] {
  const promised = promisedBusinessDays(policy, "standard");
  const minLanded = Math.min(...candidates.map((c) => c.landed));
  // No price: every margin is minus the landed cost, so the cost part compares landed costs.
  const bestMargin = -minLanded;
  const score = new Map(
    candidates.map((c) => {
      const speed = speedPart(c.latestDays, promised);
      const cost = costPart(-c.landed, c.landed, bestMargin, minLanded);
      const reliability = reliabilityValue(c.supplier.performance, policy.reliability.priorStrength);
      return [c.supplier.id, weightedTotal(weights, speed, cost, FULL_STOCK_CONFIDENCE, reliability)];
    }),
  );
  return [...candidates].sort(
    (a, b) => Number(b.inStock) - Number(a.inStock) || score.get(b.supplier.id)! - score.get(a.supplier.id)! || cmp(a.supplier.id, b.supplier.id),
  );
}

/** Transit of other suppliers' lanes to a country with an overlapping configured range: a thin lane's pool. */
function pooledTransit(input: PublishInput, supplierId: string, row: CoverageEntry): DurationObservation[] {
  if (!input.evidence) return [];
  const country = row.countryCode.toUpperCase();
  return input.suppliers.flatMap((other) => {
    if (other.id === supplierId) return [];
    const theirs = other.coverage.find((r) => r.countryCode.toUpperCase() === country && !r.provinceCode);
    if (!theirs || theirs.transit.min > row.transit.max || row.transit.min > theirs.transit.max) return [];
    return [...(input.evidence?.get(other.id)?.transit.get(country) ?? [])];
  });
}

/** The robust engine's distributions, coverage and basis for a supplier's rows. */
function robustLearned(c: Candidate, rows: readonly CoverageEntry[], input: PublishInput): LearnedDistributions {
  const evidence = input.evidence?.get(c.supplier.id);
  const confidence = input.confidence ?? DEFAULT_WINDOW_COVERAGE;
  const lanes = rows.map((row) =>
    learnLane({
      configuredHandling: c.supplier.serviceTier.handling,
      configuredTransit: row.transit,
      handling: evidence?.handling ?? [],
      transit: evidence?.transit.get(row.countryCode.toUpperCase()) ?? [],
      pooledTransit: pooledTransit(input, c.supplier.id, row),
      supplierOutcomes: evidence?.outcomes ?? [],
      laneOutcomes: [],
      confidence,
      reaction: input.reactions?.get(c.supplier.id),
    }),
  );
  const first = lanes[0];
  const reaction = input.reactions?.get(c.supplier.id);
  // The delivery date is no longer trustworthy: shoppers read when it ships (from the reacted handling).
  const shipsIn = first && reaction && shipsInApplies(reaction) ? shipsInDays(first.handling, first.coverage) : null;
  return {
    ...(first ? { handling: first.handling, coverage: first.coverage } : {}),
    ...(shipsIn ? { shipsIn } : {}),
    transit: lanes.map((l) => l.transit),
    basis: lanes.map((l) => l.transitBasis),
  };
}

/** A supplier's metafield form: upcoming holidays only, province rows that add nothing left out. */
function supplierData(c: Candidate, input: PublishInput): SupplierPromiseData {
  const today = input.today;
  const until = addDays(today, HOLIDAY_HORIZON_DAYS);
  const { calendar, coverage } = c.supplier;
  const holidays = [...new Set(calendar.holidays)].filter((d) => d >= today && d <= until).sort();
  const country = new Map(coverage.filter((row) => !row.provinceCode).map((row) => [row.countryCode.toUpperCase(), row.transit]));
  const useful = coverage.filter((row) => {
    if (!row.provinceCode) return true;
    const whole = country.get(row.countryCode.toUpperCase());
    return !whole || whole.min !== row.transit.min || whole.max !== row.transit.max;
  });
  const learned: LearnedDistributions = input.evidence
    ? robustLearned(c, useful, input)
    : {
        handling: handlingDaysFromHistory(c.handlingSamples),
        transit: transitDaysByCoverage(useful, c.transitSamples),
        ...(input.confidence !== undefined ? { coverage: input.confidence } : {}),
      };
  return toSupplierPromiseData({ ...calendar, holidays }, c.handling, useful, c.supplier.id, learned);
}

/**
 * Countries where region-scoped rules give this variant other weights, with the order they rank
 * the kept candidates in, as indices into them; only where it differs from the published order.
 */
function regionOrders(kept: readonly Candidate[], input: PublishInput, line: ScopedLine, base: Weights): Record<string, number[]> | undefined {
  if (kept.length < 2 || !input.policy.scopedOverrides.some((o) => o.scope.region)) return undefined;
  const countries = new Set(kept.flatMap((c) => c.supplier.coverage.map((row) => row.countryCode.trim().toUpperCase())));
  const orders: Record<string, number[]> = {};
  for (const country of [...countries].sort()) {
    const weights = rankingWeights(input.policy, line, country);
    if (JSON.stringify(weights) === JSON.stringify(base)) continue;
    const order = rank(kept, input.policy, weights).map((c) => kept.indexOf(c));
    if (order.some((index, i) => index !== i)) orders[country] = order;
  }
  return Object.keys(orders).length > 0 ? orders : undefined;
}

/** Encodes the ranked candidates, dropping trailing ones (never the first) to fit the budget. */
function encodeWithin(variantId: string, ranked: readonly Candidate[], input: PublishInput, line: ScopedLine, weights: Weights): VariantPromise {
  const cap = input.maxCandidates ?? MAX_CANDIDATES;
  const budget = input.budgetBytes ?? PROMISE_VALUE_BUDGET_BYTES;
  const all = ranked.map((c) => supplierData(c, input));
  const encode = (n: number): string => {
    const ro = regionOrders(ranked.slice(0, n), input, line, weights);
    return encodePromiseData({ v: 1, suppliers: all.slice(0, n), ...(ro ? { ro } : {}) });
  };
  let kept = all.slice(0, cap);
  let value = encode(kept.length);
  while (kept.length > 1 && byteLength(value) > budget) {
    kept = kept.slice(0, -1);
    value = encode(kept.length);
  }
  return {
    variantId,
    value,
    supplierIds: kept.map((s) => s.id ?? ""),
    omitted: all.length - kept.length,
    bytes: byteLength(value),
  };
}

/**
 * Every variant's promise value, sorted by variant id. Variants with no usable candidate (no offer
 * from an active supplier that ships anywhere) are absent: they have nothing honest to publish.
 */
export function buildPromiseValues(input: PublishInput): VariantPromise[] {
  const suppliers = new Map(input.suppliers.filter((s) => s.status === "active" && s.coverage.length > 0).map((s) => [s.id, s]));
  const byVariant = new Map<string, Map<string, Candidate>>();
  for (const offer of input.offers) {
    const supplier = suppliers.get(offer.supplierId);
    if (!supplier) continue;
    const list = byVariant.get(offer.variantId) ?? new Map<string, Candidate>();
    byVariant.set(offer.variantId, list);
    // One offer per supplier and variant; a duplicate keeps the better stock so order is stable.
    const candidate = candidateOf(supplier, offer, input);
    const existing = list.get(supplier.id);
    if (!existing || (candidate.inStock && !existing.inStock)) list.set(supplier.id, candidate);
  }
  return [...byVariant.entries()]
    .sort(([a], [b]) => cmp(a, b))
    .map(([variantId, candidates]) => {
      const line = input.scopes?.get(variantId) ?? {};
      const weights = rankingWeights(input.policy, line);
      return encodeWithin(variantId, rank([...candidates.values()], input.policy, weights), input, line, weights);
    });
}
