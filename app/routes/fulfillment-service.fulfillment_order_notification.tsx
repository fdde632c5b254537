import type { ActionFunctionArgs } from "@remix-run/node";
import prisma from "~/db.server";
import { env } from "~/env.server";
import { receiveFulfillmentOrderNotification } from "~/jobs/coordination/callback.server";
import { PrismaJobQueue } from "~/jobs/prisma-queue.server";

/** Shopify's fulfillment service callback (the path hangs off fulfillmentServiceCallbackUrl). */
export const action = ({ request }: ActionFunctionArgs) =>
  receiveFulfillmentOrderNotification(request, { db: prisma, queue: new PrismaJobQueue(prisma), apiSecret: env().SHOPIFY_API_SECRET });

export const loader = () => new Response("Method not allowed", { status: 405, headers: { Allow: "POST" } });
