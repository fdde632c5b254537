import type { Clock } from "~/domain/clock";
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { AdminApiError } from "./errors";
import { RefreshRefusedError, type RefreshFn } from "./oauth.server";

export class ShopNotConnectedError extends Error {
  constructor(shop: string) {
    super(`No offline access token for ${shop}: the app is not installed there (or was uninstalled).`);
    this.name = "ShopNotConnectedError";
  }
}

/** Shopify will not refresh the shop's token: background work for it waits until the merchant opens Dropline. */
export class ShopNeedsReauthError extends Error {
  constructor(
    readonly shop: string,
    readonly reason: string,
  ) {
    super(`Waiting for the merchant to open Dropline in ${shop}'s admin: ${reason}`);
    this.name = "ShopNeedsReauthError";
  }
}

export interface OfflineTokenOptions {
  readonly db: PrismaClient;
  readonly refresh: RefreshFn;
  readonly now?: Clock;
  /** Refresh this long before the token expires (Shopify suggests a few minutes). */
  readonly marginMs?: number;
  /** How long a refresher may hold the shop's lease before another may take over. */
  readonly leaseMs?: number;
  /** How often a thread waiting for another's refresh looks at the stored session. */
  readonly pollMs?: number;
  /** How long a caller waits for a refresh before giving up (the job retries later). */
  readonly waitMs?: number;
  /** Names this thread or process in the lease and in `lastRefreshedBy`. */
  readonly owner?: string;
}

