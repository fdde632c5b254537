/**
 * Vocabulary of the routing engine: what an order, an offer and a supplier look like to it,
 * and the plan (RoutingDecision) it hands back to the shell. Money is integer minor units;
 * instants are epoch milliseconds (UTC); dates are ISO "YYYY-MM-DD".
 */
import type { CoverageEntry, DayRange, Destination, PromiseWindow, SupplierCalendar, SupplierPromiseData } from "../promise";
import type { ServiceTier } from "../service-tier";
import type { RoutingPolicy, Weights } from "./policy";
import type { PolicyNote } from "./scope";

export type { CoverageEntry, Destination, DayRange, PromiseWindow, ServiceTier, SupplierCalendar };

export type ServiceLevel = "standard" | "expedited";

/** One line of the order as the shell read it from Shopify. */
export interface OrderLine {
  readonly lineId: string;
  /** Product variant GID, e.g. "gid://shopify/ProductVariant/1". Never parsed. */
  readonly variantId: string;
  readonly quantity: number;
  /** Price of one unit, minor units. */
  readonly unitPrice: number;
  /** What a merchant calls the item; used in hold messages. */
  readonly title?: string;
  /** The variant's product GID and that product's collections: what product and collection policies match. */
  readonly productId?: string;
  readonly collectionIds?: readonly string[];
}

export interface RoutingOrder {
  readonly id: string;
  readonly lines: readonly OrderLine[];
  readonly destination: Destination;
  /** Sales channel handle, e.g. "online_store", "amazon"; selects weight overrides. */
  readonly channel: string;
  readonly serviceLevel: ServiceLevel;
  /** Basket value in minor units, as the split policy sees it. */
  readonly basketValue: number;
  /** ISO 4217 code, only for formatting money in messages. Default "USD". */
  readonly currencyCode?: string;
  /** The instant the order is routed (epoch ms). */
  readonly nowMs: number;
  /** Overrides the policy's promise for this order's service level (e.g. a marketplace SLA). */
  readonly promisedBusinessDays?: number;
  /**
   * The destination's IANA zone (`destinationTimeZone`): delivery dates are counted there, as
   * checkout counts them. Absent: the supplier's dates.
   */
  readonly destinationTimeZone?: string;
}

/** What one supplier offers for one variant. */
export interface SupplierOffer {
  readonly supplierId: string;
  readonly variantId: string;
  readonly supplierSku: string;
  /** Cost of one unit, minor units. */
  readonly unitCost: number;
  readonly stockOnHand: number;
  readonly stockUpdatedAtMs: number;
  /** Publishable quantity after the buffer, when the buffer module has computed it. */
  readonly bufferedAvailable?: number | null;
}

/** Measured supplier behaviour; rates are 0..1 over `sampleSize` orders. */
export interface SupplierPerformance {
  readonly acceptanceRate: number;
  readonly cancellationRate: number;
  readonly defectRate: number;
  readonly onTimeShipRate: number;
  readonly trackingLatencyHours: number;
  readonly sampleSize: number;
}

/** Shipping cost of one parcel to a region; no `provinceCode` means the whole country. */
export interface RegionCost {
  readonly countryCode: string;
  readonly provinceCode?: string | null;
  readonly cost: number;
}

export interface SupplierCosts {
  /** Per-parcel fee the supplier charges for dropshipping, minor units. */
  readonly dropshipFee: number;
  readonly shippingCostByRegion: readonly RegionCost[];
}

export interface Supplier {
  readonly id: string;
  readonly name: string;
  readonly status: "active" | "paused";
  readonly calendar: SupplierCalendar;
  readonly serviceTier: { readonly tier: ServiceTier; readonly handling: DayRange };
  readonly coverage: readonly CoverageEntry[];
  readonly costs: SupplierCosts;
  /** How often the supplier's stock feed is expected to update, ms. */
  readonly feedCadenceMs: number;
  readonly performance: SupplierPerformance;
  readonly carrierHolidays?: readonly string[];
  /**
   * The supplier's entry in the published `$app.promise` data (learned distributions, calibrated
   * coverage) — what checkout computes the window from. With it routing's meets-the-promise check
   * builds the same leg as checkout (`legFromPromiseData`); without, the configured ranges.
   */
  readonly published?: SupplierPromiseData;
}

/** Everything about one order the engine needs, except the policy. */
export interface RoutingRequest {
  readonly order: RoutingOrder;
  readonly suppliers: readonly Supplier[];
  readonly offers: readonly SupplierOffer[];
}

export interface RoutingInput extends RoutingRequest {
  readonly policy: RoutingPolicy;
}

export interface RoutingOptions {
  /** Suppliers not to route to (e.g. one that rejected this order). */
  readonly exclude?: readonly string[];
}

// ---------------------------------------------------------------- decision (output)

export type RoutingOutcome = "routed" | "split" | "held" | "partially_held";

export type ConstraintName =
  "supplierKnown" | "supplierActive" | "notExcluded" | "shipsToDestination" | "stockAvailable" | "stockFresh" | "meetsPromise" | "minimumScore";

