/**
 * One feed run, whatever its source (upload, pull, push): parse, judge against the last good
 * stock, then apply it, quarantine it for the merchant, or reject it. A run that is not applied
 * never touches stock: the last good stock stays until a good run or an approval replaces it.
 */
import type { Clock } from "~/domain/clock";
import { fail, failure, ok, type Result } from "~/domain/result";
import type { PrismaClient } from "@prisma/client";
import { assessFeedRun, parseFeed, type FeedInput, type FeedParseResult, type FeedRow } from "~/domain/feeds";
import { decideRun, markFeedRun, pendingRowsOf, recordRun, type FeedRecord, type RunRecord, type RunSource } from "~/models/feeds.server";
import { applySupplierStock, supplierStockMap } from "~/models/stock.server";
import type { JobQueue } from "~/services/queue/job-queue";
import { enqueuePromisePublish } from "~/services/queue/promise";
import { stockSyncJob } from "~/services/queue/stock";

export interface IngestDeps {
  readonly db: PrismaClient;
  readonly now: Clock;
  /** When given, an applied run enqueues a stock sync for the supplier. */
  readonly queue?: JobQueue;
}

export interface IngestMeta {
  readonly etag?: string | null;
  readonly lastModified?: string | null;
  readonly nextPullAt?: Date | null;
}

/** A web stream (an uploaded File) as chunks the feed parser streams through. */
export async function* webStreamChunks(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (let next = await reader.read(); !next.done; next = await reader.read()) yield next.value;
  } finally {
    reader.releaseLock();
  }
}

function isAsync(input: FeedInput): input is AsyncIterable<string | Uint8Array> {
  return typeof input === "object" && input !== null && Symbol.asyncIterator in input;
}

