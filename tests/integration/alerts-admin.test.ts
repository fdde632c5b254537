/**
 * The alerts and weekly review pages, called the way the embedded admin calls them (a session
 * token for a shop whose offline session is stored, so the real `authenticate.admin` runs).
 */
import type { PrismaClient } from "@prisma/client";
import { getJwt } from "@shopify/shopify-api/test-helpers";
import { beforeAll, describe, expect, it } from "vitest";
import { TEST_API_KEY, TEST_API_SECRET, TEST_SHOP, useTestAppEnv } from "../helpers/app-env";

useTestAppEnv();

type RouteFn = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>;
let db: PrismaClient;

async function route(file: string): Promise<{ action: RouteFn; loader: RouteFn }> {
  return (await import(`../../app/routes/${file}.tsx`)) as { action: RouteFn; loader: RouteFn };
}

async function bearer(): Promise<string> {
  const { token } = await getJwt(TEST_SHOP.replace(".myshopify.com", ""), TEST_API_KEY, TEST_API_SECRET);
  return `Bearer ${token}`;
}

const get = async (path: string) => new Request(`http://localhost:3000${path}`, { headers: { Authorization: await bearer() } });
const post = async (path: string, fields: Record<string, string>) =>
  new Request(`http://localhost:3000${path}`, { method: "POST", headers: { Authorization: await bearer() }, body: new URLSearchParams(fields) });

beforeAll(async () => {
  db = (await import("../../app/db.server")).default;
  const { SCOPES } = await import("../../app/shopify/scopes");
  await db.session.create({
    data: { id: `offline_${TEST_SHOP}`, shop: TEST_SHOP, state: "installed", isOnline: false, scope: SCOPES.join(","), accessToken: "shpat_alerts_admin" },
  });
});

/** The thresholds form as the page posts it with the defaults (unticked boxes left out, as a browser does). */
async function defaultFields(): Promise<Record<string, string>> {
  const { defaultThresholds } = await import("../../app/domain/alerts");
  const fields: Record<string, string> = { intent: "thresholds", recoveryDays: "2", recipientEmail: "" };
  for (const [metric, t] of Object.entries(defaultThresholds().metrics)) {
    if (t.enabled) fields[`${metric}.enabled`] = "on";
    fields[`${metric}.threshold`] = t.threshold === null ? "" : String(t.threshold);
    fields[`${metric}.runLength`] = String(t.runLength);
  }
  return fields;
}

