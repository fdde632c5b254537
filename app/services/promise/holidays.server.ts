/** The merchant saves the carrier holidays (dates carriers do not deliver). */
import type { PrismaClient } from "@prisma/client";
import { saveCarrierHolidays } from "~/models/promise.server";
import { enqueuePromisePublish } from "~/services/queue/promise";

/** Stores validated carrier holidays and asks for the shop calendar to be republished. */
export async function updateCarrierHolidays(db: PrismaClient, shop: string, dates: readonly string[]): Promise<void> {
  await saveCarrierHolidays(db, shop, dates);
  await enqueuePromisePublish(db, shop, "carrier holidays saved");
}
