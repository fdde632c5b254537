import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { providerOf } from "../../app/db-client.server";
import { POSTGRES_SCHEMA, SQLITE_SCHEMA, postgresSchemaOf } from "../../scripts/postgres/schema";

describe("provider selection by DATABASE_URL", () => {
  it("reads file: as SQLite and postgresql:// or postgres:// as PostgreSQL", () => {
    expect(providerOf("file:./prisma/dev.sqlite")).toBe("sqlite");
    expect(providerOf("postgresql://dropline@db:5432/dropline")).toBe("postgresql");
    expect(providerOf("postgres://dropline@db/dropline")).toBe("postgresql");
  });

  it("refuses any other URL with the scheme it got", () => {
    expect(() => providerOf("mysql://db/dropline")).toThrow(/got "mysql:…"/);
  });
});

describe("the PostgreSQL schema derived from prisma/schema.prisma", () => {
  const sqlite = fs.readFileSync(SQLITE_SCHEMA, "utf8");

  it("keeps every model and changes only the provider and the client's output", () => {
    const pg = postgresSchemaOf(sqlite);
    expect(pg).toContain('provider = "postgresql"');
    expect(pg).toContain('output          = "../../node_modules/.prisma/postgres-client"');
    expect(pg).not.toContain('provider = "sqlite"');
    const models = (text: string) => text.match(/^model \w+/gm) ?? [];
    expect(models(pg)).toEqual(models(sqlite));
    expect(models(pg).length).toBeGreaterThan(40);
  });

  it("is what prisma/postgres/schema.prisma holds (db:check fails otherwise)", () => {
    expect(fs.readFileSync(POSTGRES_SCHEMA, "utf8")).toBe(postgresSchemaOf(sqlite));
  });

  it("refuses a schema that is not on the sqlite provider", () => {
    expect(() => postgresSchemaOf(sqlite.replace('provider = "sqlite"', 'provider = "mysql"'))).toThrow(/sqlite provider/);
  });
});
