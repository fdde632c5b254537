/**
 * Scorecards as the pages show them (plain JSON, built in loaders): every supplier's grade, and one
 * supplier's card with its trend, worst SKUs and the purchase-order lines behind each number.
 */
import type { PrismaClient } from "@prisma/client";
import {
  lineCountsIn,
  lineWords,
  MEASURE_LABELS,
  MEASURE_NAMES,
  measureShareText,
  supplierScorecard,
  type Letter,
  type MeasureName,
  type ScorecardSettings,
  type SupplierScorecard,
  type TrendDirection,
} from "~/domain/scorecard";
import { z } from "zod";
import { loadScorecardSettings, oversellCounts, purchaseOrderNumbers, scorecardLines, scorecardSnapshots } from "~/models/scorecards.server";
import { getSupplier, listSuppliers, type SupplierRecord } from "~/models/suppliers.server";

const DAY_MS = 86_400_000;

export interface MeasureView {
  readonly name: MeasureName;
  readonly label: string;
  readonly score: number | null;
  readonly shareText: string;
  readonly counted: number;
  readonly against: number;
  /** Its weight in the grade, percent. */
  readonly weight: number;
}

export interface ScorecardSummary {
  readonly supplierId: string;
  readonly supplierName: string;
  readonly status: string;
  readonly grade: number | null;
  readonly letter: Letter | null;
  readonly counted: number;
  readonly trend: { readonly direction: TrendDirection; readonly delta: number | null; readonly previousGrade: number | null };
  readonly measures: readonly MeasureView[];
  /** What routing reads: the sample its reliability was measured over, and when (null: not computed yet). */
  readonly routing: { readonly sampleSize: number; readonly measuredAt: string | null };
  readonly oversells: number;
}

export interface SkuView {
  readonly sku: string;
  readonly lines: number;
  readonly late: number;
  readonly cancelled: number;
  readonly problemShare: number;
}

export interface LineBehindView {
  readonly purchaseOrderId: string;
  readonly purchaseOrderNumber: string | null;
  readonly orderId: string;
  readonly orderName: string;
  readonly sku: string;
  readonly orderCreatedAt: string;
  readonly counts: "for" | "against";
  readonly words: string;
}

export interface ScorecardDetail extends ScorecardSummary {
  readonly windowDays: number;
  readonly lateToleranceDays: number;
  readonly minSkuLines: number;
  readonly from: string;
  readonly to: string;
  readonly worstSkus: readonly SkuView[];
  /** Per measure, the lines behind it: the ones against it first, newest first, at most `LINES_SHOWN`. */
  readonly linesBehind: Readonly<Record<MeasureName, { readonly total: number; readonly shown: readonly LineBehindView[] }>>;
}

/** Lines listed per measure (the rest are counted, not listed). */
export const LINES_SHOWN = 200;

function measureViews(card: SupplierScorecard, settings: ScorecardSettings): MeasureView[] {
  return MEASURE_NAMES.map((name) => {
    const m = card.current.measures[name];
    return {
      name,
      label: MEASURE_LABELS[name],
      score: m.score,
      shareText: measureShareText(m),
      counted: m.counted,
      against: m.against,
      weight: settings.weights[name],
    };
  });
}

/** What a supplier-measures run stores per supplier: the scorecard's headline, for the scorecards page. */
const ScorecardSnapshotSchema = z.object({
  grade: z.number().nullable(),
  letter: z.enum(["A", "B", "C", "D", "F"]).nullable(),
  counted: z.number(),
  trend: z.object({ direction: z.enum(["up", "down", "flat", "new"]), delta: z.number().nullable(), previousGrade: z.number().nullable() }),
  measures: z.array(
    z.object({
      name: z.enum(MEASURE_NAMES),
      label: z.string(),
      score: z.number().nullable(),
      shareText: z.string(),
      counted: z.number(),
      against: z.number(),
      weight: z.number(),
    }),
  ),
});
export type ScorecardSnapshot = z.infer<typeof ScorecardSnapshotSchema>;

/** The headline of a scorecard, as a run stores it. */
export function snapshotOf(card: SupplierScorecard, settings: ScorecardSettings): ScorecardSnapshot {
  return { grade: card.current.grade, letter: card.current.letter, counted: card.current.counted, trend: card.trend, measures: measureViews(card, settings) };
}

const NOT_COMPUTED: ScorecardSnapshot = { grade: null, letter: null, counted: 0, trend: { direction: "new", delta: null, previousGrade: null }, measures: [] };

