import { render } from "preact";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DeliveryPromise, type PromiseSurface } from "./DeliveryPromise";
import {
  cartLine,
  deliveryGroup,
  fakeShopify,
  MONDAY_MORNING,
  PARIS,
  plain,
  promiseOf,
  SHENZHEN,
  shopCalendar,
  variantPromise,
  type FakeCheckout,
} from "./test-support";

let root: HTMLElement;
const fetchSpy = vi.fn();

beforeEach(() => {
  root = document.createElement("div");
  document.body.appendChild(root);
  vi.stubGlobal("fetch", fetchSpy);
});

afterEach(() => {
  render(null, root);
  root.remove();
  vi.unstubAllGlobals();
  // The extension has no network access: nothing it renders may call fetch.
  expect(fetchSpy).not.toHaveBeenCalled();
});

const paris = variantPromise("10", promiseOf(PARIS));
const shenzhen = variantPromise("20", promiseOf(SHENZHEN));
const france = { countryCode: "FR" as const, provinceCode: undefined };

function show(checkout: FakeCheckout, surface: PromiseSurface = "checkout") {
  const state = fakeShopify(checkout);
  render(<DeliveryPromise surface={surface} now={() => MONDAY_MORNING} />, root);
  return state;
}

describe("<DeliveryPromise>", () => {
  it("renders the window", () => {
    show({ lines: [cartLine("1", "10")], metafields: [paris], address: france });
    expect(root.querySelector("s-text")?.getAttribute("type")).toBe("strong");
    expect(plain(root.textContent)).toBe("Arrives Tue, Dec 2 – Thu, Dec 4");
  });

  it("renders one entry per parcel when suppliers differ", () => {
    show({ lines: [cartLine("1", "10"), cartLine("2", "20")], metafields: [paris, shenzhen], address: france });
    expect(plain(root.textContent)).toContain("Your order ships in 2 parcels");
    const items = [...root.querySelectorAll("s-list-item")].map((el) => plain(el.textContent));
    expect(items).toEqual(["Parcel 1 (1 item): Tue, Dec 2 – Thu, Dec 4", "Parcel 2 (1 item): Wed, Dec 10 – Thu, Dec 18"]);
  });

  it("renders the window learned from delivered shipments when the metafield carries it", () => {
    // Always handed over after 2 days (Wed, Dec 3); to the US 7 carrier days 3 times in 4, else 8.
    const learned = variantPromise("20", promiseOf({ ...SHENZHEN, hd: [2, 1], td: [null, [7, 3, 1], null] }));
    const us = { countryCode: "US" as const, provinceCode: "NY" };
    show({ lines: [cartLine("2", "20")], metafields: [shenzhen], address: us });
    expect(plain(root.textContent)).toBe("Arrives Wed, Dec 10 – Thu, Dec 18");
    render(null, root);
    show({ lines: [cartLine("2", "20")], metafields: [learned], address: us });
    expect(plain(root.textContent)).toBe("Arrives Fri, Dec 12 – Mon, Dec 15");
  });

  it("says when it ships, in the shopper's language, while the supplier's date is not trustworthy", () => {
    const backlogged = variantPromise("10", promiseOf({ ...PARIS, si: [3, 6] }));
    show({ lines: [cartLine("1", "10"), cartLine("2", "20")], metafields: [backlogged, shenzhen], address: france });
    expect(root.querySelector("s-text")?.getAttribute("type")).toBe("strong");
    expect(plain(root.textContent)).toBe("Ships in 3–6 business daysOther items arrive Wed, Dec 10 – Thu, Dec 18");
    render(null, root);
    show({ lines: [cartLine("1", "10")], metafields: [backlogged], address: france, language: "fr" });
    expect(plain(root.textContent)).toBe("Expédition sous 3 à 6 jours ouvrés");
  });

  it("reads the calendar's per-country carrier holidays and the destination's zone", () => {
    // Thursday 4 Dec is a carrier holiday in France only: the window ends a day later.
    show({ lines: [cartLine("1", "10")], metafields: [paris, shopCalendar([], { byCountry: { FR: ["2025-12-04"] } })], address: france });
    expect(plain(root.textContent)).toBe("Arrives Tue, Dec 2 – Fri, Dec 5");
    render(null, root);
    // Shenzhen's 16:00 cut-off is 22:00 the day before in Honolulu: every date there is a day earlier
    // than Shanghai's dates give (Wed, Dec 10 – Thu, Dec 18).
    const zones = { US: "America/New_York", "US-HI": "Pacific/Honolulu" };
    show({ lines: [cartLine("2", "20")], metafields: [shenzhen, shopCalendar([], { zones })], address: { countryCode: "US", provinceCode: "HI" } });
    expect(plain(root.textContent)).toBe("Arrives Tue, Dec 9 – Wed, Dec 17");
  });

  it("renders the honest no-data banner", () => {
    show({ lines: [cartLine("1", "30")], metafields: [paris], address: france });
    const banner = root.querySelector("s-banner");
    expect(banner?.getAttribute("heading")).toBe("Estimated delivery");
    expect(plain(banner?.textContent)).toBe("We can't estimate the delivery date yet: it depends on the supplier's confirmation.");
    expect(plain(root.textContent)).not.toMatch(/email/i);
  });

  it("says it will email about a late delivery only when the shop's calendar says notices are on", () => {
    show({ lines: [cartLine("1", "10")], metafields: [paris, shopCalendar([], { delayNotices: true })], address: france });
    expect(plain(root.textContent)).toBe("Arrives Tue, Dec 2 – Thu, Dec 4If your delivery runs late, we'll email you the new date.");
    render(null, root);
    show({ lines: [cartLine("1", "10")], metafields: [paris, shopCalendar([])], address: france });
    expect(plain(root.textContent)).toBe("Arrives Tue, Dec 2 – Thu, Dec 4");
  });

  it("asks for the address, then shows the window once it is entered", async () => {
    const state = show({ lines: [cartLine("1", "10")], metafields: [paris] });
    expect(plain(root.textContent)).toBe("Enter your address to see a delivery estimate.");
    state.shippingAddress.value = { countryCode: "FR" };
    await vi.waitFor(() => expect(plain(root.textContent)).toBe("Arrives Tue, Dec 2 – Thu, Dec 4"));
  });

  it("shows no address prompt on the Thank you page", () => {
    show({ lines: [cartLine("1", "10")], metafields: [paris] }, "thank_you");
    expect(root.innerHTML).toBe("");
  });

  it("renders in French", () => {
    show({ lines: [cartLine("1", "10")], metafields: [paris], address: france, language: "fr" });
    expect(plain(root.textContent)).toBe("Livraison prévue : mar. 2 – jeu. 4 déc.");
  });

  it("scopes the shipping-option list to its own delivery groups", () => {
    // The subscription list shows only its line; the one-time line from Paris is not its business.
    const list = { groupType: "subscription" as const, deliveryGroups: [deliveryGroup("sub", ["2"])] };
    show({ lines: [cartLine("1", "10"), cartLine("2", "20")], metafields: [paris, shenzhen], address: france, list });
    expect(plain(root.textContent)).toBe("Arrives Wed, Dec 10 – Thu, Dec 18");
  });
});
