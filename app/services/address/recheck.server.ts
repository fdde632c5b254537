/**
 * Re-checking an order held for its address: after `orders/updated` says the shipping address
 * changed, and periodically (a missed webhook, a supplier's label rules changed). When the address
 * passes, Dropline releases its own hold in Shopify and routes the order again — the path a person's
 * release takes — so the purchase order leaves exactly once: routing works from Shopify's state,
 * submission builds one purchase order per fulfillment order, and the hold on record is ended by
 * whichever step gets there first.
 */
import { z } from "zod";
import { addressFingerprint } from "~/domain/address";
import { addressHoldFor, endAddressHold, heldAddressOrders, updateAddressHoldCheck, type AddressHoldRecord } from "~/models/address-holds.server";
import { addOrderEvent } from "~/models/orders.server";
import { listSuppliers } from "~/models/suppliers.server";
import { fetchOrderAddressState, releaseFulfillmentHolds } from "~/shopify/address-recheck";
import type { JobServices } from "~/services/deps";
import { addressRecheckJob } from "~/services/queue/address";
import type { JobWork } from "~/services/queue/job-queue";
import { routeOrderJob } from "~/services/queue/routing";
import { STOP_LOSS_HOLD_HANDLE } from "~/services/routing/steps";
import { addressOfMailing, screenAddress } from "~/services/routing/address-check.server";

const Payload = z.object({ orderId: z.string().startsWith("gid://shopify/Order/") });

export type RecheckOutcome = "not_held" | "cancelled" | "still_failing" | "released";

/** One re-check of a held order against Shopify's current address; what became of it. */
export async function recheckAddressHold(s: JobServices, shop: string, hold: AddressHoldRecord): Promise<RecheckOutcome> {
  const client = await s.adminFor(shop);
  const order = await fetchOrderAddressState(client, hold.orderId);
  if (!order || order.cancelledAt) {
    await endAddressHold(s.db, shop, hold.id, "cancelled", s.now());
    return "cancelled";
  }
  const address = addressOfMailing(order.shippingAddress);
  const suppliers = (await listSuppliers(s.db, shop)).filter((sup) => hold.supplierIds.includes(sup.id));
  const screened = await screenAddress(s.db, shop, address, suppliers);
  const fingerprint = addressFingerprint(address);
  if (screened.problems.length > 0) {
    await updateAddressHoldCheck(s.db, shop, hold.id, { problems: screened.problems, fingerprint, countryCode: address.countryCode }, s.now());
    if (fingerprint !== hold.fingerprint)
      await addOrderEvent(s.db, {
        shop,
        orderId: hold.orderId,
        kind: "address_still_failing",
        detail: `The shipping address was changed but still fails the address check: ${screened.problems.map((p) => p.message).join(" ")}`,
        at: s.now(),
        dedupeKey: `address_still_failing:${hold.id}:${fingerprint}`,
      });
    return "still_failing";
  }
  // Shopify first, then our record: a retry after a lost answer reads the hold gone and goes on.
  for (const fo of order.fulfillmentOrders.nodes) {
    const ours = fo.fulfillmentHolds.filter((h) => h.handle === STOP_LOSS_HOLD_HANDLE).map((h) => h.id);
    if (fo.status === "ON_HOLD" && ours.length > 0) await releaseFulfillmentHolds(client, fo.id, ours);
  }
  if (await endAddressHold(s.db, shop, hold.id, "released", s.now()))
    await addOrderEvent(s.db, {
      shop,
      orderId: hold.orderId,
      kind: "address_released",
      detail: "The shipping address passes the address check now: Dropline released its hold and routes the order again.",
      at: s.now(),
      dedupeKey: `address_released:${hold.id}:recheck:${hold.decisionVersion}`,
    });
  await s.queue.enqueue(routeOrderJob(shop, hold.orderId, `address_fixed:${hold.id}:v${hold.decisionVersion}`, { reason: "shipping address fixed" }));
  return "released";
}

/** The re-check job: nothing to do unless the order is still held for its address. */
export function addressRecheckWork(s: JobServices): JobWork {
  return {
    async perform(job) {
      const { orderId } = Payload.parse(job.payload);
      const hold = await addressHoldFor(s.db, job.shop, orderId);
      if (hold?.status !== "held") return;
      await recheckAddressHold(s, job.shop, hold);
    },
  };
}

/** The periodic sweep: one re-check job per order held for its address. */
export function addressSweepWork(s: JobServices): JobWork {
  return {
    async perform(job) {
      const slot = z.object({ slot: z.number() }).parse(job.payload).slot;
      for (const hold of await heldAddressOrders(s.db, job.shop)) await s.queue.enqueue(addressRecheckJob(job.shop, hold.orderId, `sweep:${slot}`));
    },
  };
}

/**
 * `orders/updated`: when the order is held for its address and the address in the webhook is not
 * the one checked, a re-check is queued (no Admin API call otherwise: most updates are not ours to act on).
 */
export async function onOrderEdited(
  s: Pick<JobServices, "db">,
  enqueue: JobServices["queue"]["enqueue"],
  shop: string,
  orderId: string,
  fingerprint: string,
  eventId: string,
): Promise<boolean> {
  const hold = await addressHoldFor(s.db, shop, orderId);
  if (hold?.status !== "held" || hold.fingerprint === fingerprint) return false;
  await enqueue(addressRecheckJob(shop, orderId, `orders_updated:${eventId}`));
  return true;
}
