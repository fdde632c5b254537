import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { jobServices } from "~/jobs/runtime.server";
import { coordinationServices } from "~/jobs/coordination/services.server";
import { actForSupplier, getForSupplier } from "~/jobs/coordination/supplier-api.server";

/** GET one purchase order; POST an action on it (token-authenticated supplier API). */
export const loader = ({ request, params }: LoaderFunctionArgs) => getForSupplier(coordinationServices(jobServices()), request, params.id ?? "");

export const action = ({ request, params }: ActionFunctionArgs) => actForSupplier(coordinationServices(jobServices()), request, params.id ?? "");
