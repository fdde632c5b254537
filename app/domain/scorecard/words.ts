/** A scorecard in the words a merchant (or the supplier) reads. */
import type { LineVerdict, MeasureResult } from "./measures";
import type { MeasureName } from "./settings";

const DAY_MS = 86_400_000;
const days = (ms: number): string => {
  const d = Math.round((ms / DAY_MS) * 10) / 10;
  return `${d} day${d === 1 ? "" : "s"}`;
};
const pct = (x: number): string => `${Math.round(x * 1000) / 10}%`;

/** The share a measure reads as: "82% on time", "95% shipped", "3% cancelled"; "no data" when nothing counts. */
export function measureShareText(m: MeasureResult): string {
  if (m.share === null) return "no data yet";
  const what = { shipmentTime: "on time", shareShipped: "shipped", shareCancelled: "cancelled" }[m.name];
  return `${pct(m.share)} ${what} (${m.counted} line${m.counted === 1 ? "" : "s"})`;
}

function whyCancelled(v: LineVerdict): string {
  if (v.line.accepted === false) return "rejected by the supplier";
  if (v.line.stockout === true) return v.line.accepted === true ? "stockout after accepting" : "stockout before accepting";
  return `cancelled (${v.line.cancelReason ?? "no reason given"})`;
}

/** What one line counted as in a measure, e.g. "shipped 1.5 days late" or "stockout after accepting". */
export function lineWords(v: LineVerdict, name: MeasureName): string {
  switch (name) {
    case "shipmentTime":
      if (v.status === "cancelled") return `not shipped: ${whyCancelled(v)}`;
      if (v.lateMs === null) return "not due yet";
      if (v.line.shippedAtMs == null) return `not shipped, ${days(v.lateMs)} past its ship-by`;
      return v.lateMs <= 0 ? "shipped on time" : `shipped ${days(v.lateMs)} late`;
    case "shareShipped":
      if (v.shipped === true) return "shipped";
      if (v.status === "cancelled") return whyCancelled(v);
      return "accepted, not shipped, past its ship-by";
    case "shareCancelled":
      if (v.cancelled === true) return whyCancelled(v);
      return v.status === "shipped" ? "filled (shipped)" : "accepted";
  }
}
