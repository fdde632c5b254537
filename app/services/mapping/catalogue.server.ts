/**
 * The catalogue snapshot the mapping report compares offers with: every variant read from
 * Shopify, page by page. A read that fails part-way replaces nothing (a partial list would make
 * present variants look deleted).
 */
import type { PrismaClient } from "@prisma/client";
import type { Clock } from "~/domain/clock";
import { replaceCatalogue } from "~/models/mapping.server";
import type { AdminClient } from "~/shopify/client.server";
import { readCatalogue } from "~/shopify/products";

export interface CatalogueDeps {
  readonly db: PrismaClient;
  readonly client: AdminClient;
  readonly now: Clock;
}

/** Older than this, the mapping page reads the catalogue again when opened. */
export const CATALOGUE_MAX_AGE_MS = 6 * 3_600_000;

/** Reads the whole catalogue and makes it the shop's snapshot; returns the number of variants. */
export async function refreshCatalogue(deps: CatalogueDeps, shop: string): Promise<number> {
  const variants = await readCatalogue(deps.client);
  await replaceCatalogue(deps.db, shop, variants, deps.now());
  return variants.length;
}

/** Whether a snapshot read at `readAt` should be read again at `now`. */
export function catalogueIsStale(readAt: Date | null, now: Date): boolean {
  return readAt === null || now.getTime() - readAt.getTime() > CATALOGUE_MAX_AGE_MS;
}
