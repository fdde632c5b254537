/** Guided setup: the first-run checklist computed from the shop's data. */
export * from "./checklist";
