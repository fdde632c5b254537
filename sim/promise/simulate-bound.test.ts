import { describe, expect, it } from "vitest";
import { toEpochDay } from "../../app/domain/promise/dates";
import { oracleTradeOff, thresholdWindow } from "./simulate-bound";

describe("thresholdWindow", () => {
  const days = ["2025-12-01", "2025-12-02", "2025-12-03", "2025-12-04"].map(toEpochDay);
  const d = { days, probabilities: [0.05, 0.6, 0.3, 0.05], businessDays: [0, 1, 2, 3] };

  it("grows from the likeliest date while the next date is at least that likely", () => {
    expect(thresholdWindow(d, 0.1)).toEqual({ earliest: "2025-12-02", latest: "2025-12-03" });
    expect(thresholdWindow(d, 0.05)).toEqual({ earliest: "2025-12-01", latest: "2025-12-04" });
    expect(thresholdWindow(d, 0.7)).toEqual({ earliest: "2025-12-02", latest: "2025-12-02" });
  });
});

describe("oracleTradeOff", () => {
  it("trades width for share inside: a lower threshold gives wider windows that hold more", () => {
    const [wide, narrow] = oracleTradeOff({ orders: 300, seed: 42 }, [0.01, 0.1], 200);
    expect(wide!.meanWidthBusinessDays).toBeGreaterThan(narrow!.meanWidthBusinessDays);
    expect(wide!.insideShare).toBeGreaterThan(narrow!.insideShare);
  });
});
