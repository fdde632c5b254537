/**
 * Expiring offline access tokens (Shopify's requirement for public apps): background work keeps a
 * shop's token fresh against the fake's token endpoint — once, whatever the number of jobs and
 * threads — and waits for the merchant, without losing anything, when Shopify will not refresh.
 */
import { Worker as Thread } from "node:worker_threads";
import type { PrismaClient } from "@prisma/client";
import { getJwt } from "@shopify/shopify-api/test-helpers";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeShopify, type FakeShopify } from "../fake-shopify";
import { TEST_API_KEY, TEST_API_SECRET, TEST_SHOP, useTestAppEnv } from "../helpers/app-env";

useTestAppEnv({ SHOPIFY_TOKEN_REFRESH_MARGIN_SECONDS: "60" });

const SCOPE = "read_orders,write_merchant_managed_fulfillment_orders";
let fake: FakeShopify;
let db: PrismaClient;

type Modules = {
  Worker: typeof import("../../app/jobs/worker.server").Worker;
  PrismaJobQueue: typeof import("../../app/jobs/prisma-queue.server").PrismaJobQueue;
  shopReauthParking: typeof import("../../app/jobs/runtime.server").shopReauthParking;
  adminClientFor: (shop: string) => Promise<import("../../app/shopify/client.server").AdminClient>;
  SHOP_INFO: typeof import("../../app/shopify/shop").SHOP_INFO;
  tokenProbeHandler: typeof import("./support/token-probe").tokenProbeHandler;
};
// The app reads its environment when first imported: app modules are imported after useTestAppEnv.
const PROBE_KIND = "test.token-probe";
let m: Modules;

beforeAll(async () => {
  fake = await startFakeShopify({ oauth: { apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET, scope: SCOPE } });
  process.env.SHOPIFY_ADMIN_API_ORIGIN = fake.url;
  fake.seedShop({ domain: TEST_SHOP, accessToken: "shpat_custom_app_token_not_used" });
  db = (await import("../../app/db.server")).default;
  m = {
    Worker: (await import("../../app/jobs/worker.server")).Worker,
    PrismaJobQueue: (await import("../../app/jobs/prisma-queue.server")).PrismaJobQueue,
    shopReauthParking: (await import("../../app/jobs/runtime.server")).shopReauthParking,
    adminClientFor: (await import("../../app/services.server")).services().adminFor,
    SHOP_INFO: (await import("../../app/shopify/shop")).SHOP_INFO,
    tokenProbeHandler: (await import("./support/token-probe")).tokenProbeHandler,
  };
});

afterAll(async () => {
  await fake?.close();
});

/** Stores the app's install as token exchange would: an expiring token and its refresh token. */
async function install(options: { expiresInMs?: number } = {}): Promise<string> {
  const issued = fake.issueOfflineToken(TEST_SHOP);
  const now = Date.now();
  const data = {
    shop: TEST_SHOP,
    state: "",
    isOnline: false,
    scope: issued.scope,
    accessToken: issued.access_token,
    expires: new Date(now + (options.expiresInMs ?? issued.expires_in! * 1000)),
    refreshToken: issued.refresh_token!,
    refreshTokenExpires: new Date(now + issued.refresh_token_expires_in! * 1000),
  };
  await db.session.upsert({ where: { id: `offline_${TEST_SHOP}` }, create: { id: `offline_${TEST_SHOP}`, ...data }, update: data });
  return issued.access_token;
}

const refreshes = () => fake.tokenRequests().filter((r) => r.grantType === "refresh_token");
let jobSeq = 0;

async function enqueueProbes(n: number): Promise<void> {
  const queue = new m.PrismaJobQueue(db);
  for (let i = 0; i < n; i++) await queue.enqueue({ shop: TEST_SHOP, kind: PROBE_KIND, dedupeKey: `probe-${++jobSeq}`, payload: {} });
}

function mainWorker(concurrency = 10) {
  return new m.Worker(new m.PrismaJobQueue(db), [m.tokenProbeHandler(db)], { concurrency, workerId: "main-thread", parking: m.shopReauthParking(db) });
}

async function jobCounts(): Promise<Record<string, number>> {
  const rows = await db.job.groupBy({ by: ["status"], where: { kind: PROBE_KIND }, _count: true });
  return Object.fromEntries(rows.map((r) => [r.status, r._count]));
}

beforeEach(async () => {
  await db.job.deleteMany({});
  await db.appliedEffect.deleteMany({});
  await db.shopAuth.deleteMany({});
  fake.expireAccessTokens(TEST_SHOP);
});