describe("alerts page", () => {
  it("saves valid thresholds and refuses invalid ones without saving", async () => {
    const page = await route("app.alerts");
    const fields = await defaultFields();
    delete fields["exceptionRate.enabled"];
    const saved = await page.action({
      request: await post("/app/alerts", { ...fields, "orderToConfirmation.threshold": "36", recipientEmail: "ops@x.example" }),
      params: {},
      context: {},
    });
    expect(saved).toEqual({ ok: true, message: "Thresholds saved; the next evaluation (within the hour) uses them." });
    const refused = await page.action({ request: await post("/app/alerts", { ...fields, "orderToConfirmation.runLength": "40" }), params: {}, context: {} });
    expect(refused).toEqual({ ok: false, message: "Order-to-confirmation time: the run length is 1 to 14 days." });

    const data = (await page.loader({ request: await get("/app/alerts"), params: {}, context: {} })) as {
      metrics: { name: string; enabled: boolean; threshold: number | null; runLength: number; unit: string }[];
      recipientEmail: string;
    };
    expect(data.metrics.find((m) => m.name === "orderToConfirmation")).toMatchObject({ enabled: true, threshold: 36, runLength: 3, unit: "hours" });
    expect(data.metrics.find((m) => m.name === "exceptionRate")).toMatchObject({ enabled: false, unit: "percent" });
    expect(data.recipientEmail).toBe("ops@x.example");
  });

  it("lists an alert with its chart series and notice state, and the home card counts it", async () => {
    await db.metricDay.createMany({
      data: ["2026-03-01", "2026-03-02", "2026-03-04"].map((day, i) => ({
        shop: TEST_SHOP,
        day,
        metric: "cancellationRate",
        dimension: "channel",
        segment: "pos",
        n: 40,
        numerator: i,
        value: i / 40,
      })),
    });
    const alert = await db.metricAlert.create({
      data: {
        shop: TEST_SHOP,
        metric: "cancellationRate",
        dimension: "channel",
        segment: "pos",
        rule: "control_limit",
        openKey: `${TEST_SHOP}|cancellationRate|channel|pos|control_limit`,
        openedAt: new Date("2026-03-05T06:00:00Z"),
        day: "2026-03-04",
        value: 0.05,
        limit: 0.04,
        center: 0.01,
        days: '["2026-03-04"]',
        message: "Cancellation rate for channel pos was 5.0% on 2026-03-04, above its control limit of 4.0% (usually 1.0%).",
        lastDay: "2026-03-04",
      },
    });
    await db.mutationIntent.create({ data: { shop: TEST_SHOP, key: `alert:${alert.id}:email`, kind: "email", status: "done", request: "{}" } });
    const data = (await (await route("app.alerts")).loader({ request: await get("/app/alerts"), params: {}, context: {} })) as {
      alerts: { id: string; segment: string; notice: { email: string; flow: string }; points: { day: string; value: number | null }[] }[];
    };
    const listed = data.alerts.find((a) => a.id === alert.id)!;
    expect(listed.segment).toBe("channel pos");
    expect(listed.notice).toMatchObject({ email: "sent", flow: "not yet" });
    expect(listed.points).toHaveLength(35);
    expect(listed.points.slice(-4)).toEqual([
      { day: "2026-03-01", value: 0 },
      { day: "2026-03-02", value: 1 / 40 },
      { day: "2026-03-03", value: null },
      { day: "2026-03-04", value: 2 / 40 },
    ]);
    const { openAlertsCard } = await import("../../app/models/alerts.server");
    expect(await openAlertsCard(db, TEST_SHOP)).toEqual({
      total: 1,
      alerts: [
        { id: alert.id, message: expect.stringContaining("Cancellation rate for channel pos"), openedAt: "2026-03-05T06:00:00.000Z", rule: "control_limit" },
      ],
    });
    expect(await openAlertsCard(db, "other-shop.myshopify.com")).toEqual({ total: 0, alerts: [] });
  });
});

describe("weekly review page", () => {
  it("opens a past week, saves a note and refuses an incomplete one", async () => {
    const page = await route("app.review");
    const note = {
      week: "2026-W10",
      groupBy: "cause",
      groupKey: "carrier",
      whatHappened: "Parcels stalled",
      why: "Depot strike",
      prevention: "Prefer the other carrier",
      linkTarget: "routing",
    };
    expect(await page.action({ request: await post("/app/review", note), params: {}, context: {} })).toEqual({ ok: true, message: "Review note saved." });
    expect(await page.action({ request: await post("/app/review", { ...note, why: "" }), params: {}, context: {} })).toEqual({
      ok: false,
      message: "Say why it happened.",
    });
    const data = (await page.loader({ request: await get("/app/review?week=2026-W10"), params: {}, context: {} })) as {
      week: string;
      previous: string;
      next: string | null;
      range: object;
    };
    expect(data).toMatchObject({ week: "2026-W10", previous: "2026-W09", next: "2026-W11", range: { fromDay: "2026-03-02", toDay: "2026-03-08" } });
    const current = (await page.loader({ request: await get("/app/review?week=2999-W01"), params: {}, context: {} })) as { week: string; next: string | null };
    expect(current.next).toBeNull();
    expect(await db.reviewNote.count({ where: { shop: TEST_SHOP, week: "2026-W10" } })).toBe(1);
  });
});
