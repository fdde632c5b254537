/** `node(id)` / `nodes(ids)`: dispatch on the GID's type to the right view. */
import { parseGid } from "../ids";
import { str, type Args, type ResolverContext, type View } from "./context";
import { fulfillmentOrderView } from "./fulfillment-orders";
import { fulfillmentView } from "./fulfillments";
import { inventoryItemView, inventoryLevelView } from "./inventory";
import { fulfillmentServiceView, locationView } from "./locations";
import { metafieldView } from "./metafields";
import { orderView } from "./orders";
import { collectionView, productView, variantView } from "./products";
import { shopView } from "./shop";

export function nodeById(ctx: ResolverContext, id: string): View | null {
  const s = ctx.state;
  switch (parseGid(id)?.type) {
    case "Shop":
      return id === s.shop.id ? shopView(ctx) : null;
    case "Order": {
      const o = s.orders.get(id);
      return o ? orderView(ctx, o) : null;
    }
    case "FulfillmentOrder": {
      const fo = s.fulfillmentOrders.get(id);
      return fo ? fulfillmentOrderView(ctx, fo) : null;
    }
    case "Fulfillment": {
      const f = s.fulfillments.get(id);
      return f ? fulfillmentView(ctx, f) : null;
    }
    case "Location": {
      const l = s.locations.get(id);
      return l && !l.deletedAt ? locationView(ctx, l) : null;
    }
    case "FulfillmentService": {
      const numeric = parseGid(id)?.numeric;
      const fs = [...s.fulfillmentServices.values()].find((x) => parseGid(x.id)?.numeric === numeric);
      return fs ? fulfillmentServiceView(ctx, fs) : null;
    }
    case "Product": {
      const p = s.products.get(id);
      return p ? productView(ctx, p) : null;
    }
    case "Collection": {
      const c = s.collections.get(id);
      return c ? collectionView(ctx, c) : null;
    }
    case "ProductVariant": {
      const v = s.variants.get(id);
      return v ? variantView(ctx, v) : null;
    }
    case "InventoryItem": {
      const i = s.inventoryItems.get(id);
      return i ? inventoryItemView(ctx, i) : null;
    }
    case "InventoryLevel": {
      const level = [...s.inventoryLevels.values()].find((l) => l.id === id);
      return level ? inventoryLevelView(ctx, level) : null;
    }
    case "Metafield": {
      const m = s.metafields.get(id);
      return m ? metafieldView(ctx, m) : null;
    }
    default:
      return null;
  }
}

export const nodeQueries = {
  node: (args: Args, ctx: ResolverContext): View | null => nodeById(ctx, str(args, "id")),
  nodes: (args: Args, ctx: ResolverContext): (View | null)[] => {
    const ids = Array.isArray(args.ids) ? args.ids.filter((x): x is string => typeof x === "string") : [];
    return ids.map((id) => nodeById(ctx, id));
  },
};
