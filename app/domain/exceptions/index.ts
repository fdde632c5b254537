/** Exception monitoring: rules evaluated on a timer, reconciled into open and closed cases. */
export * from "./types";
export { EXCEPTION_RULES, ruleFor, type ExceptionRule, type RuleCheck } from "./rules";
export * from "./evaluate";
export * from "./playbook";
export * from "./confirmation";
