import { afterEach, describe, expect, it } from "vitest";
import { at, capturedBody, readCapture, seededFake, shape, STANDARD, str, TORONTO, type SeededShop } from "./fixtures";

const FIELDS =
  "id handle serviceName callbackUrl trackingSupport inventoryManagement requiresShippingMethod type location { id name isFulfillmentService fulfillsOnlineOrders shipsInventory }";
const CREATE = `mutation Create($name: String!, $callbackUrl: URL) { fulfillmentServiceCreate(name: $name, callbackUrl: $callbackUrl, trackingSupport: true, inventoryManagement: true, requiresShippingMethod: true) { fulfillmentService { ${FIELDS} } userErrors { field message } } }`;
const UPDATE = `mutation Update($id: ID!, $name: String!) { fulfillmentServiceUpdate(id: $id, name: $name) { fulfillmentService { ${FIELDS} } userErrors { field message } } }`;

let s: SeededShop | undefined;
afterEach(async () => {
  await s?.fake.close();
});

describe("fulfillment services", () => {
  it("requires a callbackUrl on create by default (2026-04)", async () => {
    s = await seededFake();
    const { body } = await s.fake.graphql(CREATE, { name: "Acme 3PL" });
    expect(body.data).toEqual({
      fulfillmentServiceCreate: { fulfillmentService: null, userErrors: [{ field: ["callbackUrl"], message: "Callback url can't be blank" }] },
    });
  });

  it("enforces name uniqueness, handles and reserved names as captured", async () => {
    s = await seededFake({ fulfillmentServices: { requireCallbackUrl: false } });
    const capture = readCapture("shipping-fulfillments__fulfillment-service-uniqueness");
    const creates = [
      "createA",
      "sameNameDuplicateCreate",
      "caseVariantDuplicateCreate",
      "createSpaced",
      "handleCollisionDuplicateCreate",
      "createDiacriticPunctuation",
      "reservedManualCreate",
      "reservedGiftCardCreate",
      "reservedShopifyCreate",
      "reservedAmazonCreate",
      "createUpdateSource",
      "createUpdateTarget",
    ];
    const ids: Record<string, string> = {};
    for (const name of creates) {
      const exchange = at(capture, name);
      const { body } = await s.fake.graphql(CREATE, at(exchange, "variables") as Record<string, unknown>);
      const expected = at(exchange, "payload", "data") as { fulfillmentServiceCreate: { fulfillmentService: { handle: string; id: string } | null } };
      expect(shape(body.data), name).toEqual(shape(expected));
      const created = expected.fulfillmentServiceCreate.fulfillmentService;
      if (created) {
        expect(at(body.data, "fulfillmentServiceCreate", "fulfillmentService", "handle"), name).toBe(created.handle);
        ids[created.id] = str(at(body.data, "fulfillmentServiceCreate", "fulfillmentService", "id"));
      }
    }
    for (const name of ["updateToExistingName", "updateToReservedName", "updateToReservedShopifyName", "updateToReservedAmazonName"]) {
      const exchange = at(capture, name);
      const vars = at(exchange, "variables") as { id: string; name: string };
      const { body } = await s.fake.graphql(UPDATE, { id: ids[vars.id], name: vars.name });
      expect(body.data, name).toEqual(at(exchange, "payload", "data"));
    }
  });

  it("validates callback URLs as captured", async () => {
    s = await seededFake({ fulfillmentServices: { allowedCallbackHosts: ["mock.shop"] } });
    const capture = readCapture("shipping-fulfillments__fulfillment-service-callback-url-validation");
    const vars = at(capture, "primary", "variables") as Record<string, string>;
    const expected = at(capture, "primary", "response", "payload", "data") as Record<string, unknown>;
    const shopHost = (vars.originCallbackUrl ?? "").replace("harry-test-heelo.myshopify.com", s.fake.store.shop().shop.domain);
    const cases: [string, string, string][] = [
      ["validHttpsCreate", vars.validHttpsName ?? "", vars.validHttpsCallbackUrl ?? ""],
      ["validHttpCreate", vars.validHttpName ?? "", vars.validHttpCallbackUrl ?? ""],
      ["originCreate", vars.originName ?? "", shopHost],
      ["ftpCreate", vars.ftpName ?? "", vars.ftpCallbackUrl ?? ""],
      ["exampleCreate", vars.exampleName ?? "", vars.exampleCallbackUrl ?? ""],
      ["shopifyCreate", vars.shopifyName ?? "", vars.shopifyCallbackUrl ?? ""],
    ];
    for (const [key, name, callbackUrl] of cases) {
      const { body } = await s.fake.graphql(
        CREATE.replace(
          "trackingSupport: true, inventoryManagement: true, requiresShippingMethod: true",
          "trackingSupport: false, inventoryManagement: false, requiresShippingMethod: false",
        ),
        { name, callbackUrl },
      );
      const want = { fulfillmentServiceCreate: expected[key] };
      expect(shape(body.data), key).toEqual(shape(want));
    }
  });

  it("runs the captured create / list / update / delete lifecycle", async () => {
    s = await seededFake({ fulfillmentServices: { requireCallbackUrl: false } });
    const capture = readCapture("shipping-fulfillments__fulfillment-service-lifecycle");
    const steps = at(capture, "interactions") as unknown[];
    const byName = (n: string): unknown => steps.find((x) => at(x, "name") === n);
    const run = async (n: string, vars: Record<string, unknown>) => (await s!.fake.graphql(str(at(byName(n), "request", "query")), vars)).body;
    const blank = await run(
      "create-blank-name-callback-blocked",
      at(byName("create-blank-name-callback-blocked"), "request", "variables") as Record<string, unknown>,
    );
    expect(blank.data).toEqual(at(byName("create-blank-name-callback-blocked"), "response", "body", "data"));
    const created = await run("create-no-callback", { name: "Hermes FS moeompnx" });
    expect(shape(created.data)).toEqual(shape(at(byName("create-no-callback"), "response", "body", "data")));
    const id = str(at(created.data, "fulfillmentServiceCreate", "fulfillmentService", "id"));
    const locationId = str(at(created.data, "fulfillmentServiceCreate", "fulfillmentService", "location", "id"));
    const list = await run("shop-list-after-create", {});
    const services = at(list.data, "shop", "fulfillmentServices") as { handle: string; type: string }[];
    expect(services.map((x) => [x.handle, x.type])).toEqual([
      ["manual", "MANUAL"],
      ["hermes-fs-moeompnx", "THIRD_PARTY"],
    ]);
    const updated = await run("update", { id, name: "Hermes FS Updated moeompnx" });
    expect(shape(updated.data)).toEqual(shape(at(byName("update"), "response", "body", "data")));
    const deleted = await run("delete", { id });
    expect(deleted.data).toEqual({ fulfillmentServiceDelete: { deletedId: id.replace("?id=true", ""), userErrors: [] } });
    const location = await run("location-after-delete", { id: locationId });
    expect(location.data).toEqual({ location: null });
    for (const n of ["update-unknown", "delete-unknown"]) {
      const body = await run(n, at(byName(n), "request", "variables") as Record<string, unknown>);
      expect(body.data, n).toEqual(at(byName(n), "response", "body", "data"));
    }
  });

  it("lists fulfillment-service locations only with includeLegacy", async () => {
    s = await seededFake();
    await s.fake.graphql(CREATE, { name: "Acme 3PL", callbackUrl: "http://localhost:3000/fs" });
    const plain = await s.fake.graphql("{ locations(first: 10) { nodes { name } } }");
    const legacy = await s.fake.graphql("{ locations(first: 10, includeLegacy: true) { nodes { name isFulfillmentService } } }");
    expect(at(plain.body.data, "locations", "nodes")).toHaveLength(2);
    expect(at(legacy.body.data, "locations", "nodes")).toContainEqual({ name: "Acme 3PL", isFulfillmentService: true });
  });
});

