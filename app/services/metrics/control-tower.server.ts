/**
 * The home page as a control tower: what needs a person now, late purchase orders, open
 * exceptions, and this week's on-time ship rate and p90 order-to-ship against the week before
 * (from the MetricDay rollups; "this week" = the last 7 days of the shop's calendar, today included).
 */
import type { PrismaClient } from "@prisma/client";
import { nextDay, summarizePeriod, type PeriodSummary } from "~/domain/metrics";
import { addDays, instantAt } from "~/domain/promise";
import { latePurchaseOrders, needsPerson, openExceptions, ordersPlacedBetween } from "~/models/metrics-home.server";
import { metricDays } from "~/models/metrics.server";
import { shopTimeZone } from "./refresh.server";
import { today } from "./dashboard.server";

export interface WeekComparison {
  readonly thisWeek: PeriodSummary;
  readonly lastWeek: PeriodSummary;
}

async function weekOverWeek(db: PrismaClient, shop: string, day: string) {
  const rows = await metricDays(db, shop, { metrics: ["onTimeShipRate", "orderToShip"], dimension: "all", fromDay: addDays(day, -13), toDay: day });
  const thisWeekFrom = addDays(day, -6);
  const week = (metric: string, current: boolean) => rows.filter((r) => r.metric === metric && r.day >= thisWeekFrom === current);
  const compare = (metric: "onTimeShipRate" | "orderToShip"): WeekComparison => ({
    thisWeek: summarizePeriod(metric, week(metric, true)),
    lastWeek: summarizePeriod(metric, week(metric, false)),
  });
  return { onTime: compare("onTimeShipRate"), orderToShip: compare("orderToShip"), from: thisWeekFrom, to: day };
}

/** Everything the home page shows. */
export async function controlTower(db: PrismaClient, shop: string, now: Date) {
  const timeZone = await shopTimeZone(db, shop);
  const day = today(now, timeZone);
  const [people, late, exceptions, week, ordersToday] = await Promise.all([
    needsPerson(db, shop),
    latePurchaseOrders(db, shop, now),
    openExceptions(db, shop),
    weekOverWeek(db, shop, day),
    ordersPlacedBetween(db, shop, new Date(instantAt(day, 0, timeZone)), new Date(instantAt(nextDay(day), 0, timeZone))),
  ]);
  return { timeZone, day, people, late, exceptions, week, ordersToday };
}
