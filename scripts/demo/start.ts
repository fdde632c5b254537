import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startFakeShopify, type FakeShopify } from "../../tests/fake-shopify";
import { DEMO_SHOP } from "../../prisma/seed/demo-catalog";
import { seedDemoStock } from "./seed-stock";
import { seedDemoMapping } from "./seed-mapping";
import { seedDemoPromise } from "./seed-promise";
import {
  placeDemoOrders,
  seedAppInstall,
  seedDemoRoutingPolicy,
  seedDemoSuppliers,
  seedFakeShop,
  seedSupplierPortals,
  type PortalLink,
  type SeededCatalog,
} from "./seed";
import { runAfterHistory, seedDemoHistory, type DemoHistoryOptions, type DemoHistoryReport } from "./history";
import { scriptServices } from "../services";
import { createPrismaClient } from "../../app/db-client.server";
import { SCOPES } from "../../app/shopify/scopes";
import { startDemoMailSink } from "./mail-sink";
import { DEMO_BUILD_DIRECTORY } from "../../app/demo/build";
import { newKeySpec } from "../../app/secret-box.server";
import { appSourceTime, freePort } from "../local-process";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const DEFAULT_DEMO_SECRET = "dropline-demo-secret";
export const DEMO_API_KEY = "dropline-demo-api-key";

export interface DemoOptions {
  readonly port?: number;
  readonly fakePort?: number;
  readonly databaseFile?: string;
  readonly apiSecret?: string;
  /** Place the demo orders once the app is up (default true). */
  readonly placeOrders?: boolean;
  readonly duplicateRate?: number;
  readonly log?: (line: string) => void;
  readonly env?: Record<string, string>;
  /**
   * Lifetime of the expiring offline access tokens the fake issues (Shopify: 3600 s). The demo
   * default, two minutes, makes background refreshes happen while a person watches.
   */
  readonly tokenLifetimeSeconds?: number;
  /** Run the job worker as its own process (`npm run worker`) instead of in a thread of the web process. */
  readonly separateWorker?: boolean;
  /**
   * The shop's past, replayed before the app starts (scripts/demo/history): 90 days by default;
   * `false` for none (the benchmark's empty shop).
   */
  readonly history?: DemoHistoryOptions | false;
}

export interface RunningDemo {
  readonly appUrl: string;
  readonly launchUrl: string;
  readonly fake: FakeShopify;
  readonly catalog: SeededCatalog;
  readonly databaseUrl: string;
  readonly apiSecret: string;
  /** One supplier portal link per demo supplier (issue #4). */
  readonly portalLinks: readonly PortalLink[];
  /** What the history replay did and how long it took (null without history). */
  readonly history: DemoHistoryReport | null;
  /** The orders placed once the app was up (the newest in the shop). */
  readonly liveOrders: readonly { id: string; name: string }[];
  /** The page listing what the demo's SMTP sink received. */
  readonly mailUrl: string;
  stop(): Promise<void>;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: "inherit" });
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited with ${code}`))));
  });
}

const DEMO_BUILD = path.join(ROOT, DEMO_BUILD_DIRECTORY);
const WORKER_BUILD = path.join(DEMO_BUILD, "worker/index.js");

/**
 * Builds the demo's own bundle (server + worker, with the demo's routes: DROPLINE_DEMO_BUILD=1,
 * app/demo/build.ts) into build-demo/ unless both are newer than every source they come from. It
 * never reads or writes build/, the production build, which holds no demo route.
 */
async function ensureBuilt(env: NodeJS.ProcessEnv, log: (l: string) => void): Promise<void> {
  const builds = [path.join(DEMO_BUILD, "server/index.js"), WORKER_BUILD];
  const sourceTime = appSourceTime(ROOT);
  if (builds.every((file) => fs.existsSync(file) && fs.statSync(file).mtimeMs > sourceTime)) return;
  log(`Building the demo app into ${DEMO_BUILD_DIRECTORY}/…`);
  const buildEnv = { ...env, DROPLINE_DEMO_BUILD: "1" };
  await run(process.execPath, [path.join(ROOT, "node_modules/@remix-run/dev/dist/cli.js"), "vite:build"], buildEnv);
  await run(process.execPath, [path.join(ROOT, "node_modules/vite/bin/vite.js"), "build", "-c", "vite.worker.config.ts"], buildEnv);
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The app exited with code ${child.exitCode} before it was ready`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`The app did not answer ${url} within ${timeoutMs} ms`);
}

/** Waits until the app's worker has run every job, so the first page view shows the orders. */
async function waitForQueueToDrain(databaseUrl: string, timeoutMs = 20_000): Promise<void> {
  const db = createPrismaClient(databaseUrl);
  try {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      // Only jobs due now: escalation timers wait hours ahead by design.
      if ((await db.job.count({ where: { status: { in: ["queued", "running"] }, runAt: { lte: new Date() } } })) === 0) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`The app's worker did not finish the demo jobs within ${timeoutMs} ms`);
  } finally {
    await db.$disconnect();
  }
}

/**
 * Starts the whole demo: the fake Admin API (Shopify's side), a fresh SQLite database seeded with
 * the demo shop's install, and the production build of the app in demo mode. No network, no account.
 */
