/**
 * Finding 4: the portal, the supplier API, stock push and carrier events are limited per client
 * address and per credential (before any database work), answering 429 with Retry-After.
 */
import { describe, expect, it } from "vitest";
import { useTestAppEnv } from "../helpers/app-env";

useTestAppEnv({ DROPLINE_RATE_LIMIT_IP_PER_MINUTE: "6", DROPLINE_RATE_LIMIT_TOKEN_PER_MINUTE: "3", DROPLINE_CLIENT_IP_HEADER: "x-forwarded-for" });

type RouteFn = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<Response>;

async function answer(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

const from = (ip: string, extra: Record<string, string> = {}) => ({ "X-Forwarded-For": `198.51.100.99, ${ip}`, ...extra });

describe("rate limits on public endpoints", () => {
  it("supplier API: the 4th request with one token in a minute gets 429 with Retry-After", async () => {
    const { loader } = (await import("../../app/routes/api.supplier.purchase-orders._index")) as { loader: RouteFn };
    const call = () =>
      answer(() =>
        loader({
          request: new Request("http://localhost:3000/api/supplier/purchase-orders", { headers: from("203.0.113.1", { Authorization: "Bearer dlp_guess" }) }),
          params: {},
          context: {},
        }),
      );
    for (let i = 0; i < 3; i++) expect((await call()).status).toBe(401);
    const limited = await call();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get("Retry-After"))).toBeLessThanOrEqual(60);
    expect(await limited.json()).toEqual({ error: expect.stringMatching(/^Too many requests; retry in \d+ s\.$/) as unknown });
  });

  it("portal: one address trying many tokens is stopped by the per-address limit; another address is not", async () => {
    const { loader } = (await import("../../app/routes/portal.$token/route")) as unknown as { loader: RouteFn };
    const open = (token: string, ip: string) =>
      answer(() => loader({ request: new Request(`http://localhost:3000/portal/${token}`, { headers: from(ip) }), params: { token }, context: {} }));
    for (let i = 0; i < 6; i++) expect((await open(`dlp_guess${i}`, "203.0.113.2")).status).toBe(404);
    const limited = await open("dlp_guess-next", "203.0.113.2");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("Retry-After")).toMatch(/^\d+$/);
    expect(limited.headers.get("Content-Security-Policy")).toBe("frame-ancestors 'none'");
    // The client-chosen part of X-Forwarded-For does not make a new bucket; the proxy-appended part does.
    expect((await open("dlp_other", "203.0.113.3")).status).toBe(404);
  });

  it("stock push and carrier events: limited per feed and per shop", async () => {
    const push = (await import("../../app/routes/feeds.$feedId.push")).action as RouteFn;
    const carrier = (await import("../../app/routes/carrier-events")).action as RouteFn;
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const response = await push({
        request: new Request("http://localhost:3000/feeds/f1/push", { method: "POST", body: "sku,qty", headers: from(`203.0.113.${10 + i}`) }),
        params: { feedId: "f1" },
        context: {},
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    statuses.length = 0;
    for (let i = 0; i < 4; i++) {
      const headers = from(`203.0.113.${20 + i}`, { "X-Dropline-Shop": "limited.myshopify.com", "Content-Type": "application/json" });
      statuses.push(
        (await carrier({ request: new Request("http://localhost:3000/carrier-events", { method: "POST", body: "{}", headers }), params: {}, context: {} }))
          .status,
      );
    }
    expect(statuses.slice(0, 3)).not.toContain(429);
    expect(statuses[3]).toBe(429);
  });
});
