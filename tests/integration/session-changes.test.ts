/**
 * Session and token-refresh state shared by several processes on PostgreSQL (issue #19 item 3).
 * Two "processes" are two sets of connections to one database: each has its own Prisma client,
 * session storage, cache and change listener, as a second web or worker process would.
 */
import type { PrismaClient } from "@prisma/client";
import { Session } from "@shopify/shopify-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CachedSessionStorage as Cache } from "../../app/shopify/session-cache.server";
import type { PostgresSessionChanges as Changes } from "../../app/shopify/session-changes.server";
import { useTestAppEnv } from "../helpers/app-env";
import { testingOnPostgres } from "../helpers/database";

const url = useTestAppEnv();
const SHOP = "shared-sessions.myshopify.com";
const ID = `offline_${SHOP}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Process {
  readonly db: PrismaClient;
  readonly changes: Changes;
  readonly sessions: Cache;
}

/** Polls `read` until `accept` holds or `withinMs` passes; the last value and how long it took. */
async function within<T>(withinMs: number, read: () => Promise<T>, accept: (value: T) => boolean): Promise<{ value: T; ms: number }> {
  const start = Date.now();
  for (;;) {
    const value = await read();
    if (accept(value) || Date.now() - start > withinMs) return { value, ms: Date.now() - start };
    await sleep(5);
  }
}

describe.runIf(testingOnPostgres())("sessions shared across processes on PostgreSQL", () => {
  const processes: Process[] = [];
  let a: Process;
  let b: Process;

  beforeAll(async () => {
    const { createPrismaClient } = await import("../../app/db-client.server");
    const { PrismaSessionStorage } = await import("@shopify/shopify-app-session-storage-prisma");
    const { CachedSessionStorage } = await import("../../app/shopify/session-cache.server");
    const { PostgresSessionChanges } = await import("../../app/shopify/session-changes.server");
    const open = (): Process => {
      const db = createPrismaClient(url, { poolSize: 3 });
      const changes = new PostgresSessionChanges(url, 50);
      // A frozen clock and a ten-minute time to live: only a heard change can refresh an entry.
      const sessions = new CachedSessionStorage(new PrismaSessionStorage(db), 600_000, () => new Date(0), changes);
      const p = { db, changes, sessions };
      processes.push(p);
      return p;
    };
    a = open();
    b = open();
  });

  afterAll(async () => {
    for (const p of processes) {
      await p.changes.close();
      await p.db.$disconnect();
    }
  });

  const offline = (token: string) =>
    new Session({ id: ID, shop: SHOP, state: "", isOnline: false, accessToken: token, scope: "read_orders", expires: new Date(Date.now() + 3_600_000) });

  it("process B uses the token process A's keeper refreshed as soon as it commits, not after the cache's time to live", async () => {
    await a.sessions.storeSession(offline("token-1"));
    expect((await b.sessions.loadSession(ID))?.accessToken).toBe("token-1");
    await within(5_000, async () => b.changes.live, Boolean);
    expect((await b.sessions.loadSession(ID))?.accessToken).toBe("token-1");

    // The token keeper writes the refreshed token straight to the Session row (no session storage involved).
    const { OfflineTokens } = await import("../../app/shopify/offline-tokens.server");
    await a.db.session.update({ where: { id: ID }, data: { expires: new Date(Date.now() - 1_000), refreshToken: "refresh-1" } });
    await within(
      2_000,
      () => b.sessions.loadSession(ID),
      (s) => s?.expires?.getTime() !== undefined && s.expires.getTime() < Date.now(),
    );
    const keeper = new OfflineTokens({
      db: a.db,
      refresh: async () => ({
        accessToken: "token-2",
        scope: null,
        expires: new Date(Date.now() + 3_600_000),
        refreshToken: "refresh-2",
        refreshTokenExpires: null,
      }),
    });
    expect(await keeper.current(SHOP)).toBe("token-2");

    const seen = await within(
      2_000,
      () => b.sessions.loadSession(ID),
      (s) => s?.accessToken === "token-2",
    );
    expect(seen.value?.accessToken).toBe("token-2");
    expect(seen.ms).toBeLessThan(1_000);
  });

  it("process B stops using a session as soon as process A deletes it (uninstall)", async () => {
    await a.sessions.storeSession(offline("token-3"));
    await within(
      2_000,
      () => b.sessions.loadSession(ID),
      (s) => s?.accessToken === "token-3",
    );
    await a.db.session.deleteMany({ where: { shop: SHOP } });
    const seen = await within(
      2_000,
      () => b.sessions.loadSession(ID),
      (s) => s === undefined,
    );
    expect(seen.value).toBeUndefined();
    expect(seen.ms).toBeLessThan(1_000);
  });

  it("reads through while its listening connection is lost, forgets what it cached, and caches again once reconnected", async () => {
    await a.sessions.storeSession(offline("token-4"));
    await within(
      2_000,
      () => b.sessions.loadSession(ID),
      (s) => s?.accessToken === "token-4",
    );
    const pid = await b.changes.listenerPid();
    expect(pid).not.toBeNull();
    await a.db.$queryRawUnsafe(`SELECT pg_terminate_backend(${Number(pid)})`);
    await within(
      2_000,
      async () => b.changes.live,
      (live) => !live,
    );
    // A change made while B was not listening is still seen: B reads through, then forgot on reconnect.
    await a.db.session.update({ where: { id: ID }, data: { accessToken: "token-5" } });
    expect((await b.sessions.loadSession(ID))?.accessToken).toBe("token-5");
    expect((await within(5_000, async () => b.changes.live, Boolean)).value).toBe(true);
    expect((await b.changes.listenerPid()) ?? pid).not.toBe(pid);
    await a.db.session.update({ where: { id: ID }, data: { accessToken: "token-6" } });
    expect(
      (
        await within(
          2_000,
          () => b.sessions.loadSession(ID),
          (s) => s?.accessToken === "token-6",
        )
      ).value?.accessToken,
    ).toBe("token-6");
  });

  it("two processes refreshing one shop's expired token at once call Shopify once and both get the new token", async () => {
    const { OfflineTokens } = await import("../../app/shopify/offline-tokens.server");
    await a.sessions.storeSession(offline("token-7"));
    await a.db.session.update({ where: { id: ID }, data: { expires: new Date(Date.now() - 1_000), refreshToken: "refresh-7" } });
    let calls = 0;
    const refresh = async (_shop: string, refreshToken: string) => {
      calls++;
      expect(refreshToken).toBe("refresh-7");
      await sleep(300);
      return { accessToken: "token-8", scope: null, expires: new Date(Date.now() + 3_600_000), refreshToken: "refresh-8", refreshTokenExpires: null };
    };
    const before = (await a.db.shopAuth.findUnique({ where: { shop: SHOP } }))?.refreshCount ?? 0;
    const keepers = [a, b].map((p, i) => new OfflineTokens({ db: p.db, refresh, owner: `process-${i}`, pollMs: 20 }));
    const tokens = await Promise.all(Array.from({ length: 10 }, (_, i) => keepers[i % 2]!.current(SHOP)));
    expect(tokens).toEqual(Array(10).fill("token-8"));
    expect(calls).toBe(1);
    const auth = await a.db.shopAuth.findUniqueOrThrow({ where: { shop: SHOP } });
    expect(auth.refreshCount - before).toBe(1);
  });
});
