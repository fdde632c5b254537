import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { at, capturedBody, readCapture, seededFake, shape, STANDARD, str, TORONTO, type SeededShop } from "./fixtures";

let s: SeededShop;
beforeEach(async () => {
  // The captured creates omit callbackUrl; see fulfillment-services.test.ts for the 2026-04 rule.
  s = await seededFake({ fulfillmentServices: { allowedCallbackHosts: ["mock.shop"], requireCallbackUrl: false } });
});
afterEach(async () => {
  await s.fake.close();
});

function order(lines: { variantId: string; quantity: number }[]) {
  const o = s.fake.createOrder({ lineItems: lines, shippingAddress: TORONTO, shippingLine: STANDARD, email: "ada@example.com", tags: ["test"] });
  const fos = s.fake.store.shop().fulfillmentOrdersOf(o.id);
  const fo = fos[0];
  if (!fo) throw new Error("no fulfillment order");
  return { order: o, fo, fos };
}

async function replay(exchange: unknown, variables: Record<string, unknown>) {
  const { body } = await s.fake.graphql(str(at(exchange, "query")), variables);
  return body;
}

describe("orders and routing", () => {
  it("routes each line to the first location with stock, one fulfillment order per location", () => {
    const { fos } = order([
      { variantId: s.variantId, quantity: 2 },
      { variantId: s.variant2Id, quantity: 1 },
    ]);
    expect(fos).toHaveLength(1);
    expect(fos[0]).toMatchObject({ status: "OPEN", requestStatus: "UNSUBMITTED", assignedLocationId: s.primaryLocationId });
    const level = s.fake.store.shop().inventoryLevels.get(s.fake.store.shop().levelKey(s.inventoryItemId, s.primaryLocationId));
    expect(level?.quantities).toMatchObject({ available: 48, committed: 2, on_hand: 50 });
  });

  it("splits an order across locations when only another location stocks an item", () => {
    const { variants } = s.fake.createProduct({ title: "Gadget", variants: [{ sku: "GAD-1", price: "5.00" }] });
    const gadget = variants[0];
    if (!gadget) throw new Error("no variant");
    s.fake.setInventory({ inventoryItemId: gadget.inventoryItemId, locationId: s.secondLocationId, available: 3 });
    const { fos } = order([
      { variantId: s.variantId, quantity: 1 },
      { variantId: gadget.id, quantity: 1 },
    ]);
    expect(fos.map((f) => f.assignedLocationId).sort()).toEqual([s.primaryLocationId, s.secondLocationId].sort());
  });

  it("reads the order with its fulfillment orders like the captured orderCreate response", async () => {
    const capture = readCapture("shipping-fulfillments__fulfillment-order-move-multi-line");
    const { order: o } = order([
      { variantId: s.variantId, quantity: 2 },
      { variantId: s.variantId, quantity: 3 },
    ]);
    const create = at(capture, "setup", "orderCreate");
    const fragment = str(at(create, "query")).split("mutation")[0] ?? "";
    const query = `${fragment} query Read($id: ID!) { order(id: $id) { id name displayFulfillmentStatus fulfillmentOrders(first: 5) { nodes { ...FulfillmentOrderMoveHoldMultiLineFields } } } }`;
    const { body } = await s.fake.graphql(query, { id: o.id });
    expect(shape(body.data)).toEqual(shape({ order: at(capturedBody(create), "data", "orderCreate", "order") }));
  });

  it("finds orders with a tag query and adds tags", async () => {
    const { order: o } = order([{ variantId: s.variantId, quantity: 1 }]);
    const found = await s.fake.graphql('{ orders(first: 5, query: "tag:test") { nodes { id tags } } }');
    expect(at(found.body.data, "orders", "nodes")).toEqual([{ id: o.id, tags: ["test"] }]);
    const added = await s.fake.graphql('mutation($id: ID!) { tagsAdd(id: $id, tags: ["dropline:routed"]) { node { id } userErrors { field message } } }', {
      id: o.id,
    });
    expect(added.body.data).toEqual({ tagsAdd: { node: { id: o.id }, userErrors: [] } });
    const updated = await s.fake.graphql("mutation($input: OrderInput!) { orderUpdate(input: $input) { order { tags note } userErrors { field message } } }", {
      input: { id: o.id, note: "routed" },
    });
    expect(updated.body.data).toEqual({ orderUpdate: { order: { tags: ["test", "dropline:routed"], note: "routed" }, userErrors: [] } });
  });
});

