/**
 * Issue 16, finding 6: Shopify access and refresh tokens, push, carrier-event and supplier-webhook
 * secrets are encrypted at rest (AES-256-GCM, app/secret-box.server.ts) by the one Prisma client
 * every reader and writer shares (app/db-encryption.server.ts), including Shopify's own
 * PrismaSessionStorage; `npm run secrets:rotate` re-encrypts under a new key, legacy plaintext too.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import type { PrismaClient } from "@prisma/client";
import { Session } from "@shopify/shopify-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_SHOP, useTestAppEnv } from "../helpers/app-env";
import { TEST_ENCRYPTION_KEYS } from "../setup/encryption-key";

const databaseUrl = useTestAppEnv();
const file = databaseUrl.replace(/^file:/u, "");

const ACCESS = "shpat_plaintext_access_token_0123456789";
const REFRESH = "shprt_plaintext_refresh_token_0123456789";
const WEBHOOK = "whsec_plaintext_supplier_webhook_secret";

let db: PrismaClient;
let m: {
  sessionStorage: typeof import("../../app/shopify.server").sessionStorage;
  ensureFeed: typeof import("../../app/models/feeds.server").ensureFeed;
  getFeed: typeof import("../../app/models/feeds.server").getFeed;
  trackingSettings: typeof import("../../app/models/shipments.server").trackingSettings;
  saveSupplierCoordination: typeof import("../../app/models/purchase-orders.server").saveSupplierCoordination;
  supplierCoordination: typeof import("../../app/models/purchase-orders.server").supplierCoordination;
  createPrismaClient: typeof import("../../app/db-client.server").createPrismaClient;
  rotateSecrets: typeof import("../../app/db-encryption.server").rotateSecrets;
  parseKeyring: typeof import("../../app/secret-box.server").parseKeyring;
  newKeySpec: typeof import("../../app/secret-box.server").newKeySpec;
};
let supplierId: string;
let pushSecret: string;
let carrierSecret: string;

/** Every text cell of every table of the SQLite file, read without Prisma. */
function everyStoredText(): string {
  const sqlite = new Database(file, { readonly: true });
  try {
    const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
    return tables
      .map((t) => JSON.stringify(sqlite.prepare(`SELECT * FROM "${t.name}"`).all(), (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v)))
      .join("\n");
  } finally {
    sqlite.close();
  }
}

function storedColumn(table: string, column: string): string[] {
  const sqlite = new Database(file, { readonly: true });
  try {
    return (sqlite.prepare(`SELECT "${column}" AS v FROM "${table}" WHERE "${column}" IS NOT NULL`).all() as { v: string }[]).map((r) => r.v);
  } finally {
    sqlite.close();
  }
}

beforeAll(async () => {
  db = (await import("../../app/db.server")).default;
  m = {
    sessionStorage: (await import("../../app/shopify.server")).sessionStorage,
    ...(await import("../../app/models/feeds.server")),
    ...(await import("../../app/models/shipments.server")),
    ...(await import("../../app/models/purchase-orders.server")),
    ...(await import("../../app/db-client.server")),
    ...(await import("../../app/db-encryption.server")),
    ...(await import("../../app/secret-box.server")),
  };
  const session = new Session({ id: `offline_${TEST_SHOP}`, shop: TEST_SHOP, state: "", isOnline: false, accessToken: ACCESS, scope: "read_orders" });
  session.refreshToken = REFRESH;
  session.expires = new Date(Date.now() + 3_600_000);
  session.refreshTokenExpires = new Date(Date.now() + 30 * 86_400_000);
  await m.sessionStorage.storeSession(session);
  const supplier = await db.supplier.create({
    data: {
      shop: TEST_SHOP,
      name: "Secret Supplier",
      contactEmail: "s@example.com",
      timeZone: "UTC",
      cutoff: "14:00",
      serviceTier: "next_day",
      handlingMinDays: 1,
      handlingMaxDays: 2,
    },
  });
  supplierId = supplier.id;
  pushSecret = (await m.ensureFeed(db, TEST_SHOP, supplierId)).pushSecret;
  carrierSecret = (await m.trackingSettings(db, TEST_SHOP)).carrierEventSecret;
  await m.saveSupplierCoordination(db, TEST_SHOP, supplierId, { channel: "webhook", webhookUrl: "https://hooks.example.com/po", webhookSecret: WEBHOOK });
});

afterAll(async () => {
  await db?.$disconnect();
});

