import { recordStockDrift } from "~/services/stock/drift.server";
import { stockSyncJob } from "~/services/queue/stock";
import type { TopicHandler } from "./context";

/** inventory_levels/update: more stock at a supplier's location than Dropline published is re-published. */
export const onInventoryLevelUpdate: TopicHandler<"inventory_levels/update"> = async (ctx, payload) => {
  if (payload.inventory_item_id === undefined || payload.location_id === undefined || payload.available == null) return;
  const supplierId = await recordStockDrift(ctx.db, ctx.shop, {
    inventoryItemId: payload.inventory_item_id,
    locationId: payload.location_id,
    available: payload.available,
    at: payload.updated_at ? new Date(payload.updated_at) : (ctx.triggeredAt ?? ctx.now),
  });
  if (supplierId) await ctx.enqueue(stockSyncJob(ctx.shop, supplierId, `drift:${ctx.eventId}`));
};
