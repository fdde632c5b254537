/**
 * Field encryption inside the Prisma client (issue 16, finding 6): every read and write of a secret
 * column, whoever makes it (Shopify's PrismaSessionStorage, OfflineTokens, models, scripts), goes
 * through the one client createPrismaClient builds, so no caller can forget to encrypt. Writes are
 * encrypted under the current key; reads decrypt under any listed key and pass legacy plaintext
 * through. A secret column cannot be filtered on (the IV is random): a `where` on one is refused,
 * except for null checks.
 */
import { Prisma, type PrismaClient } from "@prisma/client";
import type { Keyring } from "./secret-box.server";

/** Every encrypted column, by Prisma model. None of these models has a relation, so no nested write reaches them. */
export const ENCRYPTED_COLUMNS = {
  Session: ["accessToken", "refreshToken"],
  StockFeed: ["pushSecret"],
  TrackingSettings: ["carrierEventSecret"],
  SupplierCoordination: ["webhookSecret"],
} as const satisfies Partial<Record<Prisma.ModelName, readonly string[]>>;

type EncryptedModel = keyof typeof ENCRYPTED_COLUMNS;

/** Each encrypted model's primary key (the rotation's compare-and-set addresses rows by it). */
const PRIMARY_KEY: Record<EncryptedModel, string> = { Session: "id", StockFeed: "id", TrackingSettings: "shop", SupplierCoordination: "supplierId" };
type Row = Record<string, unknown>;

export class MissingEncryptionKeyError extends Error {
  constructor(column: string) {
    super(`${column} is encrypted at rest and DROPLINE_ENCRYPTION_KEYS is not set: set it (README → Configuration) before starting Dropline.`);
    this.name = "MissingEncryptionKeyError";
  }
}

const isRow = (v: unknown): v is Row => typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date);

function columnsOf(model: string | undefined): readonly string[] {
  return model && model in ENCRYPTED_COLUMNS ? ENCRYPTED_COLUMNS[model as EncryptedModel] : [];
}

export function encryptRow(data: unknown, model: string, keyring: () => Keyring): unknown {
  if (Array.isArray(data)) return data.map((d) => encryptRow(d, model, keyring));
  if (!isRow(data)) return data;
  const out: Row = { ...data };
  for (const column of columnsOf(model)) {
    const value = out[column];
    const name = `${model}.${column}`;
    if (typeof value === "string") out[column] = keyring().encrypt(value, name);
    else if (isRow(value) && typeof value.set === "string") out[column] = { ...value, set: keyring().encrypt(value.set, name) };
  }
  return out;
}

export function decryptRows(result: unknown, model: string, keyring: () => Keyring): unknown {
  if (Array.isArray(result)) return result.map((r) => decryptRows(r, model, keyring));
  if (!isRow(result)) return result;
  let out: Row | undefined;
  for (const column of columnsOf(model)) {
    const value = result[column];
    if (typeof value !== "string") continue;
    out ??= { ...result };
    out[column] = keyring().decrypt(value, `${model}.${column}`);
  }
  return out ?? result;
}

/** A filter on a secret column can only ask whether it is null. */
function assertFilterable(where: unknown, model: string): void {
  if (!isRow(where)) return;
  for (const [key, value] of Object.entries(where)) {
    if (key === "AND" || key === "OR" || key === "NOT") {
      for (const part of Array.isArray(value) ? value : [value]) assertFilterable(part, model);
      continue;
    }
    if (!(columnsOf(model) as readonly string[]).includes(key)) continue;
    const nullCheck = value === null || (isRow(value) && Object.keys(value).length === 1 && (value.not === null || value.equals === null));
    if (!nullCheck) throw new Error(`${model}.${key} is encrypted at rest and cannot be searched; look the row up by its key.`);
  }
}

const WRITE_KEYS = ["data", "create", "update"] as const;

/**
 * The client extension. `keyring` is asked for lazily: a client that never touches a secret
 * column (a benchmark, a migration check) works without a key; one that does fails with
 * MissingEncryptionKeyError naming the column.
 */
export function fieldEncryption(keyring: Keyring | null) {
  return Prisma.defineExtension({
    name: "dropline-field-encryption",
    query: {
      $allModels: {
        async $allOperations({ model, args, query }) {
          if (columnsOf(model).length === 0) return query(args);
          const key = () => {
            if (!keyring) throw new MissingEncryptionKeyError(`${model}.${columnsOf(model).join("/")}`);
            return keyring;
          };
          const input = { ...(args as Row) };
          assertFilterable(input.where, model);
          for (const k of WRITE_KEYS) if (k in input) input[k] = encryptRow(input[k], model, key);
          return decryptRows(await query(input as typeof args), model, key);
        },
      },
    },
  });
}

export interface RotationReport {
  /** Values re-encrypted under the current key, by column. */
  readonly rewritten: Record<string, number>;
  /** Of those, values that were stored in plaintext (rows written before encryption). */
  readonly wasPlaintext: number;
  /** Rows changed by the app between the read and the rewrite (left as the app wrote them: under the current key). */
  readonly skipped: number;
}

type Delegate = {
  findMany(args: { select: Record<string, true> }): Promise<Row[]>;
  updateMany(args: { where: Row; data: Row }): Promise<{ count: number }>;
};

/**
 * Re-encrypts every secret column under the keyring's current key: values under older keys and
 * legacy plaintext. `raw` must be a client without the encryption layer (createPrismaClient(url,
 * { raw: true })). Each row is rewritten with a compare-and-set on its old value, so a value the
 * running app writes meanwhile (already under the current key) is never overwritten. Safe to re-run.
 */
export async function rotateSecrets(raw: PrismaClient, keyring: Keyring): Promise<RotationReport> {
  const rewritten: Record<string, number> = {};
  let wasPlaintext = 0;
  let skipped = 0;
  for (const [model, columns] of Object.entries(ENCRYPTED_COLUMNS) as [EncryptedModel, readonly string[]][]) {
    const delegate = (raw as unknown as Record<string, Delegate>)[model[0]!.toLowerCase() + model.slice(1)]!;
    const pk = PRIMARY_KEY[model];
    const rows = await delegate.findMany({ select: Object.fromEntries([pk, ...columns].map((c) => [c, true])) });
    for (const row of rows) {
      for (const column of columns) {
        const stored = row[column];
        if (typeof stored !== "string" || keyring.isCurrent(stored)) continue;
        const name = `${model}.${column}`;
        const fresh = keyring.encrypt(keyring.decrypt(stored, name), name);
        const { count } = await delegate.updateMany({ where: { [pk]: row[pk], [column]: stored }, data: { [column]: fresh } });
        if (count === 0) {
          skipped += 1;
          continue;
        }
        rewritten[name] = (rewritten[name] ?? 0) + 1;
        if (!stored.startsWith("enc:")) wasPlaintext += 1;
      }
    }
  }
  return { rewritten, wasPlaintext, skipped };
}
