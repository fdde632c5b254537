/** Publishable stock: supplier stock minus a risk-aware buffer. Pure; time passed in as epoch ms. */
export * from "./settings";
export * from "./signals";
export * from "./publishable";
export * from "./explain";
