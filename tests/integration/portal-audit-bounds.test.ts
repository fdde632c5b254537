/**
 * Finding 2: refused portal and supplier-API requests cannot fill the disk or hold SQLite's write
 * lock by volume: what is recorded is bounded and truncated, repeated refusals are counted in one
 * row per (token, action, reason, minute), and a token's lastUsedAt is written at most once a minute.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { TEST_SHOP, useTestAppEnv } from "../helpers/app-env";

useTestAppEnv();

type RouteFn = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<Response>;
let db: typeof import("../../app/db.server").default;
let supplierId = "";

beforeAll(async () => {
  db = (await import("../../app/db.server")).default;
  await db.shop.create({ data: { domain: TEST_SHOP } });
  const supplier = await db.supplier.create({
    data: {
      shop: TEST_SHOP,
      name: "Audit Co",
      contactEmail: "a@x.example",
      timeZone: "UTC",
      cutoff: "14:00",
      serviceTier: "next_day",
      handlingMinDays: 1,
      handlingMaxDays: 2,
    },
  });
  supplierId = supplier.id;
});

describe("portal audit under a flood of refused requests", () => {
  it("1,000 refused API requests with attacker-chosen text write a bounded number of short rows, and count them all", async () => {
    const { action } = (await import("../../app/routes/api.supplier.purchase-orders.$id")) as { action: RouteFn };
    const before = await db.portalAudit.count();
    const junk = "x".repeat(3_000);
    for (let i = 0; i < 1000; i++) {
      const poId = `${junk}-${i}`;
      const request = new Request(`http://localhost:3000/api/supplier/purchase-orders/${i}`, {
        method: "POST",
        headers: { Authorization: `Bearer dlp_${i}${junk}`, "Content-Type": "application/json" },
        body: JSON.stringify({ action: `${junk}\r\n${i}`, requestId: junk }),
      });
      expect((await action({ request, params: { id: poId }, context: {} })).status).toBe(401);
    }
    const rows = await db.portalAudit.findMany({ where: { outcome: "refused" } });
    // One row per minute for this (action, reason); two if the loop straddled a minute boundary.
    expect(rows.length - before).toBeLessThanOrEqual(2);
    expect(rows.reduce((sum, r) => sum + r.count, 0)).toBe(1000);
    for (const row of rows) {
      expect(row.action).toBe("api:other");
      expect((row.detail ?? "").length).toBeLessThanOrEqual(200);
      expect(row.purchaseOrderId).toBeNull();
    }
  }, 60_000);

  it("an authenticated supplier's refusals are bounded and truncated too", async () => {
    const { audit, AUDIT_DETAIL_MAX } = await import("../../app/models/portal-tokens.server");
    const identity = { tokenId: "t1", shop: TEST_SHOP, supplierId, purchaseOrderId: null };
    const at = new Date("2026-12-07T10:00:30Z");
    for (let i = 0; i < 50; i++) {
      await audit(db, { identity, action: "accept", purchaseOrderId: "po_1", outcome: "refused", detail: `${"y".repeat(5000)}\u001b[2J`, at });
    }
    const rows = await db.portalAudit.findMany({ where: { tokenId: "t1" } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ count: 50, action: "accept", purchaseOrderId: "po_1" });
    expect(rows[0]!.detail!.length).toBe(AUDIT_DETAIL_MAX);
    // The next minute is a new row.
    await audit(db, { identity, action: "accept", purchaseOrderId: "po_1", outcome: "refused", detail: "again", at: new Date("2026-12-07T10:01:05Z") });
    expect(await db.portalAudit.count({ where: { tokenId: "t1" } })).toBe(2);
  });

  it("a token's lastUsedAt is written at most once a minute", async () => {
    const { resolvePortalToken, rotatePortalToken } = await import("../../app/models/portal-tokens.server");
    const t0 = Date.parse("2026-12-07T12:00:00Z");
    const token = await rotatePortalToken(db, TEST_SHOP, supplierId, new Date(t0));
    const lastUsed = async () => (await db.portalToken.findFirstOrThrow({ where: { shop: TEST_SHOP, supplierId, revokedAt: null } })).lastUsedAt?.getTime();
    for (let s = 0; s < 59; s++) expect(await resolvePortalToken(db, token, new Date(t0 + s * 1000))).not.toBeNull();
    expect(await lastUsed()).toBe(t0);
    await resolvePortalToken(db, token, new Date(t0 + 60_000));
    expect(await lastUsed()).toBe(t0 + 60_000);
  });
});
