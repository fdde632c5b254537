/**
 * Publishes buffered stock to Shopify for one supplier: the available quantity of each offer's
 * variant at the supplier's location. Writes only quantities whose target moved, 250 per call,
 * with compare-and-set; a sale that lands first makes the call fail, and the retry keeps it.
 */
import type { Clock } from "~/domain/clock";
import type { PrismaClient } from "@prisma/client";
import { bufferFor, loadBufferContext, type OfferBuffer } from "~/models/buffer.server";
import { listOffers, type OfferWithSupplier } from "~/models/offers.server";
import { publishedKey, publishedStockMap, savePublished, type PublishedWrite } from "~/models/stock.server";
import type { AdminClient } from "~/shopify/client.server";
import { UserErrorsFailure } from "~/shopify/errors";
import { activateAt, readLevels, setAvailable, SET_QUANTITIES_LIMIT } from "~/shopify/inventory";
import { afterConcurrentSale, batches, needsPublish, needsRead, type PublishCandidate } from "~/domain/buffer/sync-plan";

export interface SyncDeps {
  readonly db: PrismaClient;
  readonly client: AdminClient;
  readonly now: Clock;
}

export interface SyncReport {
  readonly supplierId: string;
  readonly offers: number;
  /** Offers whose target moved (or were never published). */
  readonly due: number;
  readonly written: number;
  readonly activated: number;
  /** Quantities re-read after a compare failed (a sale landed between read and write). */
  readonly staleRetries: number;
  readonly failed: number;
  readonly skipped?: string;
}

/** Compare-and-set rounds per batch before the batch is left for the next sync. */
const MAX_ATTEMPTS = 5;

interface Item {
  readonly offer: OfferWithSupplier;
  readonly buffer: OfferBuffer;
  readonly candidate: PublishCandidate;
}

interface Pending {
  readonly item: Item;
  readonly inventoryItemId: string;
  /** Shopify's quantity when the target was chosen; sales are measured from here. */
  readonly baseline: number;
  expected: number;
  quantity: number;
}

function record(item: Item, locationId: string, fields: Partial<PublishedWrite>): PublishedWrite {
  return {
    supplierId: item.offer.supplierId,
    variantId: item.offer.variantId,
    locationId,
    buffer: item.buffer.buffer,
    reason: item.buffer.reason,
    ...fields,
  };
}

/** Writes one batch; on a stale compare re-reads the stale quantities and tries again. */
async function writeBatch(client: AdminClient, locationId: string, batch: Pending[], key: string): Promise<{ staleRetries: number }> {
  let staleRetries = 0;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const toSend = batch.filter((p) => p.quantity !== p.expected);
    if (toSend.length === 0) return { staleRetries };
    const quantities = toSend.map((p) => ({ inventoryItemId: p.inventoryItemId, locationId, quantity: p.quantity, changeFromQuantity: p.expected }));
    const outcome = await setAvailable(client, `${key}:${attempt}`, `gid://dropline/StockSync/${encodeURIComponent(key)}`, quantities);
    if (outcome.ok) {
      for (const p of toSend) p.expected = p.quantity;
      return { staleRetries };
    }
    const { staleIndexes } = outcome.failure;
    const stale = staleIndexes.length > 0 ? staleIndexes.map((i) => toSend[i]).filter((p): p is Pending => !!p) : toSend;
    staleRetries += stale.length;
    const fresh = await readLevels(
      client,
      locationId,
      stale.map((p) => p.item.offer.variantId),
    );
    for (const p of stale) {
      const current = fresh.get(p.item.offer.variantId)?.available ?? 0;
      p.quantity = afterConcurrentSale(p.item.candidate.target, p.baseline, current);
      p.expected = current;
    }
  }
  throw new Error(`Stock kept changing in Shopify during ${MAX_ATTEMPTS} attempts; the next sync will try again.`);
}

function itemsFor(offers: readonly OfferWithSupplier[], buffers: Map<string, OfferBuffer>, published: Awaited<ReturnType<typeof publishedStockMap>>): Item[] {
  return offers.map((offer) => {
    const key = publishedKey(offer.supplierId, offer.variantId);
    const buffer = buffers.get(key)!;
    const prev = published.get(key);
    const previous = prev ? { target: prev.target, published: prev.published, inventoryItemId: prev.inventoryItemId, locationId: prev.locationId } : null;
    return { offer, buffer, candidate: { key, variantId: offer.variantId, target: buffer.published, previous } };
  });
}

