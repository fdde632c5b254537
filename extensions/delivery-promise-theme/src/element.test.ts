/**
 * The custom element in a DOM (happy-dom) inside a product form like an Online Store 2.0 theme's:
 * it follows the form's `id` input, theme variant events and the postcode field. The real-browser
 * version (layout, bundle as served) is tests/e2e/storefront-promise.test.ts.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { defineDeliveryPromise, TAG } from "./element";
import { BLACK, publishedProduct, renderBlock, SAGE } from "./liquid-test-support";

const product = publishedProduct();
/** Thursday 2026-12-03 10:00 in Los Angeles. */
const NOW = Date.UTC(2026, 11, 3, 18, 0);

beforeAll(() => defineDeliveryPromise());
afterEach(() => {
  document.body.innerHTML = "";
  vi.useRealTimers();
});

async function mount(country = { iso_code: "US", name: "United States" }) {
  vi.useFakeTimers({ toFake: ["Date", "setTimeout", "setInterval"] });
  vi.setSystemTime(NOW);
  document.body.innerHTML = `<section class="shopify-section"><form action="/cart/add" method="post"><input type="hidden" name="id" value="${BLACK.id}"></form>${renderBlock({ variants: product.variants, calendar: product.calendar, country })}</section>`;
  const element = document.querySelector(TAG) as HTMLElement;
  await Promise.resolve(); // the element starts once its markup is all there
  const text = () => element.querySelector("[data-dl-text]")!.textContent!.replace(/\s/g, " ");
  const note = () => element.querySelector("[data-dl-note]")!.textContent!;
  const idInput = document.querySelector<HTMLInputElement>("input[name=id]")!;
  return { element, text, note, idInput };
}

describe("<dropline-delivery-promise>", () => {
  it("shows the selected variant's window as soon as it connects", async () => {
    const { element, text, note } = await mount();
    expect(text()).toBe("Arrives Mon, Dec 7 – Mon, Dec 14");
    expect(note()).toBe("Enter your ZIP or postal code for a closer estimate.");
    expect(element.dataset.variant).toBe(String(BLACK.id));
  });

  it("follows the form's id input when the theme changes it", async () => {
    const { text, idInput } = await mount();
    const before = text();
    idInput.value = String(SAGE.id);
    idInput.dispatchEvent(new Event("change", { bubbles: true }));
    vi.runOnlyPendingTimers();
    expect(text()).not.toBe(before);
    expect(text()).toBe("Arrives Tue, Dec 15 – Wed, Dec 23"); // EuroDrop: 19:00 in Paris is past its noon cut-off, so handling starts Friday: 1–3 days, then 6–10 to the US
  });

  it("follows a theme's variant event carrying the variant", async () => {
    const { text, element } = await mount();
    document.dispatchEvent(new CustomEvent("variant:change", { detail: { variant: { id: SAGE.id } } }));
    expect(element.dataset.variant).toBe(String(SAGE.id));
    expect(text()).toBe("Arrives Tue, Dec 15 – Wed, Dec 23");
  });

  it("narrows the window when the shopper types a ZIP code", async () => {
    const { text, note, element } = await mount();
    const field = element.querySelector<HTMLInputElement>("input[data-dl-postcode]")!;
    field.value = "94105";
    field.dispatchEvent(new Event("input", { bubbles: true }));
    expect(text()).toBe("Arrives Mon, Dec 7 – Wed, Dec 9");
    expect(note()).toBe("");
  });

  it("moves the window on when the cut-off passes while the page is open", async () => {
    const { text } = await mount();
    vi.setSystemTime(Date.UTC(2026, 11, 3, 22, 30)); // 14:30 in Los Angeles
    vi.advanceTimersByTime(60_000);
    expect(text()).toBe("Arrives Tue, Dec 8 – Tue, Dec 15");
  });

  it("stops listening once removed from the page", async () => {
    const { element } = await mount();
    element.remove();
    document.dispatchEvent(new CustomEvent("variant:change", { detail: { variant: { id: SAGE.id } } }));
    expect(element.dataset.variant).toBe(String(BLACK.id));
  });
});
