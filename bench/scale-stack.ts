/**
 * The scale benchmark's deployment, all on loopback: a private PostgreSQL cluster (Debian's
 * binaries, a Unix socket in a temporary directory, installed when missing), the fake Admin API as
 * its own server process (bench/scale-fake.ts), N production web processes behind one entry
 * (bench/scale-web.ts, Node's cluster) and M `npm run worker` processes, every one on the same
 * database with the pg-boss queue. Every child process and the cluster are stopped by `stop()`,
 * and — should the bench die first — by this process's exit and signal handlers.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { startPrivateCluster, type PrivateCluster } from "../scripts/postgres/cluster";
import { applyPostgresMigrations } from "../scripts/postgres/migrate";
import { scriptServices } from "../scripts/services";
import { newKeySpec } from "../app/secret-box.server";
import type { FakeReply, FakeRequest, FakeShopSeed, HeldOrder } from "./scale-fake";
import { seedScaleShop } from "./scale-seed";
import { appSourceTime, freePort } from "../scripts/local-process";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const WORKER_BUILD = path.join(ROOT, "build/worker/index.js");
const SERVER_BUILD = path.join(ROOT, "build/server/index.js");
const API_KEY = "dropline-scale-api-key";
const API_SECRET = "dropline-scale-secret";

export interface ScaleStackOptions {
  readonly shops: number;
  readonly webProcesses: number;
  readonly workerProcesses: number;
  /** Jobs each worker process runs at once (WORKER_CONCURRENCY). */
  readonly workerSlots: number;
  /** Where child processes' output goes (one log file each). */
  readonly dir: string;
  readonly log: (line: string) => void;
  /** Load pg_stat_statements (SCALE_PG_STATEMENTS=1): where PostgreSQL's time goes, logged after the run. */
  readonly statements?: boolean;
}

export interface ScaleStack {
  readonly entryPort: number;
  readonly fakeUrl: string;
  readonly databaseUrl: string;
  readonly appEnv: NodeJS.ProcessEnv;
  readonly apiSecret: string;
  readonly shops: readonly FakeShopSeed[];
  /** Creates `counts[shop]` orders per shop in the fake; each one's held deliveries, in creation order. */
  createOrders(counts: Record<string, number>): Promise<Record<string, HeldOrder[]>>;
  /** SIGKILLs worker process `index`; resolves once it is gone. */
  killWorker(index: number): Promise<void>;
  startWorker(index: number): void;
  /** CPU seconds used so far by each part (a process and its descendants; a killed worker's CPU goes with it). */
  cpuSeconds(): Record<"web" | "workers" | "fake" | "postgres", number>;
  /** Stops every worker process (SIGTERM: each finishes its jobs in hand; SIGKILL after 10 s). */
  stopWorkers(): Promise<void>;
  stop(): Promise<void>;
}

const TICKS_PER_SECOND = 100;

/** Every process's parent and CPU ticks (user + system, its own and its reaped children's), from /proc (Linux; empty elsewhere). */
function processTable(): Map<number, { ppid: number; ticks: number }> {
  const table = new Map<number, { ppid: number; ticks: number }>();
  if (!fs.existsSync("/proc/self/stat")) return table;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name (field 2) may hold spaces: fields after its closing parenthesis.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // utime + stime, and cutime + cstime: the children it has reaped (a backend that ended, a restarted cluster worker).
      table.set(Number(entry), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]) });
    } catch {
      // gone meanwhile
    }
  }
  return table;
}

/** CPU seconds of `roots` and all their descendants. */
function cpuOf(table: Map<number, { ppid: number; ticks: number }>, roots: readonly (number | undefined)[]): number {
  const members = new Set(roots.filter((pid): pid is number => pid !== undefined && table.has(pid)));
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, p] of table) {
      if (!members.has(pid) && members.has(p.ppid)) {
        members.add(pid);
        grew = true;
      }
    }
  }
  let ticks = 0;
  for (const pid of members) ticks += table.get(pid)!.ticks;
  return ticks / TICKS_PER_SECOND;
}

