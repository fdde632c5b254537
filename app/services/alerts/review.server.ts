/**
 * The weekly exception review of one shop: the week's exceptions (in the shop's zone) grouped by
 * cause, supplier and channel, last week's for comparison, and the notes staff wrote.
 */
import type { PrismaClient, ReviewNote } from "@prisma/client";
import {
  addressProblemCounts,
  causeTrend,
  groupReview,
  weekRange,
  shiftWeek,
  type AddressCount,
  type CauseTrend,
  type ReviewGroup,
  type WeekRange,
} from "~/domain/review";
import { loadRoutingPolicy } from "~/models/routing.server";
import { listReviewNotes, reviewItems, type WeekItem } from "~/models/review.server";
import { listSuppliers } from "~/models/suppliers.server";

export interface WeekReview {
  readonly range: WeekRange;
  readonly timeZone: string;
  readonly items: readonly WeekItem[];
  readonly byCause: readonly ReviewGroup[];
  readonly bySupplier: readonly ReviewGroup[];
  readonly byChannel: readonly ReviewGroup[];
  /** Address problems (held before the purchase order left, or failed at the carrier) by channel and by country. */
  readonly addressByChannel: readonly AddressCount[];
  readonly addressByCountry: readonly AddressCount[];
  readonly trend: readonly CauseTrend[];
  readonly lastWeekTotal: number;
  readonly notes: readonly ReviewNote[];
  readonly supplierNames: Readonly<Record<string, string>>;
}

/** Everything the review page and the weekly digest show for one ISO week. */
export async function loadWeekReview(db: PrismaClient, shop: string, week: string): Promise<WeekReview> {
  const range = weekRange(week);
  const previous = weekRange(shiftWeek(week, -1));
  const { timeZone } = await loadRoutingPolicy(db, shop);
  const [items, lastItems, notes, suppliers] = await Promise.all([
    reviewItems(db, shop, range.fromDay, range.toDay, timeZone),
    reviewItems(db, shop, previous.fromDay, previous.toDay, timeZone),
    listReviewNotes(db, shop, week),
    listSuppliers(db, shop),
  ]);
  const address = addressProblemCounts(items);
  return {
    range,
    timeZone,
    items,
    byCause: groupReview(items, "cause"),
    bySupplier: groupReview(items, "supplier"),
    byChannel: groupReview(items, "channel"),
    addressByChannel: address.byChannel,
    addressByCountry: address.byCountry,
    trend: causeTrend(items, lastItems),
    lastWeekTotal: lastItems.length,
    notes,
    supplierNames: Object.fromEntries(suppliers.map((s) => [s.id, s.name])),
  };
}
