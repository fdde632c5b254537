/**
 * Vocabulary of the routing engine: what an order, an offer and a supplier look like to it,
 * and the plan (RoutingDecision) it hands back to the shell. Money is integer minor units;
 * instants are epoch milliseconds (UTC); dates are ISO "YYYY-MM-DD".
 */
import type {
  CoverageEntry,
  DayRange,
  Destination,
  PromiseWindow,
  SupplierCalendar,
} from "../promise";
import type { RoutingPolicy, Weights } from "./policy";

export type { CoverageEntry, Destination, DayRange, PromiseWindow, SupplierCalendar };

export type ServiceLevel = "standard" | "expedited";
export type ServiceTier = "same_day" | "next_day" | "48_hour" | "special_order";

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
  | "supplierKnown"
  | "supplierActive"
  | "notExcluded"
  | "shipsToDestination"
  | "stockAvailable"
  | "stockFresh"
  | "meetsPromise"
  | "minimumScore";

export type ScorePartName = "speed" | "cost" | "stockConfidence" | "reliability";

export type HoldReasonCode =
  | "no_offer"
  | "no_eligible_supplier"
  | "below_min_score"
  | "split_not_allowed"
  | "max_parcels_exceeded";

export interface ConstraintResult {
  readonly name: ConstraintName;
  readonly passed: boolean;
  /** A sentence a merchant can read, e.g. "Stock last updated 3 days ago; policy trusts …". */
  readonly reason: string;
  /** The short form used inside hold messages, e.g. "out of stock: 0 of 2 needed". */
  readonly detail: string;
}

export type RawValue = number | string | null;

export interface ScorePart {
  /** Normalised 0..1, higher is better. */
  readonly value: number;
  readonly weight: number;
  readonly raw: Readonly<Record<string, RawValue>>;
}

export interface CandidateScore {
  readonly parts: Readonly<Record<ScorePartName, ScorePart>>;
  readonly total: number;
}

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

export interface LineExplanation {
  readonly lineId: string;
  readonly variantId: string;
  readonly quantity: number;
  readonly candidates: readonly CandidateExplanation[];
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
}

/** The plan the shell executes and stores with the order (plain JSON). */
export interface RoutingDecision {
  readonly orderId: string;
  readonly outcome: RoutingOutcome;
  readonly assignments: readonly Assignment[];
  readonly holds: readonly Hold[];
  readonly fallbacks: readonly LineFallback[];
  readonly context: DecisionContext;
  readonly explanation: readonly LineExplanation[];
}
