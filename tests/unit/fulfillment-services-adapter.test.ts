/**
 * The fulfillment-service adapter fed Shopify's own recorded answers (shared captures), so the
 * mapping from userErrors to form fields follows what Shopify really says.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AdminClient, type RawGraphqlResponse, type Transport } from "../../app/shopify/client.server";
import {
  createFulfillmentService,
  deleteFulfillmentService,
  fulfillmentServiceCallbackUrl,
  renameFulfillmentService,
} from "../../app/shopify/fulfillment-services";
import { skuSearchQuery } from "../../app/shopify/products";
import { capturesDir } from "../fake-shopify/reference";

const CAPTURES = capturesDir;
const capture = (name: string) => JSON.parse(fs.readFileSync(path.join(CAPTURES, `2026-04__shipping-fulfillments__${name}.json`), "utf8"));
const uniqueness = capture("fulfillment-service-uniqueness");
const lifecycle = capture("fulfillment-service-lifecycle");
const lifecycleStep = (name: string) => lifecycle.interactions.find((i: { name: string }) => i.name === name);

/** A client whose transport answers with one recorded payload and remembers what was sent. */
function replaying(data: unknown) {
  const sent: { source: string; variables: Record<string, unknown> | undefined }[] = [];
  const transport: Transport = async (source, variables) => {
    sent.push({ source, variables });
    return { status: 200, data } satisfies RawGraphqlResponse;
  };
  return { client: new AdminClient(transport, { shop: "harry-test-heelo.myshopify.com", sleep: async () => undefined }), sent };
}

describe("fulfillment services against Shopify's recorded answers", () => {
  it("creates with the app's callback URL, tracking and inventory on, and returns both GIDs", async () => {
    const { client, sent } = replaying(uniqueness.createA.payload.data);
    const result = await createFulfillmentService(client, {
      name: "FS Unique Acme fsuniq-mqcxjtib",
      callbackUrl: fulfillmentServiceCallbackUrl("https://app.example/"),
    });
    expect(result).toEqual({
      ok: true,
      value: { fulfillmentServiceId: "gid://shopify/FulfillmentService/72025276722?id=true", locationId: "gid://shopify/Location/113464410418" },
    });
    expect(sent[0]?.variables).toEqual({ name: "FS Unique Acme fsuniq-mqcxjtib", callbackUrl: "https://app.example/fulfillment-service" });
    expect(sent[0]?.source).toMatch(/trackingSupport: true, inventoryManagement: true/);
  });

  it("turns 'Name has already been taken' (any case) into an error on the name field", async () => {
    for (const key of ["sameNameDuplicateCreate", "caseVariantDuplicateCreate", "handleCollisionDuplicateCreate"]) {
      const { client } = replaying(uniqueness[key].payload.data);
      const result = await createFulfillmentService(client, { name: uniqueness[key].variables.name, callbackUrl: "https://app.example/fulfillment-service" });
      expect(result, key).toEqual({
        ok: false,
        failure: expect.objectContaining({ fieldErrors: { name: expect.stringContaining("Shopify already has a fulfillment service named") } }),
      });
    }
  });

  it("explains a reserved name, on create and on rename", async () => {
    const created = await createFulfillmentService(replaying(uniqueness.reservedManualCreate.payload.data).client, {
      name: "Manual",
      callbackUrl: "https://a.example/fulfillment-service",
    });
    expect(created).toEqual({
      ok: false,
      failure: expect.objectContaining({ fieldErrors: { name: '"Manual" is reserved by Shopify. Choose another name.' } }),
    });
    const renamed = await renameFulfillmentService(replaying(uniqueness.updateToReservedShopifyName.payload.data).client, {
      id: "gid://shopify/FulfillmentService/1",
      name: "Shopify",
    });
    expect(renamed).toEqual({
      ok: false,
      failure: expect.objectContaining({ fieldErrors: { name: '"Shopify" is reserved by Shopify. Choose another name.' } }),
    });
  });

  it("reports a rename of a service Shopify no longer knows as null, so the caller can re-create it", async () => {
    const { client } = replaying(lifecycleStep("update-unknown").response.body.data);
    expect(await renameFulfillmentService(client, { id: "gid://shopify/FulfillmentService/999999999999", name: "Nope" })).toEqual({ ok: true, value: null });
  });

  it("deletes with inventoryAction DELETE by default, and treats an unknown service as already gone", async () => {
    const deleted = replaying(lifecycleStep("delete").response.body.data);
    expect(await deleteFulfillmentService(deleted.client, "gid://shopify/FulfillmentService/71889420594?id=true")).toEqual({
      ok: true,
      value: { deletedId: "gid://shopify/FulfillmentService/71889420594" },
    });
    expect(deleted.sent[0]?.variables).toEqual({
      id: "gid://shopify/FulfillmentService/71889420594?id=true",
      inventoryAction: "DELETE",
      destinationLocationId: null,
    });
    const unknown = replaying(lifecycleStep("delete-unknown").response.body.data);
    expect(await deleteFulfillmentService(unknown.client, "gid://shopify/FulfillmentService/999999999999")).toEqual({ ok: true, value: { deletedId: null } });
  });

  it("passes the destination location when inventory is transferred", async () => {
    const { client, sent } = replaying(lifecycleStep("delete").response.body.data);
    await deleteFulfillmentService(client, "gid://shopify/FulfillmentService/1", {
      inventoryAction: "TRANSFER",
      destinationLocationId: "gid://shopify/Location/9",
    });
    expect(sent[0]?.variables).toMatchObject({ inventoryAction: "TRANSFER", destinationLocationId: "gid://shopify/Location/9" });
  });
});

describe("the SKU search", () => {
  it("quotes each SKU (escaping quotes and backslashes) and joins them with OR", () => {
    expect(skuSearchQuery(["DL-SHELL-M", 'A "B"', "C\\D"])).toBe('sku:"DL-SHELL-M" OR sku:"A \\"B\\"" OR sku:"C\\\\D"');
  });
});