describe("fulfillmentOrderMove", () => {
  it("moves a subset of lines into a new fulfillment order, as captured", async () => {
    const capture = readCapture("shipping-fulfillments__fulfillment-order-move-multi-line");
    const { fo } = order([
      { variantId: s.variantId, quantity: 2 },
      { variantId: s.variantId, quantity: 3 },
    ]);
    const [l1, l2] = fo.lineItems;
    const body = await replay(at(capture, "workflow", "move"), {
      id: fo.id,
      newLocationId: s.secondLocationId,
      fulfillmentOrderLineItems: [
        { id: l1?.id, quantity: 2 },
        { id: l2?.id, quantity: 1 },
      ],
    });
    expect(shape(body)).toEqual(shape(capturedBody(at(capture, "workflow", "move"))));
    const moved = at(body.data, "fulfillmentOrderMove", "movedFulfillmentOrder", "id");
    expect(moved).not.toBe(fo.id);
  });

  it("moves the whole fulfillment order in place and reports the captured validation errors", async () => {
    const capture = readCapture("shipping-fulfillments__fulfillment-order-move-validation");
    const move = at(capture, "happyPath", "move");
    const { fo } = order([{ variantId: s.variantId, quantity: 1 }]);
    const happy = await replay(move, { id: fo.id, newLocationId: s.secondLocationId, fulfillmentOrderLineItems: null });
    expect(shape(happy)).toEqual(shape(capturedBody(move)));
    expect(at(happy.data, "fulfillmentOrderMove", "movedFulfillmentOrder", "id")).toBe(fo.id);

    const unknown = await replay(move, { id: fo.id, newLocationId: "gid://shopify/Location/999999999999", fulfillmentOrderLineItems: null });
    expect(shape(unknown)).toEqual(shape(capturedBody(at(capture, "unknownLocation", "move"))));

    const progress = order([{ variantId: s.variantId, quantity: 1 }]).fo;
    await replay(at(capture, "progress", "reportProgress"), { id: progress.id, progressReport: { reasonNotes: "picking" } });
    const afterProgress = await replay(move, { id: progress.id, newLocationId: s.secondLocationId, fulfillmentOrderLineItems: null });
    expect(shape(afterProgress)).toEqual(shape(capturedBody(at(capture, "progress", "moveAfterProgress"))));

    const closed = order([{ variantId: s.variantId, quantity: 1 }]);
    s.fake.cancelOrder({ orderId: closed.order.id });
    const afterClose = await replay(move, { id: closed.fo.id, newLocationId: s.secondLocationId, fulfillmentOrderLineItems: null });
    expect(shape(afterClose)).toEqual(shape(capturedBody(at(capture, "closed", "moveAfterClose"))));
  });

  it("refuses to move a fulfillment order submitted to a fulfillment service", async () => {
    const capture = readCapture("shipping-fulfillments__fulfillment-order-move-validation");
    const create = await replay(at(capture, "setup", "serviceCreate"), { name: "Move Validation 3PL", callbackUrl: "https://mock.shop/callback" });
    const serviceLocation = str(at(create.data, "fulfillmentServiceCreate", "fulfillmentService", "location", "id"));
    const { fo } = order([{ variantId: s.variantId, quantity: 1 }]);
    const moveToService = await replay(at(capture, "setup", "moveRequestOrderToService"), {
      id: fo.id,
      newLocationId: serviceLocation,
      fulfillmentOrderLineItems: null,
    });
    expect(shape(moveToService)).toEqual(shape(capturedBody(at(capture, "setup", "moveRequestOrderToService"))));
    const submit = await replay(at(capture, "requestStatus", "submitRequest"), {
      id: fo.id,
      fulfillmentOrderLineItems: null,
      message: "please ship",
      notifyCustomer: false,
    });
    expect(shape(submit)).toEqual(shape(capturedBody(at(capture, "requestStatus", "submitRequest"))));
    const moveAfterSubmit = await replay(at(capture, "happyPath", "move"), { id: fo.id, newLocationId: s.primaryLocationId, fulfillmentOrderLineItems: null });
    expect(shape(moveAfterSubmit)).toEqual(shape(capturedBody(at(capture, "requestStatus", "moveAfterSubmit"))));
    const reject = await replay(at(capture, "cleanup", "rejectSubmittedRequest"), { id: fo.id, message: "no" });
    expect(shape(reject)).toEqual(shape(capturedBody(at(capture, "cleanup", "rejectSubmittedRequest"))));
  });

  it("answers unknown fulfillment order ids with RESOURCE_NOT_FOUND, as captured", async () => {
    const capture = readCapture("shipping-fulfillments__fulfillment-order-lifecycle");
    for (const name of [
      "holdUnknownId",
      "releaseHoldUnknownId",
      "moveUnknownId",
      "openUnknownId",
      "closeUnknownId",
      "cancelUnknownId",
      "reportProgressUnknownId",
    ]) {
      const exchange = at(capture, "validation", name);
      const variables = { ...(at(exchange, "variables") as Record<string, unknown>) };
      if ("newLocationId" in variables) variables.newLocationId = s.secondLocationId;
      const { body } = await s.fake.graphql(str(at(exchange, "query")), variables);
      const expected = capturedBody(exchange) as { errors: unknown[]; data: unknown };
      // Line numbers differ by the capture's leading whitespace; everything else must match.
      const withoutLocations = (errors: unknown[] | undefined) => errors?.map((e) => ({ ...(e as object), locations: undefined }));
      expect(withoutLocations(body.errors), name).toEqual(withoutLocations(expected.errors));
      expect(body.data, name).toEqual(expected.data);
    }
  });
});

