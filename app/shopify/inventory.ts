/**
 * Inventory at suppliers' locations: reading the available quantity of variants at a location,
 * activating an item there, and setting available quantities with compare-and-set. 2026-04
 * requires `@idempotent(key:)` on both mutations; `changeFromQuantity` makes a concurrent sale
 * fail the write instead of being overwritten.
 */
import { fail, ok, type Result } from "~/domain/result";
import type { AdminClient } from "./client.server";
import { UserErrorsFailure } from "./errors";
import { operation, type UserError } from "./operation";

/** Shopify accepts at most this many quantities per inventorySetQuantities call. */
export const SET_QUANTITIES_LIMIT = 250;
/** Variants read per `nodes` query. */
export const READ_BATCH = 250;

interface LevelsData {
  readonly nodes: readonly ({
    readonly id: string;
    readonly inventoryItem?: {
      readonly id: string;
      readonly inventoryLevel: { readonly quantities: readonly { name: string; quantity: number }[] } | null;
    } | null;
  } | null)[];
}

export const VARIANT_LEVELS_AT_LOCATION = operation<LevelsData, { ids: string[]; locationId: string }>(`#graphql
  query VariantLevelsAtLocation($ids: [ID!]!, $locationId: ID!) {
    nodes(ids: $ids) {
      ... on ProductVariant {
        id
        inventoryItem {
          id
          inventoryLevel(locationId: $locationId) {
            quantities(names: ["available"]) {
              name
              quantity
            }
          }
        }
      }
    }
  }
`);

interface SetPayload {
  readonly inventoryAdjustmentGroup: { readonly id: string } | null;
  readonly userErrors: readonly (UserError & { code?: string | null })[];
}

export interface QuantityInput {
  readonly inventoryItemId: string;
  readonly locationId: string;
  readonly quantity: number;
  /** What we believe Shopify holds now; a mismatch fails the whole call with CHANGE_FROM_QUANTITY_STALE. */
  readonly changeFromQuantity: number | null;
}

export const INVENTORY_SET_AVAILABLE = operation<
  { inventorySetQuantities: SetPayload | null },
  { key: string; input: { name: "available"; reason: string; referenceDocumentUri: string; quantities: QuantityInput[] } }
>(`#graphql
  mutation InventorySetAvailable($key: String!, $input: InventorySetQuantitiesInput!) {
    inventorySetQuantities(input: $input) @idempotent(key: $key) {
      inventoryAdjustmentGroup {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const INVENTORY_ACTIVATE = operation<
  { inventoryActivate: { inventoryLevel: { id: string } | null; userErrors: readonly UserError[] } | null },
  { key: string; inventoryItemId: string; locationId: string; available: number }
>(`#graphql
  mutation InventoryActivate($key: String!, $inventoryItemId: ID!, $locationId: ID!, $available: Int) {
    inventoryActivate(inventoryItemId: $inventoryItemId, locationId: $locationId, available: $available) @idempotent(key: $key) {
      inventoryLevel {
        id
      }
      userErrors {
        field
        message
      }
    }
  }
`);

/** A variant's inventory item and its available quantity at one location (null = not stocked there). */
export interface VariantLevel {
  readonly variantId: string;
  readonly inventoryItemId: string;
  readonly available: number | null;
}

/** Reads variants' available quantity at a location, `READ_BATCH` variants per call. */
export async function readLevels(client: AdminClient, locationId: string, variantIds: readonly string[]): Promise<Map<string, VariantLevel>> {
  const found = new Map<string, VariantLevel>();
  for (let i = 0; i < variantIds.length; i += READ_BATCH) {
    const ids = variantIds.slice(i, i + READ_BATCH);
    const data = await client.request(VARIANT_LEVELS_AT_LOCATION, { ids, locationId });
    for (const node of data.nodes) {
      if (!node?.inventoryItem) continue;
      const level = node.inventoryItem.inventoryLevel;
      const available = level ? (level.quantities.find((q) => q.name === "available")?.quantity ?? 0) : null;
      found.set(node.id, { variantId: node.id, inventoryItemId: node.inventoryItem.id, available });
    }
  }
  return found;
}

/** Stocks an item at a location with an initial available quantity. */
export async function activateAt(client: AdminClient, key: string, inventoryItemId: string, locationId: string, available: number): Promise<void> {
  await client.mutate(INVENTORY_ACTIVATE, { key, inventoryItemId, locationId, available }, "inventoryActivate");
}

/** A refused compare-and-set: the indexes (into the quantities sent) whose expected value was stale. */
export interface StaleQuantities {
  readonly staleIndexes: readonly number[];
}

export type SetOutcome = Result<void, StaleQuantities>;

/**
 * One inventorySetQuantities call (≤ SET_QUANTITIES_LIMIT quantities). Shopify applies all or
 * nothing: a stale compare comes back as the indexes to re-read; other refusals throw.
 */
export async function setAvailable(client: AdminClient, key: string, reference: string, quantities: readonly QuantityInput[]): Promise<SetOutcome> {
  if (quantities.length > SET_QUANTITIES_LIMIT) throw new RangeError(`At most ${SET_QUANTITIES_LIMIT} quantities per call`);
  const input = { name: "available" as const, reason: "correction", referenceDocumentUri: reference, quantities: [...quantities] };
  const data = await client.request(INVENTORY_SET_AVAILABLE, { key, input });
  const payload = data.inventorySetQuantities;
  if (!payload) throw new UserErrorsFailure(INVENTORY_SET_AVAILABLE.name, [{ message: "no payload" }]);
  if (payload.userErrors.length === 0) return ok(undefined);
  const stale = payload.userErrors.filter((e) => e.code === "CHANGE_FROM_QUANTITY_STALE");
  if (stale.length !== payload.userErrors.length) throw new UserErrorsFailure(INVENTORY_SET_AVAILABLE.name, payload.userErrors);
  return fail({ staleIndexes: stale.map((e) => Number(e.field?.[2])).filter((n) => Number.isInteger(n)) });
}
