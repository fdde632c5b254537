/**
 * Issue 16, finding 6: portal links expire after DROPLINE_PORTAL_LINK_TTL_DAYS, and the token
 * leaves the URL after the first visit: /portal/<token> exchanges it for an HttpOnly, SameSite=Lax
 * cookie scoped to /portal/s/<linkId> and redirects there; the access log never prints a token.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { PrismaClient } from "@prisma/client";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_SHOP, useTestAppEnv } from "../helpers/app-env";
import { openPortalLink, portalPage, portalPost } from "../helpers/portal";
// @ts-expect-error -- plain ESM beside the production server (no type declarations)
import { accessLog } from "../../server/access-log.mjs";

useTestAppEnv({ DROPLINE_PORTAL_LINK_TTL_DAYS: "7" });

const DAY_MS = 86_400_000;
let db: PrismaClient;
let services: typeof import("../../app/services.server").services;
let portalLinkAction: typeof import("../../app/services/coordination/admin-actions.server").portalLinkAction;
let supplierId: string;
let otherSupplierId: string;

async function newSupplier(name: string): Promise<string> {
  const row = await db.supplier.create({
    data: {
      shop: TEST_SHOP,
      name,
      contactEmail: "s@example.com",
      timeZone: "UTC",
      cutoff: "14:00",
      serviceTier: "next_day",
      handlingMinDays: 1,
      handlingMaxDays: 2,
    },
  });
  return row.id;
}

/** A new portal link, issued the way the admin's "new portal link" button does. */
async function adminIssuedLink(forSupplier = supplierId): Promise<string> {
  const result = await portalLinkAction(services(), TEST_SHOP, "rotate", forSupplier);
  if (!result.ok || !("portalLink" in result.value)) throw new Error("no link issued");
  return new URL(String(result.value.portalLink)).pathname.split("/")[2]!;
}

beforeAll(async () => {
  db = (await import("../../app/db.server")).default;
  ({ services } = await import("../../app/services.server"));
  ({ portalLinkAction } = await import("../../app/services/coordination/admin-actions.server"));
  supplierId = await newSupplier("Link Supplier");
  otherSupplierId = await newSupplier("Other Supplier");
});

afterAll(async () => {
  await db?.$disconnect();
});

describe("the portal link is exchanged for a cookie on the first visit", () => {
  it("answers 303 to a token-free page, with an HttpOnly, SameSite=Lax cookie scoped to that page", async () => {
    const token = await adminIssuedLink();
    const opened = await openPortalLink(token);
    expect(opened.response.status).toBe(303);
    expect(opened.location).toMatch(/^\/portal\/s\/[a-z0-9]+$/u);
    expect(opened.location).not.toContain(token);
    const setCookie = opened.response.headers.get("Set-Cookie") ?? "";
    expect(setCookie).toMatch(new RegExp(`^dlp_${opened.linkId}=`, "u"));
    expect(setCookie).toContain(`Path=/portal/s/${opened.linkId}`);
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Lax");
    // The test app runs on http://localhost: no Secure, so the loopback demo works; any other URL gets it.
    expect(setCookie).not.toContain("Secure");
    const { portalCookieSecure } = await import("../../app/services/portal/portal-link.server");
    expect([
      portalCookieSecure("https://dropline.example.com"),
      portalCookieSecure("http://localhost:3000"),
      portalCookieSecure("http://dropline.internal"),
    ]).toEqual([true, false, true]);
    // The cookie ends with the link: DROPLINE_PORTAL_LINK_TTL_DAYS=7.
    const maxAge = Number(/Max-Age=(\d+)/u.exec(setCookie)?.[1]);
    expect(maxAge).toBeGreaterThan(7 * 86_400 - 60);
    expect(maxAge).toBeLessThanOrEqual(7 * 86_400);
    // The answer carries the portal's headers: no Referer leaves with the token.
    expect(opened.response.headers.get("Referrer-Policy")).toBe("no-referrer");
    for (const [name, value] of opened.response.headers) if (name !== "set-cookie") expect(value, name).not.toContain(token);
  });

  it("the page opens with the cookie, asks to reopen the link without it, and refuses another link's cookie", async () => {
    const token = await adminIssuedLink();
    const page = await portalPage(token);
    expect(page.status).toBe(200);
    expect(((await page.json()) as { supplierName: string }).supplierName).toBe("Link Supplier");

    const opened = await openPortalLink(token);
    const { loader } = (await import("../../app/routes/portal.s.$linkId/route")) as unknown as {
      loader: (a: { request: Request; params: Record<string, string>; context: object }) => Promise<Response>;
    };
    const bare = await loader({ request: new Request(`http://localhost:3000${opened.location}`), params: { linkId: opened.linkId! }, context: {} });
    expect(bare.status).toBe(401);
    expect(((await bare.json()) as { problem: string }).problem).toMatch(/open the link/u);

    const other = await openPortalLink(await adminIssuedLink(otherSupplierId));
    const crossed = `dlp_${opened.linkId}=${other.cookie!.split("=").slice(1).join("=")}`;
    const refused = await loader({
      request: new Request(`http://localhost:3000${opened.location}`, { headers: { Cookie: crossed } }),
      params: { linkId: opened.linkId! },
      context: {},
    });
    expect(refused.status).toBe(404);
  });

  it("a form posted from the page is refused without the cookie (a cross-site post carries none: SameSite=Lax)", async () => {
    const token = await adminIssuedLink();
    const opened = await openPortalLink(token);
    const { action } = (await import("../../app/routes/portal.s.$linkId/route")) as unknown as {
      action: (a: { request: Request; params: Record<string, string>; context: object }) => Promise<Response>;
    };
    const body = new URLSearchParams({ intent: "accept", poId: "x", requestId: "r1", shipDate: "2099-01-01" });
    const request = new Request(`http://localhost:3000${opened.location}`, { method: "POST", body });
    expect((await action({ request, params: { linkId: opened.linkId! }, context: {} })).status).toBe(401);
    // With the cookie the same post is authenticated and reaches the portal's own input checks.
    const answered = await portalPost(token, Object.fromEntries(body));
    expect(answered.status).toBe(400);
    expect(((await answered.json()) as { message: string }).message).not.toMatch(/open the link|not valid/u);
  });
});

