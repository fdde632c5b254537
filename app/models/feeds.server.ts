/** Stock feeds (one per supplier) and their runs, scoped by shop. */
import { randomBytes } from "node:crypto";
import type { PrismaClient, StockFeed, StockFeedRun } from "@prisma/client";
import { z } from "zod";
import { FeedSettingsSchema, type FeedRow, type FeedSettings, type RejectedRow } from "~/domain/feeds";
import type { FeedKind, FeedFormValue } from "./feed-form";

export interface FeedRecord extends Omit<StockFeed, "settings" | "kind"> {
  readonly kind: FeedKind;
  readonly settings: FeedSettings;
}

export type RunStatus = "applied" | "quarantined" | "rejected" | "not_modified" | "approved" | "discarded";
export type RunSource = "upload" | "pull" | "push";

export interface RunRecord extends Omit<StockFeedRun, "reasons" | "rejections" | "warnings" | "pendingRows" | "status" | "source"> {
  readonly status: RunStatus;
  readonly source: RunSource;
  readonly reasons: string[];
  readonly rejections: RejectedRow[];
  readonly warnings: string[];
  readonly pendingCount: number;
}

/** Rejected rows kept per run: enough to fix a feed; a broken 500k-row export does not bloat the database. */
export const MAX_STORED_REJECTIONS = 500;

const DEFAULT_SETTINGS: FeedSettings = { mapping: { sku: "sku", quantity: "quantity" } };

const Strings = z.array(z.string());
const Rejections = z.array(z.object({ line: z.number(), raw: z.string(), reason: z.string() }));

export function toFeedRecord(row: StockFeed): FeedRecord {
  const kind = (["upload", "url", "push"] as const).find((k) => k === row.kind) ?? "upload";
  return { ...row, kind, settings: FeedSettingsSchema.parse(JSON.parse(row.settings)) };
}

export function toRunRecord(row: StockFeedRun): RunRecord {
  const { pendingRows, ...rest } = row;
  return {
    ...rest,
    status: row.status as RunStatus,
    source: row.source as RunSource,
    reasons: Strings.parse(JSON.parse(row.reasons)),
    warnings: Strings.parse(JSON.parse(row.warnings)),
    rejections: Rejections.parse(JSON.parse(row.rejections)),
    pendingCount: pendingRows ? (JSON.parse(pendingRows) as unknown[]).length : 0,
  };
}

/** A fresh push secret (shown to the merchant, who hands it to the supplier). */
export function newPushSecret(): string {
  return randomBytes(24).toString("base64url");
}

/** The supplier's feed, created with defaults on first use. */
export async function ensureFeed(db: PrismaClient, shop: string, supplierId: string, cadenceMinutes = 1440): Promise<FeedRecord> {
  const supplier = await db.supplier.findFirst({ where: { shop, id: supplierId }, select: { id: true, feedCadenceMinutes: true } });
  if (!supplier) throw new Error(`Supplier ${supplierId} does not belong to ${shop}`);
  const row = await db.stockFeed.upsert({
    where: { shop_supplierId: { shop, supplierId } },
    create: {
      shop,
      supplierId,
      cadenceMinutes: supplier.feedCadenceMinutes ?? cadenceMinutes,
      settings: JSON.stringify(DEFAULT_SETTINGS),
      pushSecret: newPushSecret(),
    },
    update: {},
  });
  return toFeedRecord(row);
}

export async function getFeed(db: PrismaClient, shop: string, supplierId: string): Promise<FeedRecord | null> {
  const row = await db.stockFeed.findFirst({ where: { shop, supplierId } });
  return row ? toFeedRecord(row) : null;
}

/** By id alone: the push endpoint knows the feed, not the shop (the signature proves the caller). */
export async function getFeedById(db: PrismaClient, id: string): Promise<FeedRecord | null> {
  const row = await db.stockFeed.findUnique({ where: { id } });
  return row ? toFeedRecord(row) : null;
}

export async function listFeeds(db: PrismaClient, shop: string): Promise<FeedRecord[]> {
  return (await db.stockFeed.findMany({ where: { shop } })).map(toFeedRecord);
}

/** Saves validated form values; a changed URL forgets the old validators and is pulled soon. */
export async function saveFeedSettings(db: PrismaClient, shop: string, supplierId: string, value: FeedFormValue, now: Date): Promise<FeedRecord> {
  const current = await ensureFeed(db, shop, supplierId);
  const urlChanged = current.url !== value.url;
  const row = await db.stockFeed.update({
    where: { id: current.id },
    data: {
      kind: value.kind,
      url: value.url,
      cadenceMinutes: value.cadenceMinutes,
      settings: JSON.stringify(value.settings),
      ...(urlChanged ? { etag: null, lastModified: null } : {}),
      nextPullAt: value.kind === "url" ? (urlChanged ? now : (current.nextPullAt ?? now)) : null,
    },
  });
  // The supplier's cadence is what routing and the buffer measure staleness against.
  await db.supplier.updateMany({ where: { shop, id: supplierId }, data: { feedCadenceMinutes: value.cadenceMinutes } });
  return toFeedRecord(row);
}

