/** Inventory items, levels per location, quantities by name, and inventorySetQuantities. */
import type { GraphQLResolveInfo } from "graphql";
import { ShopifyResolverError } from "../errors";
import { numericPart } from "../ids";
import { inventoryLevelPayload } from "../payloads";
import type { InventoryItemRecord, InventoryLevelRecord, QuantityName } from "../types";
import { connection } from "./connection";
import { optList, optStr, str, type Args, type ResolverContext, type View } from "./context";
import { locationView } from "./locations";
import { variantView } from "./products";

const QUANTITY_LIMIT = 1_000_000_000;
const SETTABLE_NAMES = new Set(["available", "on_hand"]);
const REASONS = new Set([
  "correction",
  "cycle_count_available",
  "damaged",
  "movement_created",
  "movement_updated",
  "movement_received",
  "movement_canceled",
  "other",
  "promotion",
  "quality_control",
  "received",
  "reservation_created",
  "reservation_deleted",
  "reservation_updated",
  "restock",
  "safety_stock",
  "shrinkage",
]);

export function emptyQuantities(): Record<QuantityName, number> {
  return { available: 0, on_hand: 0, committed: 0, incoming: 0, reserved: 0, damaged: 0, safety_stock: 0, quality_control: 0 };
}

export function levelsAtLocation(ctx: ResolverContext, locationId: string): InventoryLevelRecord[] {
  return [...ctx.state.inventoryLevels.values()].filter((l) => l.locationId === locationId);
}

function levelsOfItem(ctx: ResolverContext, itemId: string): InventoryLevelRecord[] {
  return [...ctx.state.inventoryLevels.values()].filter((l) => l.inventoryItemId === itemId);
}

export function inventoryLevelView(ctx: ResolverContext, level: InventoryLevelRecord): View {
  return {
    __typename: "InventoryLevel",
    id: level.id,
    updatedAt: level.updatedAt,
    createdAt: level.updatedAt,
    canDeactivate: true,
    deactivationAlert: null,
    quantities: (args: Args) => {
      const names = Array.isArray(args.names) ? args.names.filter((n): n is string => typeof n === "string") : [];
      return names.map((name) => ({
        __typename: "InventoryQuantity",
        id: `gid://shopify/InventoryQuantity/${numericPart(level.id)}?inventory_item_id=${numericPart(level.inventoryItemId)}&name=${name}`,
        name,
        quantity: level.quantities[name as QuantityName] ?? 0,
        updatedAt: level.updatedAt,
      }));
    },
    item: () => {
      const item = ctx.state.inventoryItems.get(level.inventoryItemId);
      return item ? inventoryItemView(ctx, item) : null;
    },
    location: () => {
      const location = ctx.state.locations.get(level.locationId);
      return location ? locationView(ctx, location) : null;
    },
  };
}

export function inventoryItemView(ctx: ResolverContext, item: InventoryItemRecord): View {
  return {
    __typename: "InventoryItem",
    id: item.id,
    legacyResourceId: numericPart(item.id),
    sku: item.sku,
    tracked: item.tracked,
    requiresShipping: item.requiresShipping,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    locationsCount: () => ({ __typename: "Count", count: levelsOfItem(ctx, item.id).length, precision: "EXACT" }),
    variant: () => {
      const variant = ctx.state.variants.get(item.variantId);
      return variant ? variantView(ctx, variant) : null;
    },
    inventoryLevel: (args: Args) => {
      const level = ctx.state.inventoryLevels.get(ctx.state.levelKey(item.id, str(args, "locationId")));
      return level ? inventoryLevelView(ctx, level) : null;
    },
    inventoryLevels: (args: Args) => connection("InventoryLevelConnection", levelsOfItem(ctx, item.id), args, (l) => inventoryLevelView(ctx, l)),
  };
}

export const inventoryQueries = {
  inventoryItem: (args: Args, ctx: ResolverContext): View | null => {
    const item = ctx.state.inventoryItems.get(str(args, "id"));
    return item ? inventoryItemView(ctx, item) : null;
  },
  inventoryLevel: (args: Args, ctx: ResolverContext): View | null => {
    const id = str(args, "id");
    const level = [...ctx.state.inventoryLevels.values()].find((l) => l.id === id);
    return level ? inventoryLevelView(ctx, level) : null;
  },
};

/** Sets one named quantity, keeping available/on_hand consistent; returns the per-name deltas. */
export function setQuantity(
  ctx: ResolverContext,
  level: InventoryLevelRecord,
  name: "available" | "on_hand",
  quantity: number,
): { name: string; delta: number }[] {
  const delta = quantity - level.quantities[name];
  level.quantities.available += delta;
  level.quantities.on_hand += delta;
  level.updatedAt = ctx.store.nowIso();
  return [
    { name: "available", delta },
    { name: "on_hand", delta },
  ];
}

