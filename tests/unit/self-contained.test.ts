import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { adminSchemaPath, capturesDir, repoRoot, webhookExamplesDir } from "../fake-shopify/reference";
import { outsideFolder } from "../setup/self-contained";

/** Files that run: code, scripts and the configuration that names paths. */
const CODE = /\.(ts|tsx|js|mjs|cjs|sh|toml)$|(^|\/)(package\.json|run)$/;
// A path that climbs out of the repository into the reading folder, in any spelling a program uses.
const READS_SHARED = /\.\.\/+shared\b|["'`]\.\.["'`]\s*,\s*["'`]shared["'`]/;

function trackedFiles(): string[] {
  return execFileSync("git", ["ls-files", "-co", "--exclude-standard"], { cwd: repoRoot, encoding: "utf8" })
    .split("\n")
    .filter((f) => f && CODE.test(f) && !f.startsWith("tests/fake-shopify/reference/"))
    .filter((f) => fs.existsSync(path.join(repoRoot, f)));
}

describe("the repository is self-contained", () => {
  it("has the Shopify reference data it uses inside it", () => {
    for (const p of [adminSchemaPath, capturesDir, webhookExamplesDir]) {
      expect(p.startsWith(repoRoot + path.sep), p).toBe(true);
      expect(fs.existsSync(p), p).toBe(true);
    }
    expect(fs.readdirSync(capturesDir).filter((f) => f.endsWith(".json")).length).toBeGreaterThanOrEqual(18);
    expect(fs.readdirSync(webhookExamplesDir).filter((f) => f.endsWith(".json")).length).toBeGreaterThanOrEqual(40);
  });

  it("no code, script or configuration file names a path outside it", () => {
    const offenders = trackedFiles()
      // The run-time guard names the folder in order to refuse it.
      .filter((f) => f !== "tests/setup/self-contained.ts")
      .filter((f) => READS_SHARED.test(fs.readFileSync(path.join(repoRoot, f), "utf8")));
    expect(offenders).toEqual([]);
  });

  it("the scan recognises the spellings a program would use", () => {
    const up = ".."; // spelled apart so this file does not name the path itself
    for (const line of [
      `path.resolve(__dirname, "../../${up}/shared/shopify/admin-schema/2026-04.graphql")`,
      `path.join(root, '${up}', 'shared', 'x')`,
      `cat ${up}/shared/seed/operating-model.txt`,
    ]) {
      expect(READS_SHARED.test(line), line).toBe(true);
    }
    expect(READS_SHARED.test('import { shared } from "./shared-state"')).toBe(false);
  });

  it("refuses a read of the reading folder at run time, whatever the import style", () => {
    const target = path.join(outsideFolder, "shopify", "README.md");
    expect(() => fs.readFileSync(target, "utf8")).toThrow(/outside the repository/);
    expect(() => readFileSync(target, "utf8")).toThrow(/outside the repository/);
    expect(() => fs.readdirSync(outsideFolder)).toThrow(/outside the repository/);
    expect(() => fs.existsSync(outsideFolder)).toThrow(/outside the repository/);
  });
});
