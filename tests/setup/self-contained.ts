/**
 * A fresh clone has nothing beside it: every test runs with reads outside the repository's own
 * reference data refused where they would reach the team's reading folder beside it, which CI
 * happens to have and a person cloning the repository does not. tests/unit/self-contained.test.ts
 * proves the guard and scans the code for such paths.
 */
import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const outsideFolder = path.resolve(repoRoot, "..", "shared");

export class OutsideRepositoryReadError extends Error {
  constructor(target: string) {
    super(`${target} is outside the repository (a fresh clone has nothing beside it): vendor what you need under tests/fake-shopify/reference/`);
    this.name = "OutsideRepositoryReadError";
  }
}

function refuse(target: unknown): void {
  if (typeof target !== "string" && !(target instanceof URL)) return;
  const resolved = path.resolve(target instanceof URL ? fileURLToPath(target) : target);
  if (resolved === outsideFolder || resolved.startsWith(outsideFolder + path.sep)) throw new OutsideRepositoryReadError(resolved);
}

type AnyFn = (...args: unknown[]) => unknown;
const guarded = ["readFileSync", "readdirSync", "existsSync", "statSync", "openSync", "readFile", "readdir", "createReadStream"] as const;
const fsAny = fs as unknown as Record<string, AnyFn>;
for (const name of guarded) {
  const original = fsAny[name]!;
  fsAny[name] = function guardedRead(this: unknown, ...args: unknown[]) {
    refuse(args[0]);
    return original.apply(this, args);
  };
}
const promises = fs.promises as unknown as Record<string, AnyFn>;
for (const name of ["readFile", "readdir", "stat", "open"] as const) {
  const original = promises[name]!;
  promises[name] = function guardedRead(this: unknown, ...args: unknown[]) {
    refuse(args[0]);
    return original.apply(this, args);
  };
}
syncBuiltinESMExports();
