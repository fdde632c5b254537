/** Fulfillment metrics (operating model §9): percentiles, segmented metrics, daily series and control limits. */
export * from "./percentile";
export * from "./definitions";
export * from "./compute";
export * from "./series";
export * from "./control";
export * from "./monitor";
export * from "./histogram";
export * from "./facts";
export * from "./rollup";
