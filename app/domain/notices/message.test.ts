import { describe, expect, it } from "vitest";
import { noticeLocale, reasonText, renderDelayNotice } from "./message";
import { noticeDay, noticeKey } from "./day";
import { checkoutMayPromiseNotices, noticeEnabled, parseDisabledKinds } from "./settings";

// Intl puts thin and narrow no-break spaces around dates; compare them as plain spaces.
const plain = (text: string) => text.replace(/[\u2009\u202f\u00a0]/g, " ");
const content = {
  orderName: "#1001",
  shopName: "Maison Dupont",
  window: { earliest: "2026-03-10", latest: "2026-03-12" },
  reason: { code: "carrier_delayed" } as const,
};

describe("the delay notice", () => {
  it("speaks the shop's primary language, falling back to English", () => {
    expect(noticeLocale("fr")).toBe("fr");
    expect(noticeLocale("fr-CA")).toBe("fr");
    expect(noticeLocale("de-DE")).toBe("de");
    expect(noticeLocale("pt-BR")).toBe("en");
    expect(noticeLocale(null)).toBe("en");
  });

  it("English: the order, the new window and the reason", () => {
    const n = renderDelayNotice(content, "en");
    expect(n.subject).toBe("Order #1001: new delivery estimate");
    expect(plain(n.text)).toContain("New estimated delivery: Tue, Mar 10 – Thu, Mar 12.");
    expect(plain(n.text)).toContain("Why: the carrier reported a delay in transit.");
    expect(n.text.trim().endsWith("Maison Dupont")).toBe(true);
  });

  it("French and German", () => {
    const fr = renderDelayNotice({ ...content, reason: { code: "late_ship_date", shipDate: "2026-03-09" } }, "fr");
    expect(fr.subject).toBe("Commande #1001 : nouvelle date de livraison estimée");
    expect(plain(fr.text)).toMatch(/Nouvelle livraison estimée : mar\. 10 – jeu\. 12 mars\./);
    expect(plain(fr.text)).toContain("le lun. 9 mars, plus tard que prévu");
    const de = renderDelayNotice(content, "de");
    expect(de.subject).toBe("Bestellung #1001: neuer voraussichtlicher Liefertermin");
    expect(de.text).toContain("Der Versanddienstleister hat eine Verzögerung gemeldet.");
  });

  it("sends a merchant's own words as written", () => {
    expect(reasonText({ code: "note", text: "Storm at the port." }, "de")).toBe("Storm at the port.");
  });

  it("keys one notice per order per shop-local day", () => {
    // 23:30 in Toronto is already the next day in UTC: the shop's day counts.
    const ms = Date.parse("2026-03-11T03:30:00Z");
    expect(noticeDay(ms, "America/Toronto")).toBe("2026-03-10");
    expect(noticeKey("gid://shopify/Order/1", "2026-03-10")).toBe("notice:gid://shopify/Order/1:2026-03-10");
  });

  it("settings: every kind on by default; checkout promises email only when all are on", () => {
    expect(parseDisabledKinds(null)).toEqual([]);
    expect(parseDisabledKinds('["predicted","bogus"]')).toEqual(["predicted"]);
    expect(noticeEnabled("predicted", ["predicted"])).toBe(false);
    expect(noticeEnabled("manual", ["predicted"])).toBe(true);
    expect(checkoutMayPromiseNotices([])).toBe(true);
    expect(checkoutMayPromiseNotices(["no_movement"])).toBe(false);
  });
});
