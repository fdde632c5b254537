/**
 * An order's timeline for the order page: every OrderEvent (routing, purchase orders, shipments,
 * stage changes, exceptions) plus each carrier event received for its parcels with what became of
 * it, oldest first. Plain JSON, ready for <OrderTimeline>.
 */
import type { PrismaClient } from "@prisma/client";

export interface TimelineEntry {
  readonly id: string;
  /** ISO instant. */
  readonly at: string;
  readonly kind: string;
  readonly title: string;
  readonly detail: string | null;
  readonly tone: "info" | "success" | "warning" | "critical";
}

const TITLES: Record<string, { title: string; tone: TimelineEntry["tone"] }> = {
  shipment_synced: { title: "Shipped: tracking sent to Shopify", tone: "success" },
  shipment_stage: { title: "Parcel stage changed", tone: "info" },
  exception_opened: { title: "Exception opened", tone: "critical" },
  exception_closed: { title: "Exception closed", tone: "success" },
  fulfilled_outside_dropline: { title: "Fulfilled outside Dropline", tone: "success" },
  fulfillment_cancelled: { title: "Fulfillment cancelled in Shopify", tone: "warning" },
  tracking_changed_in_shopify: { title: "Tracking changed in Shopify", tone: "info" },
  answered_in_shopify: { title: "Answered in Shopify", tone: "info" },
  held_in_shopify: { title: "Held in Shopify", tone: "warning" },
  hold_released_in_shopify: { title: "Hold released in Shopify", tone: "info" },
  address_hold: { title: "Held: shipping address needs fixing", tone: "critical" },
  address_still_failing: { title: "Shipping address still fails the check", tone: "warning" },
  address_released: { title: "Shipping address fixed: hold released", tone: "success" },
};

function fromOrderEvent(e: { id: string; kind: string; detail: string | null; at: Date }): TimelineEntry {
  const known = TITLES[e.kind];
  return {
    id: `event:${e.id}`,
    at: e.at.toISOString(),
    kind: e.kind,
    title: known?.title ?? e.kind.replace(/_/g, " "),
    detail: e.detail,
    tone: known?.tone ?? "info",
  };
}

export async function orderTimeline(db: PrismaClient, shop: string, orderId: string): Promise<TimelineEntry[]> {
  const [events, shipments] = await Promise.all([
    db.orderEvent.findMany({ where: { shop, orderId }, orderBy: { at: "asc" } }),
    db.shipment.findMany({ where: { shop, orderId }, select: { id: true } }),
  ]);
  const carrier = await db.carrierEvent.findMany({ where: { shop, shipmentId: { in: shipments.map((s) => s.id) } }, orderBy: { happenedAt: "asc" } });
  const entries: TimelineEntry[] = [
    ...events.map(fromOrderEvent),
    ...carrier.map((c) => {
      const { status, description } = JSON.parse(c.payload) as { status: string; description?: string };
      return {
        id: `carrier:${c.id}`,
        at: c.happenedAt.toISOString(),
        kind: "carrier_event",
        title: `${c.trackingNumber}: ${description ?? status}`,
        detail: c.reason,
        tone: c.outcome === "applied" ? ("info" as const) : ("warning" as const),
      };
    }),
  ];
  return entries.sort((a, b) => a.at.localeCompare(b.at));
}
