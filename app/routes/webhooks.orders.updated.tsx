import { webhookAction } from "~/jobs/webhook-route.server";

export const action = webhookAction("orders/updated");
