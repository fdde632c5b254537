import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

/** Packages the functional core never imports (pass data in instead). */
const DOMAIN_IMPURE_PACKAGES = {
  group: ["@prisma/*", "@remix-run/*", "@shopify/*", "node:*", "fs", "http", "https", "net", "luxon", "date-fns*"],
  message: "app/domain is pure: pass data in instead.",
};

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
    // The functional core stays pure: no I/O, frameworks, environment or wall clock.
    files: ["app/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["~/*", "../../*", "!../../domain/*"], message: "app/domain imports nothing outside app/domain." },
            DOMAIN_IMPURE_PACKAGES,
          ],
        },
      ],
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
    // Checkout extensions ship to the shopper's browser: they may use app/domain, nothing else of the app.
    files: ["extensions/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["**/app/*", "!**/app/domain", "!**/app/domain/**"], message: "Extensions import only from app/domain." }] },
      ],
    },
  },
);
