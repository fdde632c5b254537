import type { LoaderFunctionArgs } from "@remix-run/node";
import { jobServices } from "~/jobs/runtime.server";
import { coordinationServices } from "~/jobs/coordination/services.server";
import { listForSupplier } from "~/jobs/coordination/supplier-api.server";

/** GET /api/supplier/purchase-orders (token-authenticated supplier API). */
export const loader = ({ request }: LoaderFunctionArgs) => listForSupplier(coordinationServices(jobServices()), request);