export async function startDemo(options: DemoOptions = {}): Promise<RunningDemo> {
  if (process.env.NODE_ENV === "production") throw new Error("The demo refuses to run with NODE_ENV=production.");
  const log = options.log ?? ((line: string) => console.log(line));
  const port = options.port ?? (await freePort());
  const apiSecret = options.apiSecret ?? process.env.SHOPIFY_API_SECRET ?? DEFAULT_DEMO_SECRET;
  const appUrl = `http://localhost:${port}`;
  const databaseFile = options.databaseFile ?? path.join(ROOT, "data", "demo.sqlite");
  fs.mkdirSync(path.dirname(databaseFile), { recursive: true });
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(databaseFile + suffix, { force: true });
  const databaseUrl = `file:${databaseFile}`;

  const tokenLifetime = options.tokenLifetimeSeconds ?? Number(process.env.DROPLINE_DEMO_TOKEN_LIFETIME_SECONDS ?? 120);
  const fake = await startFakeShopify({
    port: options.fakePort ?? 0,
    webhooks: { baseUrl: appUrl, apiSecret, duplicateRate: options.duplicateRate ?? 0.25, seed: 7 },
    oauth: { apiKey: DEMO_API_KEY, apiSecret, scope: SCOPES.join(","), accessTokenLifetimeSeconds: tokenLifetime },
  });
  // Mail goes to a local SMTP sink whose messages /demo/mail lists: nothing leaves the machine.
  const mail = await startDemoMailSink(path.join(path.dirname(databaseFile), "demo-mailbox.jsonl"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SMTP_URL: mail.url,
    DROPLINE_DEMO_MAILBOX: mail.file,
    NODE_ENV: "development",
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    SHOPIFY_API_KEY: DEMO_API_KEY,
    SHOPIFY_API_SECRET: apiSecret,
    SHOPIFY_APP_URL: appUrl,
    SHOPIFY_ADMIN_API_ORIGIN: fake.url,
    DROPLINE_DEMO: "1",
    DROPLINE_DEMO_SHOP: DEMO_SHOP.domain,
    DROPLINE_WORKER: "thread",
    // Secrets are encrypted at rest: the demo's database is new at every start, so is its key.
    DROPLINE_ENCRYPTION_KEYS: process.env.DROPLINE_ENCRYPTION_KEYS || newKeySpec("demo"),
    // Refresh when a quarter of the token's life is left (Shopify's hour: the default five minutes).
    SHOPIFY_TOKEN_REFRESH_MARGIN_SECONDS: String(Math.min(300, Math.floor(tokenLifetime / 4))),
    ...options.env,
  };
  let app: ChildProcess | undefined;
  let worker: ChildProcess | undefined;
  try {
    await run(process.execPath, [path.join(ROOT, "node_modules/prisma/build/index.js"), "migrate", "deploy"], env);
    const catalog = seedFakeShop(fake);
    // The build runs in child processes meanwhile: on a clean clone it overlaps the history's replay.
    const building = ensureBuilt(env, log);
    building.catch(() => undefined); // awaited below; not an unhandled rejection while seeding
    // Seeding goes through the app's own services, built from the environment the app gets.
    const services = scriptServices(env);
    let portalLinks: PortalLink[];
    let history: DemoHistoryReport | null = null;
    try {
      await seedAppInstall(services, { fake, apiKey: DEMO_API_KEY, apiSecret, env });
      await seedDemoRoutingPolicy(services.db, catalog);
      await seedDemoSuppliers(services, { catalog });
      portalLinks = await seedSupplierPortals(services);
      if (options.history !== false) history = await seedDemoHistory({ fake, catalog, appEnv: env, portalLinks }, { log, ...options.history });
      await seedDemoStock(services);
      await seedDemoMapping(services);
      await seedDemoPromise(services);
      if (history) await runAfterHistory(services, DEMO_SHOP.domain);
    } finally {
      await services.close();
    }
    await building;
    app = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/demo/serve.ts")], {
      cwd: ROOT,
      env: options.separateWorker ? { ...env, DROPLINE_WORKER: "off" } : env,
      stdio: ["ignore", "inherit", "inherit"],
    });
    // Production topology: web process acknowledges, `npm run worker` processes.
    worker = options.separateWorker ? spawn(process.execPath, [WORKER_BUILD], { cwd: ROOT, env, stdio: ["ignore", "ignore", "inherit"] }) : undefined;
    await waitForHttp(`${appUrl}/healthz`, app);
    const liveOrders: { id: string; name: string }[] = [];
    if (options.placeOrders ?? true) {
      for (const id of placeDemoOrders(fake, catalog)) liveOrders.push({ id, name: fake.store.shop(DEMO_SHOP.domain).orders.get(id)?.name ?? id });
      await fake.webhooksSettled();
      await waitForQueueToDrain(databaseUrl);
    }
    const child = app;
    const workerChild = worker;
    return {
      appUrl,
      launchUrl: `${appUrl}/demo`,
      fake,
      catalog,
      databaseUrl,
      apiSecret,
      portalLinks,
      history,
      liveOrders,
      mailUrl: `${appUrl}/demo/mail`,
      async stop() {
        for (const proc of [child, workerChild]) {
          if (!proc) continue;
          proc.kill("SIGTERM");
          await new Promise((r) => (proc.exitCode !== null ? r(null) : proc.once("exit", r)));
        }
        await fake.close();
        await mail.close();
      },
    };
  } catch (error) {
    app?.kill("SIGKILL");
    worker?.kill("SIGKILL");
    await fake.close();
    await mail.close();
    throw error;
  }
}
