/** The routing engine: pure, deterministic, time passed in as epoch ms. */
export type * from "./types";
export * from "./policy";
export { NEUTRAL_PERFORMANCE, smoothPerformance, reliabilityScore, reliabilityBasis } from "./performance";
export { HARD_CONSTRAINTS, HARD_CONSTRAINT_ORDER, availableStock } from "./constraints";
export { DECISION_FORMAT } from "./types";
export { constraintWords } from "./explain";
export { expandExplanation } from "./expand";
export { explainDecision, readStoredDecision } from "./stored-decision";
export type * from "./stored-decision";
export { routeOrder } from "./engine";
export { previewPolicyChange, summariseDecision } from "./preview";
export type { DecisionSummary, OrderPolicyChange, PolicyChangePreview } from "./preview";
export { hasAddressHolds, holdForAddress, type AddressVerdict } from "./address-holds";
export {
  applyPolicyScopes,
  matchingOverrides,
  policyWords,
  POLICY_PRECEDENCE,
  resolveLineSplit,
  resolveLineWeights,
  scopeLabel,
  strictestSplit,
} from "./scope";
export type { PolicyLevel, PolicyNote, PolicySource, ReserveNote, ScopedLine, SourceNote } from "./scope";
