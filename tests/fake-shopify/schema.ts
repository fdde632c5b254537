/**
 * The real Admin API schema, built once per path. Building the 126k-line SDL takes about a
 * second, so every fake server in a process shares the same GraphQLSchema.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildSchema, type GraphQLSchema } from "graphql";

export const API_VERSION = "2026-04";

const here = path.dirname(fileURLToPath(import.meta.url));
/** /work/main — the repository root, two levels above this folder. */
export const repoRoot = path.resolve(here, "../..");
export const defaultSchemaPath = path.resolve(repoRoot, `../shared/shopify/admin-schema/${API_VERSION}.graphql`);

const cache = new Map<string, GraphQLSchema>();

export function loadAdminSchema(schemaPath: string = defaultSchemaPath): GraphQLSchema {
  const key = path.resolve(schemaPath);
  const cached = cache.get(key);
  if (cached) return cached;
  const sdl = fs.readFileSync(key, "utf8");
  const schema = buildSchema(sdl, { assumeValidSDL: true });
  cache.set(key, schema);
  return schema;
}