/** Parses, turning a failure of the source itself (timeout, size limit) into the run's fatal reason. */
async function parseSafely(input: FeedInput, feed: FeedRecord, clock: Clock): Promise<FeedParseResult> {
  let sourceError: string | undefined;
  async function* watched(source: AsyncIterable<string | Uint8Array>) {
    try {
      yield* source;
    } catch (error) {
      sourceError = error instanceof Error ? error.message : String(error);
      throw error;
    }
  }
  const fatal = (message: string): FeedParseResult => ({
    ok: false,
    rows: [],
    rejected: [],
    duplicates: [],
    warnings: [],
    fatal: message,
    stats: { read: 0, accepted: 0, rejected: 0, superseded: 0 },
  });
  try {
    const result = await parseFeed(isAsync(input) ? watched(input) : input, { ...feed.settings, clock });
    return sourceError ? { ...fatal(sourceError), stats: result.stats } : result;
  } catch (error) {
    return fatal(sourceError ?? `The feed could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Parser warnings plus one line per duplicated SKU (capped: a broken export can repeat thousands). */
function warningsOf(parsed: FeedParseResult, feed: FeedRecord): string[] {
  const rule = feed.settings.duplicates === "reject" ? "all its rows were rejected" : "the last one was used";
  const duplicates = parsed.duplicates.slice(0, 100).map((d) => `SKU ${d.sku} appears on lines ${d.lines.join(", ")}; ${rule}.`);
  const more = parsed.duplicates.length > 100 ? [`…and ${parsed.duplicates.length - 100} more duplicated SKUs.`] : [];
  return [...parsed.warnings, ...duplicates, ...more];
}

async function enqueueSync(deps: IngestDeps, shop: string, supplierId: string, trigger: string): Promise<void> {
  await deps.queue?.enqueue(stockSyncJob(shop, supplierId, trigger));
}

/** Runs one feed: records the run and applies it only when it looks like real stock. */
export async function ingestFeed(deps: IngestDeps, feed: FeedRecord, input: FeedInput, source: RunSource, meta: IngestMeta = {}): Promise<RunRecord> {
  const startedAt = deps.now();
  const t0 = performance.now();
  const parsed = await parseSafely(input, feed, () => new Date());
  const base = {
    shop: feed.shop,
    feedId: feed.id,
    supplierId: feed.supplierId,
    source,
    startedAt,
    rowsRead: parsed.stats.read,
    rowsRejected: parsed.stats.rejected,
    rejections: parsed.rejected,
    warnings: warningsOf(parsed, feed),
  };
  const finish = { ...(meta.nextPullAt !== undefined ? { nextPullAt: meta.nextPullAt } : {}) };
  if (!parsed.ok) {
    const run = await recordRun(deps.db, {
      ...base,
      status: "rejected",
      message: parsed.fatal ?? "The feed could not be used.",
      durationMs: performance.now() - t0,
      decidedAt: startedAt,
    });
    await markFeedRun(deps.db, feed.id, startedAt, finish);
    return run;
  }
  const previous = await supplierStockMap(deps.db, feed.shop, feed.supplierId);
  const assessment = assessFeedRun(previous, parsed);
  const rowsChanged = assessment.diff.changed.length + assessment.diff.added.length;
  if (assessment.verdict === "quarantine") {
    const run = await recordRun(deps.db, {
      ...base,
      status: "quarantined",
      rowsChanged,
      reasons: assessment.reasons,
      pendingRows: parsed.rows,
      durationMs: performance.now() - t0,
    });
    await markFeedRun(deps.db, feed.id, startedAt, finish);
    return run;
  }
  await applyStock(deps, feed.shop, feed.supplierId, parsed.rows, startedAt);
  const run = await recordRun(deps.db, { ...base, status: "applied", rowsChanged, durationMs: performance.now() - t0, decidedAt: startedAt });
  // Validators are kept only for a run that was used: a rejected body must be fetched again.
  await markFeedRun(deps.db, feed.id, startedAt, {
    ...finish,
    good: true,
    ...(meta.etag !== undefined ? { etag: meta.etag } : {}),
    ...(meta.lastModified !== undefined ? { lastModified: meta.lastModified } : {}),
  });
  await enqueueSync(deps, feed.shop, feed.supplierId, `run:${run.id}`);
  return run;
}

/**
 * Makes `rows` the supplier's stock. Stock going to or from zero reorders the suppliers checkout
 * tries: republish the promise (deduplicated, and the publisher only sends values that changed).
 */
async function applyStock(deps: IngestDeps, shop: string, supplierId: string, rows: readonly FeedRow[], at: Date): Promise<void> {
  const applied = await applySupplierStock(deps.db, shop, supplierId, rows, at);
  if (applied.availabilityChanged) await enqueuePromisePublish(deps.db, shop, "stock feed", at);
}

export type DecisionResult = Result<void>;

/** The merchant approves a quarantined run: exactly the reviewed rows become the stock. */
export async function approveRun(deps: IngestDeps, shop: string, runId: string): Promise<DecisionResult> {
  const run = await deps.db.stockFeedRun.findFirst({ where: { shop, id: runId } });
  const rows = run ? await pendingRowsOf(deps.db, shop, runId) : null;
  if (!run || !rows) return fail(failure("This run is no longer waiting for review."));
  const newer = await deps.db.stockFeedRun.count({
    where: { shop, feedId: run.feedId, startedAt: { gt: run.startedAt }, status: { in: ["applied", "approved"] } },
  });
  if (newer > 0) return fail(failure("A newer feed run has been applied since; approving this older one would roll stock back. Discard it instead."));
  const now = deps.now();
  const previous = await supplierStockMap(deps.db, shop, run.supplierId);
  const changed = assessFeedRun(previous, rows).diff;
  if (!(await decideRun(deps.db, shop, runId, "approved", now, changed.changed.length + changed.added.length))) {
    return fail(failure("Someone else already decided on this run."));
  }
  // Stock is as of when the supplier sent it, not when the merchant clicked approve.
  await applyStock(deps, shop, run.supplierId, rows, run.startedAt);
  await markFeedRun(deps.db, run.feedId, run.startedAt, { good: true });
  await enqueueSync(deps, shop, run.supplierId, `approve:${runId}`);
  return ok(undefined);
}

/** The merchant discards a quarantined run: stock stays as it was. */
export async function discardRun(deps: IngestDeps, shop: string, runId: string): Promise<DecisionResult> {
  return (await decideRun(deps.db, shop, runId, "discarded", deps.now())) ? ok(undefined) : fail(failure("This run is no longer waiting for review."));
}
