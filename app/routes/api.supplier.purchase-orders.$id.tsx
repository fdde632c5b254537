import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { actForSupplier, getForSupplier } from "~/services/portal/supplier-api.server";
import { services } from "~/services.server";

/** GET one purchase order; POST an action on it (token-authenticated supplier API). */
export const loader = ({ request, params }: LoaderFunctionArgs) => getForSupplier(services(), request, params.id ?? "");

export const action = ({ request, params }: ActionFunctionArgs) => actForSupplier(services(), request, params.id ?? "");
