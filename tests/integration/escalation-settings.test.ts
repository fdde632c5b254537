/**
 * Escalation timings and exception thresholds are the shop's own: edited on the settings page
 * (the real route, with a session token, the form's zod schema on the server), and used — a
 * faster acknowledgement ladder reminds the supplier sooner, a shorter no-movement threshold opens
 * the case sooner.
 */
import { getJwt } from "@shopify/shopify-api/test-helpers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_API_KEY, TEST_API_SECRET, TEST_SHOP, useTestAppEnv } from "../helpers/app-env";
import { startHarness, type Harness } from "../helpers/reconciliation";

useTestAppEnv();

// Monday 1 March 2027, 10:00 in Los Angeles (West answers 09:00–17:00 there; its tier is next day).
const T0 = Date.parse("2027-03-01T18:00:00Z");
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type RouteFn = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>;
let h: Harness;
let page: { action: RouteFn; loader: RouteFn };
let exceptions: typeof import("../../app/services/tracking/exceptions.server");

async function bearer(): Promise<string> {
  const { token } = await getJwt(TEST_SHOP.replace(".myshopify.com", ""), TEST_API_KEY, TEST_API_SECRET);
  return `Bearer ${token}`;
}

type Settings = import("../../app/domain/escalation").OperationsSettings;
type Answer = { saved: boolean; message: string; fieldErrors: Record<string, string> };

async function load(): Promise<Settings> {
  const request = new Request("http://localhost:3000/app/escalation-settings", { headers: { Authorization: await bearer() } });
  return ((await page.loader({ request, params: {}, context: {} })) as { settings: Settings }).settings;
}

/** Posts the whole form as the page does, with `changes` over the current values. */
async function save(changes: Record<string, string>): Promise<Answer> {
  const current = await load();
  const fields: Record<string, string> = {};
  for (const phase of ["acknowledgement", "stockout"] as const)
    for (const [tier, rungs] of Object.entries(current[phase])) for (const [rung, v] of Object.entries(rungs)) fields[`${phase}.${tier}.${rung}`] = String(v);
  for (const [k, v] of Object.entries(current.exceptions)) fields[`exceptions.${k}`] = String(v);
  const request = new Request("http://localhost:3000/app/escalation-settings", {
    method: "POST",
    headers: { Authorization: await bearer() },
    body: new URLSearchParams({ ...fields, ...changes }),
  });
  return (await page.action({ request, params: {}, context: {} })) as Answer;
}

const reminders = (number: string) => h.smtp.mails.filter((m) => m.subject.startsWith(`Reminder: purchase order ${number}`)).length;

beforeAll(async () => {
  h = await startHarness(T0);
  page = (await import("../../app/routes/app.escalation-settings")) as unknown as typeof page;
  exceptions = await import("../../app/services/tracking/exceptions.server");
}, 60_000);

afterAll(() => h?.close());

describe("the settings page", () => {
  it("shows the defaults, refuses out-of-order rungs and bad thresholds with field errors, and saves nothing then", async () => {
    const defaults = await load();
    expect(defaults.acknowledgement.next_day).toEqual({ remindAfterHours: 4, staffTaskAfterHours: 8, rerouteAfterHours: 16 });
    expect(defaults.exceptions).toEqual({
      labelWithoutPickupBusinessDays: 2,
      noMovementDays: 4,
      noTrackingGraceHours: 0,
      pastPromiseGraceDays: 1,
      splitConfusionDays: 2,
    });
    const answer = await save({ "acknowledgement.next_day.remindAfterHours": "10", "exceptions.noMovementDays": "-1", "exceptions.splitConfusionDays": "0" });
    expect(answer.saved).toBe(false);
    expect(answer.fieldErrors).toMatchObject({
      "acknowledgement.next_day.rerouteAfterHours": expect.stringContaining("reminder must come before the staff task"),
      "exceptions.noMovementDays": expect.stringContaining("at least 1"),
      "exceptions.splitConfusionDays": expect.stringContaining("at least 1"),
    });
    expect(await load()).toEqual(defaults);
    expect(await h.world.db.escalationSettings.count()).toBe(0);
  });
});

describe("the settings are used", () => {
  it("a faster acknowledgement ladder reminds the supplier after 1 business hour instead of 4", async () => {
    const before = await h.routedOrder();
    const beforeNumber = (await h.world.db.purchaseOrder.findUniqueOrThrow({ where: { id: before.poId } })).number;
    h.pass(90 * MINUTE);
    await h.settle();
    expect(reminders(beforeNumber)).toBe(0);

    expect(
      await save({
        "acknowledgement.next_day.remindAfterHours": "1",
        "acknowledgement.next_day.staffTaskAfterHours": "2",
        "acknowledgement.next_day.rerouteAfterHours": "12",
      }),
    ).toMatchObject({ saved: true });
    const after = await h.routedOrder();
    const afterNumber = (await h.world.db.purchaseOrder.findUniqueOrThrow({ where: { id: after.poId } })).number;
    h.pass(61 * MINUTE);
    await h.settle();
    expect(reminders(afterNumber)).toBe(1);
    expect(reminders(beforeNumber)).toBe(0);
  });

  it("a shorter no-movement threshold opens the case after 2 days instead of 4", async () => {
    const supplierId = h.world.suppliers["West Coast Goods"].id;
    const lastScan = h.now() - 2 * DAY - MINUTE;
    await h.world.db.shipment.create({
      data: {
        shop: TEST_SHOP,
        orderId: "gid://shopify/Order/still-1",
        orderName: "#STILL",
        supplierId,
        fulfillmentOrderIds: "[]",
        lines: "[]",
        carrier: "UPS",
        dedupeKey: "still-1",
        source: "api",
        syncStatus: "synced",
        stage: "in_transit",
        labelCreatedAt: new Date(lastScan - DAY),
        lastScanAt: new Date(lastScan),
      },
    });
    const noMovement = () => h.world.db.exceptionCase.count({ where: { shop: TEST_SHOP, type: "no_movement", status: "open" } });
    await exceptions.sweepExceptions(h.services(), TEST_SHOP);
    expect(await noMovement()).toBe(0);
    expect(await save({ "exceptions.noMovementDays": "2" })).toMatchObject({ saved: true });
    await exceptions.sweepExceptions(h.services(), TEST_SHOP);
    expect(await noMovement()).toBe(1);
  });
});
