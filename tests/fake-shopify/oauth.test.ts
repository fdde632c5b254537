import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeShopify, type FakeShopify } from "./index";

const SHOP = "oauth-test.myshopify.com";
const APP = { apiKey: "key-1", apiSecret: "secret-1" };
let fake: FakeShopify;
let clock = Date.parse("2026-12-06T12:00:00Z");

beforeAll(async () => {
  fake = await startFakeShopify({ now: () => clock, oauth: { ...APP, scope: "read_orders", accessTokenLifetimeSeconds: 3600 } });
  fake.seedShop({ domain: SHOP, accessToken: "shpat_static" });
});
afterAll(() => fake.close());

async function tokenRequest(fields: Record<string, string>, form = false): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${fake.url}/admin/oauth/access_token`, {
    method: "POST",
    headers: { "Content-Type": form ? "application/x-www-form-urlencoded" : "application/json", "X-Shopify-Shop-Domain": SHOP },
    body: form ? new URLSearchParams(fields).toString() : JSON.stringify(fields),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const refresh = (refreshToken: string, secret = APP.apiSecret) =>
  tokenRequest({ client_id: APP.apiKey, client_secret: secret, grant_type: "refresh_token", refresh_token: refreshToken });

async function shopQuery(token: string): Promise<number> {
  return (await fake.graphql("{ shop { name } }", {}, { shop: SHOP, accessToken: token })).status;
}

function idToken(claims: Record<string, unknown>, secret = APP.apiSecret): string {
  const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
  const body = `${enc({ alg: "HS256", typ: "JWT" })}.${enc(claims)}`;
  return `${body}.${crypto.createHmac("sha256", secret).update(body).digest("base64url")}`;
}

describe("the fake's token endpoint", () => {
  it("exchanges a valid session token for an expiring offline token with a refresh token, as Shopify documents", async () => {
    const subject = idToken({ aud: APP.apiKey, dest: `https://${SHOP}`, exp: Math.floor(clock / 1000) + 60 });
    const ok = await tokenRequest({
      client_id: APP.apiKey,
      client_secret: APP.apiSecret,
      grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
      subject_token: subject,
      requested_token_type: "urn:shopify:params:oauth:token-type:offline-access-token",
      expiring: "1",
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      scope: "read_orders",
      expires_in: 3600,
      refresh_token: expect.stringMatching(/^shprt_/),
      access_token: expect.stringMatching(/^shpat_/),
    });
    expect(await shopQuery(ok.body.access_token as string)).toBe(200);

    const forged = await tokenRequest({
      client_id: APP.apiKey,
      client_secret: APP.apiSecret,
      grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
      subject_token: idToken({ aud: APP.apiKey, dest: `https://${SHOP}`, exp: Math.floor(clock / 1000) + 60 }, "wrong-secret"),
      requested_token_type: "urn:shopify:params:oauth:token-type:offline-access-token",
    });
    expect(forged).toEqual({ status: 400, body: expect.objectContaining({ error: "invalid_subject_token" }) });
  });

  it("refuses an expired access token with the Admin API's 401 body", async () => {
    const issued = fake.issueOfflineToken(SHOP);
    expect(await shopQuery(issued.access_token)).toBe(200);
    clock += 3601_000;
    const res = await fake.graphql("{ shop { name } }", {}, { shop: SHOP, accessToken: issued.access_token });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" });
    expect(await shopQuery("shpat_static")).toBe(200); // the seeded custom-app token never expires
  });

  it("rotates refresh tokens: the old one works until the new pair is used, then answers invalid_grant", async () => {
    const first = fake.issueOfflineToken(SHOP);
    const second = await refresh(first.refresh_token!, APP.apiSecret);
    expect(second.status).toBe(200);
    // The answer was "lost": the same refresh token still works (Shopify keeps it until the new one is used).
    const again = await refresh(first.refresh_token!);
    expect(again.status).toBe(200);
    expect(await shopQuery(again.body.access_token as string)).toBe(200);
    expect(await refresh(first.refresh_token!)).toEqual({ status: 400, body: expect.objectContaining({ error: "invalid_grant" }) });
    // Form-encoded requests are answered the same way.
    expect(
      (
        await tokenRequest(
          { client_id: APP.apiKey, client_secret: APP.apiSecret, grant_type: "refresh_token", refresh_token: again.body.refresh_token as string },
          true,
        )
      ).status,
    ).toBe(200);
  });

  it("refuses a wrong client secret and revoked refresh tokens, and logs every request", async () => {
    const issued = fake.issueOfflineToken(SHOP);
    expect((await refresh(issued.refresh_token!, "nope")).status).toBe(401);
    fake.revokeRefreshTokens(SHOP);
    expect((await refresh(issued.refresh_token!)).status).toBe(400);
    const log = fake.tokenRequests();
    expect(log.slice(-2).map((r) => [r.grantType, r.status])).toEqual([
      ["refresh_token", 401],
      ["refresh_token", 400],
    ]);
  });
});
