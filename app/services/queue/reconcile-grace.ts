/**
 * How long a reconcile job waits after the webhook that booked it. Dropline answers Shopify
 * first and writes its own record just after (portal acceptance, tracking correction); a webhook
 * about that same change can be processed in between and look like someone else's doing. Waiting
 * a minute lets our own write land, so only real disagreements are repaired.
 */
export const RECONCILE_GRACE_MS = 60_000;

/** When a reconcile job booked at `now` may run. */
export function afterGrace(now: Date): Date {
  return new Date(now.getTime() + RECONCILE_GRACE_MS);
}
