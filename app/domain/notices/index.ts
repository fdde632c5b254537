/** Customer delay notices: detection (pure), the new window, and the message in the shop's language. */
export * from "./types";
export * from "./forecast";
export * from "./detect";
export * from "./message";
export * from "./day";
export * from "./settings";
