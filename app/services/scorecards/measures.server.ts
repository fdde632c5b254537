/**
 * The loop closes: each supplier's measured performance over the scorecard window — the same line
 * classification its scorecard shows — written onto Supplier, where routing's reliability factor
 * reads it (shrunk toward neutral while the sample is thin, app/domain/routing/performance.ts).
 */
import { measuredPerformance, type MeasuredPerformance } from "~/domain/scorecard";
import { loadScorecardSettings, scorecardLines, writeSupplierMeasures } from "~/models/scorecards.server";
import { listSuppliers } from "~/models/suppliers.server";
import type { JobServices } from "~/services/deps";
import type { JobWork } from "~/services/queue/job-queue";

const DAY_MS = 86_400_000;

/** Computes and writes every supplier's measures for the shop; returns them by supplier id. */
export async function refreshSupplierMeasures(s: Pick<JobServices, "db" | "now">, shop: string): Promise<Map<string, MeasuredPerformance>> {
  const now = s.now();
  const settings = await loadScorecardSettings(s.db, shop);
  const [suppliers, lines] = await Promise.all([listSuppliers(s.db, shop), scorecardLines(s.db, shop, new Date(now.getTime() - settings.windowDays * DAY_MS))]);
  const bySupplier = new Map<string, typeof lines>();
  for (const line of lines) bySupplier.set(line.supplierId, [...(bySupplier.get(line.supplierId) ?? []), line]);
  const out = new Map<string, MeasuredPerformance>();
  for (const supplier of suppliers) {
    const measured = measuredPerformance(bySupplier.get(supplier.id) ?? [], now.getTime());
    await writeSupplierMeasures(s.db, shop, supplier.id, measured, settings.windowDays, now);
    out.set(supplier.id, measured);
  }
  return out;
}

/** The job's work (its handler in app/jobs/scorecards adds the kind). */
export function supplierMeasuresWork(s: JobServices): JobWork {
  return {
    async perform(job) {
      await refreshSupplierMeasures(s, job.shop);
    },
  };
}
