import { describe, expect, it } from "vitest";
import { backtestRows, confidenceChoices, keptRows, keptSummary } from "./accuracy-views";

const cell = (confidence: number, keptShare: number, meanWidth: number, promises = 40) => ({
  confidence,
  promises,
  kept: Math.round(keptShare * promises),
  keptShare,
  meanWidth,
});

describe("accuracy views", () => {
  const backtest = {
    overall: [cell(0.9, 0.9, 2.04), cell(0.99, 0.975, 4.5)],
    rows: [{ supplierId: "s1", region: "FR", cells: [cell(0.9, 0.875, 2), cell(0.99, 1, 4)] }],
  };

  it("states each confidence's width and kept rate from the backtest", () => {
    expect(confidenceChoices(backtest)).toEqual([
      { value: "90", label: "90 %", detail: "2.0 d wide on average, 90.0 % kept (40 orders)" },
      { value: "99", label: "99 %", detail: "4.5 d wide on average, 97.5 % kept (40 orders)" },
    ]);
    expect(confidenceChoices({ overall: [cell(0.97, 0, 0, 0)], rows: [] })[0]!.detail).toBe("no delivered orders to replay yet");
  });

  it("names suppliers in the backtest and kept-rate rows", () => {
    expect(backtestRows(backtest, { s1: "Atlantic" })).toEqual([["Atlantic", "FR", "40", "2.0 d · 87.5 %", "4.0 d · 100.0 %"]]);
    expect(keptRows([{ key: "s1", promises: 4, kept: 3, early: 0, late: 1, keptShare: 0.75 }], () => "Atlantic")).toEqual([
      ["Atlantic", "4", "75.0 %", "0", "1"],
    ]);
  });

  it("summarises the kept rate for the control tower, or says there is none yet", () => {
    expect(keptSummary({ key: "all", promises: 0, kept: 0, early: 0, late: 0, keptShare: 0 })).toBe("No delivered order with a recorded promise yet.");
    expect(keptSummary({ key: "all", promises: 200, kept: 190, early: 4, late: 6, keptShare: 0.95 })).toBe(
      "95.0 % of 200 delivered orders arrived inside their promised window (6 late, 4 early).",
    );
  });
});
