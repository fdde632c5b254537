/**
 * The weekly exception review's groups: a week's exceptions (exception cases, and the staff tasks
 * the escalation ladder opened when a supplier did not answer) by cause, by supplier and by
 * channel, and this week against last.
 */
import { causeOfCase, causeOfTask, REVIEW_CAUSES, type ReviewCause } from "./causes";

export type ReviewGrouping = "cause" | "supplier" | "channel";

/** One exception as the review reads it. */
export interface ReviewItem {
  readonly id: string;
  /** An exception case, or a staff task from the escalation ladder. */
  readonly source: "case" | "task";
  /** The case type or the task kind. */
  readonly type: string;
  readonly supplierId: string | null;
  /** The order's sales channel, when the order is known. */
  readonly channel: string | null;
  /** The destination country (ISO code), when the order is known. */
  readonly country?: string | null;
  readonly orderName: string | null;
  /** Still needs attention (open or set aside), or settled. */
  readonly open: boolean;
}

export interface ReviewGroup {
  readonly by: ReviewGrouping;
  /** Cause, supplier id or channel; "" when the item has none (no supplier, order unknown). */
  readonly key: string;
  readonly count: number;
  readonly open: number;
  /** How many of the group's items have each cause (every cause present, zeros included). */
  readonly causes: Readonly<Record<ReviewCause, number>>;
  readonly itemIds: readonly string[];
}

/** The cause of one review item. */
export function causeOf(item: Pick<ReviewItem, "source" | "type">): ReviewCause {
  return item.source === "case" ? causeOfCase(item.type) : causeOfTask(item.type);
}

const zeroCauses = (): Record<ReviewCause, number> => Object.fromEntries(REVIEW_CAUSES.map((c) => [c, 0])) as Record<ReviewCause, number>;

function keyOf(item: ReviewItem, by: ReviewGrouping): string {
  if (by === "cause") return causeOf(item);
  if (by === "supplier") return item.supplierId ?? "";
  return item.channel ?? "";
}

/**
 * Groups a week's items. Cause groups come in the review's cause order (empty causes left out);
 * supplier and channel groups largest first, ties by key, the keyless group last.
 */
export function groupReview(items: readonly ReviewItem[], by: ReviewGrouping): ReviewGroup[] {
  const groups = new Map<string, { count: number; open: number; causes: Record<ReviewCause, number>; itemIds: string[] }>();
  for (const item of items) {
    const key = keyOf(item, by);
    const group = groups.get(key) ?? { count: 0, open: 0, causes: zeroCauses(), itemIds: [] };
    group.count++;
    if (item.open) group.open++;
    group.causes[causeOf(item)]++;
    group.itemIds.push(item.id);
    groups.set(key, group);
  }
  const list = [...groups.entries()].map(([key, g]) => ({ by, key, ...g }));
  if (by === "cause") return REVIEW_CAUSES.flatMap((cause) => list.filter((g) => g.key === cause));
  return list.sort((a, b) => Number(a.key === "") - Number(b.key === "") || b.count - a.count || a.key.localeCompare(b.key));
}

export interface CauseTrend {
  readonly cause: ReviewCause;
  readonly thisWeek: number;
  readonly lastWeek: number;
}

/** Counts per cause this week against last (causes absent from both weeks left out). */
export function causeTrend(thisWeek: readonly ReviewItem[], lastWeek: readonly ReviewItem[]): CauseTrend[] {
  const count = (items: readonly ReviewItem[]) => {
    const counts = zeroCauses();
    for (const item of items) counts[causeOf(item)]++;
    return counts;
  };
  const now = count(thisWeek);
  const before = count(lastWeek);
  return REVIEW_CAUSES.filter((c) => now[c] + before[c] > 0).map((cause) => ({ cause, thisWeek: now[cause], lastWeek: before[cause] }));
}

/** One row of the address-problem counts: a channel or a destination country. */
export interface AddressCount {
  /** The channel or country code; "" when the order is not known. */
  readonly key: string;
  readonly count: number;
  readonly open: number;
  /** How many were held before the purchase order left (the address check), the rest failed at the carrier. */
  readonly heldBeforeLeaving: number;
}

/** Address problems (the "address" cause) counted by sales channel and by destination country, largest first. */
export function addressProblemCounts(items: readonly ReviewItem[]): { byChannel: AddressCount[]; byCountry: AddressCount[] } {
  const address = items.filter((i) => causeOf(i) === "address");
  const count = (keyOf: (i: ReviewItem) => string): AddressCount[] => {
    const rows = new Map<string, { count: number; open: number; heldBeforeLeaving: number }>();
    for (const item of address) {
      const key = keyOf(item);
      const row = rows.get(key) ?? { count: 0, open: 0, heldBeforeLeaving: 0 };
      row.count++;
      if (item.open) row.open++;
      if (item.source === "task") row.heldBeforeLeaving++;
      rows.set(key, row);
    }
    return [...rows.entries()]
      .map(([key, r]) => ({ key, ...r }))
      .sort((a, b) => Number(a.key === "") - Number(b.key === "") || b.count - a.count || a.key.localeCompare(b.key));
  };
  return { byChannel: count((i) => i.channel ?? ""), byCountry: count((i) => i.country ?? "") };
}
