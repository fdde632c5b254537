/**
 * Finding 10: documents carry the framing and referrer headers their audience needs, composed
 * with shopify-app-remix's own addDocumentResponseHeaders (the one entry.server.tsx uses).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { TEST_SHOP, useTestAppEnv } from "../helpers/app-env";

useTestAppEnv();

let documentHeaders: (url: string) => Headers;

beforeAll(async () => {
  const { addDocumentResponseHeaders } = await import("../../app/shopify.server");
  const { addSecureDocumentHeaders } = await import("../../app/services/security/document-headers");
  documentHeaders = (url) => {
    const headers = new Headers();
    addSecureDocumentHeaders(new Request(url), headers, addDocumentResponseHeaders);
    return headers;
  };
});

describe("document security headers", () => {
  it("admin documents may be framed by the shop's admin and Shopify's admin only", () => {
    const csp = documentHeaders(`http://localhost:3000/app?shop=${TEST_SHOP}&host=abc&embedded=1`).get("Content-Security-Policy") ?? "";
    expect(csp).toMatch(new RegExp(`^frame-ancestors https://${TEST_SHOP.replace(/\./g, "\\.")} https://admin\\.shopify\\.com`));
  });

  it("an admin document without a valid shop is framed by admin.shopify.com only, never by anyone", () => {
    expect(documentHeaders("http://localhost:3000/app/suppliers").get("Content-Security-Policy")).toBe("frame-ancestors https://admin.shopify.com");
    expect(documentHeaders("http://localhost:3000/app?shop=evil.example").get("Content-Security-Policy")).toBe("frame-ancestors https://admin.shopify.com");
  });

  it("the portal cannot be framed, leaks no referrer and is not sniffed, even with ?shop= added to its link", () => {
    for (const url of ["http://localhost:3000/portal/dlp_token", `http://localhost:3000/portal/dlp_token?shop=${TEST_SHOP}`]) {
      const headers = documentHeaders(url);
      expect(headers.get("Content-Security-Policy"), url).toBe("frame-ancestors 'none'");
      expect(headers.get("Referrer-Policy"), url).toBe("no-referrer");
      expect(headers.get("X-Content-Type-Options"), url).toBe("nosniff");
      expect(headers.get("Cache-Control"), url).toBe("no-store");
      expect(headers.get("Link"), url).toBeNull();
    }
  });

  it("the portal route's loader and action answers carry the same headers", async () => {
    const { headers } = await import("../../app/routes/portal.$token/route");
    const sent = new Headers(headers({} as Parameters<typeof headers>[0]) as HeadersInit);
    expect(sent.get("Content-Security-Policy")).toBe("frame-ancestors 'none'");
    expect(sent.get("Referrer-Policy")).toBe("no-referrer");
    expect(sent.get("X-Content-Type-Options")).toBe("nosniff");
  });
});