interface StoredSession {
  readonly id: string;
  readonly accessToken: string;
  readonly expires: Date | null;
  readonly refreshToken: string | null;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Keeps each shop's expiring offline access token usable for background work, from any number of
 * threads and processes sharing one database:
 * - a token close to expiry (or refused with 401) is refreshed by exactly one caller: callers in
 *   this thread share one promise, and across threads and processes a lease row in ShopAuth
 *   (claimed with a conditional UPDATE) decides who calls Shopify; the others watch the stored
 *   session until the new token appears. A rotating refresh token is therefore spent once.
 * - the new token is written to the shared Session row, so every thread and process (and the
 *   admin's own library calls) use it from their next request.
 * - when Shopify refuses the refresh, the shop is marked as needing the merchant, its stored
 *   session is made expired (so opening Dropline runs token exchange and stores a fresh one), and
 *   callers get ShopNeedsReauthError, which the worker turns into parked jobs.
 */
export class OfflineTokens {
  private readonly db: PrismaClient;
  private readonly refresh: RefreshFn;
  private readonly now: Clock;
  private readonly marginMs: number;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly waitMs: number;
  readonly owner: string;
  private readonly inFlight = new Map<string, Promise<string>>();

  constructor(options: OfflineTokenOptions) {
    this.db = options.db;
    this.refresh = options.refresh;
    this.now = options.now ?? (() => new Date());
    this.marginMs = options.marginMs ?? 5 * 60_000;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.pollMs = options.pollMs ?? 50;
    this.waitMs = options.waitMs ?? 45_000;
    this.owner = options.owner ?? `tokens-${randomUUID()}`;
  }

  /** A usable access token for the shop, refreshed first when it is about to expire. */
  async current(shop: string): Promise<string> {
    const session = await this.usableSession(shop);
    if (!this.expiring(session)) return session.accessToken;
    return this.refreshOnce(shop, session.accessToken);
  }

  /** Shopify answered 401 to `staleToken`: a token that works now (refreshed unless someone already did). */
  async afterUnauthorized(shop: string, staleToken: string): Promise<string> {
    const session = await this.usableSession(shop);
    if (session.accessToken !== staleToken && !this.expiring(session)) return session.accessToken;
    if (!session.refreshToken) {
      // A token that cannot be refreshed and that Shopify refuses: only the merchant can help.
      throw await this.markNeedsReauth(shop, "Shopify refused the stored access token and there is no refresh token");
    }
    return this.refreshOnce(shop, staleToken);
  }

  private expiring(session: StoredSession): boolean {
    return session.expires !== null && session.expires.getTime() - this.now().getTime() <= this.marginMs;
  }

  private async usableSession(shop: string): Promise<StoredSession> {
    const auth = await this.db.shopAuth.findUnique({ where: { shop }, select: { needsReauthAt: true, needsReauthReason: true } });
    if (auth?.needsReauthAt) throw new ShopNeedsReauthError(shop, auth.needsReauthReason ?? "Shopify refused to refresh the access token");
    const session = await this.load(shop);
    if (!session) throw new ShopNotConnectedError(shop);
    return session;
  }

  private load(shop: string): Promise<StoredSession | null> {
    return this.db.session.findFirst({
      where: { shop, isOnline: false },
      select: { id: true, accessToken: true, expires: true, refreshToken: true },
    });
  }

  /** One refresh per shop per thread at a time; everyone in this thread shares its outcome. */
  private refreshOnce(shop: string, staleToken: string): Promise<string> {
    const running = this.inFlight.get(shop);
    if (running) return running;
    const refreshing = this.refreshAcrossThreads(shop, staleToken).finally(() => this.inFlight.delete(shop));
    this.inFlight.set(shop, refreshing);
    return refreshing;
  }

  private async refreshAcrossThreads(shop: string, staleToken: string): Promise<string> {
    const deadline = this.now().getTime() + this.waitMs;
    for (;;) {
      if (await this.takeLease(shop)) {
        try {
          return await this.refreshHoldingLease(shop, staleToken);
        } finally {
          await this.releaseLease(shop);
        }
      }
      // Someone else is refreshing: wait for the new token to appear in the shared session.
      await sleep(this.pollMs);
      const fresh = await this.usableSession(shop);
      if (fresh.accessToken !== staleToken && !this.expiring(fresh)) return fresh.accessToken;
      if (this.now().getTime() > deadline) {
        throw new AdminApiError("network", `Timed out waiting for another worker to refresh ${shop}'s access token`, { operationName: "refreshToken" });
      }
    }
  }

  private async refreshHoldingLease(shop: string, staleToken: string): Promise<string> {
    const session = await this.usableSession(shop);
    // The lease's previous holder may have refreshed between our look and our claim.
    if (session.accessToken !== staleToken && !this.expiring(session)) return session.accessToken;
    if (!session.refreshToken) {
      throw await this.markNeedsReauth(shop, "the stored access token expired and there is no refresh token");
    }
    let refreshed;
    try {
      refreshed = await this.refresh(shop, session.refreshToken);
    } catch (error) {
      if (!(error instanceof RefreshRefusedError)) throw error;
      // Opening the app (token exchange) may have stored a new token meanwhile: use it if so.
      const latest = await this.load(shop);
      if (latest && latest.accessToken !== session.accessToken && !this.expiring(latest)) return latest.accessToken;
      throw await this.markNeedsReauth(shop, `Shopify refused to refresh the access token (${error.code})`);
    }
    const now = this.now();
    await this.db.$transaction([
      this.db.session.update({
        where: { id: session.id },
        data: {
          accessToken: refreshed.accessToken,
          expires: refreshed.expires,
          refreshToken: refreshed.refreshToken,
          refreshTokenExpires: refreshed.refreshTokenExpires,
          ...(refreshed.scope !== null ? { scope: refreshed.scope } : {}),
        },
      }),
      this.db.shopAuth.update({
        where: { shop },
        data: { lastRefreshedAt: now, lastRefreshedBy: this.owner, refreshCount: { increment: 1 } },
      }),
    ]);
    return refreshed.accessToken;
  }

  private async takeLease(shop: string): Promise<boolean> {
    const now = this.now();
    await this.db.shopAuth.upsert({ where: { shop }, create: { shop }, update: {} }).catch(() => undefined);
    const won = await this.db.shopAuth.updateMany({
      where: { shop, OR: [{ refreshLeaseUntil: null }, { refreshLeaseUntil: { lt: now } }] },
      data: { refreshLeaseOwner: this.owner, refreshLeaseUntil: new Date(now.getTime() + this.leaseMs) },
    });
    return won.count === 1;
  }

  private async releaseLease(shop: string): Promise<void> {
    await this.db.shopAuth.updateMany({ where: { shop, refreshLeaseOwner: this.owner }, data: { refreshLeaseOwner: null, refreshLeaseUntil: null } });
  }

  private async markNeedsReauth(shop: string, reason: string): Promise<ShopNeedsReauthError> {
    const now = this.now();
    await this.db.$transaction([
      this.db.shopAuth.upsert({
        where: { shop },
        create: { shop, needsReauthAt: now, needsReauthReason: reason },
        update: { needsReauthAt: now, needsReauthReason: reason },
      }),
      // Expired (now, not the epoch: the session storage reads a zero time as "never expires"), so
      // the admin's next load runs token exchange and stores a working token.
      this.db.session.updateMany({ where: { shop, isOnline: false }, data: { expires: now } }),
    ]);
    return new ShopNeedsReauthError(shop, reason);
  }
}

/** The merchant opened Dropline and a fresh offline token is stored: background work may resume. */
export async function clearNeedsReauth(db: PrismaClient, shop: string): Promise<boolean> {
  const r = await db.shopAuth.updateMany({ where: { shop, needsReauthAt: { not: null } }, data: { needsReauthAt: null, needsReauthReason: null } });
  return r.count > 0;
}

/** Whether the shop's background work is waiting for the merchant. */
export async function needsReauth(db: PrismaClient, shop: string): Promise<boolean> {
  const auth = await db.shopAuth.findUnique({ where: { shop }, select: { needsReauthAt: true } });
  return Boolean(auth?.needsReauthAt);
}
