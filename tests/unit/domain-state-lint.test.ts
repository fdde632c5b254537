/**
 * The "one kernel" lint rule (eslint.config.js, DOMAIN_STATE_RULES): app/domain keeps
 * module-level mutable state in app/domain/kernel.ts only. Each case lints a small fixture as if
 * it were a file of app/domain, through the project's own ESLint configuration.
 */
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: process.cwd() });
});

/** The no-restricted-syntax messages ESLint reports for `code` at `filePath`. */
async function stateErrors(code: string, filePath = "app/domain/routing/example.ts"): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === "no-restricted-syntax").map((m) => m.message);
}

describe("app/domain has no module-level mutable state outside the kernel (lint)", () => {
  it("rejects a top-level let or var, exported or not", async () => {
    expect(await stateErrors("let calls = 0;\nexport const count = (): number => calls;\n")).toEqual([
      expect.stringContaining("Module-level let/var is state"),
    ]);
    expect(await stateErrors("export let last = 0;\n")).toHaveLength(1);
    expect(await stateErrors("var seen = 0;\nexport const f = (): number => seen;\n")).toHaveLength(1);
  });

  it("rejects a top-level typed array, Map or Set", async () => {
    expect(await stateErrors("const scratch = new Float64Array(256);\nexport const at = (i: number): number => scratch[i]!;\n")).toEqual([
      expect.stringContaining("typed array is state"),
    ]);
    expect(await stateErrors("export const rows = new Int32Array(0);\n")).toHaveLength(1);
    expect(await stateErrors("const cache = new Map<string, number>();\nexport const get = (k: string) => cache.get(k);\n")).toHaveLength(1);
    expect(await stateErrors("const seen = new WeakMap<object, number>();\nexport const get = (k: object) => seen.get(k);\n")).toHaveLength(1);
  });

  it("rejects a mutable top-level array and a statement that runs when the module loads", async () => {
    const errors = await stateErrors("const checks: number[] = [];\nchecks.push(1);\nexport const first = (): number | undefined => checks[0];\n");
    expect(errors).toEqual([expect.stringContaining("array must be read-only"), expect.stringContaining("run no statements when loaded")]);
    expect(await stateErrors("const TEMPLATE = Array.from({ length: 4 }, () => 0);\nexport const t = () => TEMPLATE;\n")).toHaveLength(1);
    expect(await stateErrors("const ZONES = ['UTC'];\nexport const zones = () => ZONES;\n")).toHaveLength(1);
  });

  it("accepts constants: read-only arrays and sets, frozen data, functions and types", async () => {
    const code = [
      "export const ORDER: readonly string[] = ['a', 'b'];",
      "const DAYS = [1, 2, 3] as const;",
      "const NONE: ReadonlySet<number> = new Set();",
      "const ALIASES: ReadonlyMap<string, string> = new Map([['ups', 'UPS']]);",
      "const TABLE: ReadonlyArray<number> = [4];",
      "const WEIGHTS = Object.freeze({ speed: 1 });",
      "export type Day = (typeof DAYS)[number];",
      "export interface Pair { readonly a: number }",
      "export function total(): number { let sum = 0; for (const d of DAYS) sum += d; return sum + NONE.size + TABLE[0]! + WEIGHTS.speed + ALIASES.size + ORDER.length; }",
    ].join("\n");
    expect(await stateErrors(code)).toEqual([]);
  });

  it("allows state in the kernel module and leaves test modules alone", async () => {
    const state =
      "let work = new Float64Array(0);\nconst memo = new Map<string, number>();\nconst T: number[] = [0.5];\nT[0] = 0;\nexport const get = () => [work, memo, T];\nwork = new Float64Array(1);\n";
    expect(await stateErrors(state, "app/domain/kernel.ts")).toEqual([]);
    expect(await stateErrors(state, "app/domain/routing/kernel.test.ts")).toEqual([]);
    // The let (and the typed array it holds), the Map, the array and the two statements.
    expect(await stateErrors(state, "app/domain/routing/evaluate.ts")).toHaveLength(6);
  });
});
