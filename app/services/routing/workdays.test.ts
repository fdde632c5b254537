import { describe, expect, it } from "vitest";
import { workdaysOf } from "./inputs";

describe("workdaysOf (Supplier.workingDays reaches the promise and routing)", () => {
  it("reads the stored JSON list", () => {
    expect(workdaysOf("[1,2,3,4,5,6]")).toEqual([1, 2, 3, 4, 5, 6]);
    expect(workdaysOf([6, 1, 1])).toEqual([1, 6]);
  });
  it("falls back to Monday–Friday when unreadable or empty", () => {
    expect(workdaysOf("not json")).toEqual([1, 2, 3, 4, 5]);
    expect(workdaysOf("[]")).toEqual([1, 2, 3, 4, 5]);
    expect(workdaysOf("[0,8]")).toEqual([1, 2, 3, 4, 5]);
  });
});
