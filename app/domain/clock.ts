/** The one shape of an injected clock: returns the current instant (tests pass a manual one). */
export type Clock = () => Date;
