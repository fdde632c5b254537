/** The delivery-promise engine: pure, time passed in as epoch ms. */
export type * from "./types";
export * from "./dates";
export * from "./time-zone";
export * from "./calendar";
export * from "./coverage";
export * from "./window";
export * from "./distribution";
export * from "./history";
export * from "./format";
export * from "./metafield";
export * from "./learning";
export * from "./reactions";
export * from "./destination-zone";
