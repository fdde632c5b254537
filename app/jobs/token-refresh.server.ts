/**
 * Refreshes a shop's expiring offline token ahead of time, so background work rarely meets an
 * expired token (and the demo shows refreshes while a person watches). One job per token
 * generation, due when the refresh margin begins; the refresh itself goes through the shared
 * OfflineTokens keeper (one refresh per shop across threads and processes).
 */
import type { NewJob } from "~/services/queue/job-queue";
import type { JobServices } from "~/services/deps";
import { isTerminalShopifyError } from "./terminal.server";
import type { JobHandler } from "./worker.server";

export const TOKEN_REFRESH_JOB = "token_refresh";

/** The refresh of the token that expires at `expires`, due `marginMs` before. */
export function tokenRefreshJob(shop: string, expires: Date, marginMs: number): NewJob {
  return {
    shop,
    kind: TOKEN_REFRESH_JOB,
    dedupeKey: `token_refresh:${shop}:${expires.toISOString()}`,
    payload: {},
    runAt: new Date(expires.getTime() - marginMs),
    maxAttempts: 5,
  };
}

/** Enqueues the refresh of every offline token that expires within `horizonMs` (the scheduler's tick). */
export async function scheduleTokenRefreshes(services: JobServices, marginMs: number, horizonMs: number): Promise<number> {
  const expiring = await services.db.session.findMany({
    where: { isOnline: false, refreshToken: { not: null }, expires: { not: null, lte: new Date(services.now().getTime() + marginMs + horizonMs) } },
    select: { shop: true, expires: true },
  });
  let created = 0;
  for (const { shop, expires } of expiring) {
    if (expires && (await services.queue.enqueue(tokenRefreshJob(shop, expires, marginMs))).created) created++;
  }
  return created;
}

export function tokenRefreshJobHandler(services: JobServices): JobHandler {
  return {
    kind: TOKEN_REFRESH_JOB,
    // Getting a client asks the keeper for a usable token: it refreshes when the margin has begun.
    perform: async (job) => void (await services.adminFor(job.shop)),
    isTerminal: isTerminalShopifyError,
  };
}
