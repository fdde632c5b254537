import { describe, expect, it } from "vitest";
import { AcceptInput, formToInput, RejectInput, shipDateProblem } from "./portal-input";

describe("portal input", () => {
  const now = new Date("2026-11-25T12:00:00Z");
  it("accepts today or later, refuses past and malformed dates", () => {
    expect(shipDateProblem("2026-11-25", now)).toBeNull();
    expect(shipDateProblem("2026-11-24", now)).toMatch(/in the past/);
    expect(AcceptInput.safeParse({ requestId: "12345678", shipDate: "2026-12-01" }).success).toBe(true);
    expect(AcceptInput.safeParse({ requestId: "12345678", shipDate: "2026-02-30" }).success).toBe(false);
    expect(AcceptInput.safeParse({ requestId: "12345678", shipDate: "30/11/2026" }).success).toBe(false);
  });

  it("a rejection needs one of Shopify's reasons and a message; per-line reasons come from the form rows filled in", () => {
    expect(RejectInput.safeParse({ requestId: "12345678", message: "no stock" }).success).toBe(false);
    const form = new FormData();
    for (const [k, v] of [
      ["requestId", "12345678"],
      ["reason", "INVALID_SKU"],
      ["message", "unknown SKU"],
      ["lines.0.lineId", "fl-1"],
      ["lines.0.reason", "not ours"],
      ["lines.1.lineId", "fl-2"],
      ["lines.1.reason", ""],
    ])
      form.append(k!, v!);
    const parsed = RejectInput.parse(formToInput(form));
    expect(parsed.lines).toEqual([{ lineId: "fl-1", reason: "not ours" }]);
  });
});
