/** The purchase-order admin's data: list with age and ladder step, open tasks, supplier channels. */
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

export async function purchaseOrderAdmin(s: CoordinationServices, shop: string) {
  const now = s.now().getTime();
  const [pos, tasks, suppliers, live, settings] = await Promise.all([
    listPurchaseOrders(s.db, shop),
    listOpenStaffTasks(s.db, shop),
    listSuppliers(s.db, shop),
    liveLinksBySupplier(s.db, shop, s.now()),
    s.db.coordinationSettings.findUnique({ where: { shop } }),
  ]);
  const names = new Map(suppliers.map((x) => [x.id, x]));
  const channels = await Promise.all(suppliers.map((x) => supplierCoordination(s.db, shop, x.id)));
  return {
    manualReview: settings?.manualReview ?? false,
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
      webhookSecret: channels[i]!.webhookSecret ? "••••" : "",
    })),
  };
}
