/**
 * `npm run bench`: runs every benchmark, prints a table and writes bench/results.json. Each section
 * runs in a process of its own, so one section's heap and compiled code do not colour the next
 * one's latencies (the routing p99 is set by garbage collection).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { printTable, type BenchRow } from "./report";

/**
 * `oneCore`: the section's target is stated for one core, so its process is pinned to one where the
 * host allows. Each section's module is loaded only in its own process: importing one must not
 * set up another's state (the webhooks section's demo opens the app's database on import, which
 * would then not be the pipeline section's fresh one).
 */
const sections: { name: string; run: () => Promise<BenchRow[]>; oneCore?: boolean; onlyWhenNamed?: boolean }[] = [
  { name: "webhooks", run: async () => (await import("./webhooks")).benchWebhooks() },
  { name: "extension-size", run: async () => (await import("./extension-size")).benchExtensionSize() },
  { name: "order-status-size", run: async () => (await import("./order-status-size")).benchOrderStatusSize() },
  { name: "theme-size", run: async () => (await import("./theme-size")).benchThemeSize() },
  { name: "stock-sync", run: async () => (await import("./stock-sync")).benchStockSync() },
  { name: "pipeline", run: async () => (await import("./pipeline")).benchPipeline() },
  { name: "routing", run: async () => (await import("./routing")).benchRoutingRows(), oneCore: true },
  { name: "promise", run: async () => (await import("./promise")).benchPromiseRows() },
  { name: "control-tower", run: async () => (await import("./control-tower")).benchControlTower() },
  // Not part of a plain `npm run bench`: it starts a PostgreSQL cluster and six processes for minutes.
  { name: "scale", run: async () => (await import("./scale")).benchScale(), onlyWhenNamed: true },
];

/** `taskset` (util-linux) pins a process to CPU 0 on Linux; elsewhere the section runs unpinned, and says so. */
function oneCorePrefix(): string[] {
  if (process.platform !== "linux") return [];
  const probe = spawnSync("taskset", ["-c", "0", "true"], { stdio: "ignore" });
  return probe.status === 0 ? ["taskset", "-c", "0"] : [];
}

const SECTION_FLAG = "--section-json";

/** Runs one section in a child process; its rows come back on stdout as JSON. */
function runIsolated(name: string, oneCore: boolean): BenchRow[] {
  const node = [process.execPath, ...process.execArgv, fileURLToPath(import.meta.url), SECTION_FLAG, name];
  const pin = oneCore ? oneCorePrefix() : [];
  if (oneCore) console.error(pin.length > 0 ? `  (pinned to one core: ${pin.join(" ")})` : "  (not pinned: taskset is not available here)");
  const [command, ...args] = [...pin, ...node];
  const child = spawnSync(command!, args, {
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`Benchmark section "${name}" failed (exit ${child.status})`);
  const marker = child.stdout.lastIndexOf("\n[");
  return JSON.parse(child.stdout.slice(marker + 1)) as BenchRow[];
}

const args = process.argv.slice(2);
if (args[0] === SECTION_FLAG) {
  const section = sections.find((s) => s.name === args[1]);
  if (!section) throw new Error(`No benchmark section "${args[1]}"`);
  process.stdout.write(`\n${JSON.stringify(await section.run())}\n`);
  process.exit(0);
}

// Flags go to the sections through the environment: `--quick` is a section's short smoke run.
if (args.includes("--quick")) process.env.DROPLINE_BENCH_QUICK = "1";
const only = args.filter((arg) => !arg.startsWith("--"));
const unknown = only.filter((name) => !sections.some((s) => s.name === name));
if (unknown.length > 0) throw new Error(`No benchmark section ${unknown.join(", ")}; sections: ${sections.map((s) => s.name).join(", ")}`);
const rows: BenchRow[] = [];
for (const section of sections) {
  if (only.length > 0 ? !only.includes(section.name) : section.onlyWhenNamed) continue;
  console.error(`… ${section.name}`);
  rows.push(...runIsolated(section.name, section.oneCore ?? false));
}
printTable(rows);
const out = path.join(path.dirname(fileURLToPath(import.meta.url)), "results.json");
fs.writeFileSync(out, JSON.stringify(rows, null, 2) + "\n");
console.log(`\nwrote ${path.relative(process.cwd(), out)}`);
