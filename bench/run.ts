/** `npm run bench`: runs every benchmark, prints a table and writes bench/results.json. */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { printTable, type BenchRow } from "./report";
import { benchPromiseRows } from "./promise";
import { benchRoutingRows } from "./routing";
import { benchExtensionSize } from "./extension-size";
import { benchOrderStatusSize } from "./order-status-size";
import { benchWebhooks } from "./webhooks";
import { benchStockSync } from "./stock-sync";

const sections: { name: string; run: () => Promise<BenchRow[]> }[] = [
  { name: "webhooks", run: benchWebhooks },
  { name: "extension-size", run: benchExtensionSize },
  { name: "order-status-size", run: benchOrderStatusSize },
  { name: "stock-sync", run: benchStockSync },
  { name: "routing", run: benchRoutingRows },
  { name: "promise", run: benchPromiseRows },
];

const only = process.argv.slice(2);
const rows: BenchRow[] = [];
for (const section of sections) {
  if (only.length > 0 && !only.includes(section.name)) continue;
  console.error(`… ${section.name}`);
  rows.push(...(await section.run()));
}
printTable(rows);
const out = path.join(path.dirname(fileURLToPath(import.meta.url)), "results.json");
fs.writeFileSync(out, JSON.stringify(rows, null, 2) + "\n");
console.log(`\nwrote ${path.relative(process.cwd(), out)}`);
