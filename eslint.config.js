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
const INFRASTRUCTURE = "app/{db.server,db-client.server,db-encryption.server,secret-box.server,secret-box.test,env.server,write-gate,write-gate.test}.ts";
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
const DOMAIN_PACKAGES = ["zod", "csv-parse", "ts-tracking-number", "fuse.js", "postcode-validator", "libphonenumber-js"];
const DOMAIN_TEST_PACKAGES = ["vitest", "fast-check"];

const CATEGORIES = new Set(["infrastructure", "composition"]);
const layer = (name) => (CATEGORIES.has(name) ? { file: { categories: name } } : { element: { type: name } });
const LAYER_POLICIES = [
  ...Object.entries(MAY_IMPORT).map(([from, to]) => ({ from: layer(from), allow: { to: to.map(layer) } })),
  // The one exception: a model may use the *types* of Shopify's webhook payloads it stores (orders/*); it never calls Shopify.
  { from: layer("models"), allow: { to: { element: { type: "shopify", fileInternalPath: "webhooks/payloads.ts" } }, dependency: { kind: "type" } } },
];

/**
 * One kernel (issue #13): app/domain keeps module-level mutable state in app/domain/kernel.ts only
 * (its header says why: routing's reused working arrays keep garbage, and so the p99, down; memo
 * tables keep Intl formatters). Anywhere else in app/domain a module's top level declares only
 * constants: no `let`/`var`, no mutable container (Map, Set, WeakMap, typed array, array) unless
 * its declared type is read-only, and no statement that runs when the module loads (a top-level
 * push, assignment or loop is how a constant becomes state). Objects are left to the types: the
 * domain declares their fields `readonly`. tests/unit/domain-state-lint.test.ts proves each rule.
 */
const TOP_LEVEL = ":matches(Program, Program > ExportNamedDeclaration) > VariableDeclaration";
const NOT_READONLY_TYPED =
  "VariableDeclarator:not([id.typeAnnotation.typeAnnotation.operator='readonly']):not([id.typeAnnotation.typeAnnotation.typeName.name=/^Readonly/])";
const CONTAINERS = "/^(Map|Set|WeakMap|WeakSet|Array|ArrayBuffer|SharedArrayBuffer|(Big)?(Int|Uint|Float)(8|16|32|64)(Clamped)?Array)$/";
const DOMAIN_STATE_RULES = [
  {
    selector: `${TOP_LEVEL}[kind=/^(let|var)$/]`,
    message: "Module-level let/var is state: app/domain keeps state only in app/domain/kernel.ts (pass it in, or reserve it there).",
  },
  {
    selector: `${TOP_LEVEL} > ${NOT_READONLY_TYPED} > NewExpression.init[callee.name=${CONTAINERS}]`,
    message:
      "A module-level Map, Set or typed array is state: app/domain keeps state only in app/domain/kernel.ts (or type it ReadonlyMap/ReadonlySet if it never changes).",
  },
  {
    selector: `${TOP_LEVEL} > ${NOT_READONLY_TYPED} > :matches(ArrayExpression, CallExpression[callee.object.name='Array'], CallExpression[callee.name='Array']).init`,
    message: "A module-level array must be read-only (`readonly T[]` or `as const`): app/domain keeps state only in app/domain/kernel.ts.",
  },
  {
    selector:
      "Program > :not(ImportDeclaration, ExportNamedDeclaration, ExportDefaultDeclaration, ExportAllDeclaration, VariableDeclaration, FunctionDeclaration, ClassDeclaration, TSInterfaceDeclaration, TSTypeAliasDeclaration, TSEnumDeclaration, TSModuleDeclaration, TSDeclareFunction, EmptyStatement)",
    message: "app/domain modules run no statements when loaded (a top-level push or assignment makes state): compute the constant in its declaration.",
  },
];

/** Packages the functional core never imports (pass data in instead). */
const DOMAIN_IMPURE_PACKAGES = {
  group: ["@prisma/*", "@remix-run/*", "@shopify/*", "node:*", "fs", "http", "https", "net", "luxon", "date-fns*"],
  message: "app/domain is pure: pass data in instead.",
};

export default tseslint.config(
  { ignores: ["build/**", "node_modules/**", "public/build/**", "extensions/*/dist/**", "extensions/*/shopify.d.ts", "bench/tmp/**", ".cache/**"] },
  { ignores: ["build-demo/**"] }, // the demo's own build (app/demo/build.ts)
  { ignores: ["extensions/delivery-promise-theme/assets/*.js"] }, // generated by extensions/delivery-promise-theme/build.ts
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
    // Tests of app/domain and their scenarios may also use sim/ (synthetic orders, simulators):
    // pure code too, but not the app's, so the domain itself never imports it.
    files: ["app/domain/**/*.test.ts", "app/domain/**/explanation-scenarios.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { regex: "^(~/|\\.\\./\\.\\./(?!domain/|\\.\\./sim/))", message: "app/domain's tests import nothing outside app/domain but sim/." },
            DOMAIN_IMPURE_PACKAGES,
          ],
        },
      ],
    },
  },
  {
    // One kernel: see DOMAIN_STATE_RULES above. Test modules are not part of the domain at run time.
    files: ["app/domain/**/*.ts"],
    ignores: ["app/domain/kernel.ts", "app/domain/**/*.test.ts"],
    rules: { "no-restricted-syntax": ["error", ...DOMAIN_STATE_RULES] },
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
            {
              from: { element: { type: "domain" }, file: { categories: "test" } },
              allow: { to: { module: { origin: "external", source: DOMAIN_TEST_PACKAGES } } },
            },
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
