import { webhookAction } from "~/jobs/webhook-route.server";

export const action = webhookAction("fulfillment_orders/fulfillment_request_submitted");
