/**
 * Metric alerts and their settings: the open/keep/close plan of app/domain/alerts applied to the
 * MetricAlert table, the merchant's thresholds, and the MetricDay rows the evaluation reads.
 */
import { Prisma, type MetricAlert, type PrismaClient } from "@prisma/client";
import { alertKeyOf, readThresholds, type AlertRule, type AlertThresholds, type NewAlert } from "~/domain/alerts";

export interface AlertRecord extends Omit<MetricAlert, "days" | "rule" | "status"> {
  readonly rule: AlertRule;
  readonly status: "open" | "closed";
  readonly days: string[];
}

const toAlert = (row: MetricAlert): AlertRecord => ({
  ...row,
  rule: row.rule as AlertRule,
  status: row.status as "open" | "closed",
  days: JSON.parse(row.days) as string[],
});

export interface AlertSettingsRecord {
  readonly thresholds: AlertThresholds;
  readonly recipientEmail: string | null;
}

export async function loadAlertSettings(db: PrismaClient, shop: string): Promise<AlertSettingsRecord> {
  const row = await db.alertSettings.findUnique({ where: { shop } });
  return { thresholds: readThresholds(row?.thresholds), recipientEmail: row?.recipientEmail ?? null };
}

/** Saves thresholds already validated by the form schema. */
export async function saveAlertSettings(db: PrismaClient, shop: string, settings: AlertSettingsRecord): Promise<void> {
  const data = { thresholds: JSON.stringify(settings.thresholds), recipientEmail: settings.recipientEmail };
  await db.alertSettings.upsert({ where: { shop }, create: { shop, ...data }, update: data });
}

export interface MetricDayPoint {
  readonly metric: string;
  readonly dimension: string;
  readonly segment: string;
  readonly day: string;
  readonly n: number;
  readonly value: number | null;
}

const POINT = { metric: true, dimension: true, segment: true, day: true, n: true, value: true } as const;

/**
 * Every metric's day rows of a shop between two days (inclusive). SKU rows only for SKUs with at
 * least `minSkuVolume` measured over the days (summed in SQL), so a catalogue of thousands of slow
 * SKUs is not read to be discarded.
 */
export async function metricDayRows(db: PrismaClient, shop: string, fromDay: string, toDay: string, minSkuVolume: number): Promise<MetricDayPoint[]> {
  const day = { gte: fromDay, lte: toDay };
  const [rows, busy] = await Promise.all([
    db.metricDay.findMany({ where: { shop, day, dimension: { not: "sku" } }, select: POINT, orderBy: { day: "asc" } }),
    db.metricDay.groupBy({
      by: ["metric", "segment"],
      where: { shop, day, dimension: "sku", value: { not: null } },
      _sum: { n: true },
      having: { n: { _sum: { gte: minSkuVolume } } },
    }),
  ]);
  const skuRows: MetricDayPoint[] = [];
  for (const metric of new Set(busy.map((b) => b.metric))) {
    const segments = busy.filter((b) => b.metric === metric).map((b) => b.segment);
    // SQLite caps bound parameters; a few hundred SKUs per query stays far below it.
    for (let i = 0; i < segments.length; i += 500) {
      skuRows.push(
        ...(await db.metricDay.findMany({
          where: { shop, day, metric, dimension: "sku", segment: { in: segments.slice(i, i + 500) } },
          select: POINT,
          orderBy: { day: "asc" },
        })),
      );
    }
  }
  return [...rows, ...skuRows];
}

export async function listOpenAlerts(db: PrismaClient, shop: string): Promise<AlertRecord[]> {
  const rows = await db.metricAlert.findMany({ where: { shop, status: "open" }, orderBy: { openedAt: "desc" } });
  return rows.map(toAlert);
}

/** The newest alerts of a shop (open and closed), newest first. */
export async function listAlerts(db: PrismaClient, shop: string, take = 100): Promise<AlertRecord[]> {
  const rows = await db.metricAlert.findMany({ where: { shop }, orderBy: [{ openedAt: "desc" }, { id: "asc" }], take });
  return rows.map(toAlert);
}

export async function getAlert(db: PrismaClient, shop: string, id: string): Promise<AlertRecord | null> {
  const row = await db.metricAlert.findFirst({ where: { shop, id } });
  return row ? toAlert(row) : null;
}

