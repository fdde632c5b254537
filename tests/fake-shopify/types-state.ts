/** Re-exports the record types with ShopState, so payload builders import from one place. */
export type * from "./types";
export type { ShopState } from "./store";
