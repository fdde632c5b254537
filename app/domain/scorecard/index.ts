/** Supplier scorecards: weighted measures, grade, trend, worst SKUs, and the measures routing reads. */
export * from "./settings";
export * from "./lines";
export * from "./measures";
export * from "./grade";
export * from "./worst-skus";
export * from "./scorecard";
export * from "./routing-measures";
export * from "./oversell";
export * from "./words";