describe("portal links expire", () => {
  it("a link issued by the admin works for DROPLINE_PORTAL_LINK_TTL_DAYS, then gets a page saying it expired", async () => {
    const token = await adminIssuedLink();
    const { hashToken } = await import("../../app/models/portal-tokens.server");
    const row = await db.portalToken.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } });
    expect(row.expiresAt!.getTime() - row.createdAt.getTime()).toBe(7 * DAY_MS);

    await db.portalToken.update({ where: { id: row.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await portalPage(token);
    expect(expired.status).toBe(410);
    expect(((await expired.json()) as { problem: string }).problem).toMatch(
      /^This portal link expired on \d{4}-\d{2}-\d{2}\. Ask the merchant for a new link\.$/u,
    );
    expect(expired.headers.get("Set-Cookie")).toBeNull();
  });

  it("a link stored before links expired lapses the default 90 days after its creation", async () => {
    const { rotatePortalToken, resolvePortalToken } = await import("../../app/models/portal-tokens.server");
    const issued = new Date("2026-01-01T00:00:00Z");
    const token = await rotatePortalToken(db, TEST_SHOP, otherSupplierId, issued);
    await db.portalToken.updateMany({ where: { supplierId: otherSupplierId, revokedAt: null }, data: { expiresAt: null } });
    expect(await resolvePortalToken(db, token, new Date(issued.getTime() + 89 * DAY_MS))).not.toBeNull();
    expect(await resolvePortalToken(db, token, new Date(issued.getTime() + 91 * DAY_MS))).toBeNull();
  });

  it("the environment's defaults are the domain's (90 days; 30 days after ship-by)", async () => {
    const env = await import("../../app/env.server");
    const domain = await import("../../app/domain/portal-link");
    expect([env.DEFAULT_PORTAL_LINK_TTL_DAYS, env.DEFAULT_PO_LINK_DAYS_AFTER_SHIP_BY]).toEqual([
      domain.DEFAULT_PORTAL_LINK_TTL_DAYS,
      domain.DEFAULT_PO_LINK_DAYS_AFTER_SHIP_BY,
    ]);
  });
});

describe("the access log never prints a token", () => {
  it("redacts the portal link's path, query credentials, and never prints headers", async () => {
    const token = await adminIssuedLink();
    const lines: string[] = [];
    const exchange = (await import("../../app/routes/portal.$token/route")) as unknown as {
      loader: (a: { request: Request; params: Record<string, string>; context: object }) => Promise<Response>;
    };
    const app = express();
    app.use(accessLog((line: string) => lines.push(line)));
    // The exchange route behind Express, as the production server runs it.
    app.get("/portal/:token", async (req, res) => {
      const answer = await exchange.loader({
        request: new Request(`http://localhost:3000${req.originalUrl}`),
        params: { token: req.params.token },
        context: {},
      });
      res.status(answer.status);
      answer.headers.forEach((value, name) => res.setHeader(name, value));
      res.end(await answer.text());
    });
    app.all("*", (_req, res) => res.status(200).end("ok"));
    const server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const answer = await fetch(`${base}/portal/${token}`, { redirect: "manual" });
      expect(answer.status).toBe(303);
      expect(answer.headers.get("location")).not.toContain(token);
      await fetch(`${base}/api/supplier/purchase-orders`, { headers: { Authorization: `Bearer ${token}` } });
      await fetch(`${base}/app?shop=${TEST_SHOP}&id_token=eyJhbGciOi.secret-jwt.sig&embedded=1`);
      await fetch(`${base}/portal/${token}/extra?token=${token}`);
      await new Promise((r) => setTimeout(r, 20));
    } finally {
      await new Promise((r) => server.close(r));
    }
    expect(lines).toHaveLength(4);
    for (const line of lines) {
      expect(line).not.toContain(token);
      expect(line).not.toContain("secret-jwt");
    }
    expect(lines[0]).toMatch(/^GET \/portal\/\[token\] 303 /u);
    expect(lines[2]).toContain(`/app?shop=${TEST_SHOP}&id_token=[redacted]&embedded=1`);
    expect(lines[3]).toMatch(/^GET \/portal\/\[token\]\?token=\[redacted\] /u);
  });
});