/** Splits due items into writes with a trusted compare value, activations, and unknown variants. */
async function prepare(client: AdminClient, locationId: string, due: readonly Item[]) {
  const toRead = due.filter((i) => needsRead(i.candidate, locationId));
  const levels = await readLevels(
    client,
    locationId,
    toRead.map((i) => i.offer.variantId),
  );
  const pending: Pending[] = [];
  const activate: { item: Item; inventoryItemId: string }[] = [];
  const missing: Item[] = [];
  for (const item of due) {
    const prev = item.candidate.previous;
    if (!needsRead(item.candidate, locationId) && prev?.inventoryItemId && prev.published !== null) {
      pending.push({ item, inventoryItemId: prev.inventoryItemId, baseline: prev.published, expected: prev.published, quantity: item.candidate.target });
      continue;
    }
    const level = levels.get(item.offer.variantId);
    if (!level) missing.push(item);
    else if (level.available === null) activate.push({ item, inventoryItemId: level.inventoryItemId });
    else pending.push({ item, inventoryItemId: level.inventoryItemId, baseline: level.available, expected: level.available, quantity: item.candidate.target });
  }
  return { pending, activate, missing };
}

/** Publishes one supplier's buffered stock. `runKey` is unique per attempt (idempotency keys hang off it). */
export async function syncSupplierStock(deps: SyncDeps, shop: string, supplierId: string, runKey: string): Promise<SyncReport> {
  const supplier = await deps.db.supplier.findFirst({ where: { shop, id: supplierId }, select: { locationId: true } });
  const empty = { supplierId, offers: 0, due: 0, written: 0, activated: 0, staleRetries: 0, failed: 0 };
  if (!supplier?.locationId) return { ...empty, skipped: "The supplier has no Shopify location yet (save the supplier to create it)." };
  const locationId = supplier.locationId;
  const now = deps.now();
  const offers = await listOffers(deps.db, shop, { supplierId });
  const ctx = await loadBufferContext(deps.db, shop, now);
  const buffers = new Map(offers.map((o) => [publishedKey(o.supplierId, o.variantId), bufferFor(ctx, o, now)]));
  const items = itemsFor(offers, buffers, await publishedStockMap(deps.db, shop, supplierId));
  const due = items.filter((i) => needsPublish(i.candidate, locationId));
  const { pending, activate, missing } = await prepare(deps.client, locationId, due);
  const writes: PublishedWrite[] = missing.map((item) => record(item, locationId, { error: "Shopify has no such variant any more; check the offer." }));
  for (const { item, inventoryItemId } of activate) {
    await activateAt(deps.client, `${runKey}:activate:${item.offer.variantId}`, inventoryItemId, locationId, item.candidate.target);
    writes.push(record(item, locationId, { inventoryItemId, target: item.candidate.target, published: item.candidate.target, publishedAt: now, error: null }));
  }
  let staleRetries = 0;
  let failed = missing.length;
  for (const [index, batch] of batches(pending, SET_QUANTITIES_LIMIT).entries()) {
    try {
      staleRetries += (await writeBatch(deps.client, locationId, batch, `${runKey}:${index}`)).staleRetries;
      for (const p of batch)
        writes.push(
          record(p.item, locationId, {
            inventoryItemId: p.inventoryItemId,
            target: p.item.candidate.target,
            published: p.quantity,
            publishedAt: now,
            error: null,
          }),
        );
    } catch (error) {
      if (!(error instanceof UserErrorsFailure) && !(error instanceof Error && error.message.startsWith("Stock kept changing"))) throw error;
      failed += batch.length;
      for (const p of batch) writes.push(record(p.item, locationId, { inventoryItemId: p.inventoryItemId, error: error.message }));
    }
  }
  await savePublished(deps.db, shop, writes);
  return {
    supplierId,
    offers: offers.length,
    due: due.length,
    written: pending.length - (failed - missing.length),
    activated: activate.length,
    staleRetries,
    failed,
  };
}
