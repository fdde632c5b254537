/** The supplier acknowledgement ladder: pure state machine, business-hour timers. */
export * from "./types";
export * from "./config";
export * from "./business-hours";
export * from "./ladder";
export * from "./settings";
