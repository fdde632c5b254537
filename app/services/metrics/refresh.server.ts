/**
 * Keeps the metrics current: rebuilds the facts of the purchase orders whose records changed since
 * the shop's watermark, and re-rolls only the days those facts (and new WISMO contacts, and
 * promises that fell due since the last run) belong to. Safe to run twice: a fact or a day row is
 * replaced, never added to.
 */
import type { PrismaClient } from "@prisma/client";
import { buildFacts, dayOf, nextDay, rollupDay } from "~/domain/metrics";
import { instantAt } from "~/domain/promise";
import { changedPurchaseOrders, loadFactSources, purchaseOrdersPlacedBetween } from "~/models/metrics-sources.server";
import { contactInstantsRecordedSince, contactsBetween } from "~/models/metrics-wismo.server";
import { allFactDays, daysWithPromisesDue, factsOfDay, metricsState, replaceFacts, replaceMetricDay, saveMetricsState } from "~/models/metrics.server";
import { loadRoutingPolicy } from "~/models/routing.server";
import type { JobServices } from "~/services/deps";

type MetricsServices = Pick<JobServices, "db" | "now">;

/** Rows are re-read this far behind the watermark: a transaction that committed late with an older updatedAt is not missed. */
export const WATERMARK_OVERLAP_MS = 2 * 60_000;
const BATCH = 200;

export interface RefreshOutcome {
  readonly purchaseOrders: number;
  readonly facts: number;
  readonly days: readonly string[];
}

/** The shop's zone: metric days are its calendar days (the routing policy's zone). */
export async function shopTimeZone(db: PrismaClient, shop: string): Promise<string> {
  return (await loadRoutingPolicy(db, shop)).timeZone;
}

/** Rebuilds the facts of these purchase orders; returns the days touched and the facts written. */
export async function rebuildFacts(db: PrismaClient, shop: string, poIds: readonly string[], timeZone: string): Promise<{ days: Set<string>; facts: number }> {
  const days = new Set<string>();
  let facts = 0;
  for (let i = 0; i < poIds.length; i += BATCH) {
    const batch = poIds.slice(i, i + BATCH);
    const built = (await loadFactSources(db, shop, batch, timeZone)).flatMap(buildFacts);
    for (const day of await replaceFacts(db, shop, batch, built)) days.add(day);
    facts += built.length;
  }
  return { days, facts };
}

/** Rolls one day up from its facts and its WISMO contacts, replacing its MetricDay rows. */
export async function rerollDay(services: MetricsServices, shop: string, day: string, timeZone: string): Promise<void> {
  const from = new Date(instantAt(day, 0, timeZone));
  const to = new Date(instantAt(nextDay(day), 0, timeZone));
  const [records, contacts] = await Promise.all([factsOfDay(services.db, shop, day), contactsBetween(services.db, shop, from, to)]);
  await replaceMetricDay(services.db, shop, day, rollupDay(day, records, contacts, { nowMs: services.now().getTime() }));
}

/**
 * The incremental refresh (every 15 minutes, and from the demo seeder). `full` rebuilds every fact
 * and day of the shop (after a change of definition, or to repair).
 */
export async function refreshMetrics(services: MetricsServices, shop: string, options: { full?: boolean } = {}): Promise<RefreshOutcome> {
  const { db } = services;
  const now = services.now();
  const state = await metricsState(db, shop);
  const timeZone = await shopTimeZone(db, shop);
  const since = options.full || !state.watermark ? null : new Date(state.watermark.getTime() - WATERMARK_OVERLAP_MS);
  const changed = await changedPurchaseOrders(db, shop, since);
  const { days, facts } = await rebuildFacts(db, shop, [...changed.ids], timeZone);
  for (const contact of await contactInstantsRecordedSince(db, shop, since)) days.add(dayOf(contact.contactedAt.getTime(), timeZone));
  if (state.lastRunAt && !options.full) for (const day of await daysWithPromisesDue(db, shop, state.lastRunAt, now)) days.add(day);
  if (options.full) for (const day of await allFactDays(db, shop)) days.add(day);
  const sorted = [...days].sort();
  for (const day of sorted) await rerollDay(services, shop, day, timeZone);
  await saveMetricsState(db, shop, { watermark: changed.newest ?? state.watermark, lastRunAt: now });
  return { purchaseOrders: changed.ids.size, facts, days: sorted };
}

/**
 * The nightly pass: yesterday (in the shop's zone) rebuilt in full from its orders' records and
 * re-rolled, whatever the watermark saw — the day's numbers are then final.
 */
export async function nightlyMetrics(services: MetricsServices, shop: string): Promise<{ day: string; facts: number } | null> {
  const { db } = services;
  const timeZone = await shopTimeZone(db, shop);
  const today = dayOf(services.now().getTime(), timeZone);
  const state = await metricsState(db, shop);
  const yesterday = new Date(instantAt(today, 0, timeZone) - 1);
  const day = dayOf(yesterday.getTime(), timeZone);
  if (state.lastFullDay === day) return null;
  const poIds = await purchaseOrdersPlacedBetween(db, shop, new Date(instantAt(day, 0, timeZone)), new Date(instantAt(today, 0, timeZone)));
  const { facts } = await rebuildFacts(db, shop, poIds, timeZone);
  await rerollDay(services, shop, day, timeZone);
  await saveMetricsState(db, shop, { lastFullDay: day });
  return { day, facts };
}
