import type { LoaderFunctionArgs } from "@remix-run/node";
import { listForSupplier } from "~/services/portal/supplier-api.server";
import { services } from "~/services.server";

/** GET /api/supplier/purchase-orders (token-authenticated supplier API). */
export const loader = ({ request }: LoaderFunctionArgs) => listForSupplier(services(), request);
