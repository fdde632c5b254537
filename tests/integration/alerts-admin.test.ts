/**
 * The alerts and weekly review pages, called the way the embedded admin calls them (a session
 * token for a shop whose offline session is stored, so the real `authenticate.admin` runs).
 */
import type { PrismaClient } from "@prisma/client";
import { getJwt } from "@shopify/shopify-api/test-helpers";
import { AppProvider } from "@shopify/polaris";
import en from "@shopify/polaris/locales/en.json";
import { createElement as h, type ComponentType } from "react";
import { renderToString } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { TEST_API_KEY, TEST_API_SECRET, TEST_SHOP, useTestAppEnv } from "../helpers/app-env";

useTestAppEnv();

// The page components read their loader's data through Remix hooks; the test hands them what the
// real loader returned, and renders them on the server inside Polaris and a static data router.
const remix = vi.hoisted(() => ({ data: null as unknown }));
vi.mock("@remix-run/react", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@remix-run/react")>()),
  useLoaderData: () => remix.data,
  useActionData: () => undefined,
  useNavigation: () => ({ state: "idle" }),
}));

async function renderPage(Component: ComponentType, data: unknown): Promise<string> {
  remix.data = data;
  const routes = [{ path: "/app/*", element: h(AppProvider, { i18n: en }, h(Component)) }];
  const context = await createStaticHandler(routes).query(new Request("http://localhost/app"));
  if (context instanceof Response) throw new Error("unexpected redirect");
  const html = renderToString(h(StaticRouterProvider, { router: createStaticRouter(routes, context), context }));
  return html
    .replace(/<!-- -->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, " ");
}

type RouteFn = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>;
let db: PrismaClient;

async function route(file: string): Promise<{ action: RouteFn; loader: RouteFn; default: ComponentType }> {
  return (await import(`../../app/routes/${file}.tsx`)) as { action: RouteFn; loader: RouteFn; default: ComponentType };
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
    const html = await renderPage((await route("app.alerts")).default, data);
    expect(html).toContain("Open (1)");
    expect(html).toContain("Cancellation rate · channel pos");
    expect(html).toContain("Email: sent");
    expect(html).toContain("Save thresholds");
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
    await db.exceptionCase.create({
      data: {
        shop: TEST_SHOP,
        subjectId: "po:x",
        type: "lost",
        orderName: "#1009",
        status: "open",
        openedReason: "Carrier says lost",
        suggestedActions: "[]",
        openedAt: new Date("2026-03-04T12:00:00Z"),
      },
    });
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
    const html = await renderPage(page.default, data);
    expect(html).toContain("2026-W10: 2026-03-02 to 2026-03-08");
    expect(html).toContain("← 2026-W09");
    expect(html).toContain("By cause Carrier 1 exception Attention 1 still open Success Reviewed Routing policy #1009 lost (open)");
    expect(html).toContain("Parcels stalled");
    const current = (await page.loader({ request: await get("/app/review?week=2999-W01"), params: {}, context: {} })) as { week: string; next: string | null };
    expect(current.next).toBeNull();
    expect(await db.reviewNote.count({ where: { shop: TEST_SHOP, week: "2026-W10" } })).toBe(1);
  });
});
