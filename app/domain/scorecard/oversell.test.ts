import { describe, expect, it } from "vitest";
import { isStockRejection, oversellEventKey } from "./oversell";

describe("which rejections are oversells", () => {
  it("Shopify's out-of-stock reason always is", () => {
    expect(isStockRejection("INVENTORY_OUT_OF_STOCK", [])).toBe(true);
  });

  it("OTHER, or no reason (answered in Shopify), is when the words say the item is out of stock", () => {
    expect(isStockRejection("OTHER", ["Sorry, sold out until March"])).toBe(true);
    expect(isStockRejection(null, ['Rejected in Shopify ("no stock left")'])).toBe(true);
    expect(isStockRejection("OTHER", ["cannot ship", "line 2 is out-of-stock"])).toBe(true);
    expect(isStockRejection(null, ['Rejected in Shopify ("None left in the warehouse")'])).toBe(true);
    expect(isStockRejection("OTHER", ["Our truck broke down"])).toBe(false);
    expect(isStockRejection(null, [null, undefined])).toBe(false);
  });

  it("a specific other reason is not, whatever the message says", () => {
    expect(isStockRejection("INCORRECT_ADDRESS", ["no such street; also out of stock"])).toBe(false);
    expect(isStockRejection("INVALID_SKU", ["sold out"])).toBe(false);
  });

  it("one key per purchase order and kind", () => {
    expect(oversellEventKey("reject", "po1")).toBe("reject:po1");
    expect(oversellEventKey("stockout", "po1")).not.toBe(oversellEventKey("reject", "po1"));
  });
});
