/**
 * Mapping suggestions and accepting them. Accepting recomputes the suggestions on the server (the
 * page's copy may be stale), creates each offer through the offer model, audits it, and
 * republishes the promise once, as an offers import does.
 */
import type { PrismaClient } from "@prisma/client";
import type { Clock } from "~/domain/clock";
import { mappingReport, suggestMappings, suggestionKey, type MappingReport, type MappingSuggestion, type UnmatchedSupplierRow } from "~/domain/mapping";
import { loadMappingInput, recordMappingAccepted, unmatchedSupplierRows, variantCandidates } from "~/models/mapping.server";
import { upsertOffer } from "~/models/offers.server";
import type { JobQueue } from "~/services/queue/job-queue";
import { enqueuePromisePublish } from "~/services/queue/promise";
import { stockSyncJob } from "~/services/queue/stock";

export interface MappingDeps {
  readonly db: PrismaClient;
  readonly now: Clock;
  /** When given, each supplier that got offers has its stock published again. */
  readonly queue?: JobQueue;
}

export interface MappingView {
  readonly report: MappingReport;
  readonly suggestions: readonly MappingSuggestion[];
  /** Supplier rows no offer uses and no variant resembles. */
  readonly unmatchedWithoutSuggestion: readonly UnmatchedSupplierRow[];
}

/** The report and the suggestions for a window of sales. */
export async function mappingView(deps: MappingDeps, shop: string, windowDays?: number): Promise<MappingView> {
  const input = await loadMappingInput(deps.db, shop, deps.now(), windowDays);
  const rows = await unmatchedSupplierRows(deps.db, shop);
  const suggestions = suggestMappings(rows, variantCandidates(input), input.offers);
  const suggested = new Set(suggestions.map((s) => s.row));
  return { report: mappingReport(input), suggestions, unmatchedWithoutSuggestion: rows.filter((r) => !suggested.has(r)) };
}

export interface AcceptRequest {
  readonly key: string;
  /** Unit cost in minor units, for a row whose supplier never said it. */
  readonly unitCostMinor?: number;
}

export interface AcceptOutcome {
  readonly created: readonly { readonly key: string; readonly offerId: string; readonly sku: string; readonly supplierName: string }[];
  readonly skipped: readonly { readonly key: string; readonly reason: string }[];
}

/** Creates an offer for each accepted suggestion still standing; says why any other was skipped. */
export async function acceptSuggestions(deps: MappingDeps, shop: string, requests: readonly AcceptRequest[], actor: string | null): Promise<AcceptOutcome> {
  const now = deps.now();
  const input = await loadMappingInput(deps.db, shop, now);
  const byKey = new Map(suggestMappings(await unmatchedSupplierRows(deps.db, shop), variantCandidates(input), input.offers).map((s) => [suggestionKey(s), s]));
  const created: { key: string; offerId: string; sku: string; supplierName: string }[] = [];
  const skipped: { key: string; reason: string }[] = [];
  for (const request of requests) {
    const s = byKey.get(request.key);
    if (!s) {
      skipped.push({ key: request.key, reason: "This suggestion no longer stands (an offer was made or the supplier row changed)." });
      continue;
    }
    const unitCostMinor = s.row.unitCostMinor ?? request.unitCostMinor;
    if (unitCostMinor === undefined) {
      skipped.push({
        key: request.key,
        reason: `${s.row.supplierName} ${s.row.supplierSku}: enter the unit cost first (the supplier's feed does not say it).`,
      });
      continue;
    }
    const offerId = await deps.db.$transaction(async (tx) => {
      // Another tab may have mapped it meanwhile: never overwrite an existing offer.
      const existing = await tx.offer.findFirst({ where: { shop, supplierId: s.row.supplierId, variantId: s.variant.variantId }, select: { id: true } });
      if (existing) return null;
      const offer = await upsertOffer(
        tx,
        shop,
        {
          supplierId: s.row.supplierId,
          variantId: s.variant.variantId,
          sku: s.variant.sku,
          supplierSku: s.row.supplierSku,
          unitCostMinor,
          stockOnHand: s.row.quantity,
        },
        // The stock is as old as the supplier's row, not as new as the click.
        s.row.stockAt,
      );
      await recordMappingAccepted(
        tx,
        shop,
        {
          offerId: offer.id,
          supplierId: s.row.supplierId,
          variantId: s.variant.variantId,
          supplierSku: s.row.supplierSku,
          sku: s.variant.sku,
          source: s.row.source,
          score: s.score,
          actor,
        },
        now,
      );
      return offer.id;
    });
    if (offerId) created.push({ key: request.key, offerId, sku: s.variant.sku, supplierName: s.row.supplierName });
    else skipped.push({ key: request.key, reason: `${s.row.supplierName} already has an offer for ${s.variant.sku}.` });
  }
  if (created.length > 0) {
    await enqueuePromisePublish(deps.db, shop, "offers mapped", now);
    const suppliers = new Set(created.map((c) => byKey.get(c.key)!.row.supplierId));
    for (const supplierId of suppliers) await deps.queue?.enqueue(stockSyncJob(shop, supplierId, `mapping:${now.getTime()}`));
  }
  return { created, skipped };
}