describe("secrets encrypted at rest", () => {
  it("the SQLite file holds no token or secret in plaintext, only enc:<key>: values", () => {
    const stored = everyStoredText();
    for (const secret of [ACCESS, REFRESH, WEBHOOK, pushSecret, carrierSecret]) expect(stored).not.toContain(secret);
    for (const [table, column] of [
      ["Session", "accessToken"],
      ["Session", "refreshToken"],
      ["StockFeed", "pushSecret"],
      ["TrackingSettings", "carrierEventSecret"],
      ["SupplierCoordination", "webhookSecret"],
    ] as const) {
      const values = storedColumn(table, column);
      expect(values.length, `${table}.${column}`).toBe(1);
      expect(values[0]).toMatch(/^enc:test1:/u);
    }
  });

  it("the app reads every secret back in the clear: Shopify's session storage, OfflineTokens' queries and the models", async () => {
    const loaded = await m.sessionStorage.loadSession(`offline_${TEST_SHOP}`);
    expect(loaded?.accessToken).toBe(ACCESS);
    expect(loaded?.refreshToken).toBe(REFRESH);
    expect((await m.sessionStorage.findSessionsByShop(TEST_SHOP))[0]?.accessToken).toBe(ACCESS);
    const row = await db.session.findFirst({
      where: { shop: TEST_SHOP, isOnline: false, refreshToken: { not: null } },
      select: { accessToken: true, refreshToken: true },
    });
    expect(row).toEqual({ accessToken: ACCESS, refreshToken: REFRESH });
    // A batch transaction (how OfflineTokens stores a refreshed token) encrypts too.
    await db.$transaction([db.session.update({ where: { id: `offline_${TEST_SHOP}` }, data: { accessToken: `${ACCESS}-2` } })]);
    expect(storedColumn("Session", "accessToken")[0]).toMatch(/^enc:test1:/u);
    expect((await db.session.findUniqueOrThrow({ where: { id: `offline_${TEST_SHOP}` } })).accessToken).toBe(`${ACCESS}-2`);
    await db.$transaction(async (tx) => tx.session.update({ where: { id: `offline_${TEST_SHOP}` }, data: { accessToken: ACCESS } }));
    expect(everyStoredText()).not.toContain(ACCESS);
    expect((await m.getFeed(db, TEST_SHOP, supplierId))?.pushSecret).toBe(pushSecret);
    expect((await m.trackingSettings(db, TEST_SHOP)).carrierEventSecret).toBe(carrierSecret);
    expect((await m.supplierCoordination(db, TEST_SHOP, supplierId)).webhookSecret).toBe(WEBHOOK);
  });

  it("refuses to search an encrypted column (a random IV makes the filter silently match nothing)", async () => {
    await expect(db.stockFeed.findFirst({ where: { pushSecret } })).rejects.toThrow(/encrypted at rest and cannot be searched/u);
  });

  it("a client without a key refuses to write a secret rather than storing it in clear", async () => {
    const keyless = m.createPrismaClient(databaseUrl, { encryptionKeys: "" });
    try {
      await expect(keyless.trackingSettings.update({ where: { shop: TEST_SHOP }, data: { carrierEventSecret: "x" } })).rejects.toThrow(
        /DROPLINE_ENCRYPTION_KEYS is not set/u,
      );
      expect(await keyless.shop.count()).toBeGreaterThanOrEqual(0); // tables without secrets need no key
    } finally {
      await keyless.$disconnect();
    }
  });
});

describe("key rotation", () => {
  it("npm run secrets:rotate re-encrypts old-key and legacy plaintext rows under the new key, and the app reads them with the new key only", async () => {
    // A row from before encryption existed.
    const sqlite = new Database(file);
    sqlite.prepare(`UPDATE "SupplierCoordination" SET "webhookSecret" = ? WHERE "supplierId" = ?`).run("whsec_legacy_plaintext", supplierId);
    sqlite.close();
    const newKey = m.newKeySpec("v2");
    const keys = `${newKey},${TEST_ENCRYPTION_KEYS}`;
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/secrets.ts", "rotate"], {
      env: { ...process.env, DATABASE_URL: databaseUrl, DROPLINE_ENCRYPTION_KEYS: keys },
    });
    expect(stdout).toMatch(/Re-encrypted 5 value\(s\) under key "v2" \(1 were plaintext\)/u);
    for (const [table, column] of [
      ["Session", "accessToken"],
      ["Session", "refreshToken"],
      ["StockFeed", "pushSecret"],
      ["TrackingSettings", "carrierEventSecret"],
      ["SupplierCoordination", "webhookSecret"],
    ] as const) {
      expect(storedColumn(table, column)[0]).toMatch(/^enc:v2:/u);
    }
    expect(everyStoredText()).not.toContain("whsec_legacy_plaintext");
    const rotated = m.createPrismaClient(databaseUrl, { encryptionKeys: newKey });
    try {
      expect((await rotated.session.findUniqueOrThrow({ where: { id: `offline_${TEST_SHOP}` } })).refreshToken).toBe(REFRESH);
      expect((await rotated.supplierCoordination.findUniqueOrThrow({ where: { supplierId } })).webhookSecret).toBe("whsec_legacy_plaintext");
      expect((await rotated.stockFeed.findFirstOrThrow({ where: { shop: TEST_SHOP } })).pushSecret).toBe(pushSecret);
    } finally {
      await rotated.$disconnect();
    }
    // Running it again finds nothing left to do.
    const raw = m.createPrismaClient(databaseUrl, { raw: true });
    try {
      expect((await m.rotateSecrets(raw, m.parseKeyring(keys))).rewritten).toEqual({});
    } finally {
      await raw.$disconnect();
    }
  });
});

describe("a production process without a key refuses to start", () => {
  it("the environment check names the variable and the command that makes a key", async () => {
    const { parseEnv } = await import("../../app/env.server");
    const base = { SHOPIFY_API_KEY: "k", SHOPIFY_API_SECRET: "s", SHOPIFY_APP_URL: "https://dropline.example.com", NODE_ENV: "production" };
    expect(() => parseEnv(base)).toThrow(/DROPLINE_ENCRYPTION_KEYS: is required in production.*secrets:new-key/u);
    expect(() => parseEnv({ ...base, DROPLINE_ENCRYPTION_KEYS: "v1:dG9vLXNob3J0" })).toThrow(/must be 32 bytes/u);
    expect(parseEnv({ ...base, DROPLINE_ENCRYPTION_KEYS: m.newKeySpec("v1") }).NODE_ENV).toBe("production");
    const { keyringFrom } = await import("../../app/db-client.server");
    expect(() => keyringFrom(undefined, "production")).toThrow(/required in production/u);
  });
});
