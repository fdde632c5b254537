/**
 * Global setup of the PostgreSQL pass (vitest.postgres.config.ts): one private cluster for the run
 * (scripts/postgres/cluster.ts: a temp directory, a Unix socket, never the system service), a
 * template database migrated once with prisma/postgres/migrations, and the environment that
 * tests/helpers/database.ts reads to copy it for each test file. Stopped and deleted at the end.
 */
import path from "node:path";
import pg from "pg";
import { startPrivateCluster } from "../../scripts/postgres/cluster";
import { applyPostgresMigrations } from "../../scripts/postgres/migrate";
import { POSTGRES_TEST_ENV } from "../helpers/database";

const TEMPLATE = "dropline_template";

export default async function setup(): Promise<() => void> {
  const started = performance.now();
  const cluster = startPrivateCluster({ maxConnections: 400 });
  try {
    const admin = new pg.Client({ connectionString: cluster.url("postgres") });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${TEMPLATE}`);
    await admin.end();
    await applyPostgresMigrations(cluster.url(TEMPLATE));
  } catch (error) {
    cluster.stop();
    throw error;
  }
  Object.assign(process.env, {
    DROPLINE_TEST_DATABASE: "postgres",
    [POSTGRES_TEST_ENV.admin]: cluster.url("postgres"),
    [POSTGRES_TEST_ENV.template]: TEMPLATE,
    [POSTGRES_TEST_ENV.psql]: path.join(cluster.binDir, "psql"),
  });
  console.log(`PostgreSQL test cluster ready in ${Math.round(performance.now() - started)} ms (${cluster.socketDir})`);
  return () => cluster.stop();
}