describe("expiring offline access tokens", () => {
  it("refreshes a token that has expired, once, and the job succeeds with the new token", async () => {
    const old = await install({ expiresInMs: -1000 });
    fake.expireAccessTokens(TEST_SHOP);
    const before = refreshes().length;
    await enqueueProbes(1);

    await mainWorker().drain();

    expect(await jobCounts()).toEqual({ succeeded: 1 });
    expect(refreshes().length - before).toBe(1);
    const stored = await db.session.findUniqueOrThrow({ where: { id: `offline_${TEST_SHOP}` } });
    expect(stored.accessToken).not.toBe(old);
    expect(stored.expires!.getTime()).toBeGreaterThan(Date.now() + 3_000_000);
    const auth = await db.shopAuth.findUniqueOrThrow({ where: { shop: TEST_SHOP } });
    expect(auth).toMatchObject({ refreshCount: 1, lastRefreshedBy: expect.any(String), refreshLeaseOwner: null });
  });

  it("refreshes before expiry, within the margin, without waiting for a 401", async () => {
    await install({ expiresInMs: 30_000 }); // margin is 60 s
    const before = refreshes().length;
    await enqueueProbes(1);
    await mainWorker().drain();
    expect(await jobCounts()).toEqual({ succeeded: 1 });
    expect(refreshes().length - before).toBe(1);
    expect(fake.tokenRequests().at(-1)).toMatchObject({ grantType: "refresh_token", status: 200 });
  });

  it("refreshes ahead of time from a scheduled job, one per token generation, without any other work", async () => {
    const { scheduleTokenRefreshes, tokenRefreshJobHandler } = await import("../../app/jobs/token-refresh.server");
    const queue = new m.PrismaJobQueue(db);
    const services = { db, queue, adminFor: m.adminClientFor, now: () => new Date() };
    await install(); // an hour left: nothing to schedule within the horizon
    expect(await scheduleTokenRefreshes(services, 60_000, 120_000)).toBe(0);

    await install({ expiresInMs: 50_000 }); // inside margin + horizon: due 60 s before expiry, i.e. now
    const before = refreshes().length;
    expect(await scheduleTokenRefreshes(services, 60_000, 120_000)).toBe(1);
    expect(await scheduleTokenRefreshes(services, 60_000, 120_000)).toBe(0); // same generation, same job
    const job = await db.job.findFirstOrThrow({ where: { kind: "token_refresh" } });
    const session = await db.session.findUniqueOrThrow({ where: { id: `offline_${TEST_SHOP}` } });
    expect(job.runAt.getTime()).toBe(session.expires!.getTime() - 60_000);

    const worker = new m.Worker(queue, [tokenRefreshJobHandler(services)]);
    expect(await worker.drain()).toBe(1);
    expect(refreshes().length - before).toBe(1);
    const after = await db.session.findUniqueOrThrow({ where: { id: `offline_${TEST_SHOP}` } });
    expect(after.expires!.getTime()).toBeGreaterThan(Date.now() + 3_000_000);
  });

  it("answers a 401 for a token it thought valid by refreshing once and retrying the request", async () => {
    await install(); // an hour left, as far as the app knows
    fake.expireAccessTokens(TEST_SHOP); // ... but Shopify says otherwise
    const before = refreshes().length;
    const client = await m.adminClientFor(TEST_SHOP);
    const info = await client.request(m.SHOP_INFO, {});
    expect(info.shop.myshopifyDomain).toBe(TEST_SHOP);
    expect(refreshes().length - before).toBe(1);
  });

  it("20 concurrent jobs across two threads cause exactly one refresh request, and the old refresh token then stops working", async () => {
    await install({ expiresInMs: -1000 });
    const spent = (await db.session.findUniqueOrThrow({ where: { id: `offline_${TEST_SHOP}` } })).refreshToken!;
    fake.expireAccessTokens(TEST_SHOP);
    const before = refreshes().length;
    await enqueueProbes(20);

    const thread = new Thread(new URL("./support/token-thread.ts", import.meta.url), { execArgv: ["--import", "tsx"], workerData: { concurrency: 10 } });
    const messages: { ready?: boolean; ran?: number; error?: string }[] = [];
    const done = new Promise<{ ran?: number; error?: string }>((resolve, reject) => {
      thread.on("message", (msg: { ready?: boolean; ran?: number; error?: string }) => {
        messages.push(msg);
        if (!msg.ready) resolve(msg);
      });
      thread.on("error", reject);
    });
    await new Promise<void>((resolve) => thread.once("message", () => resolve()));
    thread.postMessage("go");
    const [mainRan, threadResult] = await Promise.all([mainWorker().drain(), done]);
    await thread.terminate();

    expect(threadResult.error).toBeUndefined();
    expect(mainRan + (threadResult.ran ?? 0)).toBe(20);
    expect(await jobCounts()).toEqual({ succeeded: 20 });
    expect(refreshes().length - before).toBe(1);
    const ranIn = new Set((await db.appliedEffect.findMany({ where: { key: { startsWith: "probe:" } } })).map((e) => e.key.split(":")[2]));
    expect(ranIn.size).toBe(2); // both threads did some of the work

    // The new token is in use, so Shopify retired the refresh token it replaced.
    const replay = await fetch(`${fake.url}/admin/oauth/access_token`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Shopify-Shop-Domain": TEST_SHOP },
      body: JSON.stringify({ client_id: TEST_API_KEY, client_secret: TEST_API_SECRET, grant_type: "refresh_token", refresh_token: spent }),
    });
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ error: "invalid_grant" });
  }, 60_000);

  it("a token refreshed by the worker thread is the one the web thread then uses, with no refresh of its own", async () => {
    await install({ expiresInMs: -1000 });
    fake.expireAccessTokens(TEST_SHOP);
    await enqueueProbes(1);
    const thread = new Thread(new URL("./support/token-thread.ts", import.meta.url), { execArgv: ["--import", "tsx"], workerData: { concurrency: 1 } });
    await new Promise<void>((resolve) => thread.once("message", () => resolve()));
    const ran = new Promise<{ ran?: number }>((resolve) => thread.once("message", resolve));
    thread.postMessage("go");
    expect((await ran).ran).toBe(1);
    await thread.terminate();
    const afterThread = refreshes().length;
    const refreshed = (await db.session.findUniqueOrThrow({ where: { id: `offline_${TEST_SHOP}` } })).accessToken;

    const seen: string[] = [];
    const spy = (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
      seen.push(new Headers(init?.headers).get("X-Shopify-Access-Token") ?? "");
      return fetch(input, init);
    };
    const { httpTransport, AdminClient } = await import("../../app/shopify/client.server");
    const { tokens } = (await import("../../app/services.server")).services();
    const client = new AdminClient(
      httpTransport({
        shop: TEST_SHOP,
        origin: fake.url,
        accessToken: () => tokens.current(TEST_SHOP),
        onUnauthorized: (t) => tokens.afterUnauthorized(TEST_SHOP, t),
        fetch: spy,
      }),
      { shop: TEST_SHOP },
    );
    await client.request(m.SHOP_INFO, {});
    expect(seen).toEqual([refreshed]);
    expect(refreshes().length).toBe(afterThread);
  }, 60_000);

  it("parks the shop's jobs when Shopify refuses to refresh (nothing dead-lettered) and resumes them once the merchant opens Dropline", async () => {
    await install({ expiresInMs: -1000 });
    fake.expireAccessTokens(TEST_SHOP);
    fake.revokeRefreshTokens(TEST_SHOP);
    const before = fake.tokenRequests().length;
    await enqueueProbes(5);

    await mainWorker(5).drain();

    expect(await jobCounts()).toEqual({ parked: 5 });
    const parked = await db.job.findMany({ where: { kind: PROBE_KIND } });
    expect(parked.every((j) => j.attempts === 0 && /open Dropline/.test(j.lastError ?? ""))).toBe(true);
    // One refused refresh; the other jobs saw the shop marked and did not ask again.
    expect(
      fake
        .tokenRequests()
        .slice(before)
        .map((r) => [r.grantType, r.status]),
    ).toEqual([["refresh_token", 400]]);
    expect((await db.shopAuth.findUniqueOrThrow({ where: { shop: TEST_SHOP } })).needsReauthReason).toMatch(/refused/);

    // A job that arrives meanwhile waits with the others instead of failing.
    await enqueueProbes(1);
    await mainWorker().drain();
    expect(await jobCounts()).toEqual({ parked: 6 });

    // The merchant opens Dropline: the library exchanges the session token for a new offline
    // token (against the fake), and the afterAuth hook resumes the parked work.
    const { authenticate } = await import("../../app/shopify.server");
    const { token } = await getJwt(TEST_SHOP.replace(".myshopify.com", ""), TEST_API_KEY, TEST_API_SECRET);
    const host = Buffer.from(`admin.shopify.com/store/${TEST_SHOP.replace(".myshopify.com", "")}`).toString("base64url");
    await authenticate.admin(
      new Request(`http://localhost:3000/app?embedded=1&shop=${TEST_SHOP}&host=${host}&id_token=${token}`, {
        headers: { "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/156 Safari/537.36" },
      }),
    );
    expect(fake.tokenRequests().at(-1)).toMatchObject({ grantType: "urn:ietf:params:oauth:grant-type:token-exchange", status: 200 });
    expect(await jobCounts()).toEqual({ queued: 6 });
    expect((await db.shopAuth.findUniqueOrThrow({ where: { shop: TEST_SHOP } })).needsReauthAt).toBeNull();

    await mainWorker().drain();
    expect(await jobCounts()).toEqual({ succeeded: 6 });
    const stored = await db.session.findUniqueOrThrow({ where: { id: `offline_${TEST_SHOP}` } });
    expect(stored.refreshToken).toBeTruthy();
    expect(stored.expires!.getTime()).toBeGreaterThan(Date.now());
  }, 60_000);
});