export type ScorePartName = "speed" | "cost" | "stockConfidence" | "reliability";

/** A raw input as the reliability score reports it. */
export type RawValue = number | string | null;

export type HoldReasonCode = "no_offer" | "no_eligible_supplier" | "below_min_score" | "split_not_allowed" | "max_parcels_exceeded" | "address";

/** The reasons the engine itself holds a line for ("address" is added after it, by the address check). */
export type EngineHoldReasonCode = Exclude<HoldReasonCode, "address">;

/**
 * A constraint's verdict as data: its name, whether it passed and the parameters its sentence is
 * rendered from (`explain.ts`), so the explanation stores no prose. Each result carries what its
 * sentence needs except the supplier's name, which the candidate holds.
 */
export type ConstraintResult =
  | { readonly name: "supplierKnown"; readonly passed: false }
  | { readonly name: "supplierActive"; readonly passed: boolean }
  | { readonly name: "notExcluded"; readonly passed: boolean }
  | {
      readonly name: "shipsToDestination";
      readonly passed: boolean;
      readonly region: string;
      /** Business days in transit; null when the supplier does not ship there. */
      readonly transit: DayRange | null;
    }
  | {
      readonly name: "stockAvailable";
      readonly passed: boolean;
      /** Units the supplier can commit. */
      readonly available: number;
      /** Units of the variant across the whole order. */
      readonly needed: number;
      readonly onHand: number;
      /** True when `available` is the buffer module's publishable quantity. */
      readonly buffered: boolean;
      readonly minBuffer: number;
    }
  | { readonly name: "stockFresh"; readonly passed: boolean; readonly ageMs: number; readonly maxAgeMs: number }
  | {
      readonly name: "meetsPromise";
      readonly passed: boolean;
      readonly region: string;
      readonly serviceLevel: ServiceLevel;
      readonly promisedBusinessDays: number;
      readonly deadline: string;
      /** The sales channel whose SLA set the promise, when one did. */
      readonly sla?: string;
      /** The supplier's delivery window; null when it has none. */
      readonly earliest: string | null;
      readonly latest: string | null;
      /** Why no window could be computed (bad calendar data), if so. */
      readonly error: string | null;
    }
  | { readonly name: "minimumScore"; readonly passed: boolean; readonly total: number; readonly minScore: number };

export interface CandidateScore {
  /** The weighted sum of the parts. */
  readonly total: number;
  /** Each part normalised to 0..1, higher is better; the weights are the decision's `context.weights`. */
  readonly parts: Readonly<Record<ScorePartName, number>>;
  /** Units at this supplier's cost plus the line's revenue share of one parcel, minor units. */
  readonly landedCost: number;
  /** Line revenue minus landed cost, minor units (the cost part compares it with the line's best). */
  readonly margin: number;
  /** 1 within the supplier's feed cadence, then halving per half-life (stock confidence). */
  readonly freshness: number;
  /** 0 when the order takes the last unit, towards 1 with deep stock (stock confidence). */
  readonly depth: number;
}

/** One candidate of a line with its verdicts as objects: how format 2 stored it, and what `expandExplanation` reads format 3 into. */
export interface CandidateExplanation {
  readonly supplierId: string;
  readonly supplierName: string;
  readonly supplierSku: string;
  readonly eligible: boolean;
  readonly constraints: readonly ConstraintResult[];
  /** Present when every hard constraint passed. */
  readonly score: CandidateScore | null;
  /** 1 = best eligible candidate for the line; null when not eligible. */
  readonly rank: number | null;
}

/** A line's candidates as objects (format 2's stored shape; format 3 expands into it). */
export interface LineExplanation {
  readonly lineId: string;
  readonly variantId: string;
  readonly quantity: number;
  readonly candidates: readonly CandidateExplanation[];
}

/**
 * What a decision's explanation knows of one supplier for this order, stored once however many
 * lines it is a candidate for. The parameters of its supplier-level verdicts (active, not
 * excluded, ships there, meets the promise) and its two supplier-level score parts.
 */
export interface SupplierVerdict {
  readonly id: string;
  /** The supplier's name, or its id when an offer names a supplier with no record. */
  readonly name: string;
  /** False when an offer names a supplier with no record (nothing else about it is known). */
  readonly known: boolean;
  /** Business days in transit to the destination; null when it does not ship there. */
  readonly transit: DayRange | null;
  /** Its delivery window for this order; null when it has none. */
  readonly earliest: string | null;
  readonly latest: string | null;
  /** Why no window could be computed (bad calendar data), if so. */
  readonly error: string | null;
  /** The speed and reliability parts of each of its scores for this order. */
  readonly speed: number;
  readonly reliability: number;
}

/**
 * Bits of a candidate's `flags`: bit i (0 ≤ i < 6) is set when hard constraint
 * HARD_CONSTRAINT_ORDER[i] failed; then the minimum score, and whether the stock figure is the
 * buffer module's publishable quantity.
 */
