/**
 * FulfillmentFact rows for tests that read them (scorecards, routing's measured reliability). The
 * metrics refresh fills the table from the app's records; these tests insert history directly.
 */
import type { Prisma, PrismaClient } from "@prisma/client";
import { TEST_SHOP } from "./app-env";

const DAY = 86_400_000;

export interface FactSpec {
  readonly supplierId: string;
  /** Days before `now` the order was created. */
  readonly daysAgo: number;
  readonly sku?: string;
  /** Days after creation it was promised to ship (default 2). */
  readonly promiseDays?: number;
  /** Days after creation it shipped; absent = not shipped. */
  readonly shippedAfterDays?: number;
  readonly accepted?: boolean | null;
  readonly cancelled?: boolean;
  readonly cancelReason?: string | null;
  readonly stockout?: boolean;
  readonly exception?: boolean;
  readonly trackingAfterHours?: number;
  /** Purchase order id (default: a fresh one per fact). */
  readonly purchaseOrderId?: string;
  readonly orderName?: string;
}

let counter = 0;

/** One FulfillmentFact row per spec, relative to `now`. */
export async function insertFacts(db: PrismaClient, specs: readonly FactSpec[], now: Date, shop = TEST_SHOP): Promise<void> {
  const rows: Prisma.FulfillmentFactCreateManyInput[] = specs.map((f) => {
    counter += 1;
    const created = new Date(now.getTime() - f.daysAgo * DAY);
    const shippedAt = f.shippedAfterDays === undefined ? null : new Date(created.getTime() + f.shippedAfterDays * DAY);
    const sku = f.sku ?? "MUG";
    return {
      shop,
      purchaseOrderId: f.purchaseOrderId ?? `fact-po-${counter}`,
      lineKey: sku,
      orderId: `gid://shopify/Order/${900_000 + counter}`,
      orderName: f.orderName ?? `#H${counter}`,
      supplierId: f.supplierId,
      sku,
      channel: "web",
      region: "US-WA",
      day: created.toISOString().slice(0, 10),
      orderCreatedAt: created,
      acknowledgedAt: f.accepted === undefined || f.accepted === null ? null : created,
      shippedAt,
      trackingUploadedAt: shippedAt && f.trackingAfterHours !== undefined ? new Date(shippedAt.getTime() + f.trackingAfterHours * 3_600_000) : null,
      promisedShipBy: new Date(created.getTime() + (f.promiseDays ?? 2) * DAY),
      accepted: f.accepted === undefined ? true : f.accepted,
      cancelled: f.cancelled ?? false,
      cancelReason: f.cancelReason ?? null,
      stockout: f.stockout ?? false,
      exception: f.exception ?? false,
    };
  });
  await db.fulfillmentFact.createMany({ data: rows });
}

/** `n` specs built by `make(i)`. */
export function facts(n: number, make: (i: number) => FactSpec): FactSpec[] {
  return Array.from({ length: n }, (_, i) => make(i));
}
