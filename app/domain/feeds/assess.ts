/**
 * Whether a parsed feed run looks like real stock or like a broken export. A run that suddenly
 * zeroes most SKUs, loses most SKUs or is mostly rejected is quarantined: the shell keeps the
 * last good stock and shows the merchant why.
 */

/** Limits beyond which a run is quarantined. Shares are 0..1. */
export interface FeedRunThresholds {
  /** Quarantine when at least this share of SKUs that had stock now report 0. */
  readonly zeroedShare: number;
  /** Quarantine when at least this share of the last good run's SKUs are missing. */
  readonly missingShare: number;
  /** Quarantine when more than this share of the rows read were rejected. */
  readonly rejectedShare: number;
  /** The zeroed and missing rules need at least this many SKUs to compare (tiny catalogs are noisy). */
  readonly minSkus: number;
}

export const DEFAULT_FEED_RUN_THRESHOLDS: FeedRunThresholds = Object.freeze({
  zeroedShare: 0.5,
  missingShare: 0.5,
  rejectedShare: 0.2,
  minSkus: 5,
});

/** The minimum a run needs to be assessed; a `FeedParseResult` fits. */
export interface FeedRunInput {
  readonly rows: readonly { readonly sku: string; readonly quantity: number }[];
  readonly stats?: { readonly read: number; readonly rejected: number };
  readonly fatal?: string;
}

/** What would change if the run were applied. */
export interface FeedRunDiff {
  readonly changed: readonly { readonly sku: string; readonly from: number; readonly to: number }[];
  readonly added: readonly { readonly sku: string; readonly to: number }[];
  readonly unchanged: number;
  /** SKUs in the last good run that this run does not mention. */
  readonly missing: readonly string[];
}

export interface FeedRunAssessment {
  readonly verdict: "apply" | "quarantine";
  /** Why it was quarantined, one sentence per tripped rule; empty when applied. */
  readonly reasons: readonly string[];
  readonly diff: FeedRunDiff;
}

const percent = (share: number): string => `${Math.round(share * 100)}%`;

/** The stock changes a run would make against the last good quantities. */
export function diffFeedRun(previous: ReadonlyMap<string, number>, rows: FeedRunInput["rows"]): FeedRunDiff {
  const changed: { sku: string; from: number; to: number }[] = [];
  const added: { sku: string; to: number }[] = [];
  const seen = new Set<string>();
  let unchanged = 0;
  for (const { sku, quantity } of rows) {
    if (seen.has(sku)) continue;
    seen.add(sku);
    const from = previous.get(sku);
    if (from === undefined) added.push({ sku, to: quantity });
    else if (from === quantity) unchanged += 1;
    else changed.push({ sku, from, to: quantity });
  }
  const missing = [...previous.keys()].filter((sku) => !seen.has(sku));
  return { changed, added, unchanged, missing };
}

function zeroedReason(previous: ReadonlyMap<string, number>, next: ReadonlyMap<string, number>, limits: FeedRunThresholds): string | undefined {
  let hadStock = 0;
  let zeroed = 0;
  for (const [sku, quantity] of previous) {
    if (quantity <= 0) continue;
    hadStock += 1;
    if (next.get(sku) === 0) zeroed += 1;
  }
  if (hadStock < limits.minSkus || zeroed === 0) return undefined;
  const share = zeroed / hadStock;
  if (share < limits.zeroedShare) return undefined;
  return (
    `${zeroed} of ${hadStock} SKUs that had stock (${percent(share)}) now report 0, at or above the ` +
    `${percent(limits.zeroedShare)} limit. A sudden sell-out this wide usually means a broken export.`
  );
}

function missingReason(previous: ReadonlyMap<string, number>, diff: FeedRunDiff, limits: FeedRunThresholds) {
  if (previous.size < limits.minSkus || diff.missing.length === 0) return undefined;
  const share = diff.missing.length / previous.size;
  if (share < limits.missingShare) return undefined;
  return (
    `${diff.missing.length} of ${previous.size} SKUs from the last good run (${percent(share)}) are missing, ` +
    `at or above the ${percent(limits.missingShare)} limit.`
  );
}

function rejectedReason(stats: FeedRunInput["stats"], limits: FeedRunThresholds): string | undefined {
  if (!stats || stats.read === 0) return undefined;
  const share = stats.rejected / stats.read;
  if (share <= limits.rejectedShare) return undefined;
  return (
    `${stats.rejected} of ${stats.read} rows (${percent(share)}) were rejected, above the ` +
    `${percent(limits.rejectedShare)} limit. See the rejected rows for the reasons.`
  );
}

/** "apply" or "quarantine" for a parsed run against the last good stock, with reasons and the diff. */
export function assessFeedRun(
  previous: ReadonlyMap<string, number>,
  next: FeedRunInput | FeedRunInput["rows"],
  thresholds: Partial<FeedRunThresholds> = {},
): FeedRunAssessment {
  const run: FeedRunInput = Array.isArray(next) ? { rows: next } : (next as FeedRunInput);
  const limits = { ...DEFAULT_FEED_RUN_THRESHOLDS, ...thresholds };
  const diff = diffFeedRun(previous, run.rows);
  const nextBySku = new Map(run.rows.map((row) => [row.sku, row.quantity] as const));
  const reasons = [
    run.fatal === undefined ? undefined : `The feed could not be used: ${run.fatal}`,
    zeroedReason(previous, nextBySku, limits),
    missingReason(previous, diff, limits),
    rejectedReason(run.stats, limits),
  ].filter((reason): reason is string => reason !== undefined);
  return { verdict: reasons.length > 0 ? "quarantine" : "apply", reasons, diff };
}
