/**
 * Oversell incidents from supplier refusals: a rejection for lack of stock (portal, supplier API,
 * or answered in Shopify) and a stockout reported after acceptance. Each purchase order's event is
 * recorded once (its event key), and the supplier's stock is re-published so the buffer's oversell
 * term takes effect now rather than at the next sweep.
 */
import type { PrismaClient } from "@prisma/client";
import { isStockRejection, oversellEventKey } from "~/domain/scorecard";
import { recordOversellIncident } from "~/models/stock.server";
import type { PurchaseOrderRecord } from "~/models/purchase-orders.server";
import type { JobQueue } from "~/services/queue/job-queue";
import { stockSyncJob } from "~/services/queue/stock";

interface OversellDeps {
  readonly db: PrismaClient;
  readonly queue: JobQueue;
}

export interface Refusal {
  readonly kind: "reject" | "stockout";
  /** Where it came from: "portal", "supplier_api", "shopify". */
  readonly source: string;
  /** Shopify's rejection reason, when there is one. */
  readonly reason?: string | null;
  /** The supplier's words (message, then per-line reasons). */
  readonly texts: readonly (string | null | undefined)[];
  readonly at: Date;
}

/**
 * Records the oversell a refusal is (when it is one: every stockout, a rejection only for lack of
 * stock), once per purchase order and kind (one incident per event, whatever its lines). True when new.
 */
export async function recordRefusalOversell(deps: OversellDeps, po: PurchaseOrderRecord, refusal: Refusal): Promise<boolean> {
  if (refusal.kind === "reject" && !isStockRejection(refusal.reason, refusal.texts)) return false;
  const eventKey = oversellEventKey(refusal.kind, po.id);
  const note = refusal.texts.filter((t): t is string => typeof t === "string" && t.trim() !== "").join(" · ") || null;
  const units = po.lines.reduce((sum, l) => sum + l.quantity, 0);
  const recorded = await recordOversellIncident(deps.db, po.shop, {
    supplierId: po.supplierId,
    source: `${refusal.source}_${refusal.kind}`,
    orderId: po.orderId,
    variantId: po.lines.length === 1 ? (po.lines[0]!.variantId ?? null) : null,
    sku:
      po.lines
        .map((l) => l.sku)
        .filter(Boolean)
        .join(", ") || null,
    quantity: units,
    note: note ? `${po.number}: ${note}`.slice(0, 500) : po.number,
    occurredAt: refusal.at,
    eventKey,
  });
  if (recorded) await deps.queue.enqueue(stockSyncJob(po.shop, po.supplierId, `oversell:${eventKey}`));
  return recorded;
}
