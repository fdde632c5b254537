import { describe, expect, it } from "vitest";
import { parseEnv } from "~/env.server";
import { DEFAULT_SHOP_MAX_RUNNING, shopMaxRunning } from "./queue-factory.server";

const PG = "postgresql://dropline@localhost:5432/dropline";
const SQLITE = "file:./prisma/dev.sqlite";
const base = { SHOPIFY_API_KEY: "k", SHOPIFY_API_SECRET: "s", SHOPIFY_APP_URL: "https://app.example.com" };

describe("the per-shop cap on running jobs", () => {
  it("defaults to a cap on PostgreSQL and none on SQLite (the demo and a single store are not slowed)", () => {
    expect(shopMaxRunning(PG, undefined)).toBe(DEFAULT_SHOP_MAX_RUNNING);
    expect(shopMaxRunning(SQLITE, undefined)).toBeNull();
  });

  it("takes the configured value on either database, 0 meaning no cap", () => {
    expect(shopMaxRunning(SQLITE, 3)).toBe(3);
    expect(shopMaxRunning(PG, 5)).toBe(5);
    expect(shopMaxRunning(PG, 0)).toBeNull();
  });

  it("reads an empty DROPLINE_SHOP_MAX_RUNNING (as .env.example has it) as unset, not as 0", () => {
    expect(parseEnv({ ...base, DROPLINE_SHOP_MAX_RUNNING: "" }).DROPLINE_SHOP_MAX_RUNNING).toBeUndefined();
    expect(parseEnv({ ...base, DROPLINE_SHOP_MAX_RUNNING: "4" }).DROPLINE_SHOP_MAX_RUNNING).toBe(4);
    expect(() => parseEnv({ ...base, DROPLINE_SHOP_MAX_RUNNING: "-1" })).toThrow(/DROPLINE_SHOP_MAX_RUNNING/);
  });
});
