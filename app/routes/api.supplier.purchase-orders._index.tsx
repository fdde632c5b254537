import type { LoaderFunctionArgs } from "@remix-run/node";
import { bearer, listForSupplier } from "~/services/portal/supplier-api.server";
import { services } from "~/services.server";

/** GET /api/supplier/purchase-orders (token-authenticated supplier API, rate limited). */
export async function loader({ request }: LoaderFunctionArgs) {
  const s = services();
  return (await s.publicLimiter.check(request, "supplier_api", bearer(request))) ?? listForSupplier(s, request);
}
