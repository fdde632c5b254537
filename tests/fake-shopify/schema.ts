/**
 * The real Admin API schema, built once per path. Building the 126k-line SDL takes about a
 * second, so every fake server in a process shares the same GraphQLSchema.
 */
import fs from "node:fs";
import path from "node:path";
import { buildSchema, type GraphQLSchema } from "graphql";
import { adminSchemaPath } from "./reference";

export { API_VERSION, repoRoot } from "./reference";
export const defaultSchemaPath = adminSchemaPath;

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
