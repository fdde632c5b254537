/**
 * Order-status tracking extension bundle size, built as `shopify app build` builds it (the same
 * measurement as bench/extension-size.ts, pointed at extensions/order-status-tracking).
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { HARD_LIMIT_BYTES, measureBundle, TARGET_GZIP_BYTES } from "../extensions/delivery-promise/bundle-size";
import { round, type BenchRow } from "./report";

const kb = (bytes: number): number => round(bytes / 1024, 1);
const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../extensions/order-status-tracking");

export async function benchOrderStatusSize(): Promise<BenchRow[]> {
  const { rawBytes, gzipBytes } = await measureBundle(DIR);
  return [
    { name: "order-status-tracking extension bundle, minified", value: kb(rawBytes), unit: "KB", target: null },
    {
      name: "order-status-tracking extension bundle, gzip",
      value: kb(gzipBytes),
      unit: "KB",
      target: `≤ ${kb(TARGET_GZIP_BYTES)} (limit ${kb(HARD_LIMIT_BYTES)})`,
    },
  ];
}
