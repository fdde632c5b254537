/**
 * Where the vendored Shopify reference data lives (see reference/README.md for each file's source).
 * Everything the fake Admin API and the tests read of Shopify's real behaviour comes from here: a
 * fresh clone has it, so nothing may read a folder outside the repository.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";

export const API_VERSION = "2026-04";

const here = path.dirname(fileURLToPath(import.meta.url));
/** The repository root, two levels above this folder. */
export const repoRoot = path.resolve(here, "../..");
export const referenceDir = path.join(here, "reference");
export const adminSchemaPath = path.join(referenceDir, "admin-schema", `${API_VERSION}.graphql`);
export const capturesDir = path.join(referenceDir, "admin-captures");
export const webhookExamplesDir = path.join(referenceDir, "webhook-examples");
