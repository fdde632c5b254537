/**
 * The signed push endpoint's logic: a supplier's system POSTs its feed, signed with the feed's
 * secret. See docs/stock-feed-push.md for the contract given to suppliers.
 *   X-Dropline-Timestamp: <unix seconds>
 *   X-Dropline-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>
 * The timestamp is signed too so a captured request cannot be replayed later to roll stock back.
 */
import type { Clock } from "~/domain/clock";
import { createHmac, timingSafeEqual } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { acceptPushTimestamp, getFeedById, type RunRecord } from "~/models/feeds.server";
import type { JobQueue } from "~/services/queue/job-queue";
import { DEFAULT_MAX_BYTES } from "./fetch-feed.server";
import { ingestFeed } from "./ingest.server";
import { declaresTooLarge, readBodyLimited } from "~/services/security/body-limit.server";

/** How far a push's timestamp may be from our clock. */
export const PUSH_TOLERANCE_MS = 5 * 60_000;

export interface PushDeps {
  readonly db: PrismaClient;
  readonly now: Clock;
  readonly queue?: JobQueue;
  readonly maxBytes?: number;
}

export type PushOutcome = { readonly status: number; readonly body: Record<string, unknown> };

/** The signature header value a supplier sends for `body` at `timestamp` (also used by tests and docs). */
export function pushSignature(secret: string, timestamp: string, body: Uint8Array | string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.`).update(body).digest("hex")}`;
}

function signatureMatches(expected: string, given: string | null): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given.trim());
  return a.length === b.length && timingSafeEqual(a, b);
}

const tooLargeMessage = (maxBytes: number) => `The feed is larger than the ${Math.round(maxBytes / 1024 / 1024)} MB size limit; send it in parts.`;

const refuse = (status: number, error: string): PushOutcome => ({ status, body: { error } });

const UNAUTHORIZED_MESSAGE =
  'Not accepted. Sign "<X-Dropline-Timestamp>.<raw body>" with the feed\'s push secret; the timestamp (Unix seconds) must be within 5 minutes of our clock and newer than the last accepted push (see the push documentation).';

function runSummary(run: RunRecord): Record<string, unknown> {
  return {
    runId: run.id,
    status: run.status,
    rowsRead: run.rowsRead,
    rowsChanged: run.rowsChanged,
    rowsRejected: run.rowsRejected,
    message: run.message,
    reasons: run.reasons,
    rejections: run.rejections.slice(0, 50),
  };
}

/** Verifies and ingests one push; the answer tells the supplier's system what happened to its rows. */
export async function receivePush(deps: PushDeps, feedId: string, request: Request): Promise<PushOutcome> {
  if (request.method !== "POST") return refuse(405, "POST the feed to this URL.");
  const maxBytes = deps.maxBytes ?? DEFAULT_MAX_BYTES;
  // Before any lookup: an over-long declared body costs nothing.
  if (declaresTooLarge(request, maxBytes)) return refuse(413, tooLargeMessage(maxBytes));
  const feed = await getFeedById(deps.db, feedId);
  // One answer for every failure (unknown feed, bad or stale timestamp, bad signature, replay): the
  // endpoint tells a guesser nothing; the documentation lists what a correct push needs.
  const unauthorized = refuse(401, UNAUTHORIZED_MESSAGE);
  if (!feed || feed.kind !== "push") return unauthorized;
  const timestamp = request.headers.get("x-dropline-timestamp") ?? "";
  const sentAt = Number(timestamp) * 1000;
  if (!/^\d{9,11}$/u.test(timestamp) || Math.abs(deps.now().getTime() - sentAt) > PUSH_TOLERANCE_MS) return unauthorized;
  const body = await readBodyLimited(request, maxBytes);
  if (body === null) return refuse(413, tooLargeMessage(maxBytes));
  if (!signatureMatches(pushSignature(feed.pushSecret, timestamp, body), request.headers.get("x-dropline-signature"))) return unauthorized;
  // Each accepted push must be newer than the last: a captured push replayed within the 5 minutes
  // (or an older one sent after a newer) would roll stock back. Claimed atomically.
  if (!(await acceptPushTimestamp(deps.db, feed.id, Number(timestamp)))) return unauthorized;
  const run = await ingestFeed(deps, feed, body, "push");
  const status = run.status === "applied" ? 200 : run.status === "quarantined" ? 202 : 422;
  return { status, body: runSummary(run) };
}
