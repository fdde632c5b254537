/** Supplier stock feeds: parsing messy CSV/JSON into stock rows, and judging whether a run is safe to apply. */
export * from "./types";
export * from "./values";
export * from "./source";
export { normalizeHeader, locateColumns } from "./collector";
export * from "./parse";
export { defaultDecimalStyle } from "./csv";
export * from "./assess";
