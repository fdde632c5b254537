/**
 * The admin preview (app/domain/promise-preview) and the storefront (the checkout's
 * `buildPromiseView`, which the product page runs) must give the same window for the same
 * variant, region and instant: checked over random instants across two years, regions and the
 * published values of the fixture product.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodePromiseData } from "../../../app/domain/promise";
import { explainPromise } from "../../../app/domain/promise-preview/explain";
import { buildPromiseView } from "../../delivery-promise/src/promise-view";
import { CARRIER_HOLIDAYS, publishedProduct } from "./liquid-test-support";
import { translator } from "./payload";

const product = publishedProduct();
const values = product.variants.map((v) => decodePromiseData(v.promise!));
const destinations = [
  { countryCode: "US", provinceCode: "CA" },
  { countryCode: "US", provinceCode: "NY" },
  { countryCode: "US", provinceCode: null },
  { countryCode: "FR", provinceCode: null },
  { countryCode: "JP", provinceCode: null },
];
const translate = translator({ window: "Arrives {window}", noData: "none", notServed: "none" }, "en-US");

describe("preview and storefront agree", () => {
  it("on the window and the shopper's sentence, for any instant, region and variant", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2026, 10, 1), max: Date.UTC(2028, 10, 1) }),
        fc.constantFrom(...destinations),
        fc.constantFrom(...values),
        (nowMs, destination, data) => {
          const shopper = buildPromiseView({
            lines: [{ id: "l", quantity: 1, data }],
            destination,
            carrierHolidays: CARRIER_HOLIDAYS,
            nowMs,
            locale: "en-US",
            translate,
          });
          const preview = explainPromise({
            data,
            destination,
            regionName: destination.countryCode,
            variantName: "v",
            orderedAtMs: nowMs,
            carrierHolidays: CARRIER_HOLIDAYS,
            supplierNames: new Map(),
          });
          if (shopper?.kind === "window") {
            expect(preview.kind).toBe("window");
            expect(preview.kind === "window" && preview.window).toEqual(shopper.window);
            expect(preview.kind === "window" && preview.shopperText).toBe(shopper.text);
          } else {
            expect(preview.kind).not.toBe("window");
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
