/** The merchant saves the carrier holidays (dates carriers do not deliver) and the promise confidence. */
import type { PrismaClient } from "@prisma/client";
import { saveCarrierHolidays, saveCarrierHolidaysByCountry, savePromiseConfidence } from "~/models/promise.server";
import type { ConfidencePercent } from "~/models/promise-form";
import { enqueuePromisePublish } from "~/services/queue/promise";

/**
 * Stores validated carrier holidays (for every destination, and, when given, per destination
 * country) and asks for the shop calendar to be republished.
 */
export async function updateCarrierHolidays(
  db: PrismaClient,
  shop: string,
  dates: readonly string[],
  byCountry?: Readonly<Record<string, readonly string[]>>,
): Promise<void> {
  await saveCarrierHolidays(db, shop, dates);
  if (byCountry) await saveCarrierHolidaysByCountry(db, shop, byCountry);
  await enqueuePromisePublish(db, shop, "carrier holidays saved");
}

/** Saves the merchant's confidence and republishes: checkout's windows follow within a minute. */
export async function updatePromiseConfidence(db: PrismaClient, shop: string, percent: ConfidencePercent): Promise<void> {
  await savePromiseConfidence(db, shop, percent);
  await enqueuePromisePublish(db, shop, "promise confidence changed");
}
