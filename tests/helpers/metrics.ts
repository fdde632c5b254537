/** Fulfillment facts for metrics tests and the control-tower bench: rows as the refresh would write them. */
import type { Prisma } from "@prisma/client";

const H = 3_600_000;

export interface FactSpec {
  readonly po: string;
  readonly day: string;
  readonly supplierId?: string;
  readonly sku?: string;
  readonly channel?: string;
  readonly region?: string;
  /** Hours after the order's creation (09:00 UTC of `day`). */
  readonly confirmedH?: number;
  readonly shippedH?: number;
  readonly shipByH?: number;
  readonly accepted?: boolean;
  readonly cancelled?: boolean;
  readonly stockout?: boolean;
  readonly exception?: boolean;
}

/** A FulfillmentFact row from a short spec (order created 09:00 UTC of its day). */
export function factRow(shop: string, spec: FactSpec): Prisma.FulfillmentFactCreateManyInput {
  const created = Date.parse(`${spec.day}T09:00:00Z`);
  const at = (h: number | undefined) => (h === undefined ? null : new Date(created + h * H));
  return {
    shop,
    purchaseOrderId: spec.po,
    lineKey: spec.sku ?? "MUG",
    orderId: `gid://shopify/Order/${spec.po}`,
    orderName: `#${spec.po}`,
    supplierId: spec.supplierId ?? "sup-a",
    sku: spec.sku ?? "MUG",
    channel: spec.channel ?? "web",
    region: spec.region ?? "US-WA",
    day: spec.day,
    orderCreatedAt: new Date(created),
    acknowledgedAt: at(spec.confirmedH),
    confirmedAt: at(spec.confirmedH),
    shippedAt: at(spec.shippedH),
    trackingUploadedAt: at(spec.shippedH === undefined ? undefined : spec.shippedH + 1),
    promisedShipBy: at(spec.shipByH),
    accepted: spec.accepted ?? null,
    cancelled: spec.cancelled ?? false,
    stockout: spec.stockout ?? false,
    exception: spec.exception ?? false,
  };
}
