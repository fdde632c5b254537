/** What the promise page's confidence and accuracy cards show, as plain rows (tested without React). */
import type { AccuracyReport, Backtest, KeptRate } from "~/domain/promise/accuracy";

export const percent = (share: number): string => `${(Math.round(share * 1000) / 10).toFixed(1)} %`;
const days = (n: number): string => `${(Math.round(n * 10) / 10).toFixed(1)} d`;

/** One row per choice: "97 %" → "3.4 d wide, 96.5 % kept (200 orders)". */
export function confidenceChoices(backtest: Backtest): { value: string; label: string; detail: string }[] {
  return backtest.overall.map((c) => ({
    value: String(Math.round(c.confidence * 100)),
    label: `${Math.round(c.confidence * 100)} %`,
    detail:
      c.promises === 0 ? "no delivered orders to replay yet" : `${days(c.meanWidth)} wide on average, ${percent(c.keptShare)} kept (${c.promises} orders)`,
  }));
}

/** Backtest rows by supplier and region: for each confidence, "width · kept". */
export function backtestRows(backtest: Backtest, names: Readonly<Record<string, string>>): string[][] {
  return backtest.rows.map((r) => [
    names[r.supplierId] ?? "(removed supplier)",
    r.region,
    String(r.cells[0]?.promises ?? 0),
    ...r.cells.map((c) => `${days(c.meanWidth)} · ${percent(c.keptShare)}`),
  ]);
}

/** Kept-rate rows: group, promises, kept, early, late. */
export function keptRows(rates: readonly KeptRate[], label: (key: string) => string = (k) => k): string[][] {
  return rates.map((r) => [label(r.key), String(r.promises), percent(r.keptShare), String(r.early), String(r.late)]);
}

/** The one-line summary the control tower card shows. */
export function keptSummary(overall: AccuracyReport["overall"]): string {
  if (overall.promises === 0) return "No delivered order with a recorded promise yet.";
  return `${percent(overall.keptShare)} of ${overall.promises} delivered orders arrived inside their promised window (${overall.late} late, ${overall.early} early).`;
}
