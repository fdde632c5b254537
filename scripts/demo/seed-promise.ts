/**
 * Demo delivery promise (issue #6): carrier holidays for the shop, then one publish so every demo
 * variant carries `$app.promise` data in the fake (what the checkout extension reads) and the
 * Delivery promise page has something to show.
 */
import type { AppServices } from "../../app/services.server";
import { DEMO_SHOP } from "../../prisma/seed/demo-catalog";
import { PROMISE_PUBLISH_JOB } from "../../app/services/queue/promise";
import { publishPromises, type PublishReport } from "../../app/services/promise/publish.server";

/** Carrier non-delivery days for every destination around the demo's dates. */
export const DEMO_CARRIER_HOLIDAYS = ["2026-12-25", "2027-01-01"];

/** Carrier non-delivery days of one destination country only (the promise page's per-country field). */
export const DEMO_COUNTRY_CARRIER_HOLIDAYS: Readonly<Record<string, readonly string[]>> = {
  US: ["2026-11-26", "2027-05-31", "2027-07-05", "2027-09-06", "2027-11-25", "2027-12-24"],
  FR: ["2027-04-05", "2027-05-01", "2027-05-08", "2027-07-14", "2027-08-15", "2027-11-01", "2027-11-11"],
};

export async function seedDemoPromise(services: AppServices, options: { now?: Date } = {}): Promise<PublishReport> {
  const shop = DEMO_SHOP.domain;
  const { db } = services;
  const client = await services.adminFor(shop);
  const now = () => options.now ?? new Date();
  const carrierHolidays = JSON.stringify(DEMO_CARRIER_HOLIDAYS);
  const carrierHolidaysByCountry = JSON.stringify(DEMO_COUNTRY_CARRIER_HOLIDAYS);
  await db.promiseSettings.upsert({
    where: { shop },
    create: { shop, carrierHolidays, carrierHolidaysByCountry },
    update: { carrierHolidays, carrierHolidaysByCountry },
  });
  const report = await publishPromises({ db, client, now }, shop);
  // Seeding suppliers and offers queued debounced republishes; everything was just published.
  // Deleted, not cancelled, so their dedupe keys do not swallow a merchant's first change.
  await db.job.deleteMany({ where: { shop, kind: PROMISE_PUBLISH_JOB, status: "queued" } });
  return report;
}
