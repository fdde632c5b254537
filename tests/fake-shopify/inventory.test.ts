import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { at, readCapture, seededFake, shape, str, type SeededShop } from "./fixtures";

let s: SeededShop;
beforeEach(async () => {
  s = await seededFake();
});
afterEach(async () => {
  await s.fake.close();
});

const SET = `mutation Set($input: InventorySetQuantitiesInput!, $key: String!) {
  inventorySetQuantities(input: $input) @idempotent(key: $key) {
    inventoryAdjustmentGroup { reason changes { name delta quantityAfterChange } }
    userErrors { field message code }
  }
}`;

function freshItem(): string {
  const { variants } = s.fake.createProduct({ title: "Fresh", variants: [{ sku: null, price: "1.00" }] });
  const item = variants[0]?.inventoryItemId ?? "";
  s.fake.setInventory({ inventoryItemId: item, locationId: s.primaryLocationId, available: 0 });
  return item;
}

function level(item: string) {
  return s.fake.store.shop().inventoryLevels.get(s.fake.store.shop().levelKey(item, s.primaryLocationId))?.quantities;
}

describe("inventorySetQuantities", () => {
  for (const file of ["products__inventorySetQuantities-name-validation", "products__inventorySetQuantities-quantity-bounds"]) {
    const capture = readCapture(file);
    for (const [name, c] of Object.entries(at(capture, "cases") as Record<string, unknown>)) {
      it(`answers the captured ${name} case like Shopify`, async () => {
        const item = freshItem();
        const input = at(c, "variables", "input") as { quantities: Record<string, unknown>[] };
        const vars = {
          ...(at(c, "variables") as object),
          input: { ...input, quantities: input.quantities.map((q) => ({ ...q, inventoryItemId: item, locationId: s.primaryLocationId })) },
        };
        const { body } = await s.fake.graphql(str(at(c, "query")), vars);
        expect(shape(body.data)).toEqual(shape(at(c, "response", "data")));
      });
    }
  }

  it("keeps available and on_hand consistent and emits inventory_levels/update", async () => {
    const { body } = await s.fake.graphql(SET, {
      key: "k1",
      input: {
        name: "available",
        reason: "correction",
        quantities: [{ inventoryItemId: s.inventoryItemId, locationId: s.primaryLocationId, quantity: 40, changeFromQuantity: 50 }],
      },
    });
    expect(at(body.data, "inventorySetQuantities", "inventoryAdjustmentGroup", "changes")).toEqual([
      { name: "available", delta: -10, quantityAfterChange: 40 },
      { name: "on_hand", delta: -10, quantityAfterChange: 40 },
    ]);
    expect(level(s.inventoryItemId)).toMatchObject({ available: 40, on_hand: 40 });
  });

  it("refuses a stale changeFromQuantity and changes nothing", async () => {
    const { body } = await s.fake.graphql(SET, {
      key: "k2",
      input: {
        name: "available",
        reason: "correction",
        quantities: [{ inventoryItemId: s.inventoryItemId, locationId: s.primaryLocationId, quantity: 10, changeFromQuantity: 7 }],
      },
    });
    expect(body.data).toEqual({
      inventorySetQuantities: {
        inventoryAdjustmentGroup: null,
        userErrors: [
          {
            field: ["input", "quantities", "0", "changeFromQuantity"],
            message: "The changeFromQuantity value does not match persisted value.",
            code: "CHANGE_FROM_QUANTITY_STALE",
          },
        ],
      },
    });
    expect(level(s.inventoryItemId)).toMatchObject({ available: 50 });
  });

  it("replays an idempotency key without applying the change twice", async () => {
    const vars = {
      key: "same-key",
      input: {
        name: "available",
        reason: "correction",
        quantities: [{ inventoryItemId: s.inventoryItemId, locationId: s.primaryLocationId, quantity: 45, changeFromQuantity: null }],
      },
    };
    const first = await s.fake.graphql(SET, vars);
    s.fake.setInventory({ inventoryItemId: s.inventoryItemId, locationId: s.primaryLocationId, available: 30 });
    const second = await s.fake.graphql(SET, vars);
    expect(second.body.data).toEqual(first.body.data);
    expect(level(s.inventoryItemId)).toMatchObject({ available: 30 });
    const other = await s.fake.graphql(SET, { ...vars, input: { ...vars.input, reason: "received" } });
    expect(at(other.body.data, "inventorySetQuantities", "userErrors", 0, "code")).toBe("IDEMPOTENCY_KEY_PARAMETER_MISMATCH");
  });

  it("rejects the mutation without @idempotent, as 2026-04 does", async () => {
    const { body } = await s.fake.graphql(
      'mutation { inventorySetQuantities(input: { name: "available", reason: "correction", quantities: [] }) { userErrors { message } } }',
    );
    expect(body.data).toEqual({ inventorySetQuantities: null });
    expect(body.errors).toEqual([
      {
        message: "The @idempotent directive is required for this mutation but was not provided.",
        locations: [{ line: 1, column: 12 }],
        path: ["inventorySetQuantities"],
        extensions: { code: "BAD_REQUEST" },
      },
    ]);
  });
});

