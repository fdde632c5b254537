/**
 * One shop day: routing's business days, metric days, alert windows, the weekly review and customer
 * notices all count days in the shop's own zone (Shopify's `ianaTimezone`, stored with the shop
 * profile), not in a zone of their own. Before this, metrics and alerts used the routing policy's
 * zone (UTC unless saved otherwise) while notices used Shopify's.
 */
import type { PrismaClient } from "@prisma/client";
import { beforeAll, describe, expect, it } from "vitest";
import { TEST_SHOP, useTestAppEnv } from "../helpers/app-env";

useTestAppEnv();

let db: PrismaClient;

beforeAll(async () => {
  db = (await import("../../app/db.server")).default;
});

describe("the shop's time zone", () => {
  it("is the routing policy's zone until Shopify's profile is stored, then Shopify's for routing and metrics alike", async () => {
    const { loadRoutingPolicy, saveRoutingPolicy } = await import("../../app/models/routing.server");
    const { shopTimeZone } = await import("../../app/services/metrics/refresh.server");
    const { saveShopProfile } = await import("../../app/models/notices.server");
    const { evaluationDays } = await import("../../app/services/alerts/evaluate.server");

    await saveRoutingPolicy(db, TEST_SHOP, { preset: "balanced", timeZone: "Europe/Paris" });
    expect((await loadRoutingPolicy(db, TEST_SHOP)).timeZone).toBe("Europe/Paris");
    expect(await shopTimeZone(db, TEST_SHOP)).toBe("Europe/Paris");

    await saveShopProfile(db, {
      shop: TEST_SHOP,
      name: "Zone Test",
      contactEmail: "owner@zone.example",
      primaryLocale: "en",
      ianaTimezone: "America/Los_Angeles",
      readAt: new Date(),
    });
    const policy = await loadRoutingPolicy(db, TEST_SHOP);
    expect(policy.timeZone).toBe("America/Los_Angeles");
    expect(policy.preset).toBe("balanced"); // the merchant's policy is otherwise untouched
    expect(await shopTimeZone(db, TEST_SHOP)).toBe("America/Los_Angeles");

    // 03:00 UTC on 2 June is still 1 June in Los Angeles: the alert window ends the day before the shop's today.
    expect(evaluationDays(new Date("2026-06-02T03:00:00Z"), await shopTimeZone(db, TEST_SHOP)).toDay).toBe("2026-05-31");
  });

  it("ignores a stored zone the runtime does not know (the policy's stands)", async () => {
    const { loadRoutingPolicy, saveRoutingPolicy } = await import("../../app/models/routing.server");
    const { saveShopProfile } = await import("../../app/models/notices.server");
    const shop = "zone-other.myshopify.com";
    await saveRoutingPolicy(db, shop, { preset: "balanced", timeZone: "Asia/Tokyo" });
    await saveShopProfile(db, { shop, name: "Other", contactEmail: "o@zone.example", primaryLocale: "en", ianaTimezone: "Mars/Olympus", readAt: new Date() });
    expect((await loadRoutingPolicy(db, shop)).timeZone).toBe("Asia/Tokyo");
  });
});
