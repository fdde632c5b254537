/** Control-limit alerts on the fulfillment metrics: thresholds, evaluation and the open/keep/close plan. */
export * from "./thresholds";
export * from "./evaluate";
export * from "./series";
export * from "./notice";
