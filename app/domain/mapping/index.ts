/** SKU mapping: the report of mapping gaps and the fuzzy suggestions that close them. */
export * from "./report";
export * from "./suggest";
