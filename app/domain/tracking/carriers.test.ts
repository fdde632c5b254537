import { describe, expect, it } from "vitest";
import { resolveTracking, shopifyCarrierName } from "./carriers";

describe("resolveTracking", () => {
  it("detects the carrier from the number and builds its link", () => {
    expect(resolveTracking({ numbers: ["1z999aa1 0123456784"] })).toEqual({
      ok: true,
      value: { company: "UPS", numbers: ["1Z999AA10123456784"], urls: ["https://wwwapps.ups.com/WebTracking/track?track=yes&trackNums=1Z999AA10123456784"] },
    });
  });

  it("names S10 postal numbers after the issuing post", () => {
    expect(resolveTracking({ numbers: ["RA123456785CN"] })).toMatchObject({ ok: true, value: { company: "China Post", urls: [] } });
  });

  it("maps typed carrier names to Shopify's spelling", () => {
    expect(shopifyCarrierName("fedex ground")).toBe("FedEx");
    expect(shopifyCarrierName("DHL eCommerce")).toBe("DHL eCommerce");
    expect(shopifyCarrierName("dhl")).toBe("DHL Express");
    expect(shopifyCarrierName("Colissimo")).toBe("Colissimo");
    expect(shopifyCarrierName("Zorg Express")).toBeNull();
  });

  it("refuses a wrong check digit, naming the carrier", () => {
    expect(resolveTracking({ numbers: ["1Z999AA10123456785"], carrier: "UPS" })).toEqual({
      ok: false,
      failure: { message: expect.stringContaining("not a valid UPS tracking number") },
    });
  });

  it("refuses a number that belongs to another carrier than the one named", () => {
    expect(resolveTracking({ numbers: ["1Z999AA10123456784"], carrier: "FedEx" })).toEqual({
      ok: false,
      failure: { message: expect.stringContaining("looks like a UPS number") },
    });
  });

  it("refuses an unknown carrier without a URL and accepts it with one", () => {
    expect(resolveTracking({ numbers: ["ZX12345678"], carrier: "Zorg" })).toMatchObject({
      ok: false,
      failure: { message: expect.stringContaining('Unknown carrier "Zorg"') },
    });
    expect(resolveTracking({ numbers: ["ZX12345678"], carrier: "Zorg", url: "https://zorg.example/t/ZX12345678" })).toEqual({
      ok: true,
      value: { company: "Zorg", numbers: ["ZX12345678"], urls: ["https://zorg.example/t/ZX12345678"] },
    });
  });

  it("keeps several numbers of one carrier together and refuses a mix of carriers", () => {
    expect(resolveTracking({ numbers: ["1Z999AA10123456784", "1ZA5823W0300010123"] })).toMatchObject({
      ok: true,
      value: { company: "UPS", numbers: ["1Z999AA10123456784", "1ZA5823W0300010123"] },
    });
    expect(resolveTracking({ numbers: ["1Z999AA10123456784", "9400111202555842332669"] })).toMatchObject({
      ok: false,
      failure: { message: expect.stringContaining("different carriers") },
    });
  });

  it("asks for the carrier when the number says nothing", () => {
    expect(resolveTracking({ numbers: ["ABC123456"] })).toMatchObject({ ok: false, failure: { message: expect.stringContaining("say which carrier") } });
  });
});
