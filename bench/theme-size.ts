/**
 * The product page's script (theme app extension asset) as the storefront downloads it: the
 * committed assets/delivery-promise.js, which a test keeps equal to the bundle of its source.
 */
import fs from "node:fs";
import { ASSET, gzipBytes, THEME_SCRIPT_GZIP_LIMIT } from "../extensions/delivery-promise-theme/build";
import { round, type BenchRow } from "./report";

const kb = (bytes: number): number => round(bytes / 1024, 1);

export async function benchThemeSize(): Promise<BenchRow[]> {
  const code = fs.readFileSync(ASSET, "utf8");
  return [
    { name: "theme extension script size, minified", value: kb(Buffer.byteLength(code)), unit: "KB", target: null },
    { name: "theme extension script size, gzip", value: kb(gzipBytes(code)), unit: "KB", target: `≤ ${kb(THEME_SCRIPT_GZIP_LIMIT)}` },
  ];
}
