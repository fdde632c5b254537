import { describe, expect, it } from "vitest";
import * as promise from "./index";

describe("promise engine public API", () => {
  it("exports what routing and the checkout extension use", () => {
    for (const name of [
      "localDateTime",
      "addDays",
      "isoWeekday",
      "compareDates",
      "businessDaysBetween",
      "isBusinessDay",
      "addBusinessDays",
      "shipStartDate",
      "shipByWindow",
      "promiseWindow",
      "cartPromise",
      "groupPromises",
      "handlingFromHistory",
      "formatWindow",
      "transitFor",
      "encodePromiseData",
      "decodePromiseData",
    ]) {
      expect(typeof (promise as Record<string, unknown>)[name], name).toBe("function");
    }
  });
});
