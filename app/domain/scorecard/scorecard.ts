/** A supplier's scorecard: this period, the one before, the trend and the worst SKUs. */
import { periodScore, trendOf, type PeriodScore, type Trend } from "./grade";
import type { ScorecardLine } from "./lines";
import type { ScorecardSettings } from "./settings";
import { worstSkus, type SkuProblem } from "./worst-skus";

const DAY_MS = 86_400_000;

export interface SupplierScorecard {
  readonly supplierId: string;
  readonly current: PeriodScore;
  readonly previous: PeriodScore;
  readonly trend: Trend;
  readonly worstSkus: readonly SkuProblem[];
}

/**
 * The scorecard of one supplier at `nowMs`: the last `windowDays` days of orders (by creation)
 * against the `windowDays` before them. `lines` may hold other suppliers' lines; they are ignored.
 */
export function supplierScorecard(supplierId: string, lines: readonly ScorecardLine[], settings: ScorecardSettings, nowMs: number): SupplierScorecard {
  const own = lines.filter((l) => l.supplierId === supplierId);
  const windowMs = settings.windowDays * DAY_MS;
  const current = periodScore(own, nowMs - windowMs, nowMs + 1, nowMs, settings);
  const previous = periodScore(own, nowMs - 2 * windowMs, nowMs - windowMs, nowMs, settings);
  return { supplierId, current, previous, trend: trendOf(current.grade, previous.grade), worstSkus: worstSkus(current.verdicts, settings.minSkuLines) };
}

/** Scorecards for every supplier named, in the order given. */
export function supplierScorecards(
  supplierIds: readonly string[],
  lines: readonly ScorecardLine[],
  settings: ScorecardSettings,
  nowMs: number,
): SupplierScorecard[] {
  const bySupplier = new Map<string, ScorecardLine[]>();
  for (const l of lines) {
    const list = bySupplier.get(l.supplierId);
    if (list) list.push(l);
    else bySupplier.set(l.supplierId, [l]);
  }
  return supplierIds.map((id) => supplierScorecard(id, bySupplier.get(id) ?? [], settings, nowMs));
}
