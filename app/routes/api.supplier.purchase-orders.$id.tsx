import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { actForSupplier, bearer, getForSupplier } from "~/services/portal/supplier-api.server";
import { services } from "~/services.server";

/** GET one purchase order; POST an action on it (token-authenticated supplier API, rate limited). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const s = services();
  return (await s.publicLimiter.check(request, "supplier_api", bearer(request))) ?? getForSupplier(s, request, params.id ?? "");
}

export async function action({ request, params }: ActionFunctionArgs) {
  const s = services();
  return (await s.publicLimiter.check(request, "supplier_api", bearer(request))) ?? actForSupplier(s, request, params.id ?? "", s.bodyLimits.request);
}
