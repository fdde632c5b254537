import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

/**
 * The integration suite on PostgreSQL: `npm run test:postgres`. One private cluster for the run
 * (tests/setup/postgres-global.ts), one database per test file copied from a migrated template.
 * The demo and the SQLite inbox are SQLite by design and stay in the SQLite pass.
 */
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    name: "postgres",
    include: ["tests/integration/**/*.test.ts"],
    // SQLite by design: the demo, the SQLite inbox store, the control-tower bench's SQLite seeding.
    // SQLite by design: the demo, the SQLite inbox, the metrics bench, and the encryption test that
    // reads the SQLite file's bytes directly (the encryption layer is the same client extension on both).
    exclude: [
      "tests/integration/demo-*.test.ts",
      "tests/integration/sqlite-inbox.test.ts",
      "tests/integration/metrics-bench.test.ts",
      "tests/integration/encryption-at-rest.test.ts",
    ],
    setupFiles: ["tests/setup/no-network.ts", "tests/setup/self-contained.ts"],
    globalSetup: ["tests/setup/postgres-global.ts"],
    // The suite drives manual clocks through the app's services, and pg-boss schedules on the
    // database's clock, so services keep the Job-table queue here; pg-boss itself is covered by
    // job-queue-contract.test.ts and pg-boss-pipeline.test.ts, which ask for it.
    env: { DROPLINE_TEST_DATABASE: "postgres", DROPLINE_QUEUE: "table" },
    environment: "node",
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
