/** The purchase-order admin's data: list with age and ladder step, open tasks, supplier channels. */
import { maskSecret } from "~/domain/portal-link";
import { liveLinksBySupplier } from "~/models/portal-tokens.server";
import { listOpenStaffTasks, listPurchaseOrders, supplierCoordination } from "~/models/purchase-orders.server";
import { listSuppliers } from "~/models/suppliers.server";
import type { CoordinationServices } from "./services.server";

const HOUR = 3_600_000;

/** "3 h", "2 d 4 h": how long the purchase order has been out. */
export function ageText(fromMs: number, nowMs: number): string {
  const hours = Math.max(0, Math.floor((nowMs - fromMs) / HOUR));
  return hours < 24 ? `${hours} h` : `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** The latest reconciliation with Shopify, as staff read it: when, how much was read, what was repaired. */
function reconciliationSummary(
  run: { finishedAt: Date | null; pages: number; fulfillmentOrders: number; purchaseOrders: number; repairs: string },
  numbers: ReadonlyMap<string, string>,
) {
  const repairs = JSON.parse(run.repairs) as { purchaseOrderId: string; detail: string; applied: boolean }[];
  return {
    at: run.finishedAt?.toISOString() ?? "",
    pages: run.pages,
    fulfillmentOrders: run.fulfillmentOrders,
    purchaseOrders: run.purchaseOrders,
    repairs: repairs.slice(0, 10).map((r) => ({ number: numbers.get(r.purchaseOrderId) ?? r.purchaseOrderId, detail: r.detail, applied: r.applied })),
    more: Math.max(0, repairs.length - 10),
  };
}

export async function purchaseOrderAdmin(s: CoordinationServices, shop: string) {
  const now = s.now().getTime();
  const [pos, tasks, suppliers, live, settings] = await Promise.all([
    listPurchaseOrders(s.db, shop),
    listOpenStaffTasks(s.db, shop),
    listSuppliers(s.db, shop),
    liveLinksBySupplier(s.db, shop, s.now()),
    s.db.coordinationSettings.findUnique({ where: { shop } }),
  ]);
  const lastRun = await s.db.reconciliationRun.findFirst({ where: { shop, finishedAt: { not: null } }, orderBy: { startedAt: "desc" } });
  const names = new Map(suppliers.map((x) => [x.id, x]));
  const channels = await Promise.all(suppliers.map((x) => supplierCoordination(s.db, shop, x.id)));
  return {
    manualReview: settings?.manualReview ?? false,
    reconciliation: lastRun && reconciliationSummary(lastRun, new Map(pos.map((po) => [po.id, po.number]))),
    purchaseOrders: pos.map((po) => ({
      id: po.id,
      number: po.number,
      orderName: po.orderName,
      supplier: names.get(po.supplierId)?.name ?? "(deleted supplier)",
      supplierEmail: names.get(po.supplierId)?.contactEmail ?? "",
      status: po.status,
      step: po.ladderStep ?? "—",
      age: ageText((po.sentAt ?? po.createdAt).getTime(), now),
      shipBy: po.shipBy.toISOString().slice(0, 10),
      committed: po.committedShipAt?.toISOString().slice(0, 10) ?? null,
      held: po.held,
      heldInShopify: po.shopifyHold,
      deliveredVia: po.deliveredVia,
      deliveryError: po.deliveryError,
    })),
    tasks: tasks.map((t) => ({ id: t.id, message: t.message, createdAt: t.createdAt.toISOString() })),
    suppliers: suppliers.map((x, i) => ({
      id: x.id,
      name: x.name,
      portalLive: live.get(x.id)?.portal ?? false,
      purchaseOrderLinks: live.get(x.id)?.purchaseOrderLinks ?? 0,
      ...channels[i]!,
      webhookSecret: maskSecret(channels[i]!.webhookSecret),
    })),
  };
}
