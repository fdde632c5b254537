import type { LoaderFunctionArgs } from "@remix-run/node";
import prisma from "~/db.server";
import { purchaseOrdersCsv } from "~/domain/purchase-order/purchase-order";
import { listPurchaseOrders, OPEN_STATUSES } from "~/models/purchase-orders.server";
import { authenticate } from "~/shopify.server";

/** Open purchase orders as CSV (one row per line), optionally for one supplier: ?supplierId=… */
export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const supplierId = new URL(request.url).searchParams.get("supplierId") ?? undefined;
  const pos = await listPurchaseOrders(prisma, session.shop, { status: [...OPEN_STATUSES], ...(supplierId ? { supplierId } : {}) }, 1000);
  return new Response(purchaseOrdersCsv(pos), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="purchase-orders.csv"', "Cache-Control": "no-store" },
  });
}
