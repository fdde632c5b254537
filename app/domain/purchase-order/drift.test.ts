import { describe, expect, it } from "vitest";
import { driftRepairs, type DriftFulfillmentOrder, type DriftPurchaseOrder } from "./drift";

const HERE = "gid://shopify/Location/1";
const po = (over: Partial<DriftPurchaseOrder> = {}): DriftPurchaseOrder => ({ status: "sent", shopifyHold: null, locationId: HERE, ...over });
const fo = (over: Partial<DriftFulfillmentOrder> = {}): DriftFulfillmentOrder => ({
  status: "OPEN",
  requestStatus: "SUBMITTED",
  locationId: HERE,
  holdReason: null,
  orderCancelled: false,
  ...over,
});

describe("driftRepairs", () => {
  it("finds nothing when both sides agree", () => {
    expect(driftRepairs(po(), fo())).toEqual([]);
    expect(driftRepairs(po({ status: "accepted" }), fo({ status: "IN_PROGRESS", requestStatus: "ACCEPTED" }))).toEqual([]);
  });

  it("adopts an acceptance Shopify shows while we wait, including one a crash left accepting", () => {
    expect(driftRepairs(po(), fo({ status: "IN_PROGRESS", requestStatus: "ACCEPTED" }))).toEqual([{ kind: "adopt_acceptance" }]);
    expect(driftRepairs(po({ status: "accepting" }), fo({ status: "IN_PROGRESS", requestStatus: "ACCEPTED" }))).toEqual([{ kind: "adopt_acceptance" }]);
  });

  it("passes on an acceptance that never reached Shopify", () => {
    expect(driftRepairs(po({ status: "accepting" }), fo())).toEqual([{ kind: "resume_acceptance" }]);
  });

  it("reflects answers given in Shopify: rejection, cancellation, cancellation request and its rejection", () => {
    expect(driftRepairs(po(), fo({ requestStatus: "REJECTED" }))).toEqual([{ kind: "rejected" }]);
    expect(driftRepairs(po({ status: "accepted" }), fo({ status: "CANCELLED", requestStatus: "CANCELLATION_ACCEPTED" }))).toEqual([{ kind: "cancelled" }]);
    expect(driftRepairs(po({ status: "accepted" }), fo({ status: "IN_PROGRESS", requestStatus: "CANCELLATION_REQUESTED" }))).toEqual([
      { kind: "cancellation_requested" },
    ]);
    expect(driftRepairs(po({ status: "cancellation_requested" }), fo({ status: "IN_PROGRESS", requestStatus: "CANCELLATION_REJECTED" }))).toEqual([
      { kind: "cancellation_rejected" },
    ]);
  });

  it("ends a purchase order the supplier never accepted when the order was cancelled and Shopify closed it", () => {
    expect(driftRepairs(po(), fo({ status: "CLOSED", orderCancelled: true }))).toEqual([{ kind: "order_cancelled" }]);
    expect(driftRepairs(po({ status: "accepting" }), fo({ status: "CLOSED", orderCancelled: true }))).toEqual([{ kind: "order_cancelled" }]);
    // Closed without a cancellation is someone else's fulfillment: not ours to end here.
    expect(driftRepairs(po(), fo({ status: "CLOSED" }))).toMatchObject([{ kind: "note" }]);
  });

  it("mirrors Shopify's hold in both directions, after any status repair", () => {
    expect(driftRepairs(po(), fo({ status: "ON_HOLD", holdReason: "Awaiting payment" }))).toEqual([{ kind: "hold", reason: "Awaiting payment" }]);
    expect(driftRepairs(po({ shopifyHold: "Other" }), fo())).toEqual([{ kind: "release" }]);
    expect(driftRepairs(po(), fo({ status: "ON_HOLD", requestStatus: "ACCEPTED", holdReason: "Other" }))).toEqual([
      { kind: "adopt_acceptance" },
      { kind: "hold", reason: "Other" },
    ]);
  });

  it("only notes what another handler owns: moved away, closed, gone", () => {
    expect(driftRepairs(po(), fo({ locationId: "gid://shopify/Location/2" }))).toMatchObject([{ kind: "note" }]);
    expect(driftRepairs(po({ status: "accepted" }), fo({ status: "CLOSED", requestStatus: "ACCEPTED" }))).toMatchObject([{ kind: "note" }]);
    expect(driftRepairs(po(), null)).toMatchObject([{ kind: "note" }]);
  });

  it("leaves finished purchase orders alone whatever Shopify shows", () => {
    for (const status of ["shipped", "cancelled", "rerouted", "rejected", "draft"] as const) {
      expect(driftRepairs(po({ status }), fo({ status: "ON_HOLD", requestStatus: "ACCEPTED", holdReason: "x" }))).toEqual([]);
    }
  });
});
