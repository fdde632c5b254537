/**
 * Checkout extension bundle size, built as `shopify app build` builds it (the CLI's esbuild,
 * minified). Shopify rejects scripts over 64 KB; the CLI prints sizes but does not check them.
 */
import { HARD_LIMIT_BYTES, measureBundle, TARGET_GZIP_BYTES } from "../extensions/delivery-promise/bundle-size";
import { round, type BenchRow } from "./report";

const kb = (bytes: number): number => round(bytes / 1024, 1);

export async function benchExtensionSize(): Promise<BenchRow[]> {
  const { rawBytes, gzipBytes } = await measureBundle();
  return [
    { name: "delivery-promise extension bundle, minified", value: kb(rawBytes), unit: "KB", target: null },
    {
      name: "delivery-promise extension bundle, gzip",
      value: kb(gzipBytes),
      unit: "KB",
      target: `≤ ${kb(TARGET_GZIP_BYTES)} (limit ${kb(HARD_LIMIT_BYTES)})`,
    },
  ];
}
