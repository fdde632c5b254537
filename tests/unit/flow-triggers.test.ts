import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_ESCALATION_CONFIG } from "../../app/domain/escalation";
import { DELAY_FLOW_TRIGGER } from "../../app/services/tracking/events.server";
import { promiseAtRiskPayload, shipmentDelayedPayload } from "../../app/services/notices/flow.server";
import { alertFlowPayload, METRIC_ALERT_FLOW_TRIGGER } from "../../app/domain/alerts";

const EXTENSIONS = path.resolve(__dirname, "../../extensions");

/** Handle → field keys of every flow_trigger extension (Shopify rejects a trigger it does not know). */
function flowTriggers(): Map<string, string[]> {
  const triggers = new Map<string, string[]>();
  for (const dir of fs.readdirSync(EXTENSIONS)) {
    const file = path.join(EXTENSIONS, dir, "shopify.extension.toml");
    if (!fs.existsSync(file)) continue;
    const toml = fs.readFileSync(file, "utf8");
    if (!/type = "flow_trigger"/.test(toml)) continue;
    const handle = /handle = "([^"]+)"/.exec(toml)?.[1] ?? "";
    triggers.set(
      handle,
      [...toml.matchAll(/key = "([^"]+)"/g)].map((m) => m[1]!),
    );
  }
  return triggers;
}

describe("Flow triggers the app fires are declared as extensions", () => {
  it("declares the shipment-delayed and promise-at-risk triggers with valid handles", () => {
    const triggers = flowTriggers();
    for (const handle of [DELAY_FLOW_TRIGGER, DEFAULT_ESCALATION_CONFIG.customerNotice.flowTrigger]) {
      expect(triggers.has(handle)).toBe(true);
      expect(handle).toMatch(/^[a-z0-9-]{1,30}$/);
    }
    expect(triggers.get(DELAY_FLOW_TRIGGER)).toEqual(["Order name", "Tracking number", "Carrier", "New earliest delivery", "New latest delivery"]);
    expect(triggers.get(DEFAULT_ESCALATION_CONFIG.customerNotice.flowTrigger)).toEqual([
      "Order name",
      "Purchase order",
      "Ship by",
      "New earliest delivery",
      "New latest delivery",
    ]);
  });

  it("the payloads the app sends carry exactly the declared fields, with the new window", () => {
    const triggers = flowTriggers();
    const window = { earliest: "2026-03-10", latest: "2026-03-12" };
    const delayed = shipmentDelayedPayload("gid://shopify/Order/77", { trackingNumber: "1Z9", carrier: "UPS", orderName: "#1077" }, window);
    const atRisk = promiseAtRiskPayload(
      { orderId: "gid://shopify/Order/77", orderName: "#1077", number: "PO-1", shipBy: new Date("2026-03-04T17:00:00Z") },
      window,
    );
    for (const [handle, payload] of [
      [DELAY_FLOW_TRIGGER, delayed],
      [DEFAULT_ESCALATION_CONFIG.customerNotice.flowTrigger, atRisk],
    ] as const) {
      expect(Object.keys(payload).filter((k) => k !== "order_id")).toEqual(triggers.get(handle));
      expect(payload).toMatchObject({ order_id: "77", "New earliest delivery": "2026-03-10", "New latest delivery": "2026-03-12" });
    }
  });

  it("declares the metric-alert trigger with exactly the fields the alert notice sends", () => {
    const triggers = flowTriggers();
    expect(METRIC_ALERT_FLOW_TRIGGER).toMatch(/^[a-z0-9-]{1,30}$/);
    const payload = alertFlowPayload(
      {
        id: "a1",
        metric: "orderToShip",
        dimension: "channel",
        segment: "pos",
        segmentName: "pos",
        rule: "control_limit",
        day: "2026-03-02",
        value: 1,
        limit: 1,
        days: ["2026-03-02"],
        message: "m",
      },
      "https://app.example/app/alerts",
    );
    expect(triggers.get(METRIC_ALERT_FLOW_TRIGGER)).toEqual(Object.keys(payload));
  });
});
