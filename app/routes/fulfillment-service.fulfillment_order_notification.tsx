import type { ActionFunctionArgs } from "@remix-run/node";
import prisma from "~/db.server";
import { env } from "~/env.server";
import { receiveFulfillmentOrderNotification } from "~/services/coordination/callback.server";
import { services } from "~/services.server";

/** Shopify's fulfillment service callback (the path hangs off fulfillmentServiceCallbackUrl). */
export const action = ({ request }: ActionFunctionArgs) =>
  receiveFulfillmentOrderNotification(request, {
    db: prisma,
    queue: services().queue,
    apiSecret: env().SHOPIFY_API_SECRET,
    maxBytes: services().bodyLimits.request,
    now: services().now,
  });

export const loader = () => new Response("Method not allowed", { status: 405, headers: { Allow: "POST" } });