describe("inventoryActivate", () => {
  const ACTIVATE = `mutation Activate($key: String!, $item: ID!, $loc: ID!, $available: Int) {
    inventoryActivate(inventoryItemId: $item, locationId: $loc, available: $available) @idempotent(key: $key) {
      inventoryLevel { quantities(names: ["available", "on_hand"]) { name quantity } }
      userErrors { field message }
    }
  }`;

  it("stocks an item at a location with its initial available quantity, once per key", async () => {
    const { variants } = s.fake.createProduct({ title: "New", variants: [{ sku: "NEW-1", price: "1.00" }] });
    const item = variants[0]!.inventoryItemId;
    const vars = { key: "act-1", item, loc: s.secondLocationId, available: 7 };
    const { body } = await s.fake.graphql(ACTIVATE, vars);
    expect(body.data).toEqual({
      inventoryActivate: {
        inventoryLevel: {
          quantities: [
            { name: "available", quantity: 7 },
            { name: "on_hand", quantity: 7 },
          ],
        },
        userErrors: [],
      },
    });
    s.fake.setInventory({ inventoryItemId: item, locationId: s.secondLocationId, available: 3 });
    const replay = await s.fake.graphql(ACTIVATE, vars);
    expect(at(replay.body.data, "inventoryActivate", "userErrors")).toEqual([]);
    expect(s.fake.store.shop().inventoryLevels.get(s.fake.store.shop().levelKey(item, s.secondLocationId))?.quantities.available).toBe(3);
  });

  it("requires @idempotent and refuses an unknown item", async () => {
    const missing = await s.fake.graphql(
      `mutation { inventoryActivate(inventoryItemId: "gid://shopify/InventoryItem/1", locationId: "${s.primaryLocationId}") { userErrors { message } } }`,
    );
    expect(missing.body.errors?.[0]?.extensions).toEqual({ code: "BAD_REQUEST" });
    const unknown = await s.fake.graphql(ACTIVATE, { key: "act-2", item: "gid://shopify/InventoryItem/1", loc: s.primaryLocationId });
    expect(at(unknown.body.data, "inventoryActivate", "userErrors")).toEqual([{ field: ["inventoryItemId"], message: "Inventory item does not exist" }]);
  });
});

describe("inventory reads", () => {
  it("reads levels by location and quantities by name", async () => {
    const { body } = await s.fake.graphql(
      `query($id: ID!, $loc: ID!) { inventoryItem(id: $id) { id sku tracked inventoryLevel(locationId: $loc) { quantities(names: ["available", "on_hand", "committed"]) { name quantity } location { id } }
        inventoryLevels(first: 5) { nodes { location { id } } } } }`,
      { id: s.inventoryItemId, loc: s.primaryLocationId },
    );
    expect(body.data).toEqual({
      inventoryItem: {
        id: s.inventoryItemId,
        sku: "WID-1",
        tracked: true,
        inventoryLevel: {
          quantities: [
            { name: "available", quantity: 50 },
            { name: "on_hand", quantity: 50 },
            { name: "committed", quantity: 0 },
          ],
          location: { id: s.primaryLocationId },
        },
        inventoryLevels: { nodes: [{ location: { id: s.primaryLocationId } }, { location: { id: s.secondLocationId } }] },
      },
    });
  });

  it("finds variants by sku and exposes price and inventory item", async () => {
    const { body } = await s.fake.graphql(
      '{ productVariants(first: 5, query: "sku:WID-2") { nodes { id sku price inventoryItem { id } product { title } } } }',
    );
    expect(at(body.data, "productVariants", "nodes")).toEqual([
      { id: s.variant2Id, sku: "WID-2", price: "12.50", inventoryItem: { id: s.inventoryItem2Id }, product: { title: "Widget" } },
    ]);
  });
});

describe("metafieldsSet", () => {
  const SET_MF = `mutation($m: [MetafieldsSetInput!]!) { metafieldsSet(metafields: $m) { metafields { namespace key value type } userErrors { field message code elementIndex } } }`;

  it("stores $app metafields under the app's reserved namespace and reads them back", async () => {
    const { body } = await s.fake.graphql(SET_MF, { m: [{ ownerId: s.variantId, namespace: "$app", key: "lead_time", type: "number_integer", value: "3" }] });
    expect(body.data).toEqual({
      metafieldsSet: { metafields: [{ namespace: "app--1000000000001", key: "lead_time", value: "3", type: "number_integer" }], userErrors: [] },
    });
    const read = await s.fake.graphql('query($id: ID!) { productVariant(id: $id) { metafield(namespace: "$app", key: "lead_time") { value jsonValue } } }', {
      id: s.variantId,
    });
    expect(read.body.data).toEqual({ productVariant: { metafield: { value: "3", jsonValue: 3 } } });
  });

  it("refuses more than 25 metafields in one call", async () => {
    const m = Array.from({ length: 26 }, (_, i) => ({ ownerId: s.variantId, namespace: "$app", key: `k${i}`, type: "single_line_text_field", value: "x" }));
    const { body } = await s.fake.graphql(SET_MF, { m });
    expect(at(body.data, "metafieldsSet", "userErrors", 0, "code")).toBe("LESS_THAN_OR_EQUAL_TO");
    expect(s.fake.store.shop().metafields.size).toBe(0);
  });

  it("rejects invalid values and unknown owners without writing anything", async () => {
    const { body } = await s.fake.graphql(SET_MF, {
      m: [
        { ownerId: s.variantId, namespace: "$app", key: "cfg", type: "json", value: "{not json" },
        { ownerId: "gid://shopify/Product/1", namespace: "$app", key: "cfg", type: "json", value: "{}" },
      ],
    });
    expect(at(body.data, "metafieldsSet", "userErrors")).toEqual([
      expect.objectContaining({ field: ["metafields", "0", "value"], code: "INVALID_VALUE", elementIndex: 0 }),
      expect.objectContaining({ field: ["metafields", "1", "ownerId"], code: "INVALID", elementIndex: 1 }),
    ]);
    expect(s.fake.store.shop().metafields.size).toBe(0);
  });
});
