/**
 * The dashboard's question, read from the URL: a period (the last 7, 30 or 90 days of the shop's
 * calendar, or two dates), the metrics, and the dimension to segment by. Shared by the page and
 * its CSV export, so both answer the same question.
 */
import { z } from "zod";
import { addDays, daysBetween, isIsoDate } from "~/domain/promise";
import { ROLLUP_DIMENSIONS, ROLLUP_METRICS, type RollupDimension, type RollupMetric } from "~/domain/metrics";

export const PERIODS = ["7", "30", "90", "custom"] as const;
const MAX_DAYS = 366;

export interface DashboardQuery {
  readonly period: (typeof PERIODS)[number];
  readonly fromDay: string;
  readonly toDay: string;
  readonly metrics: readonly RollupMetric[];
  readonly dimension: RollupDimension;
}

const Day = z.string().refine(isIsoDate, { error: "Use dates like 2026-11-30." });

const Raw = z.object({
  period: z.enum(PERIODS).default("30"),
  from: Day.optional(),
  to: Day.optional(),
  metrics: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(",").filter(Boolean) : [...ROLLUP_METRICS]))
    .pipe(z.array(z.enum(ROLLUP_METRICS as [RollupMetric, ...RollupMetric[]], { error: "Unknown metric." })).min(1, "Choose at least one metric.")),
  dimension: z.enum(ROLLUP_DIMENSIONS as [RollupDimension, ...RollupDimension[]], { error: "Unknown segment." }).default("all"),
});

/** The query of a dashboard URL, with `today` the shop's current calendar day; an error message when it makes no sense. */
export function parseDashboardQuery(params: URLSearchParams, today: string): { ok: true; query: DashboardQuery } | { ok: false; error: string } {
  const parsed = Raw.safeParse(Object.fromEntries([...params.entries()].filter(([, v]) => v !== "")));
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "Invalid dashboard query." };
  const { period, from, to, metrics, dimension } = parsed.data;
  if (period !== "custom") return { ok: true, query: { period, fromDay: addDays(today, 1 - Number(period)), toDay: today, metrics, dimension } };
  if (!from || !to) return { ok: false, error: "Choose both dates of the period." };
  if (from > to) return { ok: false, error: "The period's first date is after its last." };
  if (daysBetween(from, to) >= MAX_DAYS) return { ok: false, error: `Choose a period of at most ${MAX_DAYS} days.` };
  return { ok: true, query: { period, fromDay: from, toDay: to, metrics, dimension } };
}

/** The URL search of a query (for links and the export). */
export function dashboardSearch(query: DashboardQuery): string {
  const params = new URLSearchParams({ period: query.period, dimension: query.dimension, metrics: query.metrics.join(",") });
  if (query.period === "custom") {
    params.set("from", query.fromDay);
    params.set("to", query.toDay);
  }
  return params.toString();
}
