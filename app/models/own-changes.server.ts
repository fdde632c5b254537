/**
 * Changes Dropline makes in Shopify, noted just before it makes them, so the webhooks and
 * fulfillment-service callbacks that echo them can be told from a person's change and do no
 * repeat work. Stored as effect keys (`AppliedEffect`, key `own:…`), written with the caller's
 * clock: an echo counts only within `ECHO_WINDOW_MS` of the note.
 */
import type { Prisma, PrismaClient } from "@prisma/client";

type Db = PrismaClient | Prisma.TransactionClient;

/** Shopify retries a webhook for up to 48 hours; an echo later than a day is treated as news. */
export const ECHO_WINDOW_MS = 24 * 3_600_000;

export type OwnChange =
  /** fulfillmentOrderMove of `fulfillmentOrderId` to `locationId` (echo: fulfillment_orders/moved). */
  | { readonly kind: "move"; readonly fulfillmentOrderId: string; readonly locationId: string }
  /** fulfillmentOrderSubmitFulfillmentRequest (echo: fulfillment_orders/fulfillment_request_submitted). */
  | { readonly kind: "fulfillment_request"; readonly fulfillmentOrderId: string }
  /** The fulfillment-service callback Shopify sends for a request we submitted (it names no order). */
  | { readonly kind: "callback"; readonly callback: "FULFILLMENT_REQUEST"; readonly fulfillmentOrderId: string }
  /**
   * Dropline itself submitted the fulfillment request of this purchase order (with notifyCustomer
   * false), so what Shopify knows about it is what the purchase order says.
   */
  | { readonly kind: "purchase_order_request"; readonly purchaseOrderId: string };

function keyOf(change: OwnChange): string {
  switch (change.kind) {
    case "move":
      return `own:move:${change.fulfillmentOrderId}>${change.locationId}`;
    case "fulfillment_request":
      return `own:fulfillment_request:${change.fulfillmentOrderId}`;
    case "callback":
      return `own:callback:${change.callback}:${change.fulfillmentOrderId}`;
    case "purchase_order_request":
      return `own:purchase_order_request:${change.purchaseOrderId}`;
  }
}

/** Notes changes Dropline is about to make (again: the notes are renewed). */
export async function noteOwnChanges(db: PrismaClient, shop: string, changes: readonly OwnChange[], now: Date): Promise<void> {
  await db.$transaction(
    changes.map((change) => {
      const key = keyOf(change);
      return db.appliedEffect.upsert({ where: { shop_key: { shop, key } }, create: { shop, key, appliedAt: now }, update: { appliedAt: now } });
    }),
  );
}

/** Notes one change Dropline is about to make. */
export async function noteOwnChange(db: PrismaClient, shop: string, change: OwnChange, now: Date): Promise<void> {
  await noteOwnChanges(db, shop, [change], now);
}

const fresh = (appliedAt: Date, now: Date) => appliedAt.getTime() >= now.getTime() - ECHO_WINDOW_MS;

/**
 * Whether Dropline made this change; the note stays. By default only within the echo window (a
 * webhook asking "was that us?"); `ever` asks about the fact itself, however old.
 */
export async function isOwnChange(db: Db, shop: string, change: OwnChange, now: Date, options: { ever?: boolean } = {}): Promise<boolean> {
  const row = await db.appliedEffect.findUnique({ where: { shop_key: { shop, key: keyOf(change) } } });
  return row !== null && (options.ever === true || fresh(row.appliedAt, now));
}

/**
 * Whether this webhook is the echo of a change Dropline made: true once per note (the note is
 * used up, so the same change made later by a person is news again).
 */
export async function takeOwnChange(db: Db, shop: string, change: OwnChange, now: Date): Promise<boolean> {
  const key = keyOf(change);
  const row = await db.appliedEffect.findUnique({ where: { shop_key: { shop, key } } });
  if (!row) return false;
  const { count } = await db.appliedEffect.deleteMany({ where: { shop, key, appliedAt: row.appliedAt } });
  return count === 1 && fresh(row.appliedAt, now);
}

/**
 * A fulfillment-service callback names only its kind, so any one outstanding note of that kind
 * accounts for it (the oldest). False when none is left: the callback is someone else's news.
 */
export async function takeOwnCallback(db: Db, shop: string, callback: "FULFILLMENT_REQUEST", now: Date): Promise<boolean> {
  const since = new Date(now.getTime() - ECHO_WINDOW_MS);
  for (let attempt = 0; attempt < 5; attempt++) {
    const row = await db.appliedEffect.findFirst({
      where: { shop, key: { startsWith: `own:callback:${callback}:` }, appliedAt: { gte: since } },
      orderBy: { appliedAt: "asc" },
    });
    if (!row) return false;
    // Two callbacks at once may pick the same note: only one deletes it, the other takes the next.
    const { count } = await db.appliedEffect.deleteMany({ where: { shop, key: row.key } });
    if (count === 1) return true;
  }
  return false;
}
