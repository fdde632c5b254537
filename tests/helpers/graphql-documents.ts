import fs from "node:fs";
import path from "node:path";
import { buildSchema, parse, validate, type GraphQLSchema } from "graphql";
import { adminSchemaPath } from "../fake-shopify/reference";

export const SCHEMA_PATH = adminSchemaPath;

let schema: GraphQLSchema | undefined;
/** The real Admin API 2026-04 schema (built once per process). */
export function adminSchema(): GraphQLSchema {
  schema ??= buildSchema(fs.readFileSync(SCHEMA_PATH, "utf8"), { assumeValidSDL: true });
  return schema;
}

export interface FoundDocument {
  readonly file: string;
  readonly line: number;
  readonly source: string;
}

const DOCUMENT = /`#graphql([\s\S]*?)`/g;

/** Every `#graphql` template literal under `root` (ts/tsx files). */
export function collectDocuments(root: string): FoundDocument[] {
  const found: FoundDocument[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|tsx)$/.test(entry.name)) {
        const text = fs.readFileSync(full, "utf8");
        for (const match of text.matchAll(DOCUMENT)) {
          const line = text.slice(0, match.index).split("\n").length;
          found.push({ file: path.relative(process.cwd(), full), line, source: match[1] ?? "" });
        }
      }
    }
  };
  walk(root);
  return found;
}

/** Problems with a document: interpolation, syntax or validation errors against the schema. */
export function documentProblems(doc: FoundDocument): string[] {
  if (doc.source.includes("${")) return ["interpolates values; pass variables instead"];
  try {
    return validate(adminSchema(), parse(doc.source)).map((e) => e.message);
  } catch (error) {
    return [(error as Error).message];
  }
}