export function emitLevelUpdate(ctx: ResolverContext, level: InventoryLevelRecord): void {
  ctx.store.emit(ctx.state.shop.domain, "inventory_levels/update", inventoryLevelPayload(level));
}

interface SetError {
  field: string[];
  message: string;
  code: string;
}

function requireIdempotencyKey(info: GraphQLResolveInfo): string {
  const directive = info.fieldNodes[0]?.directives?.find((d) => d.name.value === "idempotent");
  const arg = directive?.arguments?.find((a) => a.name.value === "key");
  let key: unknown;
  if (arg?.value.kind === "StringValue") key = arg.value.value;
  if (arg?.value.kind === "Variable") key = info.variableValues[arg.value.name.value];
  if (!directive) throw new ShopifyResolverError("The @idempotent directive is required for this mutation but was not provided.", "BAD_REQUEST");
  if (typeof key !== "string" || key.trim() === "") throw new ShopifyResolverError("The idempotency key cannot be blank.", "BAD_REQUEST");
  return key;
}

function validateSet(ctx: ResolverContext, input: Args): SetError[] {
  const errors: SetError[] = [];
  const name = optStr(input, "name") ?? "";
  if (!SETTABLE_NAMES.has(name))
    errors.push({ field: ["input", "name"], message: "The quantity name must be either 'available' or 'on_hand'.", code: "INVALID_NAME" });
  if (!REASONS.has(optStr(input, "reason") ?? ""))
    errors.push({ field: ["input", "reason"], message: "The specified reason is invalid.", code: "INVALID_REASON" });
  const quantities = optList(input, "quantities") ?? [];
  const seen = new Map<string, number[]>();
  quantities.forEach((q, i) => {
    const at = (f: string): string[] => ["input", "quantities", String(i), f];
    const itemId = optStr(q, "inventoryItemId") ?? "";
    const locationId = optStr(q, "locationId") ?? "";
    const quantity = typeof q.quantity === "number" ? q.quantity : 0;
    const pair = `${itemId}|${locationId}`;
    seen.set(pair, [...(seen.get(pair) ?? []), i]);
    if (!ctx.state.inventoryItems.has(itemId))
      errors.push({ field: at("inventoryItemId"), message: "The specified inventory item could not be found.", code: "INVALID_INVENTORY_ITEM" });
    else if (!ctx.state.locations.has(locationId))
      errors.push({ field: at("locationId"), message: "The specified location could not be found.", code: "INVALID_LOCATION" });
    else if (!ctx.state.inventoryLevels.has(ctx.state.levelKey(itemId, locationId)))
      errors.push({ field: at("locationId"), message: "The specified inventory item is not stocked at the location.", code: "ITEM_NOT_STOCKED_AT_LOCATION" });
    if (quantity > QUANTITY_LIMIT)
      errors.push({ field: at("quantity"), message: "The quantity can't be higher than 1,000,000,000.", code: "INVALID_QUANTITY_TOO_HIGH" });
    else if (quantity < -QUANTITY_LIMIT)
      errors.push({ field: at("quantity"), message: "The quantity can't be lower than -1,000,000,000.", code: "INVALID_QUANTITY_TOO_LOW" });
    else if (quantity < 0 && name === "on_hand")
      errors.push({ field: at("quantity"), message: "The quantity can't be negative.", code: "INVALID_QUANTITY_NEGATIVE" });
  });
  for (const indexes of seen.values()) {
    if (indexes.length < 2) continue;
    for (const i of indexes)
      errors.push({
        field: ["input", "quantities", String(i), "locationId"],
        message: "The combination of inventoryItemId and locationId must be unique.",
        code: "NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR",
      });
  }
  if (errors.length > 0 || !SETTABLE_NAMES.has(name)) return errors;
  quantities.forEach((q, i) => {
    const level = ctx.state.inventoryLevels.get(ctx.state.levelKey(optStr(q, "inventoryItemId") ?? "", optStr(q, "locationId") ?? ""));
    const from = q.changeFromQuantity;
    if (level && typeof from === "number" && level.quantities[name as "available" | "on_hand"] !== from) {
      errors.push({
        field: ["input", "quantities", String(i), "changeFromQuantity"],
        message: "The changeFromQuantity value does not match persisted value.",
        code: "CHANGE_FROM_QUANTITY_STALE",
      });
    }
  });
  return errors;
}

