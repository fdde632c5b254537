import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { at, readCapture, seededFake, str, type SeededShop } from "./fixtures";

let s: SeededShop;
beforeEach(async () => {
  s = await seededFake();
});
afterEach(async () => {
  await s.fake.close();
});

describe("document validation against the real 2026-04 schema", () => {
  it("rejects a syntax error with a Shopify-shaped error and runs nothing", async () => {
    const before = s.fake.store.shop().metafields.size;
    const { status, body } = await s.fake.graphql(
      'mutation { metafieldsSet(metafields: [{ownerId: "x", key: "k", value: "v", type: "single_line_text_field"}]) { userErrors { message }',
    );
    expect(status).toBe(200);
    expect(body.data).toBeUndefined();
    expect(body.extensions).toBeUndefined();
    expect(body.errors).toEqual([
      {
        message: expect.stringMatching(/^Parse error on .* at \[1, \d+\]$/),
        locations: [{ line: 1, column: expect.any(Number) }],
        extensions: { code: "parseError" },
      },
    ]);
    expect(s.fake.store.shop().metafields.size).toBe(before);
  });

  it("reports an unknown field as undefinedField with graphql-ruby's path", async () => {
    const { body } = await s.fake.graphql("query ShopProbe {\n  shop {\n    name\n    foo\n  }\n}");
    expect(body.errors).toEqual([
      {
        message: "Field 'foo' doesn't exist on type 'Shop'",
        locations: [{ line: 4, column: 5 }],
        path: ["query ShopProbe", "shop", "foo"],
        extensions: { code: "undefinedField", typeName: "Shop", fieldName: "foo" },
      },
    ]);
  });

  it("rejects a mutation that selects a field the payload lacks and changes nothing (captured userErrors.code probe)", async () => {
    const capture = readCapture("shipping-fulfillments__fulfillment-event-create-validation");
    const query = str(at(capture, "userErrorCodeSelection", "query"));
    const variables = at(capture, "userErrorCodeSelection", "variables") as Record<string, unknown>;
    const { body } = await s.fake.graphql(query, variables);
    expect(body).toEqual(at(capture, "userErrorCodeSelection", "response"));
  });

  it("words missing required arguments like Shopify (captured webhookSubscriptionCreate probe)", async () => {
    const capture = readCapture("webhooks__webhook-subscription-conformance");
    const query =
      'mutation MissingCreateWebhookTopic {\n  webhookSubscriptionCreate(webhookSubscription: {uri: "https://example.com/hook"}) {\n    userErrors { field message }\n  }\n}';
    const { body } = await s.fake.graphql(query);
    expect(body).toEqual(at(capture, "graphqlValidation", "missingCreateTopic", "response", "payload"));
  });

  it("words an invalid literal like Shopify (captured null webhookSubscription probe)", async () => {
    const capture = readCapture("webhooks__webhook-subscription-conformance");
    const query =
      'mutation NullUpdateWebhookInput {\n  webhookSubscriptionUpdate(id: "gid://shopify/WebhookSubscription/1", webhookSubscription: null) {\n    userErrors { field message }\n  }\n}';
    const { body } = await s.fake.graphql(query);
    expect(body).toEqual(at(capture, "graphqlValidation", "nullUpdateInput", "response", "payload"));
  });

  it("rejects an invalid enum variable with INVALID_VARIABLE (captured fulfillmentEventCreate probe)", async () => {
    const capture = readCapture("shipping-fulfillments__fulfillment-event-create-validation");
    const { body } = await s.fake.graphql(
      str(at(capture, "invalidStatusVariable", "query")),
      at(capture, "invalidStatusVariable", "variables") as Record<string, unknown>,
    );
    expect(body).toEqual(at(capture, "invalidStatusVariable", "response"));
  });

  it("reports a missing required variable", async () => {
    const { body } = await s.fake.graphql("query Loc($id: ID!) { location(id: $id) { id } }", {});
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: "Variable $id of type ID! was provided invalid value",
        extensions: expect.objectContaining({ code: "INVALID_VARIABLE" }),
      }),
    ]);
  });

  it("fails loudly on a valid field the fake does not implement", async () => {
    const { body } = await s.fake.graphql("{ shop { name plan { partnerDevelopment } } }");
    expect(body.errors).toEqual([expect.objectContaining({ message: "fake-shopify: field Shop.plan not implemented", path: ["shop", "plan"] })]);
  });

  it("answers unknown resources with null, like Shopify", async () => {
    const capture = readCapture("shipping-fulfillments__fulfillment-service-lifecycle");
    const interaction = (at(capture, "interactions") as unknown[])[0];
    const { body } = await s.fake.graphql(str(at(interaction, "request", "query")), at(interaction, "request", "variables") as Record<string, unknown>);
    expect(body.data).toEqual(at(interaction, "response", "body", "data"));
  });
});
