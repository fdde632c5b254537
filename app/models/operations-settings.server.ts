/** A shop's escalation timings (EscalationSettings) and exception thresholds (TrackingSettings), every query scoped by shop. */
import type { PrismaClient } from "@prisma/client";
import { z } from "zod";
import { DEFAULT_OPERATIONS_SETTINGS, EscalationTimingsSchema, type OperationsSettings } from "~/domain/escalation";
import { trackingSettings } from "./shipments.server";

const StoredTimings = EscalationTimingsSchema;
type StoredTimings = z.infer<typeof StoredTimings>;

/** The shop's ladder timings, or null when it uses the defaults (or the stored row no longer parses). */
export async function loadEscalationTimings(db: PrismaClient, shop: string): Promise<StoredTimings | null> {
  const row = await db.escalationSettings.findUnique({ where: { shop } });
  if (!row) return null;
  const parsed = StoredTimings.safeParse(JSON.parse(row.timings));
  return parsed.success ? parsed.data : null;
}

/** Everything the settings page shows. */
export async function loadOperationsSettings(db: PrismaClient, shop: string): Promise<OperationsSettings> {
  const timings = (await loadEscalationTimings(db, shop)) ?? DEFAULT_OPERATIONS_SETTINGS;
  const t = await trackingSettings(db, shop);
  return {
    acknowledgement: timings.acknowledgement,
    stockout: timings.stockout,
    exceptions: {
      labelWithoutPickupBusinessDays: t.labelWithoutPickupBusinessDays,
      noMovementDays: t.noMovementDays,
      noTrackingGraceHours: t.noTrackingGraceHours,
      pastPromiseGraceDays: t.pastPromiseGraceDays,
      splitConfusionDays: t.splitConfusionDays,
    },
  };
}

/** Saves validated settings (both tables in one transaction). */
export async function saveOperationsSettings(db: PrismaClient, shop: string, settings: OperationsSettings): Promise<void> {
  await trackingSettings(db, shop);
  const timings = JSON.stringify({ acknowledgement: settings.acknowledgement, stockout: settings.stockout });
  await db.$transaction([
    db.escalationSettings.upsert({ where: { shop }, create: { shop, timings }, update: { timings } }),
    db.trackingSettings.update({ where: { shop }, data: settings.exceptions }),
  ]);
}
