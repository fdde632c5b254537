/** The extension's tests: Preact JSX, a DOM (happy-dom), and the same no-network guard as the app's. */
import { fileURLToPath } from "node:url";
import { defineProject } from "vitest/config";

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineProject({
  root: here("."),
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
  test: {
    name: "delivery-promise",
    include: ["src/**/*.test.ts", "src/**/*.test.tsx"],
    environment: "happy-dom",
    setupFiles: [here("../../tests/setup/no-network.ts"), here("../../tests/setup/self-contained.ts")],
  },
});