/** Opens an alert; null when one is already open for the same key (a concurrent evaluation won). */
export async function openAlert(db: PrismaClient, shop: string, alert: NewAlert, at: Date): Promise<AlertRecord | null> {
  try {
    const row = await db.metricAlert.create({
      data: {
        shop,
        metric: alert.metric,
        dimension: alert.dimension,
        segment: alert.segment,
        rule: alert.rule,
        openKey: alertKeyOf(shop, alert),
        openedAt: at,
        day: alert.day,
        value: alert.value,
        limit: alert.limit,
        center: alert.center,
        days: JSON.stringify(alert.days),
        message: alert.message,
        lastDay: alert.day,
        lastValue: alert.value,
      },
    });
    return toAlert(row);
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return null;
    throw error;
  }
}

/** Records the newest day seen while the alert stays open (nothing is sent again). */
export async function touchAlert(db: PrismaClient, shop: string, id: string, lastDay: string, lastValue: number): Promise<void> {
  await db.metricAlert.updateMany({ where: { shop, id, status: "open" }, data: { lastDay, lastValue } });
}

export async function closeAlert(db: PrismaClient, shop: string, id: string, reason: string, at: Date): Promise<void> {
  await db.metricAlert.updateMany({ where: { shop, id, status: "open" }, data: { status: "closed", openKey: null, closedAt: at, closedReason: reason } });
}

/** Alerts whose email and Flow trigger have not both been handled yet. */
export async function alertsAwaitingNotice(db: PrismaClient, shop: string): Promise<AlertRecord[]> {
  const rows = await db.metricAlert.findMany({ where: { shop, notifiedAt: null }, orderBy: { openedAt: "asc" }, take: 100 });
  return rows.map(toAlert);
}

export async function markAlertNotified(db: PrismaClient, shop: string, id: string, at: Date): Promise<void> {
  await db.metricAlert.updateMany({ where: { shop, id, notifiedAt: null }, data: { notifiedAt: at } });
}

/** What the home page's card shows: the newest open alerts and how many are open in all. */
export async function openAlertsSummary(db: PrismaClient, shop: string, take = 5): Promise<{ total: number; alerts: AlertRecord[] }> {
  const [total, rows] = await Promise.all([
    db.metricAlert.count({ where: { shop, status: "open" } }),
    db.metricAlert.findMany({ where: { shop, status: "open" }, orderBy: { openedAt: "desc" }, take }),
  ]);
  return { total, alerts: rows.map(toAlert) };
}

/** One segment's day rows of one metric between two days (the alert's chart). */
export async function segmentDayRows(
  db: PrismaClient,
  shop: string,
  key: { metric: string; dimension: string; segment: string },
  fromDay: string,
  toDay: string,
): Promise<{ day: string; n: number; value: number | null }[]> {
  return db.metricDay.findMany({
    where: { shop, metric: key.metric, dimension: key.dimension, segment: key.segment, day: { gte: fromDay, lte: toDay } },
    select: { day: true, n: true, value: true },
    orderBy: { day: "asc" },
  });
}

export type NoticeState = "sent" | "pending" | "refused" | "not yet";

/** How each alert's email and Flow trigger went (from their exactly-once intents). */
export async function noticeStates(
  db: PrismaClient,
  shop: string,
  alertIds: readonly string[],
): Promise<Map<string, { email: NoticeState; flow: NoticeState; error: string | null }>> {
  const keys = alertIds.flatMap((id) => [`alert:${id}:email`, `alert:${id}:flow`]);
  const intents = keys.length ? await db.mutationIntent.findMany({ where: { shop, key: { in: keys } }, select: { key: true, status: true, error: true } }) : [];
  const byKey = new Map(intents.map((i) => [i.key, i]));
  const state = (key: string): NoticeState => {
    const status = byKey.get(key)?.status;
    return status === "done" ? "sent" : status === "failed" ? "refused" : status === "pending" ? "pending" : "not yet";
  };
  return new Map(
    alertIds.map((id) => [
      id,
      {
        email: state(`alert:${id}:email`),
        flow: state(`alert:${id}:flow`),
        error: byKey.get(`alert:${id}:email`)?.error ?? byKey.get(`alert:${id}:flow`)?.error ?? null,
      },
    ]),
  );
}

/** What the home page's OpenAlertsCard takes (serialisable). */
export interface OpenAlertsCardData {
  readonly total: number;
  readonly alerts: readonly { readonly id: string; readonly message: string; readonly openedAt: string; readonly rule: AlertRule }[];
}

/** The home page's open-alerts card data: the newest open alerts and the total. */
export async function openAlertsCard(db: PrismaClient, shop: string, take = 5): Promise<OpenAlertsCardData> {
  const { total, alerts } = await openAlertsSummary(db, shop, take);
  return { total, alerts: alerts.map((a) => ({ id: a.id, message: a.message, openedAt: a.openedAt.toISOString(), rule: a.rule })) };
}
