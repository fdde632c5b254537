/**
 * Why an exception happened, for the weekly review: each exception case type (and each staff
 * task the escalation ladder opens) maps to one root cause. The map is a table; a type it does not
 * know (a new case type, or one added on another branch) falls under "other" rather than failing.
 */
export type ReviewCause = "stock_confirmation" | "label" | "pickup" | "carrier" | "address" | "supplier_no_response" | "other";

/** Causes in the order the review lists them. */
export const REVIEW_CAUSES: readonly ReviewCause[] = ["stock_confirmation", "supplier_no_response", "label", "pickup", "carrier", "address", "other"];

export const CAUSE_LABELS: Readonly<Record<ReviewCause, string>> = {
  stock_confirmation: "Stock confirmation",
  supplier_no_response: "Supplier no-response",
  label: "Label",
  pickup: "Pickup",
  carrier: "Carrier",
  address: "Address",
  other: "Other",
};

/** Exception case types (app/domain/exceptions, and the playbook's newer ones) → cause. */
const CASE_CAUSES: Readonly<Record<string, ReviewCause>> = {
  stockout_after_accept: "stock_confirmation",
  // No tracking by the committed ship date: the supplier never produced a label.
  no_tracking_by_ship_date: "label",
  label_without_pickup: "pickup",
  no_movement: "carrier",
  delayed: "carrier",
  lost: "carrier",
  damaged: "carrier",
  past_promised_delivery: "carrier",
  // Failed attempts and returns to sender are, far more often than not, an address problem.
  failed_delivery: "address",
  returned_to_sender: "address",
  return_to_sender: "address",
};

/** Staff-task kinds the escalation ladder opens (StaffTask.kind) → cause. */
const TASK_CAUSES: Readonly<Record<string, ReviewCause>> = {
  no_acknowledgement: "supplier_no_response",
  stockout_unresolved: "stock_confirmation",
  // Routing held the order: its shipping address fails the address check (app/domain/address).
  address_hold: "address",
};

/** The cause of an exception case type; "other" for a type the table does not know. */
export function causeOfCase(type: string): ReviewCause {
  return Object.prototype.hasOwnProperty.call(CASE_CAUSES, type) ? (CASE_CAUSES[type] as ReviewCause) : "other";
}

/** The cause of a staff task kind; "other" for a kind the table does not know. */
export function causeOfTask(kind: string): ReviewCause {
  return Object.prototype.hasOwnProperty.call(TASK_CAUSES, kind) ? (TASK_CAUSES[kind] as ReviewCause) : "other";
}

/** Where staff change the rule that prevents a repeat of each cause. */
export const CAUSE_SETTING: Readonly<Record<ReviewCause, "routing" | "supplier" | "stock" | "none">> = {
  stock_confirmation: "stock",
  supplier_no_response: "supplier",
  label: "supplier",
  pickup: "supplier",
  carrier: "routing",
  address: "none",
  other: "none",
};
