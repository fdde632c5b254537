/**
 * Acknowledging a webhook outranks processing one: the event is already durable in the inbox, but
 * Shopify counts a slow answer as a failure. The web process counts acknowledgements in flight;
 * a worker running in the same process waits while any are (never longer than `maxWaitMs`).
 */
let inFlight = 0;
let lastFinishedAt = 0;

/** Wraps one acknowledgement. */
export async function acknowledging<T>(run: () => Promise<T>): Promise<T> {
  inFlight += 1;
  try {
    return await run();
  } finally {
    inFlight -= 1;
    lastFinishedAt = performance.now();
  }
}

/** True while acknowledgements are in flight or one finished within `quietMs` (a burst is on). */
export function acknowledgementsBusy(quietMs = 3): boolean {
  return inFlight > 0 || performance.now() - lastFinishedAt < quietMs;
}