function summary(
  supplier: Pick<SupplierRecord, "id" | "name" | "status" | "sampleSize">,
  snapshot: ScorecardSnapshot,
  measuredAt: Date | null,
  oversells: number,
): ScorecardSummary {
  return {
    supplierId: supplier.id,
    supplierName: supplier.name,
    status: supplier.status,
    ...snapshot,
    routing: { sampleSize: supplier.sampleSize ?? 0, measuredAt: measuredAt?.toISOString() ?? null },
    oversells,
  };
}

/**
 * Every supplier's scorecard as the last supplier-measures run computed it (nightly, on saving
 * the settings, on "Recompute now", after the metrics refresh): one row per supplier, however much
 * history. A supplier no run has reached yet shows no grade and no measured-at time.
 */
export async function scorecardOverview(db: PrismaClient, shop: string, now: Date): Promise<{ settings: ScorecardSettings; rows: ScorecardSummary[] }> {
  const settings = await loadScorecardSettings(db, shop);
  const [suppliers, snapshots, oversells] = await Promise.all([
    listSuppliers(db, shop),
    scorecardSnapshots(db, shop),
    oversellCounts(db, shop, new Date(now.getTime() - settings.windowDays * DAY_MS)),
  ]);
  const rows = suppliers.map((s) => {
    const stored = snapshots.get(s.id);
    const parsed = stored ? ScorecardSnapshotSchema.safeParse(stored.summary) : null;
    return summary(s, parsed?.success ? parsed.data : NOT_COMPUTED, parsed?.success ? stored!.computedAt : null, oversells.get(s.id) ?? 0);
  });
  return { settings, rows };
}

/** One supplier's full scorecard; null when the supplier is not this shop's. */
export async function scorecardDetail(db: PrismaClient, shop: string, supplierId: string, now: Date): Promise<ScorecardDetail | null> {
  const supplier = await getSupplier(db, shop, supplierId);
  if (!supplier) return null;
  const settings = await loadScorecardSettings(db, shop);
  const since = new Date(now.getTime() - 2 * settings.windowDays * DAY_MS);
  const [lines, runs, oversells] = await Promise.all([
    scorecardLines(db, shop, since, supplierId),
    scorecardSnapshots(db, shop, supplierId),
    oversellCounts(db, shop, new Date(now.getTime() - settings.windowDays * DAY_MS)),
  ]);
  const card = supplierScorecard(supplierId, lines, settings, now.getTime());
  const behindFor = (name: MeasureName): { total: number; shown: LineBehindView[] } => {
    const behind = card.current.verdicts.flatMap((v): LineBehindView[] => {
      const counts = lineCountsIn(v, name);
      if (counts === null) return [];
      return [
        {
          purchaseOrderId: v.line.purchaseOrderId,
          purchaseOrderNumber: null,
          orderId: v.line.orderId,
          orderName: v.line.orderName,
          sku: v.line.sku,
          orderCreatedAt: new Date(v.line.orderCreatedAtMs).toISOString(),
          counts,
          words: lineWords(v, name),
        },
      ];
    });
    // Against first, then newest first: the lines a merchant would act on.
    behind.sort((a, b) => (a.counts === b.counts ? b.orderCreatedAt.localeCompare(a.orderCreatedAt) : a.counts === "against" ? -1 : 1));
    return { total: behind.length, shown: behind.slice(0, LINES_SHOWN) };
  };
  const behind = { shipmentTime: behindFor("shipmentTime"), shareShipped: behindFor("shareShipped"), shareCancelled: behindFor("shareCancelled") };
  // Purchase-order numbers only for the lines listed.
  const numbers = await purchaseOrderNumbers(
    db,
    shop,
    MEASURE_NAMES.flatMap((name) => behind[name].shown.map((l) => l.purchaseOrderId)),
  );
  const withNumbers = (list: { total: number; shown: LineBehindView[] }) => ({
    total: list.total,
    shown: list.shown.map((l) => ({ ...l, purchaseOrderNumber: numbers.get(l.purchaseOrderId) ?? null })),
  });
  const linesBehind = {
    shipmentTime: withNumbers(behind.shipmentTime),
    shareShipped: withNumbers(behind.shareShipped),
    shareCancelled: withNumbers(behind.shareCancelled),
  };
  return {
    ...summary(supplier, snapshotOf(card, settings), runs.get(supplierId)?.computedAt ?? null, oversells.get(supplierId) ?? 0),
    windowDays: settings.windowDays,
    lateToleranceDays: settings.lateToleranceDays,
    minSkuLines: settings.minSkuLines,
    from: new Date(card.current.fromMs).toISOString(),
    to: now.toISOString(),
    worstSkus: card.worstSkus.map(({ sku, lines: n, late, cancelled, problemShare }) => ({ sku, lines: n, late, cancelled, problemShare })),
    linesBehind,
  };
}
