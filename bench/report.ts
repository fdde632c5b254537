import { nearestRankPercentile } from "../app/domain/promise";

/** One benchmark figure. `target` says what good looks like (e.g. "< 50", "= 0", "≥ 0.97"). */
export interface BenchRow {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly target: string | null;
}

/** Nearest-rank percentile of a sample (p in 0..100). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  return nearestRankPercentile(
    [...values].sort((a, b) => a - b),
    p / 100,
  );
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Prints the rows as an aligned table. */
export function printTable(rows: readonly BenchRow[]): void {
  const cells = rows.map((r) => [r.name, String(r.value), r.unit, r.target ?? ""]);
  const head = ["benchmark", "value", "unit", "target"];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((x, i) => (i === 1 ? x.padStart(widths[i]!) : x.padEnd(widths[i]!))).join("  ");
  console.log(line(head));
  console.log(widths.map((w) => "─".repeat(w)).join("  "));
  for (const c of cells) console.log(line(c));
}
