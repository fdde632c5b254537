/**
 * inventory_levels/update against the fake Admin API: the echo of Dropline's own stock publish and
 * stock committed by orders change nothing; more stock at a supplier's location than Dropline
 * published (set in Shopify admin or by another app) is recorded and re-published; a late echo of
 * that older change, or a level at a location that is no supplier's, changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_SHOP, useTestAppEnv } from "../helpers/app-env";
import { redelivery, startHarness, type Harness } from "../helpers/reconciliation";

useTestAppEnv();

const T0 = Date.parse("2027-03-01T18:00:00Z");

let h: Harness;
let westId = "";
let westLocation = "";
let inventoryItemId = "";

const published = () => h.world.db.publishedStock.findFirstOrThrow({ where: { shop: TEST_SHOP, supplierId: westId } });
const shopifyAvailable = (locationId: string) => {
  const state = h.world.fake.store.shop(TEST_SHOP);
  return state.inventoryLevels.get(state.levelKey(inventoryItemId, locationId))?.quantities.available;
};
const driftSyncs = async () => (await h.jobsOf("stock_sync")).filter((j) => j.dedupeKey.includes(":drift:"));

beforeAll(async () => {
  h = await startHarness(T0);
  westId = h.world.suppliers["West Coast Goods"].id;
  westLocation = h.world.suppliers["West Coast Goods"].locationId;
  const { stockSyncJob } = await import("../../app/services/queue/stock");
  await h.services().queue.enqueue(stockSyncJob(TEST_SHOP, westId, "first-publish"));
  await h.settle();
  inventoryItemId = (await published()).inventoryItemId!;
}, 60_000);

afterAll(() => h?.close());

describe("inventory_levels/update", () => {
  it("the echo of our own publish changes nothing", async () => {
    const row = await published();
    expect(row.published).toBeGreaterThan(0);
    expect(shopifyAvailable(westLocation)).toBe(row.published);
    expect(row).toMatchObject({ driftAvailable: null, driftAt: null });
    expect(await driftSyncs()).toEqual([]);
  });

  it("stock committed by orders (less than we published) is not drift", async () => {
    const row = await published();
    h.pass(60_000);
    h.world.fake.setInventory({ shop: TEST_SHOP, inventoryItemId, locationId: westLocation, available: row.published! - 3, committed: 3 });
    await h.settle();
    expect(await published()).toMatchObject({ published: row.published, driftAt: null });
    expect(await driftSyncs()).toEqual([]);
  });

  it("more stock than we published is recorded and published again; its late echo and other locations change nothing", async () => {
    const row = await published();
    const target = row.target!;
    h.pass(60_000);
    h.world.fake.setInventory({ shop: TEST_SHOP, inventoryItemId, locationId: westLocation, available: target + 25 });
    const hooks = h.take();
    const raised = hooks.find((x) => x.topic === "inventory_levels/update")!;
    await h.deliver(hooks);
    const drifted = await published();
    expect(drifted).toMatchObject({ driftAvailable: target + 25, driftAt: new Date(h.now()) });
    expect(await driftSyncs()).toEqual([expect.objectContaining({ status: "succeeded" })]);
    // The re-publish read Shopify's quantity and wrote the buffered target back.
    expect(drifted.published).toBe(target);
    expect(shopifyAvailable(westLocation)).toBe(target);

    // The same (older) news again, after our re-publish: nothing more.
    h.pass(60_000);
    await h.deliver([redelivery(raised, "raised-again")]);
    expect(await driftSyncs()).toHaveLength(1);

    // A level at the merchant's own location is not Dropline's to publish.
    const hq = [...h.world.fake.store.shop(TEST_SHOP).locations.values()].find((l) => l.name === "Merchant HQ")!;
    h.world.fake.setInventory({ shop: TEST_SHOP, inventoryItemId, locationId: hq.id, available: 500 });
    await h.settle();
    expect(await driftSyncs()).toHaveLength(1);
    expect(await published()).toMatchObject({ published: target, driftAvailable: target + 25 });
  });
});
