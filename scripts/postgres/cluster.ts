/**
 * A private, throw-away PostgreSQL cluster for tests, `db:check` and the scale benchmark: initdb in a
 * temporary directory, a server that listens only on a Unix socket inside that directory (no TCP
 * port, never the system service), stopped and deleted by `stop()`. Uses Debian's server binaries
 * (/usr/lib/postgresql/<major>/bin) and installs the `postgresql` package when they are missing and
 * we are root (CI); otherwise it says what to install.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export interface PrivateCluster {
  /** A connection URL for `database` on this cluster (Prisma and pg both accept it). */
  url(database: string): string;
  readonly socketDir: string;
  readonly port: number;
  /** The server's bin directory (psql, pg_dump…). */
  readonly binDir: string;
  stop(): void;
}

const DEBIAN_ROOT = "/usr/lib/postgresql";

/** The newest installed server's bin directory, or null. */
export function postgresBinDir(): string | null {
  if (process.env.DROPLINE_PG_BIN) return process.env.DROPLINE_PG_BIN;
  if (!fs.existsSync(DEBIAN_ROOT)) return null;
  const majors = fs
    .readdirSync(DEBIAN_ROOT)
    .filter((d) => fs.existsSync(path.join(DEBIAN_ROOT, d, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return majors[0] ? path.join(DEBIAN_ROOT, majors[0], "bin") : null;
}

/** Installs Debian's `postgresql` package when no server is installed (root only, e.g. CI). */
export function ensurePostgresInstalled(): string {
  const found = postgresBinDir();
  if (found) return found;
  if (process.getuid?.() !== 0) {
    throw new Error("PostgreSQL server binaries are missing: run `sudo apt-get install -y postgresql` (Debian) or set DROPLINE_PG_BIN");
  }
  console.log("== installing PostgreSQL (Debian package)");
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
  execFileSync("apt-get", ["install", "-y", "-qq", "postgresql"], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  const installed = postgresBinDir();
  if (!installed) throw new Error("apt-get installed postgresql but no server binaries were found under /usr/lib/postgresql");
  return installed;
}

/** initdb refuses to run as root: as root the cluster belongs to the `postgres` system user. */
function serverIdentity(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
  const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
  return { uid, gid };
}

function run(bin: string, args: string[], identity: { uid: number; gid: number } | undefined): void {
  const result = spawnSync(bin, args, { ...(identity ?? {}), encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  if (result.status !== 0) throw new Error(`${path.basename(bin)} failed (${result.status}): ${result.stderr || result.stdout}`);
}

/**
 * Starts a private cluster with a `dropline` superuser (trust auth over the socket only). Tuned for
 * throw-away data: no fsync, no synchronous commit. `maxConnections` covers several processes;
 * `preload`: server libraries to load (the scale bench's `pg_stat_statements` when asked).
 */
export function startPrivateCluster(options: { maxConnections?: number; durable?: boolean; preload?: readonly string[] } = {}): PrivateCluster {
  const bin = ensurePostgresInstalled();
  const identity = serverIdentity();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dropline-pg-"));
  if (identity) fs.chownSync(dir, identity.uid, identity.gid);
  const data = path.join(dir, "data");
  const port = 20_000 + Math.floor(Math.random() * 40_000);
  run(path.join(bin, "initdb"), ["-D", data, "-U", "dropline", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"], identity);
  const settings = [
    `-c listen_addresses=''`,
    `-k ${dir}`,
    `-p ${port}`,
    `-c max_connections=${options.maxConnections ?? 200}`,
    ...(options.durable ? [] : ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]),
    ...(options.preload?.length ? [`-c shared_preload_libraries=${options.preload.join(",")}`] : []),
  ].join(" ");
  run(path.join(bin, "pg_ctl"), ["-D", data, "-l", path.join(dir, "server.log"), "-o", settings, "-w", "-t", "60", "start"], identity);
  let stopped = false;
  return {
    socketDir: dir,
    port,
    binDir: bin,
    url: (database) => `postgresql://dropline@localhost:${port}/${database}?host=${encodeURIComponent(dir)}`,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run(path.join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"], identity);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
