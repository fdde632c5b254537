import { describe, expect, it } from "vitest";
import { cookieMaxAgeSeconds, DEFAULT_PORTAL_LINK_POLICY, effectiveExpiry, maskSecret, portalLinkExpiry, purchaseOrderLinkExpiry } from "./portal-link";

const at = (iso: string) => new Date(iso);

describe("portal link lifetimes", () => {
  it("a portal link works for the configured number of days", () => {
    expect(portalLinkExpiry(at("2026-12-01T10:00:00Z"), { ttlDays: 7, daysAfterShipBy: 30 })).toEqual(at("2026-12-08T10:00:00Z"));
  });

  it("an emailed purchase-order link lapses 30 days after ship-by by default, counted from now when ship-by is past", () => {
    const policy = DEFAULT_PORTAL_LINK_POLICY;
    expect(purchaseOrderLinkExpiry(at("2026-12-01T00:00:00Z"), at("2026-12-05T00:00:00Z"), policy)).toEqual(at("2027-01-04T00:00:00Z"));
    expect(purchaseOrderLinkExpiry(at("2026-12-10T00:00:00Z"), at("2026-12-05T00:00:00Z"), policy)).toEqual(at("2027-01-09T00:00:00Z"));
  });

  it("a link stored without an expiry expires the default lifetime after it was created", () => {
    expect(effectiveExpiry(null, at("2026-01-01T00:00:00Z"))).toEqual(at("2026-04-01T00:00:00Z"));
    expect(effectiveExpiry(at("2026-02-01T00:00:00Z"), at("2026-01-01T00:00:00Z"))).toEqual(at("2026-02-01T00:00:00Z"));
  });

  it("the cookie ends with the link and never gets a zero Max-Age", () => {
    expect(cookieMaxAgeSeconds(at("2026-12-02T00:00:00Z"), at("2026-12-01T00:00:00Z"))).toBe(86_400);
    expect(cookieMaxAgeSeconds(at("2026-12-01T00:00:00Z"), at("2026-12-01T00:00:00.500Z"))).toBe(1);
  });
});

describe("masked secrets", () => {
  it("shows the last four characters only", () => {
    expect(maskSecret("abcdefghijklmnop")).toBe("••••mnop");
    expect(maskSecret(null)).toBe("");
    expect(maskSecret("dlp_ABCDEFGH")).not.toContain("dlp_");
  });
});
