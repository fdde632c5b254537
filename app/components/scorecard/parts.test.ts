/** Server renders of the scorecard blocks (a Polaris misuse fails here, not in a merchant's or supplier's browser). */
import { AppProvider } from "@shopify/polaris";
import en from "@shopify/polaris/locales/en.json";
import { createElement as h, type ReactElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { GradeBadge, GradeHeader, MeasuresTable, TrendText, WorstSkusTable } from "./ScorecardParts";

const render = (element: ReactElement): string =>
  renderToString(h(AppProvider, { i18n: en }, element))
    .replace(/<!-- -->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ");

const MEASURES = [
  { name: "shipmentTime", label: "Shipment time", score: 61.11, shareText: "55.6% on time (9 lines)", counted: 9, against: 4, weight: 70 },
  { name: "shareShipped", label: "Share shipped", score: 87.5, shareText: "87.5% shipped (8 lines)", counted: 8, against: 1, weight: 20 },
  { name: "shareCancelled", label: "Share cancelled", score: null, shareText: "no data yet", counted: 0, against: 0, weight: 10 },
];

describe("scorecard blocks", () => {
  it("show the grade with its letter, or say there is not enough history", () => {
    expect(render(h(GradeBadge, { grade: 84.25, letter: "B" }))).toContain("B · 84.3");
    expect(render(h(GradeBadge, { grade: null, letter: null }))).toContain("Not enough history");
  });

  it("show the trend in words", () => {
    expect(render(h(TrendText, { direction: "down", delta: -6.5, previousGrade: 90 }))).toContain("Down 6.5 points from 90.0");
    expect(render(h(TrendText, { direction: "new", delta: null, previousGrade: null }))).toContain("No previous period to compare");
  });

  it("list each measure with its score, basis and weight, and the grade header explains the measures", () => {
    const html = render(h(MeasuresTable, { measures: MEASURES }));
    expect(html).toMatch(/Shipment time 61\.1 55\.6% on time \(9 lines\) 70%/);
    expect(html).toMatch(/Share cancelled — no data yet 10%/);
    const header = render(
      h(GradeHeader, { grade: 68.1, letter: "D", counted: 9, lateToleranceDays: 3, trend: { direction: "flat", delta: 0.2, previousGrade: 67.9 } }),
    );
    expect(header).toContain("From 9 order lines");
    expect(header).toContain("falling to none at 3 days late");
  });

  it("list the worst SKUs, or say none qualifies", () => {
    expect(render(h(WorstSkusTable, { skus: [{ sku: "LAMP", lines: 6, late: 4, cancelled: 2, problemShare: 1 }], minLines: 3 }))).toMatch(/LAMP 6 4 2 100%/);
    expect(render(h(WorstSkusTable, { skus: [], minLines: 3 }))).toContain("No SKU with 3 or more lines");
  });
});
