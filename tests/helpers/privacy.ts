/**
 * A generic scan for personal data: every text column of every table the datamodel declares,
 * searched for each string. A table added later is scanned without anyone listing it, so a new
 * copy of a customer's data fails the test that uses this.
 */
import { Prisma, type PrismaClient } from "@prisma/client";

export interface Hit {
  readonly table: string;
  readonly column: string;
  readonly needle: string;
  readonly rows: number;
}

export function textColumns(): { table: string; columns: string[] }[] {
  return Prisma.dmmf.datamodel.models.map((m) => ({
    table: m.dbName ?? m.name,
    columns: m.fields.filter((f) => f.kind === "scalar" && f.type === "String").map((f) => f.dbName ?? f.name),
  }));
}

/** Where each needle occurs (case-insensitively), table by table, column by column. */
export async function scanForStrings(db: PrismaClient, needles: readonly string[]): Promise<Hit[]> {
  const hits: Hit[] = [];
  const postgres = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "");
  for (const { table, columns } of textColumns()) {
    for (const column of columns) {
      for (const needle of needles) {
        // strpos/instr: the same test on PostgreSQL and SQLite, each with its own placeholder.
        const rows = await db.$queryRawUnsafe<{ n: bigint | number }[]>(
          postgres
            ? `SELECT COUNT(*) AS n FROM "${table}" WHERE strpos(lower("${column}"), lower($1)) > 0`
            : `SELECT COUNT(*) AS n FROM "${table}" WHERE instr(lower("${column}"), lower(?)) > 0`,
          needle,
        );
        const n = Number(rows[0]?.n ?? 0);
        if (n > 0) hits.push({ table, column, needle, rows: n });
      }
    }
  }
  return hits;
}
