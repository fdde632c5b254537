/** The product page script's tests: a DOM (happy-dom) for the element, and the app's no-network guard. */
import { fileURLToPath } from "node:url";
import { defineProject } from "vitest/config";

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineProject({
  root: here("."),
  test: {
    name: "delivery-promise-theme",
    include: ["src/**/*.test.ts"],
    environment: "happy-dom",
    setupFiles: [here("../../tests/setup/no-network.ts"), here("../../tests/setup/self-contained.ts")],
  },
});