/** `npm run build` (the production server and worker bundles) unless both are newer than app/ and the Vite configs. */
function ensureProductionBuild(log: (line: string) => void): void {
  const sourceTime = appSourceTime(ROOT);
  if ([SERVER_BUILD, WORKER_BUILD].every((file) => fs.existsSync(file) && fs.statSync(file).mtimeMs > sourceTime)) return;
  log("building the production app (npm run build)…");
  const built = spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, NODE_ENV: "production" } });
  if (built.status !== 0) throw new Error(`npm run build failed (${built.status ?? built.signal})`);
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} not ready within ${timeoutMs} ms`);
}

/** The fake's IPC channel: one request at a time, each answered by one reply. */
function fakeChannel(child: ChildProcess): (request: FakeRequest) => Promise<FakeReply> {
  return (request) =>
    new Promise((resolve, reject) => {
      const onExit = () => reject(new Error("the fake Admin API exited"));
      child.once("exit", onExit);
      child.once("message", (reply: FakeReply) => {
        child.off("exit", onExit);
        if (reply.type === "error") reject(new Error(`fake Admin API: ${reply.message}`));
        else resolve(reply);
      });
      child.send(request);
    });
}

/** Starts everything; on any failure whatever was started is stopped before the error is thrown. */
export async function startScaleStack(options: ScaleStackOptions): Promise<ScaleStack> {
  const { log } = options;
  const children = new Set<ChildProcess>();
  let cluster: PrivateCluster | undefined;
  const killAll = () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    children.clear();
    cluster?.stop();
    cluster = undefined;
  };
  // The bench's own end, however it comes, ends everything it started.
  const onExit = () => killAll();
  const onSignal = () => {
    killAll();
    process.exit(130);
  };
  process.once("exit", onExit);
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  const logFile = (name: string) => fs.openSync(path.join(options.dir, `${name}.log`), "a");
  const track = (child: ChildProcess) => {
    children.add(child);
    child.once("exit", () => children.delete(child));
    return child;
  };

  try {
    ensureProductionBuild(log);
    const started = performance.now();
    cluster = startPrivateCluster({ maxConnections: 300, preload: options.statements ? ["pg_stat_statements"] : [] });
    const postmasterPidFile = path.join(cluster.socketDir, "data", "postmaster.pid");
    const admin = new pg.Client({ connectionString: cluster.url("postgres") });
    await admin.connect();
    await admin.query("CREATE DATABASE dropline_scale");
    await admin.end();
    const databaseUrl = cluster.url("dropline_scale");
    if (options.statements) {
      const stats = new pg.Client({ connectionString: databaseUrl });
      await stats.connect();
      await stats.query("CREATE EXTENSION pg_stat_statements");
      await stats.end();
    }
    await applyPostgresMigrations(databaseUrl);
    log(`PostgreSQL ${path.basename(path.dirname(cluster.binDir))} ready on ${cluster.socketDir} (${Math.round(performance.now() - started)} ms)`);

    const entryPort = await freePort();
    const appUrl = `http://127.0.0.1:${entryPort}`;
    const fakeChild = track(
      spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "bench/scale-fake.ts")], {
        cwd: ROOT,
        env: { ...process.env, SCALE_FAKE_CHILD: "1", SCALE_APP_URL: appUrl, SCALE_API_SECRET: API_SECRET },
        stdio: ["ignore", logFile("fake"), logFile("fake"), "ipc"],
      }),
    );
    const fakeUrl = await new Promise<string>((resolve, reject) => {
      fakeChild.once("message", (m: FakeReply) => (m.type === "ready" ? resolve(m.url) : reject(new Error(JSON.stringify(m)))));
      fakeChild.once("exit", (code) => reject(new Error(`the fake Admin API exited (${code}) before it was ready`)));
    });
    const ask = fakeChannel(fakeChild);

    const appEnv: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(entryPort),
      DATABASE_URL: databaseUrl,
      DROPLINE_QUEUE: "auto",
      DROPLINE_WORKER: "off",
      WORKER_CONCURRENCY: String(options.workerSlots),
      SHOPIFY_API_KEY: API_KEY,
      SHOPIFY_API_SECRET: API_SECRET,
      SHOPIFY_APP_URL: appUrl,
      SHOPIFY_ADMIN_API_ORIGIN: fakeUrl,
      DROPLINE_ENCRYPTION_KEYS: newKeySpec("scale"),
      DROPLINE_DEMO: "0",
      DROPLINE_OUTBOUND_ALLOW_LOOPBACK: "0",
    };

    const shops: FakeShopSeed[] = Array.from({ length: options.shops }, (_, i) => ({
      domain: `scale-${String(i).padStart(2, "0")}.myshopify.com`,
      name: `Scale Shop ${i}`,
      accessToken: `shpat_scale_${i}`,
    }));
    const seeded = await ask({ type: "seed", shops });
    if (seeded.type !== "seeded") throw new Error("unexpected answer to seed");
    const seedStarted = performance.now();
    const services = scriptServices(appEnv);
    try {
      const now = new Date();
      // A few shops at a time: each one's suppliers are created through the Admin API.
      for (let i = 0; i < shops.length; i += 5) {
        await Promise.all(shops.slice(i, i + 5).map((shop) => seedScaleShop(services, shop, seeded.variants[shop.domain]!, now)));
      }
    } finally {
      await services.close();
      for (const queue of globalThis.__droplinePgBoss?.values() ?? []) await queue.stop();
      globalThis.__droplinePgBoss?.clear();
    }
    log(`${shops.length} shops installed (sessions, suppliers, offers, policies) in ${Math.round(performance.now() - seedStarted)} ms`);

    const web = track(
      spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "bench/scale-web.ts")], {
        cwd: ROOT,
        env: { ...appEnv, SCALE_WEB_PROCESSES: String(options.webProcesses) },
        stdio: ["ignore", logFile("web"), logFile("web")],
      }),
    );
    await waitFor("the web entry", async () => (await fetch(`${appUrl}/healthz`)).ok, 60_000);

    const workers: (ChildProcess | undefined)[] = [];
    const startWorker = (index: number) => {
      workers[index] = track(
        spawn(process.execPath, [WORKER_BUILD], { cwd: ROOT, env: appEnv, stdio: ["ignore", logFile(`worker-${index}`), logFile(`worker-${index}`)] }),
      );
    };
    for (let i = 0; i < options.workerProcesses; i++) startWorker(i);
    log(
      `${options.webProcesses} web processes behind ${appUrl}, ${options.workerProcesses} worker processes × ${options.workerSlots} slots, fake Admin API at ${fakeUrl}; logs in ${options.dir}`,
    );

    return {
      entryPort,
      fakeUrl,
      databaseUrl,
      appEnv,
      apiSecret: API_SECRET,
      shops,
      async createOrders(counts) {
        const reply = await ask({ type: "orders", counts });
        if (reply.type !== "orders") throw new Error("unexpected answer to orders");
        return reply.held;
      },
      async killWorker(index) {
        const worker = workers[index];
        if (!worker || worker.exitCode !== null) return;
        const gone = new Promise((r) => worker.once("exit", r));
        worker.kill("SIGKILL");
        await gone;
      },
      startWorker,
      cpuSeconds() {
        const table = processTable();
        const postmaster = Number(fs.readFileSync(postmasterPidFile, "utf8").split("\n")[0]);
        return {
          web: cpuOf(table, [web.pid]),
          workers: cpuOf(
            table,
            workers.map((w) => w?.pid),
          ),
          fake: cpuOf(table, [fakeChild.pid]),
          postgres: cpuOf(table, [postmaster]),
        };
      },
      async stopWorkers() {
        const running = workers.filter((w): w is ChildProcess => w !== undefined && w.exitCode === null && w.signalCode === null);
        const gone = Promise.all(running.map((w) => new Promise((r) => w.once("exit", r))));
        for (const w of running) w.kill("SIGTERM");
        const timer = setTimeout(() => running.forEach((w) => w.kill("SIGKILL")), 10_000);
        await gone;
        clearTimeout(timer);
      },
      async stop() {
        const running = [...children];
        for (const child of running) child.kill("SIGTERM");
        await Promise.race([
          Promise.all(running.map((c) => (c.exitCode !== null || c.signalCode !== null ? null : new Promise((r) => c.once("exit", r))))),
          new Promise((r) => setTimeout(r, 8_000)),
        ]);
        killAll();
        process.off("exit", onExit);
        process.off("SIGINT", onSignal);
        process.off("SIGTERM", onSignal);
      },
    };
  } catch (error) {
    killAll();
    process.off("exit", onExit);
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    throw error;
  }
}
