/**
 * The destination's zone through the real pipeline (#18 item 8): routing dates the promise in the
 * shopper's zone, and the shipment records that zone with the promised dates, so the accuracy
 * report dates the delivery where the dates were promised.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_SHOP, useTestAppEnv } from "../helpers/app-env";
import type { World } from "../helpers/coordination";
import { driveOrderToFulfilled, setUpPipelineWorld } from "../helpers/pipeline";

useTestAppEnv();

let world: World;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ world, close } = await setUpPipelineWorld());
}, 60_000);

afterAll(async () => {
  await close?.();
});

describe("the shopper's zone through the pipeline", () => {
  it("routes with the destination's zone and records it with the shipment's promise, not the shop's", async () => {
    const { saveRoutingPolicy, latestDecision } = await import("../../app/models/routing.server");
    // The shop reports in New York; the shopper is in Seattle (US-WA).
    await saveRoutingPolicy(world.db, TEST_SHOP, { split: { allowed: true, minBasketValue: 0, maxParcels: 2 }, timeZone: "America/New_York" });
    const run = await driveOrderToFulfilled(world, [{ variantId: world.variantId, quantity: 1 }]);
    const decision = await latestDecision(world.db, TEST_SHOP, run.orderId);
    expect(decision?.request.order.destinationTimeZone).toBe("America/Los_Angeles");
    const shipment = await world.db.shipment.findFirstOrThrow({ where: { shop: TEST_SHOP, orderId: run.orderId } });
    expect(shipment.promiseTimeZone).toBe("America/Los_Angeles");
    expect(shipment.promisedLatest).toBe(decision?.decision.assignments[0]?.promise.latest);
  });
});
