/**
 * The promise section's drifting-world rows for other seeds (the bench publishes seed 42 only):
 * `TZ=UTC npx tsx bench/promise-seeds.ts 7 2026`. A method tuned to one seed shows here.
 */
import { driftRows } from "./promise";
import { printTable } from "./report";

const seeds = process.argv.slice(2).map(Number);
if (seeds.length === 0 || seeds.some((s) => !Number.isInteger(s))) throw new Error("Usage: tsx bench/promise-seeds.ts <seed> [seed ...]");
for (const seed of seeds) {
  console.log(`\nseed ${seed}`);
  printTable([...driftRows(false, seed), ...driftRows(true, seed)]);
}
