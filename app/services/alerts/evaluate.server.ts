/**
 * Evaluates a shop's alerts: builds each metric's daily series per segment from the MetricDay
 * rollup (through yesterday in the shop's zone), asks app/domain/alerts for the plan, applies it,
 * and schedules the notice (email + Flow trigger) of every alert not yet notified.
 */
import {
  alertLabel,
  BASELINE_DAYS,
  DEFAULT_WINDOW,
  isAlertDimension,
  isMetricName,
  MIN_SEGMENT_VOLUME,
  planAlerts,
  seriesFromRows,
  type SegmentSeries,
} from "~/domain/alerts";
import { dayOf } from "~/domain/metrics";
import { addDays } from "~/domain/promise";
import {
  alertsAwaitingNotice,
  closeAlert,
  listOpenAlerts,
  loadAlertSettings,
  metricDayRows,
  openAlert,
  touchAlert,
  type MetricDayPoint,
} from "~/models/alerts.server";
import { loadRoutingPolicy } from "~/models/routing.server";
import { listSuppliers } from "~/models/suppliers.server";
import type { JobServices } from "~/services/deps";
import { alertNotifyJob } from "~/services/queue/alerts";
import type { JobWork } from "~/services/queue/job-queue";

export interface AlertEvaluation {
  readonly throughDay: string;
  readonly opened: readonly string[];
  readonly kept: number;
  readonly closed: number;
}

/** The days an evaluation reads: the baseline and the recent window, ending yesterday in the shop's zone. */
export function evaluationDays(now: Date, timeZone: string): { fromDay: string; toDay: string } {
  const toDay = addDays(dayOf(now.getTime(), timeZone), -1);
  return { fromDay: addDays(toDay, -(BASELINE_DAYS + DEFAULT_WINDOW.recentDays - 1)), toDay };
}

/** Each (metric, dimension, segment) series in the rows, with enough volume to judge. */
export function segmentsFromRows(rows: readonly MetricDayPoint[], fromDay: string, toDay: string, names: ReadonlyMap<string, string>): SegmentSeries[] {
  const groups = new Map<string, MetricDayPoint[]>();
  for (const row of rows) {
    if (!isMetricName(row.metric) || !isAlertDimension(row.dimension)) continue;
    const key = `${row.metric}|${row.dimension}|${row.segment}`;
    const list = groups.get(key) ?? [];
    list.push(row);
    groups.set(key, list);
  }
  const segments: SegmentSeries[] = [];
  for (const list of groups.values()) {
    const { metric, dimension, segment } = list[0] as MetricDayPoint;
    if (!isMetricName(metric) || !isAlertDimension(dimension)) continue;
    const volume = list.reduce((sum, r) => sum + (r.value === null ? 0 : r.n), 0);
    if (volume < MIN_SEGMENT_VOLUME[dimension]) continue;
    const name = dimension === "supplierId" ? (names.get(segment) ?? segment) : segment;
    segments.push({ metric, dimension, segment, label: alertLabel(metric, dimension, name), series: seriesFromRows(list, fromDay, toDay) });
  }
  return segments;
}

/** Opens, keeps and closes the shop's alerts for the newest complete day; enqueues pending notices. */
export async function evaluateShopAlerts(s: JobServices, shop: string): Promise<AlertEvaluation> {
  const now = s.now();
  const { timeZone } = await loadRoutingPolicy(s.db, shop);
  const { fromDay, toDay } = evaluationDays(now, timeZone);
  const [settings, rows, suppliers, open] = await Promise.all([
    loadAlertSettings(s.db, shop),
    metricDayRows(s.db, shop, fromDay, toDay, MIN_SEGMENT_VOLUME.sku),
    listSuppliers(s.db, shop),
    listOpenAlerts(s.db, shop),
  ]);
  const segments = segmentsFromRows(rows, fromDay, toDay, new Map(suppliers.map((x) => [x.id, x.name])));
  const plan = planAlerts(segments, open, settings.thresholds);
  for (const { alert, reason } of plan.close) await closeAlert(s.db, shop, alert.id, reason, now);
  for (const { alert, lastDay, lastValue } of plan.keep) await touchAlert(s.db, shop, alert.id, lastDay, lastValue);
  const opened: string[] = [];
  for (const alert of plan.open) {
    const row = await openAlert(s.db, shop, alert, now);
    if (row) opened.push(row.id);
  }
  // Every alert not yet notified, not only the new ones: a notice lost to a crash between the
  // insert above and this enqueue is scheduled by the next evaluation.
  for (const alert of await alertsAwaitingNotice(s.db, shop)) await s.queue.enqueue(alertNotifyJob(shop, alert.id, now));
  return { throughDay: toDay, opened, kept: plan.keep.length, closed: plan.close.length };
}

export function alertEvaluateWork(s: JobServices): JobWork {
  return {
    perform: async (job) => {
      await evaluateShopAlerts(s, job.shop);
    },
  };
}
