/**
 * A server render of the alert and review building blocks inside Polaris and a data router (they
 * use Remix's Link and Form), so a Polaris or router misuse fails here, not in a merchant's browser.
 */
import { AppProvider } from "@shopify/polaris";
import en from "@shopify/polaris/locales/en.json";
import { createElement as h, type ReactElement } from "react";
import { renderToString } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { describe, expect, it } from "vitest";
import { AlertChart } from "./AlertChart";
import { OpenAlertsCard } from "./OpenAlertsCard";
import { ReviewGroupCard } from "./ReviewGroupCard";

async function render(element: ReactElement): Promise<string> {
  const routes = [{ path: "/app/*", element: h(AppProvider, { i18n: en }, element) }];
  const context = await createStaticHandler(routes).query(new Request("http://localhost/app"));
  if (context instanceof Response) throw new Error("unexpected redirect");
  return renderToString(h(StaticRouterProvider, { router: createStaticRouter(routes, context), context }));
}
const text = (html: string): string =>
  html
    .replace(/<!-- -->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, " ");

describe("alert and review components", () => {
  it("the open-alerts card lists the newest alerts and links to all of them", async () => {
    const html = await render(
      h(OpenAlertsCard, {
        data: {
          total: 3,
          alerts: [
            { id: "a1", message: "Cancellation rate for channel pos was 5.0% on 2026-03-04.", openedAt: "2026-03-05T06:00:00.000Z", rule: "control_limit" },
          ],
        },
      }),
    );
    expect(text(html)).toContain("Open alerts Critical 3");
    expect(text(html)).toContain("Beyond control limit since 2026-03-05 Cancellation rate for channel pos was 5.0% on 2026-03-04.");
    expect(html).toContain('href="/app/alerts"');
    expect(text(html)).toContain("All 3 open alerts and thresholds");
    expect(text(await render(h(OpenAlertsCard, { data: { total: 0, alerts: [] } })))).toContain("Every metric is in control.");
  });

  it("the chart draws the limit, the centre and the signal days, skipping days without orders", () => {
    const html = renderToString(
      h(AlertChart, {
        points: [
          { day: "2026-03-01", value: 0.01 },
          { day: "2026-03-02", value: null },
          { day: "2026-03-03", value: 0.02 },
          { day: "2026-03-04", value: 0.3 },
        ],
        limit: 0.08,
        center: 0.02,
        signalDays: ["2026-03-04"],
        label: (v) => `${(v * 100).toFixed(1)}%`,
        title: "Cancellation rate, channel pos",
      }),
    );
    expect(html).toContain("8.0%");
    expect(html).toContain("2.0%");
    // Two line segments: the gap on 2 March breaks the line.
    expect((html.match(/d="([^"]+)"/)?.[1] ?? "").match(/M/g)).toHaveLength(2);
    expect(html.match(/r="3.5"/g)).toHaveLength(1);
  });

  it("a review group shows its exceptions, links and the saved note", async () => {
    const html = await render(
      h(ReviewGroupCard, {
        week: "2026-W10",
        busy: false,
        group: {
          groupBy: "supplier",
          groupKey: "sup-1",
          title: "Bolt",
          count: 2,
          open: 1,
          causes: "Carrier 1 · Address 1",
          items: [{ id: "c1", label: "#1003 lost (open)", open: true }],
          links: [{ to: "/app/suppliers/sup-1", label: "Supplier" }],
          defaultTarget: "supplier",
          note: {
            whatHappened: "Stalled",
            why: "Depot strike",
            prevention: "Prefer the other carrier",
            linkTarget: "routing",
            updatedAt: "2026-03-09T10:00:00.000Z",
          },
        },
      }),
    );
    expect(text(html)).toContain("Bolt 2 exceptions Attention 1 still open Success Reviewed");
    expect(html).toContain('href="/app/suppliers/sup-1"');
    expect(html).toContain('name="groupKey" value="sup-1"');
    expect(html).toContain("Depot strike");
    expect(text(html)).toContain("Update note");
  });
});
