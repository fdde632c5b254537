/**
 * Bundles the extension the way `shopify app build` does (the CLI's own esbuild, its entry
 * stub and options) and measures it: the CLI prints sizes but enforces no limit, so we do.
 * Run: `npx tsx extensions/delivery-promise/bundle-size.ts`.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

/** Shopify rejects larger UI extension scripts; we aim well below. */
export const HARD_LIMIT_BYTES = 64 * 1024;
export const TARGET_GZIP_BYTES = 20 * 1024;

export interface BundleSize {
  readonly rawBytes: number;
  readonly gzipBytes: number;
  readonly code: string;
}

export interface TargetModule {
  readonly target: string;
  readonly module: string;
}

const here = path.dirname(fileURLToPath(import.meta.url));

/** The `[[extensions.targeting]]` target/module pairs of a shopify.extension.toml. */
export function targetModules(toml: string): TargetModule[] {
  return toml
    .split(/^\s*\[\[extensions\.targeting\]\]\s*$/m)
    .slice(1)
    .flatMap((block) => {
      const body = block.split(/^\s*\[/m)[0] ?? "";
      const target = /^\s*target\s*=\s*"([^"]+)"/m.exec(body)?.[1];
      const module = /^\s*module\s*=\s*"([^"]+)"/m.exec(body)?.[1];
      return target && module ? [{ target, module }] : [];
    });
}

/** The entry the CLI bundles for API 2025-10 and later: each module registered on its target. */
export function entryStub(targets: readonly TargetModule[]): string {
  return targets
    .map(({ target, module }, i) => `import Target_${i} from '${module}';shopify.extend('${target}', (...args) => Target_${i}(...args));`)
    .join("\n");
}

type Esbuild = typeof import("esbuild");

/** The esbuild the Shopify CLI itself bundles with (the root `esbuild` is an older Remix copy). */
function cliEsbuild(): Esbuild {
  const fromHere = createRequire(import.meta.url);
  const cliPackage = fromHere.resolve("@shopify/cli/package.json");
  return createRequire(cliPackage)("esbuild") as Esbuild;
}

/** Builds and measures the extension in `dir` (default: this one). */
export async function measureBundle(dir: string = here): Promise<BundleSize> {
  const toml = fs.readFileSync(path.join(dir, "shopify.extension.toml"), "utf8");
  const targets = targetModules(toml);
  if (targets.length === 0) throw new Error(`${dir}/shopify.extension.toml declares no [[extensions.targeting]]`);
  const result = await cliEsbuild().build({
    stdin: { contents: entryStub(targets), resolveDir: dir, loader: "tsx" },
    bundle: true,
    write: false,
    minify: true,
    target: "es6", // no `format`: like the CLI, esbuild's default (an IIFE)
    jsx: "automatic",
    legalComments: "none",
    define: { "process.env.NODE_ENV": JSON.stringify("production") },
    loader: { ".esnext": "ts", ".js": "jsx" },
    resolveExtensions: [".tsx", ".ts", ".js", ".json", ".esnext", ".mjs", ".ejs"],
    logLevel: "error",
  });
  const code = result.outputFiles[0]?.text ?? "";
  return { code, rawBytes: Buffer.byteLength(code), gzipBytes: gzipSync(code).byteLength };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const { rawBytes, gzipBytes } = await measureBundle();
  const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;
  const goal = `target ≤ ${kb(TARGET_GZIP_BYTES)}, limit ${kb(HARD_LIMIT_BYTES)}`;
  console.log(`delivery-promise: ${kb(rawBytes)} raw, ${kb(gzipBytes)} gzip (${goal})`);
  if (gzipBytes > HARD_LIMIT_BYTES) process.exitCode = 1;
}