describe("fulfillmentOrderHold and fulfillmentOrderReleaseHold", () => {
  it("holds some lines, splitting the rest off, and denies heldByApp like Shopify", async () => {
    const capture = readCapture("shipping-fulfillments__fulfillment-order-hold-multi-line");
    const { fo } = order([
      { variantId: s.variantId, quantity: 2 },
      { variantId: s.variantId, quantity: 3 },
    ]);
    const hold = at(capture, "workflow", "hold");
    const [l1, l2] = fo.lineItems;
    const vars = at(hold, "variables", "fulfillmentHold") as Record<string, unknown>;
    const body = await replay(hold, {
      id: fo.id,
      fulfillmentHold: {
        ...vars,
        fulfillmentOrderLineItems: [
          { id: l1?.id, quantity: 2 },
          { id: l2?.id, quantity: 1 },
        ],
      },
    });
    expect(shape(body)).toEqual(shape(capturedBody(hold)));
  });

  it("enforces the captured hold rules in order", async () => {
    const capture = readCapture("shipping-fulfillments__fulfillment-order-hold-validation");
    const { fo } = order([{ variantId: s.variantId, quantity: 5 }]);
    const line = fo.lineItems[0]?.id;
    const steps = at(capture, "workflows", "validation") as Record<string, unknown>;
    const run = async (exchange: unknown) => {
      const v = at(exchange, "variables", "fulfillmentHold") as Record<string, unknown>;
      const items = (v.fulfillmentOrderLineItems as { quantity: number }[] | undefined)?.map((i) => ({ id: line, quantity: i.quantity }));
      const body = await replay(exchange, { id: fo.id, fulfillmentHold: { ...v, ...(items ? { fulfillmentOrderLineItems: items } : {}) } });
      expect(shape(body)).toEqual(shape(capturedBody(exchange)));
    };
    for (const name of ["firstHold", "duplicateHandle", "notSplittable", "secondHold"]) await run(steps[name]);
    for (const exchange of steps.additionalHolds as unknown[]) await run(exchange);
    for (const name of ["limitReached", "zeroQuantity", "duplicateLineItems"]) await run(steps[name]);
  });

  it("releases only the named hold and keeps the order on hold, as captured", async () => {
    const capture = readCapture("shipping-fulfillments__fulfillment-order-release-hold-selective");
    const flow = at(capture, "workflows", "selectiveRelease");
    const { fo, order: o } = order([{ variantId: s.variantId, quantity: 2 }]);
    const first = await replay(at(flow, "firstHold"), { id: fo.id, fulfillmentHold: at(flow, "firstHold", "variables", "fulfillmentHold") });
    expect(shape(first)).toEqual(shape(capturedBody(at(flow, "firstHold"))));
    const second = await replay(at(flow, "secondHold"), { id: fo.id, fulfillmentHold: at(flow, "secondHold", "variables", "fulfillmentHold") });
    expect(shape(second)).toEqual(shape(capturedBody(at(flow, "secondHold"))));
    const holdId = str(at(first.data, "fulfillmentOrderHold", "fulfillmentHold", "id"));
    const release = await replay(at(flow, "releaseFirstHold"), { id: fo.id, holdIds: [holdId] });
    expect(shape(release)).toEqual(shape(capturedBody(at(flow, "releaseFirstHold"))));
    const read = await replay(at(flow, "afterReleaseRead"), { id: o.id });
    expect(shape(read)).toEqual(shape(capturedBody(at(flow, "afterReleaseRead"))));
  });

  it("merges a partial hold's split back when the hold is released, as captured", async () => {
    const capture = readCapture("shipping-fulfillments__fulfillment-order-lifecycle");
    const flow = at(capture, "workflows", "holdRelease");
    const { fo, order: o } = order([{ variantId: s.variantId, quantity: 2 }]);
    const vars = at(flow, "hold", "variables", "fulfillmentHold") as Record<string, unknown>;
    const hold = await replay(at(flow, "hold"), {
      id: fo.id,
      fulfillmentHold: { ...vars, fulfillmentOrderLineItems: [{ id: fo.lineItems[0]?.id, quantity: 1 }] },
    });
    expect(shape(hold)).toEqual(shape(capturedBody(at(flow, "hold"))));
    const holdId = str(at(hold.data, "fulfillmentOrderHold", "fulfillmentHold", "id"));
    const release = await replay(at(flow, "releaseHold"), { id: fo.id, holdIds: [holdId], externalId: "x" });
    expect(shape(release)).toEqual(shape(capturedBody(at(flow, "releaseHold"))));
    const read = await replay(at(flow, "afterReleaseHold", "orderRead"), { id: o.id });
    expect(shape(read)).toEqual(shape(capturedBody(at(flow, "afterReleaseHold", "orderRead"))));
  });
});

describe("report progress, open, close", () => {
  it("follows the captured report-progress / open / close sequence on a merchant location", async () => {
    const capture = readCapture("shipping-fulfillments__fulfillment-order-lifecycle");
    const flow = at(capture, "workflows", "scheduleProgressOpenClose");
    const { fo } = order([{ variantId: s.variantId, quantity: 1 }]);
    for (const step of ["reportProgress", "cancelAfterReportProgress", "open", "openAgain", "close"]) {
      const exchange = at(flow, step);
      const body = await replay(exchange, { ...(at(exchange, "variables") as Record<string, unknown>), id: fo.id });
      expect(shape(body), step).toEqual(shape(capturedBody(exchange)));
    }
  });
});
