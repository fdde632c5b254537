/** The SKUs that hurt a supplier's score most: the largest share of lines late or cancelled. */
import type { LineVerdict } from "./measures";

export interface SkuProblem {
  readonly sku: string;
  /** Lines judged (counted in shipment time or share cancelled). */
  readonly lines: number;
  readonly late: number;
  readonly cancelled: number;
  /** (late + cancelled) / lines, 0..1. */
  readonly problemShare: number;
  /** Purchase orders of the lines that went wrong, for the drill-down. */
  readonly purchaseOrderIds: readonly string[];
}

/**
 * SKUs with at least `minLines` judged lines and at least one problem, worst share first (then
 * most lines, then SKU), at most `limit`. A late line is one shipped (or still unshipped) after its
 * promised ship-by; a cancelled one, one the supplier did not fill.
 */
export function worstSkus(verdicts: readonly LineVerdict[], minLines: number, limit = 5): SkuProblem[] {
  const bySku = new Map<string, { lines: number; late: number; cancelled: number; pos: string[] }>();
  for (const v of verdicts) {
    if (v.cancelled === null && v.timeCredit === null) continue;
    const row = bySku.get(v.line.sku) ?? { lines: 0, late: 0, cancelled: 0, pos: [] };
    row.lines += 1;
    if (v.cancelled === true) row.cancelled += 1;
    else if (v.lateMs !== null && v.lateMs > 0) row.late += 1;
    if (v.cancelled === true || (v.lateMs !== null && v.lateMs > 0)) row.pos.push(v.line.purchaseOrderId);
    bySku.set(v.line.sku, row);
  }
  return [...bySku.entries()]
    .filter(([, r]) => r.lines >= minLines && r.late + r.cancelled > 0)
    .map(([sku, r]) => ({ sku, lines: r.lines, late: r.late, cancelled: r.cancelled, problemShare: (r.late + r.cancelled) / r.lines, purchaseOrderIds: r.pos }))
    .sort((a, b) => b.problemShare - a.problemShare || b.lines - a.lines || a.sku.localeCompare(b.sku))
    .slice(0, limit);
}