function inventorySetQuantities(args: Args, ctx: ResolverContext, info: GraphQLResolveInfo): unknown {
  const key = requireIdempotencyKey(info);
  const input = (args.input ?? {}) as Args;
  const fingerprint = JSON.stringify(input);
  const replay = ctx.state.idempotency.get(`inventorySetQuantities:${key}`);
  if (replay) {
    if (replay.mutation !== fingerprint) {
      return {
        __typename: "InventorySetQuantitiesPayload",
        inventoryAdjustmentGroup: null,
        userErrors: [
          {
            __typename: "InventorySetQuantitiesUserError",
            field: ["input"],
            message: "The same idempotency key cannot be used with different operation parameters.",
            code: "IDEMPOTENCY_KEY_PARAMETER_MISMATCH",
          },
        ],
      };
    }
    return replay.result;
  }
  const errors = validateSet(ctx, input);
  let result: View;
  if (errors.length > 0) {
    result = {
      __typename: "InventorySetQuantitiesPayload",
      inventoryAdjustmentGroup: null,
      userErrors: errors.map((e) => ({ __typename: "InventorySetQuantitiesUserError", ...e })),
    };
  } else {
    const name = str(input, "name") as "available" | "on_hand";
    const changes: View[] = [];
    for (const q of optList(input, "quantities") ?? []) {
      const level = ctx.state.inventoryLevels.get(ctx.state.levelKey(str(q, "inventoryItemId"), str(q, "locationId")));
      if (!level) continue;
      for (const change of setQuantity(ctx, level, name, q.quantity as number)) {
        changes.push({
          __typename: "InventoryChange",
          name: change.name,
          delta: change.delta,
          quantityAfterChange: level.quantities[change.name as QuantityName],
          ledgerDocumentUri: null,
          item: () => {
            const item = ctx.state.inventoryItems.get(level.inventoryItemId);
            return item ? inventoryItemView(ctx, item) : null;
          },
          location: () => {
            const location = ctx.state.locations.get(level.locationId);
            return location ? locationView(ctx, location) : null;
          },
        });
      }
      emitLevelUpdate(ctx, level);
    }
    const now = ctx.store.nowIso();
    result = {
      __typename: "InventorySetQuantitiesPayload",
      inventoryAdjustmentGroup: {
        __typename: "InventoryAdjustmentGroup",
        id: ctx.store.newGid("InventoryAdjustmentGroup"),
        createdAt: now,
        reason: str(input, "reason"),
        referenceDocumentUri: optStr(input, "referenceDocumentUri"),
        changes: (a: Args) => {
          const names = Array.isArray(a.quantityNames) ? a.quantityNames : null;
          return names ? changes.filter((c) => names.includes(c.name)) : changes;
        },
        app: null,
        staffMember: null,
      },
      userErrors: [],
    };
  }
  ctx.state.idempotency.set(`inventorySetQuantities:${key}`, { key, mutation: fingerprint, result });
  return result;
}

/** Stocks an item at a location (2026-04: @idempotent required); already stocked = no change. */
function inventoryActivate(args: Args, ctx: ResolverContext, info: GraphQLResolveInfo): unknown {
  const key = requireIdempotencyKey(info);
  const replay = ctx.state.idempotency.get(`inventoryActivate:${key}`);
  if (replay) return replay.result;
  const itemId = str(args, "inventoryItemId");
  const locationId = str(args, "locationId");
  const fail = (field: string, message: string): View => ({
    __typename: "InventoryActivatePayload",
    inventoryLevel: null,
    userErrors: [{ __typename: "UserError", field: [field], message }],
  });
  let result: View;
  if (!ctx.state.inventoryItems.has(itemId)) result = fail("inventoryItemId", "Inventory item does not exist");
  else if (!ctx.state.locations.get(locationId)?.isActive) result = fail("locationId", "Location does not exist");
  else {
    const levelKey = ctx.state.levelKey(itemId, locationId);
    let level = ctx.state.inventoryLevels.get(levelKey);
    if (!level) {
      const available = typeof args.available === "number" ? args.available : 0;
      level = {
        id: `gid://shopify/InventoryLevel/${ctx.store.ids.nextNumeric()}?inventory_item_id=${numericPart(itemId)}`,
        inventoryItemId: itemId,
        locationId,
        quantities: emptyQuantities(),
        updatedAt: ctx.store.nowIso(),
      };
      level.quantities.available = available;
      level.quantities.on_hand = typeof args.onHand === "number" ? args.onHand : available;
      ctx.state.inventoryLevels.set(levelKey, level);
      emitLevelUpdate(ctx, level);
    }
    result = { __typename: "InventoryActivatePayload", inventoryLevel: inventoryLevelView(ctx, level), userErrors: [] };
  }
  ctx.state.idempotency.set(`inventoryActivate:${key}`, { key, mutation: JSON.stringify(args), result });
  return result;
}

export const inventoryMutations = { inventorySetQuantities, inventoryActivate };
