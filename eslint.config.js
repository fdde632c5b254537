import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";
import boundaries from "eslint-plugin-boundaries";
import { fileURLToPath } from "node:url";

/**
 * Layers (issue #13, app/README.md of each folder): dependencies point inward, enforced by
 * eslint-plugin-boundaries. Each folder of app/ is one layer; the files at the top of app/ are the
 * composition root and entry points (they may import anything) or the process's infrastructure
 * (database client, environment, write gate). A layer imports itself and the layers listed for
 * it, nothing else; tests/unit/layers.test.ts proves the rule and that no folders import each
 * other in a cycle.
 */
const LAYERS = ["domain", "shopify", "models", "services", "jobs", "components", "routes", "demo"];
const COMPOSITION = "app/{services.server,shopify.server,worker-entry.server,entry.server,root}.{ts,tsx}";
const INFRASTRUCTURE = "app/{db.server,db-client.server,env.server,write-gate,write-gate.test}.ts";
const MAY_IMPORT = {
  shopify: ["domain"],
  models: ["domain"],
  services: ["models", "shopify", "domain"],
  jobs: ["services", "models", "shopify", "domain", "infrastructure"],
  components: ["models", "domain"],
  routes: ["components", "jobs", "services", "models", "shopify", "domain", "infrastructure", "composition", "demo"],
  infrastructure: ["infrastructure"],
};
/** Pure libraries app/domain may use (its tests also vitest and fast-check); nothing else from outside. */
const DOMAIN_PACKAGES = ["zod", "csv-parse", "ts-tracking-number"];
const DOMAIN_TEST_PACKAGES = ["vitest", "fast-check"];

const CATEGORIES = new Set(["infrastructure", "composition"]);
const layer = (name) => (CATEGORIES.has(name) ? { file: { categories: name } } : { element: { type: name } });
const LAYER_POLICIES = [
  ...Object.entries(MAY_IMPORT).map(([from, to]) => ({ from: layer(from), allow: { to: to.map(layer) } })),
  // The one exception: a model may use the *types* of Shopify's webhook payloads it stores (orders/*); it never calls Shopify.
  { from: layer("models"), allow: { to: { element: { type: "shopify", fileInternalPath: "webhooks/payloads.ts" } }, dependency: { kind: "type" } } },
];

export default tseslint.config(
  { ignores: ["build/**", "node_modules/**", "public/build/**", "extensions/*/dist/**", "extensions/*/shopify.d.ts", "bench/tmp/**", ".cache/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "error",
    },
  },
  {
    // The functional core stays pure: no I/O, frameworks, environment or wall clock. What it may
    // import is an allowlist (the layers block below: app/domain and DOMAIN_PACKAGES only).
    files: ["app/domain/**/*.ts"],
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "Date", property: "now", message: "Time comes in as an argument in app/domain." },
        { object: "process", property: "env", message: "Configuration comes in as an argument in app/domain." },
      ],
      "no-restricted-globals": ["error", { name: "fetch", message: "app/domain does no I/O." }],
    },
  },
  {
    // Checkout extensions ship to the shopper's browser: they may use app/domain, nothing else of the app.
    files: ["extensions/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["**/app/*", "!**/app/domain", "!**/app/domain/**"], message: "Extensions import only from app/domain." }] },
      ],
    },
  },
  {
    // Layers, one direction (see LAYERS above).
    files: ["app/**/*.{ts,tsx}"],
    plugins: { boundaries },
    settings: {
      "import/resolver": { [fileURLToPath(new URL("./scripts/eslint-ts-resolver.cjs", import.meta.url))]: {} },
      "boundaries/elements": LAYERS.map((type) => ({ type, pattern: `app/${type}`, partialMatch: false })),
      "boundaries/files": [
        { category: "composition", pattern: COMPOSITION },
        { category: "infrastructure", pattern: INFRASTRUCTURE },
        { category: "test", pattern: "app/**/*.test.{ts,tsx}" },
      ],
    },
    rules: { "boundaries/dependencies": ["error", { default: "disallow", policies: LAYER_POLICIES }] },
  },
  {
    // app/domain imports only app/domain and a short list of pure libraries: an allowlist, so
    // node:*, Prisma, Remix, Shopify and anything new stay out until someone decides otherwise.
    files: ["app/domain/**/*.ts"],
    rules: {
      "boundaries/dependencies": [
        "error",
        {
          default: "disallow",
          checkAllOrigins: true,
          policies: [
            { from: layer("domain"), allow: { to: { module: { origin: "external", source: DOMAIN_PACKAGES } } } },
            { from: { element: { type: "domain" }, file: { categories: "test" } }, allow: { to: { module: { origin: "external", source: DOMAIN_TEST_PACKAGES } } } },
          ],
        },
      ],
    },
  },
  {
    // The composition root, the entry points and the demo module assemble everything: they may import anything.
    files: [COMPOSITION, "app/demo/**/*.{ts,tsx}"],
    rules: { "boundaries/dependencies": "off" },
  },
);
