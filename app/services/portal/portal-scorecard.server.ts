/**
 * The supplier's own scorecard in the portal. Only the supplier's portal link shows it: the
 * identity's supplier is the only one read (another supplier's token reads its own supplier, never
 * this one), and a purchase-order link (sent by email with one purchase order, easily forwarded)
 * shows no scorecard at all — it opens that purchase order and nothing else.
 */
import type { MeasureName } from "~/domain/scorecard";
import type { PortalIdentity } from "~/models/portal-tokens.server";
import { scorecardDetail, type MeasureView, type SkuView } from "~/services/scorecards/scorecards.server";
import type { CoordinationServices } from "../coordination/services.server";

/** Lines against a measure the supplier is shown (its most recent ones). */
const AGAINST_SHOWN = 50;

export interface PortalScorecard {
  readonly grade: number | null;
  readonly letter: string | null;
  readonly counted: number;
  readonly windowDays: number;
  readonly lateToleranceDays: number;
  readonly minSkuLines: number;
  readonly trend: { readonly direction: "up" | "down" | "flat" | "new"; readonly delta: number | null; readonly previousGrade: number | null };
  readonly measures: readonly MeasureView[];
  readonly worstSkus: readonly SkuView[];
  /** Per measure, the supplier's purchase orders that counted against it. */
  readonly against: Readonly<Record<MeasureName, readonly { readonly purchaseOrderNumber: string; readonly sku: string; readonly words: string }[]>>;
}

/** The identity's own scorecard; null for a purchase-order link, or a supplier no longer on record. */
export async function portalScorecard(s: Pick<CoordinationServices, "db" | "now">, who: PortalIdentity): Promise<PortalScorecard | null> {
  if (who.purchaseOrderId !== null) return null;
  const card = await scorecardDetail(s.db, who.shop, who.supplierId, s.now());
  if (!card) return null;
  const against = (name: MeasureName) =>
    card.linesBehind[name].shown
      .filter((l) => l.counts === "against" && l.purchaseOrderNumber !== null)
      .slice(0, AGAINST_SHOWN)
      .map((l) => ({ purchaseOrderNumber: l.purchaseOrderNumber ?? "", sku: l.sku, words: l.words }));
  return {
    grade: card.grade,
    letter: card.letter,
    counted: card.counted,
    windowDays: card.windowDays,
    lateToleranceDays: card.lateToleranceDays,
    minSkuLines: card.minSkuLines,
    trend: card.trend,
    measures: card.measures,
    worstSkus: card.worstSkus,
    against: { shipmentTime: against("shipmentTime"), shareShipped: against("shareShipped"), shareCancelled: against("shareCancelled") },
  };
}
