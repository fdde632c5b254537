/**
 * The layers of app/ (see eslint.config.js and each folder's README): the boundaries rule refuses
 * an upward import and lets a downward one through, and no two folders import each other, even
 * in a longer ring.
 */
import fs from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
const APP = path.join(ROOT, "app");

describe("the layering lint rule", () => {
  const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: "eslint.config.js" });

  async function layerErrors(filePath: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath });
    return result!.messages.filter((m) => m.ruleId === "boundaries/dependencies").map((m) => m.message);
  }

  it.each([
    [
      "a model importing a use case",
      "app/models/x.server.ts",
      'import { enqueuePromisePublish } from "~/services/queue/promise";\nexport const x = enqueuePromisePublish;',
    ],
    ["a model importing the job machinery", "app/models/x.server.ts", 'import type { JobHandler } from "~/jobs/worker.server";\nexport type X = JobHandler;'],
    [
      "a model calling Shopify",
      "app/models/x.server.ts",
      'import { moveFulfillmentOrder } from "~/shopify/fulfillment-orders";\nexport const x = moveFulfillmentOrder;',
    ],
    ["the domain importing a model", "app/domain/x.ts", 'import { listSuppliers } from "~/models/suppliers.server";\nexport const x = listSuppliers;'],
    ["the domain importing the database client", "app/domain/x.ts", 'import prisma from "../db.server";\nexport const x = prisma;'],
    ["the domain importing a Node module", "app/domain/x.ts", 'import { readFileSync } from "node:fs";\nexport const x = readFileSync;'],
    ["the domain importing a package not on its list", "app/domain/x.ts", 'import { PrismaClient } from "@prisma/client";\nexport const x = PrismaClient;'],
    ["a use case importing the worker", "app/services/x.server.ts", 'import type { JobHandler } from "~/jobs/worker.server";\nexport type X = JobHandler;'],
    ["the Shopify adapter importing a model", "app/shopify/x.ts", 'import { getSupplier } from "~/models/suppliers.server";\nexport const x = getSupplier;'],
    ["a job handler importing the composition root", "app/jobs/x.server.ts", 'import { services } from "~/services.server";\nexport const x = services;'],
    ["a component importing a route", "app/components/X.tsx", 'import { loader } from "~/routes/app._index";\nexport const x = loader;'],
  ])("refuses %s", async (_what, filePath, code) => {
    expect(await layerErrors(filePath, code)).toEqual([expect.stringMatching(/^There is no policy allowing dependencies from/)]);
  });

  it.each([
    ["a model importing the domain", "app/models/x.server.ts", 'import { toMinorUnits } from "~/domain/money";\nexport const x = toMinorUnits;'],
    [
      "a model using the type of a webhook payload it stores",
      "app/models/x.server.ts",
      'import type { OrderPayload } from "~/shopify/webhooks/payloads";\nexport type X = OrderPayload;',
    ],
    [
      "a use case importing models, the Shopify adapter and the queue contract",
      "app/services/x/y.server.ts",
      'import { getSupplier } from "~/models/suppliers.server";\nimport { moveFulfillmentOrder } from "~/shopify/fulfillment-orders";\nimport { routeOrderJob } from "~/services/queue/routing";\nexport const x = [getSupplier, moveFulfillmentOrder, routeOrderJob];',
    ],
    [
      "a job handler importing a use case",
      "app/jobs/x/handlers.server.ts",
      'import { routeOrderWork } from "~/services/routing/route-order.server";\nexport const x = routeOrderWork;',
    ],
    [
      "a route importing the composition root and a use case",
      "app/routes/app.x.tsx",
      'import { services } from "~/services.server";\nimport { updateRoutingPolicy } from "~/services/routing/policy.server";\nexport const x = [services, updateRoutingPolicy];',
    ],
    [
      "the domain importing the domain and a pure library",
      "app/domain/x.ts",
      'import { z } from "zod";\nimport { toMinorUnits } from "./money";\nexport const x = [z, toMinorUnits];',
    ],
    [
      "the composition root importing the job machinery",
      "app/services.server.ts",
      'import { PrismaJobQueue } from "~/jobs/prisma-queue.server";\nexport const x = PrismaJobQueue;',
    ],
  ])("allows %s", async (_what, filePath, code) => {
    // An import that resolves to nothing is not checked at all: make sure each one names a real module.
    for (const [, spec] of code.matchAll(/from "(~\/[^"]+)"/g)) {
      expect(
        ["ts", "tsx"].some((ext) => fs.existsSync(path.join(APP, `${spec!.slice(2)}.${ext}`))),
        spec,
      ).toBe(true);
    }
    expect(await layerErrors(filePath, code)).toEqual([]);
  });
});

/** The folder a file belongs to: a top-level folder of app/, or an area of app/services or app/jobs; top-level files by kind. */
function folderOf(file: string): string | null {
  const parts = path.relative(APP, file).split(path.sep);
  if (parts[0]!.startsWith("..")) return null;
  if (parts.length === 1)
    return /^(db\.server|db-client\.server|db-encryption\.server|secret-box\.server|env\.server|write-gate)\b/.test(parts[0]!)
      ? "(infrastructure)"
      : "(composition)";
  if ((parts[0] === "services" || parts[0] === "jobs") && parts.length > 2) return `${parts[0]}/${parts[1]}`;
  return parts[0]!;
}

function appFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return appFiles(full);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith(".d.ts") ? [full] : [];
  });
}

/** Folder → folders it imports (a subfolder and its parent folder may use each other's files). */
function folderGraph(): Map<string, Map<string, string>> {
  const config = ts.parseJsonConfigFileContent(ts.readConfigFile(path.join(ROOT, "tsconfig.json"), ts.sys.readFile).config, ts.sys, ROOT);
  const graph = new Map<string, Map<string, string>>();
  for (const file of appFiles(APP)) {
    const from = folderOf(file)!;
    for (const imported of ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true).importedFiles) {
      const resolved = ts.resolveModuleName(imported.fileName, file, config.options, ts.sys).resolvedModule;
      if (!resolved || resolved.isExternalLibraryImport) continue;
      const to = folderOf(path.resolve(resolved.resolvedFileName));
      if (!to || to === from || to.startsWith(`${from}/`) || from.startsWith(`${to}/`)) continue;
      if (!graph.has(from)) graph.set(from, new Map());
      if (!graph.get(from)!.has(to)) graph.get(from)!.set(to, `${path.relative(ROOT, file)} → ${imported.fileName}`);
    }
  }
  return graph;
}

/** Every ring of folders, each as its edges (file → import), found by a depth-first search. */
function cycles(graph: Map<string, Map<string, string>>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, "open");
    stack.push(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      if (state.get(next) === "open") {
        const ring = [...stack.slice(stack.indexOf(next)), next];
        found.push(ring.slice(1).map((to, i) => `${ring[i]} → ${to} (${graph.get(ring[i]!)!.get(to)})`));
      } else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, "done");
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return found;
}

describe("the folders of app/", () => {
  it("import each other in no cycle (services and jobs areas counted as folders of their own)", () => {
    const graph = folderGraph();
    expect(graph.get("services/routing")?.has("services/queue")).toBe(true); // the graph sees imports at all
    expect(cycles(graph)).toEqual([]);
  });
});
