import { webhookAction } from "~/jobs/webhook-route.server";

export const action = webhookAction("inventory_levels/update");
