/**
 * The exceptions page and the playbooks page as the embedded admin calls them (session-token
 * requests, the real authenticate.admin): staff open a damaged-item case, review the refund
 * Shopify computes, confirm it, and read the case's playbook; playbooks are validated per shop.
 */
import { getJwt } from "@shopify/shopify-api/test-helpers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_API_KEY, TEST_API_SECRET, TEST_SHOP, useTestAppEnv } from "../helpers/app-env";
import type { World } from "../helpers/coordination";
import { driveOrderToFulfilled, settle, setUpPipelineWorld } from "../helpers/pipeline";

useTestAppEnv();

type RouteFn = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>;

let world: World;
let close: () => Promise<void>;
let shellVariantId = "";

beforeAll(async () => {
  ({ world, shellVariantId, close } = await setUpPipelineWorld());
}, 60_000);

afterAll(async () => {
  await close?.();
});

async function route(file: string): Promise<{ action: RouteFn; loader: RouteFn }> {
  return (await import(`../../app/routes/${file}.tsx`)) as { action: RouteFn; loader: RouteFn };
}

async function bearer(): Promise<string> {
  const { token } = await getJwt(TEST_SHOP.replace(".myshopify.com", ""), TEST_API_KEY, TEST_API_SECRET);
  return `Bearer ${token}`;
}

async function post(file: string, path: string, fields: Record<string, string>) {
  const request = new Request(`http://localhost:3000${path}`, {
    method: "POST",
    headers: { Authorization: await bearer() },
    body: new URLSearchParams(fields),
  });
  return (await route(file)).action({ request, params: {}, context: {} });
}

async function load(file: string, path: string) {
  const request = new Request(`http://localhost:3000${path}`, { headers: { Authorization: await bearer() } });
  return (await route(file)).loader({ request, params: {}, context: {} });
}

describe("the exceptions page", () => {
  it("opens a damaged case, confirms Shopify's refund, runs it once and closes the case", async () => {
    const run = await driveOrderToFulfilled(world, [{ variantId: shellVariantId, quantity: 1 }]);
    const name = world.fake.store.shop(TEST_SHOP).orders.get(run.orderId)!.name;
    expect(await post("app.exceptions", "/app/exceptions", { intent: "report", orderName: name, type: "damaged", note: "arrived crushed" })).toEqual({
      kind: "message",
      message: `Case opened on ${name}.`,
      tone: "success",
    });
    expect(await post("app.exceptions", "/app/exceptions", { intent: "report", orderName: name, type: "damaged", note: "" })).toMatchObject({
      tone: "critical",
    });
    const listed = (await load("app.exceptions", "/app/exceptions?type=damaged")) as { cases: { id: string; order: string; next: string; playbook: string }[] };
    const damaged = listed.cases.find((c) => c.order === name)!;
    expect(damaged).toMatchObject({ next: "next: reship", playbook: "reship → refund" });

    const fields = { ids: damaged.id, action: "refund", shipping: "false", reason: "OTHER", refund: "true", restock: "true", until: "" };
    const review = await post("app.exceptions", "/app/exceptions", { ...fields, intent: "review" });
    expect(review).toMatchObject({
      kind: "preview",
      items: [{ caseId: damaged.id, order: name, ok: true, text: `Refund $60.00 for 1 × Camp Shell to shopper@example.com on ${name}, computed by Shopify.` }],
    });
    expect(world.fake.store.shop(TEST_SHOP).orders.get(run.orderId)!.refunds ?? []).toEqual([]);

    await post("app.exceptions", "/app/exceptions", { ...fields, intent: "confirm" });
    await post("app.exceptions", "/app/exceptions", { ...fields, intent: "confirm" });
    await settle(world);
    expect(world.fake.store.shop(TEST_SHOP).orders.get(run.orderId)!.refunds).toHaveLength(1);
    const after = (await load("app.exceptions", "/app/exceptions?status=closed&type=damaged")) as { cases: { id: string; last: string }[] };
    expect(after.cases.find((c) => c.id === damaged.id)?.last).toMatch(/^refund \(done, staff of .+\): Refunded \$60\.00$/);
  });
});

describe("the playbooks page", () => {
  it("refuses a playbook that ends with a wait, saves a valid one, and resets to the default", async () => {
    expect(
      await post("app.exceptions.playbooks", "/app/exceptions/playbooks", {
        intent: "save",
        type: "lost",
        steps: JSON.stringify([{ action: "wait", waitDays: 2 }]),
      }),
    ).toEqual({
      type: "lost",
      ok: false,
      message: "A playbook cannot end with a wait.",
    });
    await post("app.exceptions.playbooks", "/app/exceptions/playbooks", {
      intent: "save",
      type: "lost",
      steps: JSON.stringify([{ action: "wait", waitDays: 2 }, { action: "refund" }]),
    });
    const saved = (await load("app.exceptions.playbooks", "/app/exceptions/playbooks")) as { types: { type: string; custom: boolean; steps: unknown }[] };
    expect(saved.types.find((t) => t.type === "lost")).toEqual({
      type: "lost",
      title: "Lost",
      custom: true,
      steps: [{ action: "wait", waitDays: 2 }, { action: "refund" }],
    });
    await post("app.exceptions.playbooks", "/app/exceptions/playbooks", { intent: "reset", type: "lost" });
    const reset = (await load("app.exceptions.playbooks", "/app/exceptions/playbooks")) as { types: { type: string; custom: boolean }[] };
    expect(reset.types.find((t) => t.type === "lost")).toMatchObject({ custom: false, steps: [{ action: "reship" }, { action: "refund" }] });
  });
});