export async function rotatePushSecret(db: PrismaClient, shop: string, supplierId: string): Promise<string> {
  const secret = newPushSecret();
  await db.stockFeed.updateMany({ where: { shop, supplierId }, data: { pushSecret: secret } });
  return secret;
}

/** URL feeds whose next pull is due. */
export async function dueFeeds(db: PrismaClient, now: Date): Promise<FeedRecord[]> {
  const rows = await db.stockFeed.findMany({ where: { kind: "url", nextPullAt: { lte: now } } });
  return rows.map(toFeedRecord);
}

export interface NewRun {
  readonly shop: string;
  readonly feedId: string;
  readonly supplierId: string;
  readonly source: RunSource;
  readonly status: RunStatus;
  readonly rowsRead?: number;
  readonly rowsChanged?: number;
  readonly rowsRejected?: number;
  readonly durationMs?: number;
  readonly message?: string | null;
  readonly reasons?: readonly string[];
  readonly rejections?: readonly RejectedRow[];
  readonly warnings?: readonly string[];
  readonly pendingRows?: readonly FeedRow[] | null;
  readonly startedAt: Date;
  readonly decidedAt?: Date | null;
}

export async function recordRun(db: PrismaClient, run: NewRun): Promise<RunRecord> {
  const row = await db.stockFeedRun.create({
    data: {
      shop: run.shop,
      feedId: run.feedId,
      supplierId: run.supplierId,
      source: run.source,
      status: run.status,
      rowsRead: run.rowsRead ?? 0,
      rowsChanged: run.rowsChanged ?? 0,
      rowsRejected: run.rowsRejected ?? 0,
      durationMs: Math.round(run.durationMs ?? 0),
      message: run.message ?? null,
      reasons: JSON.stringify(run.reasons ?? []),
      rejections: JSON.stringify((run.rejections ?? []).slice(0, MAX_STORED_REJECTIONS)),
      warnings: JSON.stringify(run.warnings ?? []),
      pendingRows: run.pendingRows ? JSON.stringify(run.pendingRows) : null,
      startedAt: run.startedAt,
      decidedAt: run.decidedAt ?? null,
    },
  });
  return toRunRecord(row);
}

export async function listRuns(db: PrismaClient, shop: string, feedId: string, take = 20): Promise<RunRecord[]> {
  const rows = await db.stockFeedRun.findMany({ where: { shop, feedId }, orderBy: { startedAt: "desc" }, take });
  return rows.map(toRunRecord);
}

export async function getRun(db: PrismaClient, shop: string, id: string): Promise<RunRecord | null> {
  const row = await db.stockFeedRun.findFirst({ where: { shop, id } });
  return row ? toRunRecord(row) : null;
}

/** The rows a quarantined run would apply (null when the run is not awaiting review). */
export async function pendingRowsOf(db: PrismaClient, shop: string, id: string): Promise<FeedRow[] | null> {
  const row = await db.stockFeedRun.findFirst({ where: { shop, id, status: "quarantined" }, select: { pendingRows: true } });
  return row?.pendingRows ? (JSON.parse(row.pendingRows) as FeedRow[]) : null;
}

/** Moves a quarantined run to approved/discarded; false when someone else already decided. */
export async function decideRun(
  db: PrismaClient,
  shop: string,
  id: string,
  status: "approved" | "discarded",
  now: Date,
  rowsChanged?: number,
): Promise<boolean> {
  const { count } = await db.stockFeedRun.updateMany({
    where: { shop, id, status: "quarantined" },
    data: { status, decidedAt: now, pendingRows: null, ...(rowsChanged !== undefined ? { rowsChanged } : {}) },
  });
  return count === 1;
}

/** Stamps the feed after a run; `good` moves the freshness clock the buffer and routing read. */
export async function markFeedRun(
  db: PrismaClient,
  feedId: string,
  at: Date,
  extra: { good?: boolean; etag?: string | null; lastModified?: string | null; nextPullAt?: Date | null } = {},
): Promise<void> {
  await db.stockFeed.update({
    where: { id: feedId },
    data: {
      lastRunAt: at,
      ...(extra.good ? { lastGoodRunAt: at } : {}),
      ...(extra.etag !== undefined ? { etag: extra.etag } : {}),
      ...(extra.lastModified !== undefined ? { lastModified: extra.lastModified } : {}),
      ...(extra.nextPullAt !== undefined ? { nextPullAt: extra.nextPullAt } : {}),
    },
  });
}

/**
 * Records `timestamp` (Unix seconds) as the feed's last accepted push if it is newer than the one
 * before; false when it is not (a replay, or an older push after a newer one). One UPDATE decides.
 */
export async function acceptPushTimestamp(db: PrismaClient, feedId: string, timestamp: number): Promise<boolean> {
  const claimed = await db.stockFeed.updateMany({
    where: { id: feedId, OR: [{ lastPushTimestamp: null }, { lastPushTimestamp: { lt: timestamp } }] },
    data: { lastPushTimestamp: timestamp },
  });
  return claimed.count === 1;
}
