/** Merchant-facing words and badge tones for routing outcomes, statuses, constraints and holds. */
import type { ConstraintName, HoldReasonCode, RoutingOutcome } from "~/domain/routing/types";

type Tone = "success" | "info" | "attention" | "warning" | "critical" | undefined;

export const OUTCOME_LABELS: Record<RoutingOutcome, { label: string; tone: Tone }> = {
  routed: { label: "Routed", tone: "success" },
  split: { label: "Split", tone: "info" },
  partially_held: { label: "Partially held", tone: "warning" },
  held: { label: "Held", tone: "critical" },
};

export const STATUS_LABELS: Record<string, { label: string; tone: Tone; help: string }> = {
  applying: { label: "Applying", tone: "attention", help: "Dropline is moving the fulfillment orders in Shopify." },
  applied: { label: "Applied", tone: "success", help: "Shopify's fulfillment orders match this decision." },
  failed: { label: "Failed", tone: "critical", help: "Part of this decision could not be carried out in Shopify." },
};

/** The outcome badge for a stored outcome string (unknown values shown as they are). */
export function outcomeLabel(outcome: string): { label: string; tone: Tone } {
  return Object.hasOwn(OUTCOME_LABELS, outcome) ? OUTCOME_LABELS[outcome as RoutingOutcome] : { label: outcome, tone: undefined };
}

export function statusLabel(status: string): { label: string; tone: Tone; help: string } {
  return STATUS_LABELS[status] ?? { label: status, tone: undefined, help: "" };
}

export const CONSTRAINT_LABELS: Record<ConstraintName, string> = {
  supplierKnown: "Supplier set up",
  supplierActive: "Supplier active",
  notExcluded: "Not excluded",
  shipsToDestination: "Ships to address",
  stockAvailable: "Enough stock",
  stockFresh: "Stock up to date",
  meetsPromise: "Meets delivery promise",
  minimumScore: "Minimum score",
};

export const HOLD_REASON_LABELS: Record<HoldReasonCode, string> = {
  no_offer: "No supplier offers it",
  no_eligible_supplier: "No supplier can take it",
  below_min_score: "Below the minimum score",
  split_not_allowed: "Split not allowed",
  max_parcels_exceeded: "Too many parcels",
  address: "Shipping address needs fixing",
};
