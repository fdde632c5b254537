/**
 * Mapping suggestions: for each supplier row that matches no variant (a feed SKU no offer uses, an
 * offers-CSV row whose SKU is unknown to Shopify), the variant it most likely means, by fuzzy
 * matching the supplier's SKU (and title, when the row has one) against variant SKUs and titles.
 * Each variant is suggested at most once per supplier, to the row it matches best.
 */
import Fuse from "fuse.js";

export type SupplierRowSource = "feed" | "offers_csv";

/** A supplier's line that no offer uses yet. */
export interface UnmatchedSupplierRow {
  readonly supplierId: string;
  readonly supplierName: string;
  readonly supplierSku: string;
  /** The SKU the merchant typed for it in an offers CSV (it matched no variant), if any. */
  readonly typedSku: string | null;
  readonly title: string | null;
  /** Unit cost in minor units when the supplier said it; an offer cannot be made without one. */
  readonly unitCostMinor: number | null;
  readonly quantity: number;
  /** When the supplier vouched for that quantity (the feed run, the CSV import). */
  readonly stockAt: Date;
  readonly source: SupplierRowSource;
}

/** A variant that could receive an offer. */
export interface VariantCandidate {
  readonly variantId: string;
  readonly sku: string;
  /** Product and variant title, e.g. "Ceramic Mug - 11 oz / White". */
  readonly title: string;
}

export interface MappingSuggestion {
  readonly row: UnmatchedSupplierRow;
  readonly variant: VariantCandidate;
  /** 0–1, 1 = the same SKU once case and separators are ignored. */
  readonly score: number;
  readonly matchedOn: "sku" | "title";
}

export interface SuggestOptions {
  /** Lowest score suggested (default 0.7: below it, near-misses of a sibling variant creep in). */
  readonly minScore?: number;
}

/** The key Fuse compares SKUs on: upper case, letters and digits only ("mug-11oz_wht" → "MUG11OZWHT"). */
export function skuKey(sku: string): string {
  return sku.toUpperCase().replace(/[^A-Z0-9]/g, "");
}

/** Title words in a stable order, so "White Mug 11 oz" and "11oz mug - white" compare alike. */
export function titleKey(title: string): string {
  return title
    .toLowerCase()
    .replace(/(\d+(?:[.,]\d+)?)\s+(oz|g|kg|ml|cl|l|cm|mm|in)\b/g, "$1$2")
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .sort()
    .join(" ");
}

const round = (n: number) => Math.round(n * 100) / 100;

interface Scored {
  readonly variant: VariantCandidate;
  readonly score: number;
  readonly matchedOn: "sku" | "title";
}

function searcher(candidates: readonly VariantCandidate[]) {
  const options = { includeScore: true, ignoreLocation: true, threshold: 0.45, isCaseSensitive: true } as const;
  const bySku = new Fuse(
    candidates.map((v) => ({ v, key: skuKey(v.sku) })),
    { ...options, keys: ["key"] },
  );
  const byTitle = new Fuse(
    candidates.map((v) => ({ v, key: titleKey(v.title) })),
    { ...options, keys: ["key"] },
  );
  return (row: UnmatchedSupplierRow): Scored[] => {
    const found = new Map<string, Scored>();
    const keep = (s: Scored) => {
      const prev = found.get(s.variant.variantId);
      if (!prev || s.score > prev.score) found.set(s.variant.variantId, s);
    };
    for (const sku of [row.supplierSku, row.typedSku]) {
      const key = sku ? skuKey(sku) : "";
      if (key.length < 3) continue; // two characters match everything
      for (const r of bySku.search(key)) {
        const exact = r.item.key === key;
        keep({ variant: r.item.v, score: exact ? 1 : round(Math.min(0.99, 1 - (r.score ?? 1))), matchedOn: "sku" });
      }
    }
    const title = row.title ? titleKey(row.title) : "";
    // A title match is weaker evidence than a SKU match of the same closeness.
    if (title.length >= 4) for (const r of byTitle.search(title)) keep({ variant: r.item.v, score: round(0.9 * (1 - (r.score ?? 1))), matchedOn: "title" });
    return [...found.values()];
  };
}

/**
 * Suggestions, best first. A supplier's existing offers rule out their variants; among the rest,
 * pairs are taken greedily by score so no row and no (supplier, variant) is suggested twice.
 */
export function suggestMappings(
  rows: readonly UnmatchedSupplierRow[],
  candidates: readonly VariantCandidate[],
  offered: readonly { readonly supplierId: string; readonly variantId: string }[],
  options: SuggestOptions = {},
): MappingSuggestion[] {
  const minScore = options.minScore ?? 0.7;
  const taken = new Set(offered.map((o) => `${o.supplierId}|${o.variantId}`));
  const search = searcher(candidates.filter((c) => c.sku.trim() !== ""));
  const pairs = rows.flatMap((row, index) =>
    search(row)
      .filter((s) => s.score >= minScore && !taken.has(`${row.supplierId}|${s.variant.variantId}`))
      .map((s) => ({ index, row, ...s })),
  );
  pairs.sort(
    (a, b) =>
      b.score - a.score || a.row.supplierSku.localeCompare(b.row.supplierSku) || a.variant.variantId.localeCompare(b.variant.variantId) || a.index - b.index,
  );
  const usedRows = new Set<number>();
  const out: MappingSuggestion[] = [];
  for (const p of pairs) {
    const pair = `${p.row.supplierId}|${p.variant.variantId}`;
    if (usedRows.has(p.index) || taken.has(pair)) continue;
    usedRows.add(p.index);
    taken.add(pair);
    out.push({ row: p.row, variant: p.variant, score: p.score, matchedOn: p.matchedOn });
  }
  return out;
}

/** The key one suggestion is accepted by (stable across page loads). */
export function suggestionKey(s: {
  readonly row: { readonly supplierId: string; readonly supplierSku: string };
  readonly variant: { readonly variantId: string };
}): string {
  return JSON.stringify([s.row.supplierId, s.row.supplierSku, s.variant.variantId]);
}