describe("fulfillment requests", () => {
  const FO = "id status requestStatus";
  const REQUESTS = "merchantRequests(first: 10) { nodes { kind message requestOptions responseData } }";
  const SUBMIT = `mutation fulfillmentOrderSubmitFulfillmentRequest($id: ID!, $fulfillmentOrderLineItems: [FulfillmentOrderLineItemInput!], $message: String, $notifyCustomer: Boolean) {
    fulfillmentOrderSubmitFulfillmentRequest(id: $id, fulfillmentOrderLineItems: $fulfillmentOrderLineItems, message: $message, notifyCustomer: $notifyCustomer) {
      originalFulfillmentOrder { ${FO} ${REQUESTS} lineItems(first: 10) { nodes { id totalQuantity remainingQuantity lineItem { id title } } } }
      submittedFulfillmentOrder { ${FO} }
      unsubmittedFulfillmentOrder { status requestStatus lineItems(first: 10) { nodes { totalQuantity remainingQuantity lineItem { id title } } } }
      userErrors { field message } } }`;
  const ACCEPT = `mutation fulfillmentOrderAcceptFulfillmentRequest($id: ID!, $message: String, $estimatedShippedAt: DateTime) { fulfillmentOrderAcceptFulfillmentRequest(id: $id, message: $message, estimatedShippedAt: $estimatedShippedAt) { fulfillmentOrder { ${FO} } userErrors { field message } } }`;
  const REJECT = `mutation fulfillmentOrderRejectFulfillmentRequest($id: ID!, $message: String) { fulfillmentOrderRejectFulfillmentRequest(id: $id, message: $message) { fulfillmentOrder { ${FO} } userErrors { field message } } }`;
  const SUBMIT_CANCEL = `mutation fulfillmentOrderSubmitCancellationRequest($id: ID!, $message: String) { fulfillmentOrderSubmitCancellationRequest(id: $id, message: $message) { fulfillmentOrder { ${FO} ${REQUESTS} } userErrors { field message } } }`;
  const ACCEPT_CANCEL = `mutation fulfillmentOrderAcceptCancellationRequest($id: ID!, $message: String) { fulfillmentOrderAcceptCancellationRequest(id: $id, message: $message) { fulfillmentOrder { ${FO} lineItems(first: 10) { nodes { id totalQuantity remainingQuantity } } } userErrors { field message } } }`;
  const REJECT_CANCEL = `mutation fulfillmentOrderRejectCancellationRequest($id: ID!, $message: String) { fulfillmentOrderRejectCancellationRequest(id: $id, message: $message) { fulfillmentOrder { ${FO} ${REQUESTS} } userErrors { field message } } }`;

  async function orderAtService(quantity: number, callbackUrl = "https://mock.shop/callback") {
    const fake = s!.fake;
    const created = await fake.graphql(CREATE, { name: `3PL ${Math.random()}`, callbackUrl });
    const locationId = str(at(created.body.data, "fulfillmentServiceCreate", "fulfillmentService", "location", "id"));
    const o = fake.createOrder({
      lineItems: [{ variantId: s!.variantId, quantity }],
      shippingAddress: TORONTO,
      shippingLine: STANDARD,
      email: "a@example.com",
    });
    const fo = fake.store.shop().fulfillmentOrdersOf(o.id)[0];
    if (!fo) throw new Error("no FO");
    await fake.graphql("mutation($id: ID!, $loc: ID!) { fulfillmentOrderMove(id: $id, newLocationId: $loc) { userErrors { message } } }", {
      id: fo.id,
      loc: locationId,
    });
    return { order: o, fo, locationId };
  }

  it("runs the captured request / accept / cancellation lifecycle", async () => {
    s = await seededFake();
    const capture = readCapture("shipping-fulfillments__fulfillment-order-request-lifecycle");
    const step = async (name: string, doc: string, vars: Record<string, unknown>) => {
      const { body } = await s!.fake.graphql(doc, vars);
      expect(shape(body.data), name).toEqual(shape(at(capture, name, "response", "data")));
      return body;
    };
    const a = await orderAtService(2);
    await step("partialSubmit", SUBMIT, {
      id: a.fo.id,
      fulfillmentOrderLineItems: [{ id: a.fo.lineItems[0]?.id, quantity: 1 }],
      message: "Hermes partial submit",
      notifyCustomer: false,
    });
    await step("acceptFulfillmentRequest", ACCEPT, { id: a.fo.id, message: "Hermes accepted", estimatedShippedAt: "2026-04-27T00:00:00Z" });
    const pending = await s.fake.graphql(`{ assignedFulfillmentOrders(first: 5, assignmentStatus: FULFILLMENT_ACCEPTED) { nodes { id } } }`);
    expect(at(pending.body.data, "assignedFulfillmentOrders", "nodes")).toEqual([{ id: a.fo.id }]);
    await step("submitCancellationRequest", SUBMIT_CANCEL, { id: a.fo.id, message: "Hermes cancel requested" });
    const cancelling = await s.fake.graphql(`{ assignedFulfillmentOrders(first: 5, assignmentStatus: CANCELLATION_REQUESTED) { nodes { id } } }`);
    expect(at(cancelling.body.data, "assignedFulfillmentOrders", "nodes")).toEqual([{ id: a.fo.id }]);
    await step("acceptCancellationRequest", ACCEPT_CANCEL, { id: a.fo.id, message: "Hermes accepted cancellation" });

    const b = await orderAtService(1);
    await s.fake.graphql(SUBMIT, { id: b.fo.id, message: "to reject" });
    const requested = await s.fake.graphql(`{ assignedFulfillmentOrders(first: 5, assignmentStatus: FULFILLMENT_REQUESTED) { nodes { id } } }`);
    expect(at(requested.body.data, "assignedFulfillmentOrders", "nodes")).toEqual([{ id: b.fo.id }]);
    await step("rejectFulfillmentRequest", REJECT, { id: b.fo.id, message: "Hermes rejected" });

    const c = await orderAtService(1);
    await s.fake.graphql(SUBMIT, { id: c.fo.id, message: "Hermes submit cancel reject", notifyCustomer: false });
    await s.fake.graphql(ACCEPT, { id: c.fo.id });
    await s.fake.graphql(SUBMIT_CANCEL, { id: c.fo.id, message: "Hermes cancellation to reject" });
    await step("rejectCancellationRequest", REJECT_CANCEL, { id: c.fo.id, message: "Hermes cancel rejected" });
  });

  it("answers unknown ids on every request mutation with RESOURCE_NOT_FOUND", async () => {
    s = await seededFake();
    for (const doc of [SUBMIT, ACCEPT, REJECT, SUBMIT_CANCEL, ACCEPT_CANCEL, REJECT_CANCEL]) {
      const { body } = await s.fake.graphql(doc, { id: "gid://shopify/FulfillmentOrder/0" });
      expect(body.errors?.[0]).toMatchObject({ message: "Invalid id: gid://shopify/FulfillmentOrder/0", extensions: { code: "RESOURCE_NOT_FOUND" } });
    }
  });

  it("closes an accepted request as INCOMPLETE, as captured", async () => {
    s = await seededFake();
    const capture = readCapture("shipping-fulfillments__fulfillment-order-close-state");
    const { fo } = await orderAtService(1);
    for (const name of ["submit", "accept", "close", "afterClose"]) {
      const exchange = at(capture, name);
      const vars = { ...(at(exchange, "variables") as Record<string, unknown>), id: fo.id };
      const { body } = await s.fake.graphql(str(at(exchange, "query")), vars);
      expect(shape(body.data), name).toEqual(shape(at(capturedBody(exchange), "data")));
    }
  });

  it("asks the service to cancel when an order with an accepted request is cancelled", async () => {
    s = await seededFake();
    const { fo, order } = await orderAtService(1);
    await s.fake.graphql(SUBMIT, { id: fo.id });
    await s.fake.graphql(ACCEPT, { id: fo.id });
    s.fake.cancelOrder({ orderId: order.id });
    const { body } = await s.fake.graphql(
      `{ assignedFulfillmentOrders(first: 5, assignmentStatus: CANCELLATION_REQUESTED) { nodes { id status requestStatus merchantRequests(first: 5) { nodes { kind } } } } }`,
    );
    expect(at(body.data, "assignedFulfillmentOrders", "nodes")).toEqual([
      {
        id: fo.id,
        status: "IN_PROGRESS",
        requestStatus: "ACCEPTED",
        merchantRequests: { nodes: [{ kind: "FULFILLMENT_REQUEST" }, { kind: "CANCELLATION_REQUEST" }] },
      },
    ]);
  });
});
