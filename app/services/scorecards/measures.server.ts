/**
 * The loop closes: each supplier's measured performance over the scorecard window — the same line
 * classification its scorecard shows — written onto Supplier, where routing's reliability factor
 * reads it (shrunk toward neutral while the sample is thin, app/domain/routing/performance.ts).
 */
import { measuredPerformance, supplierScorecards, type MeasuredPerformance } from "~/domain/scorecard";
import { loadScorecardSettings, scorecardLines, writeSupplierScorecard } from "~/models/scorecards.server";
import { listSuppliers } from "~/models/suppliers.server";
import type { JobServices } from "~/services/deps";
import type { JobWork } from "~/services/queue/job-queue";
import { snapshotOf } from "./scorecards.server";

const DAY_MS = 86_400_000;

/**
 * Computes every supplier's scorecard over the window (and the one before, for the trend) and
 * writes, per supplier, the measured performance routing reads and the scorecard snapshot the
 * scorecards page reads. Returns the measured performance by supplier id.
 */
export async function refreshSupplierMeasures(s: Pick<JobServices, "db" | "now">, shop: string): Promise<Map<string, MeasuredPerformance>> {
  const now = s.now();
  const settings = await loadScorecardSettings(s.db, shop);
  const [suppliers, lines] = await Promise.all([
    listSuppliers(s.db, shop),
    scorecardLines(s.db, shop, new Date(now.getTime() - 2 * settings.windowDays * DAY_MS)),
  ]);
  const cards = supplierScorecards(
    suppliers.map((x) => x.id),
    lines,
    settings,
    now.getTime(),
  );
  const out = new Map<string, MeasuredPerformance>();
  for (const card of cards) {
    // The window's lines, exactly those the scorecard's current period judged.
    const measured = measuredPerformance(
      card.current.verdicts.map((v) => v.line),
      now.getTime(),
    );
    await writeSupplierScorecard(s.db, shop, card.supplierId, { measured, summary: snapshotOf(card, settings), windowDays: settings.windowDays, at: now });
    out.set(card.supplierId, measured);
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
