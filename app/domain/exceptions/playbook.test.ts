import { describe, expect, it } from "vitest";
import { confirmationText, formatMoney } from "./confirmation";
import { DEFAULT_PLAYBOOKS, describePlaybook, nextStep, PlaybookSchema, playbookFor, type Playbook } from "./playbook";
import { PLAYBOOK_ACTIONS, type PlaybookAction } from "./types";

const DAY = 86_400_000;
const ALL = new Set<PlaybookAction>(PLAYBOOK_ACTIONS);
const opened = Date.parse("2026-04-01T00:00:00Z");
const delayed: Playbook = [{ action: "wait", waitDays: 3 }, { action: "reship" }, { action: "refund" }];

describe("playbook steps", () => {
  it("sleeps through a wait step, then suggests the next step when the days have passed", () => {
    expect(nextStep(delayed, [], opened, opened + DAY, ALL)).toEqual({ kind: "sleeping", untilMs: opened + 3 * DAY, index: 0, step: { action: "reship" } });
    expect(nextStep(delayed, [], opened, opened + 3 * DAY, ALL)).toEqual({ kind: "due", index: 1, step: { action: "reship" } });
  });

  it("moves past the steps already done, in order", () => {
    const done = [{ action: "reship" as const, atMs: opened + 4 * DAY }];
    expect(nextStep(delayed, done, opened, opened + 5 * DAY, ALL)).toMatchObject({ kind: "due", step: { action: "refund" } });
    expect(nextStep(delayed, [...done, { action: "refund", atMs: opened + 6 * DAY }], opened, opened + 7 * DAY, ALL)).toEqual({ kind: "finished" });
  });

  it("counts a wait staff chose as the playbook's wait, and honours the case's own wake-up date", () => {
    const waited = [{ action: "wait" as const, atMs: opened + DAY }];
    expect(nextStep(delayed, waited, opened, opened + DAY, ALL, opened + 10 * DAY)).toEqual({
      kind: "sleeping",
      untilMs: opened + 10 * DAY,
      index: 1,
      step: { action: "reship" },
    });
    expect(nextStep(delayed, waited, opened, opened + 10 * DAY, ALL, opened + 10 * DAY)).toMatchObject({ kind: "due", step: { action: "reship" } });
  });

  it("skips a step whose action is not available yet (customer notices)", () => {
    const available = new Set<PlaybookAction>(["wait", "reship"]);
    expect(nextStep(DEFAULT_PLAYBOOKS.split_confusion, [], opened, opened, available)).toMatchObject({ kind: "sleeping", step: { action: "reship" } });
  });

  it("validates a merchant's playbook", () => {
    expect(PlaybookSchema.safeParse([{ action: "wait", waitDays: 2 }]).error?.issues[0]?.message).toBe("A playbook cannot end with a wait.");
    expect(PlaybookSchema.safeParse([{ action: "wait" }, { action: "refund" }]).success).toBe(false);
    expect(PlaybookSchema.safeParse([{ action: "refund", waitDays: 2 }]).success).toBe(false);
    expect(PlaybookSchema.safeParse([]).success).toBe(false);
    expect(PlaybookSchema.safeParse([{ action: "wait", waitDays: 2 }, { action: "reroute" }]).success).toBe(true);
  });

  it("falls back to the default when a stored playbook no longer parses", () => {
    expect(playbookFor("lost", [{ action: "teleport" }])).toBe(DEFAULT_PLAYBOOKS.lost);
    expect(playbookFor("lost", [{ action: "refund" }])).toEqual([{ action: "refund" }]);
  });

  it("has a valid default for every case type, and says it in words", () => {
    for (const playbook of Object.values(DEFAULT_PLAYBOOKS)) expect(PlaybookSchema.safeParse(playbook).success).toBe(true);
    expect(describePlaybook(delayed)).toBe("wait 3 days → reship → refund");
  });
});

describe("confirmations", () => {
  it("says the refund Shopify computed, for which lines and shipping, to whom", () => {
    const text = confirmationText({
      action: "refund",
      orderName: "#1001",
      customer: "jane@example.com",
      lines: [{ title: "Blue Mug", quantity: 1 }],
      amount: "24.00",
      shippingAmount: "5.00",
      currency: "USD",
    });
    expect(text).toBe("Refund $24.00 for 1 × Blue Mug and $5.00 shipping to jane@example.com on #1001, computed by Shopify.");
  });

  it("says what a cancellation does with the money and the stock", () => {
    expect(confirmationText({ action: "cancel_order", orderName: "#1002", customer: null, reason: "INVENTORY", refund: false, restock: true })).toBe(
      "Cancel #1002 (reason: inventory): no refund, restock the items.",
    );
  });

  it("says which new window the customer will be told, and why", () => {
    const base = { action: "notify_customer", orderName: "#1003", customer: "jane@example.com", reason: "The carrier reported a delay." } as const;
    expect(confirmationText({ ...base, earliest: "2026-12-09", latest: "2026-12-11" })).toBe(
      "Email jane@example.com about #1003: new delivery estimate 2026-12-09 – 2026-12-11. Reason given: “The carrier reported a delay.” (at most one notice per order per day).",
    );
    expect(confirmationText({ ...base, customer: null, earliest: "2026-12-10", latest: "2026-12-10" })).toContain(
      "Email the customer about #1003: new delivery estimate 2026-12-10.",
    );
  });

  it("formats money exactly, keeping the code where a symbol would be ambiguous", () => {
    expect(formatMoney("24", "USD")).toBe("$24.00");
    expect(formatMoney("1234.5", "EUR")).toBe("€1234.50");
    expect(formatMoney("99.999", "JPY")).toBe("JPY 99.999");
  });
});
