import type { LoaderFunctionArgs } from "@remix-run/node";
import prisma from "~/db.server";
import { purchaseOrdersCsv, supplierShipTo } from "~/domain/purchase-order/purchase-order";
import { listPurchaseOrders, OPEN_STATUSES, suppliersNeedingRecipientPhone } from "~/models/purchase-orders.server";
import { authenticate } from "~/shopify.server";

/** Open purchase orders as CSV (one row per line), optionally for one supplier: ?supplierId=… */
export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const supplierId = new URL(request.url).searchParams.get("supplierId") ?? undefined;
  const pos = await listPurchaseOrders(prisma, session.shop, { status: [...OPEN_STATUSES], ...(supplierId ? { supplierId } : {}) }, 1000);
  // The CSV goes to suppliers: no customer email, the phone only where the supplier's carrier needs it.
  const needPhone = await suppliersNeedingRecipientPhone(prisma, session.shop);
  const shown = pos.map((po) => ({ ...po, shipTo: supplierShipTo(po.shipTo, { carrierRequiresPhone: needPhone.has(po.supplierId) }) }));
  return new Response(purchaseOrdersCsv(shown), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="purchase-orders.csv"', "Cache-Control": "no-store" },
  });
}
