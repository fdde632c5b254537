import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: ["app/**/*.test.ts", "sim/**/*.test.ts", "tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts", "tests/fake-shopify/**/*.test.ts"],
    setupFiles: ["tests/setup/no-network.ts", "tests/setup/self-contained.ts", "tests/setup/encryption-key.ts"],
    environment: "node",
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: "forks",
    // The app's tests run with the options above; each extension brings its own config (Preact, happy-dom).
    projects: [{ extends: true, test: { name: "app" } }, "extensions/*/vitest.config.ts"],
  },
});