export const FLAG_MIN_SCORE_FAILED = 1 << 6;
export const FLAG_BUFFERED = 1 << 7;
/** The hard-constraint bits of `flags`: a candidate of a known supplier is scored when none is set. */
export const HARD_FAILURE_BITS = (1 << 6) - 1;

/**
 * Every candidate of every line as parallel columns (entry k of each column is candidate k): a
 * line's candidates are the entries `start` … `end` − 1, the eligible ones first, best first
 * (`ranked` of them; rank = position in the line + 1), then the rest in supplier id order.
 * Columns, not an object per candidate: a 20-line order with 50 suppliers per line has 1,000
 * candidates, and objects for them were most of the engine's time and garbage (decision 007).
 */
export interface CandidateColumns {
  /** Index into the explanation's `suppliers`. */
  readonly supplier: readonly number[];
  readonly sku: readonly string[];
  readonly flags: readonly number[];
  /** Units the supplier can commit, and its stock on hand. */
  readonly available: readonly number[];
  readonly onHand: readonly number[];
  /** Age of the offer's stock figure when routed, ms. */
  readonly stockAgeMs: readonly number[];
}

/**
 * The scores of the scored candidates only (a known supplier that passed every hard constraint),
 * in the same order as the candidates: a line's scores are the entries `scoreStart` onwards, one
 * per scored candidate of the line, so a ranked candidate's score is at `scoreStart` + its
 * position in the line.
 */
export interface ScoreColumns {
  readonly total: readonly number[];
  readonly cost: readonly number[];
  readonly stockConfidence: readonly number[];
  readonly landedCost: readonly number[];
  readonly freshness: readonly number[];
  readonly depth: readonly number[];
}

/** One line of the explanation: what it asked for, and where its candidates and scores are in the columns. */
export interface LineEntry {
  readonly lineId: string;
  readonly variantId: string;
  readonly quantity: number;
  /** Units of the variant across the whole order (what the stock check compares with). */
  readonly needed: number;
  /** Line revenue, minor units: a candidate's margin is this minus its landed cost. */
  readonly revenue: number;
  /** The line's candidates: entries start … end − 1 of the candidate columns. */
  readonly start: number;
  readonly end: number;
  /** How many of them are eligible (they come first). */
  readonly ranked: number;
  /** Where the line's scores begin in the score columns. */
  readonly scoreStart: number;
}

/** A decision's explanation (format 3): the order-wide parameters once, each line's candidates as ranges of shared columns. */
export interface DecisionExplanation {
  /** The destination in words, e.g. "US-CA". */
  readonly region: string;
  /** The policy's stock buffer and how long it trusts a stock figure (ms). */
  readonly minBuffer: number;
  readonly maxStockAgeMs: number;
  /** The stop-loss minimum score, null when the policy sets none. */
  readonly minScore: number | null;
  /** Every supplier an ordered variant's offer names, in id order. */
  readonly suppliers: readonly SupplierVerdict[];
  readonly lines: readonly LineEntry[];
  readonly candidates: CandidateColumns;
  readonly scores: ScoreColumns;
}

export interface AssignedLine {
  readonly lineId: string;
  readonly quantity: number;
}

export interface Assignment {
  readonly supplierId: string;
  readonly lines: readonly AssignedLine[];
  /** Unit costs plus one dropship fee and one parcel's shipping, minor units. */
  readonly landedCost: number;
  readonly promise: PromiseWindow & { readonly latestBusinessDays: number };
}

export interface Hold {
  readonly lineId: string;
  readonly quantity: number;
  readonly reasonCode: HoldReasonCode;
  readonly message: string;
  /** An address hold: the supplier whose carrier the address fails (absent when every carrier would refuse it). */
  readonly supplierId?: string;
}

export interface LineFallback {
  readonly lineId: string;
  /** Other eligible suppliers, best first, for the shell to try if the chosen one rejects. */
  readonly supplierIds: readonly string[];
}

export interface DecisionContext {
  readonly channel: string;
  readonly serviceLevel: ServiceLevel;
  readonly weights: Weights;
  readonly promisedBusinessDays: number;
  /** Latest acceptable delivery date for the promise. */
  readonly deadline: string;
  readonly splitPermitted: boolean;
  readonly splitReason: string;
  readonly excluded: readonly string[];
  /** Which product, collection, region and channel rules applied (absent in decisions made before December 2026). */
  readonly policy?: PolicyNote;
}

/**
 * The stored shape of a decision: format 3 stores the explanation as columns; format 2 stored an
 * object per candidate; format 1 (no `format` field) stored sentences instead of parameters.
 */
export const DECISION_FORMAT = 3;

/** The part of a decision every stored format shares: what was decided, without the explanation. */
export interface DecisionPlan {
  readonly orderId: string;
  readonly outcome: RoutingOutcome;
  readonly assignments: readonly Assignment[];
  readonly holds: readonly Hold[];
  readonly fallbacks: readonly LineFallback[];
  readonly context: DecisionContext;
}

/** The plan the shell executes and stores with the order (plain JSON). */
export interface RoutingDecision extends DecisionPlan {
  readonly format: typeof DECISION_FORMAT;
  readonly explanation: DecisionExplanation;
}
