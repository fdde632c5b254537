/**
 * Issue 18 item 1 in a real browser: the product page app block inside a product section built
 * like an Online Store 2.0 theme's (a variant picker that sets the product form's `id` input,
 * fires `change` and writes `?variant=` into the URL, as Dawn does), rendered from the block's
 * Liquid (liquidjs) with the `$app` values the app's publish code writes, running the committed
 * asset as Shopify would serve it. Switching variants changes the text and moves nothing.
 */
import fs from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodePromiseData } from "../../app/domain/promise";
import {
  ASSET_FILE,
  BLACK,
  CLAY,
  CSS_FILE,
  publishedProduct,
  renderBlock,
  SAGE,
  type Language,
} from "../../extensions/delivery-promise-theme/src/liquid-test-support";
import { hostPage } from "../../extensions/delivery-promise-theme/src/host-page";
import { translator } from "../../extensions/delivery-promise-theme/src/payload";
import { storefrontView } from "../../extensions/delivery-promise-theme/src/storefront-view";
import { humanContext, launchBrowser } from "./browser";

/** Thursday 2026-12-03 10:00 in Los Angeles (18:00 UTC). */
const NOW = Date.UTC(2026, 11, 3, 18, 0);
const ORIGIN = "http://storefront.test";
const product = publishedProduct();
const withNotices = publishedProduct("2026-12-01", { delayNotices: true });

interface PageOptions {
  readonly country: { iso_code: string; name: string };
  readonly language?: Language;
  /** Leave the script out: the page as it is painted before the asset runs. */
  readonly withoutScript?: boolean;
  /** The shop emails customers about late deliveries (`dn` in `$app.calendar`). */
  readonly delayNotices?: boolean;
  readonly viewport?: { width: number; height: number };
}

/** The fixture product's page, the app block rendered from the extension's Liquid. */
function productPage(options: PageOptions): string {
  return hostPage({
    productTitle: "Trail Thermos 750 ml",
    variants: [BLACK, SAGE, CLAY],
    selected: BLACK.id,
    blockHtml: renderBlock({
      variants: product.variants,
      calendar: (options.delayNotices ? withNotices : product).calendar,
      country: options.country,
      language: options.language,
    }),
    css: fs.readFileSync(CSS_FILE, "utf8"),
    ...(options.withoutScript ? {} : { script: fs.readFileSync(ASSET_FILE, "utf8") }),
    language: options.language ?? "en",
  });
}

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function open(options: PageOptions): Promise<{ page: Page; errors: string[] }> {
  const context = await humanContext(browser);
  const page = await context.newPage();
  if (options.viewport) await page.setViewportSize(options.viewport);
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.clock.install({ time: NOW });
  // The storefront is served from memory: nothing leaves the machine.
  await context.route("**/*", (route) =>
    route.request().url().startsWith(`${ORIGIN}/products/`)
      ? route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: productPage(options) })
      : route.abort(),
  );
  await page.goto(`${ORIGIN}/products/trail-thermos`);
  return { page, errors };
}

const text = async (page: Page): Promise<string> => ((await page.locator("[data-dl-text]").textContent()) ?? "").replace(/\s/g, " ");
const box = async (page: Page, selector: string) => page.locator(selector).boundingBox();

/** What the pure function says for a variant: the browser must print exactly this. */
function expected(variantId: string, country: string, postcode = ""): string {
  const value = product.variants.find((v) => v.id === variantId)!.promise!;
  const strings = { window: "Arrives {window}", noData: "-", notServed: "-", postcodeHint: "-", postcodeUnknown: "-" };
  return storefrontView({
    data: decodePromiseData(value),
    countryCode: country,
    postcode,
    carrierHolidays: ["2026-12-25", "2027-01-01"],
    lateNotices: false,
    nowMs: NOW,
    locale: "en",
    translate: translator(strings, "en"),
  }).text.replace(/\s/g, " ");
}

describe("the delivery promise on an Online Store 2.0 product page", () => {
  it("shows the selected variant's window, follows the variant picker, and moves nothing", async () => {
    const { page, errors } = await open({ country: { iso_code: "US", name: "United States" } });
    await page.locator("[data-dl-text]").filter({ hasText: "Arrives" }).waitFor();
    expect(await text(page)).toBe(expected(BLACK.id, "US"));
    expect(await page.locator("[data-dl-note]").textContent()).toBe("Enter your ZIP or postal code for a closer estimate.");
    const blockBefore = await box(page, "dropline-delivery-promise");
    const buttonBefore = await box(page, ".product-form__submit");

    await page.getByLabel("Sage").check();
    await page.waitForFunction(() => document.querySelector("dropline-delivery-promise")?.getAttribute("data-variant") === "4102");
    expect(await text(page)).toBe(expected(SAGE.id, "US"));
    expect(expected(SAGE.id, "US")).not.toBe(expected(BLACK.id, "US"));
    expect(page.url()).toContain(`?variant=${SAGE.id}`);
    expect(await box(page, "dropline-delivery-promise")).toEqual(blockBefore);
    expect(await box(page, ".product-form__submit")).toEqual(buttonBefore);

    await page.getByLabel("Clay").check();
    await page.waitForFunction(() => document.querySelector("dropline-delivery-promise")?.getAttribute("data-variant") === "4103");
    expect(await text(page)).toBe(expected(CLAY.id, "US"));

    // A ZIP code names the state: California gets Pacific Coast's West Coast rows.
    await page.getByLabel("ZIP or postal code").fill("94105");
    await page.waitForFunction(() => !document.querySelector("[data-dl-note]")?.textContent);
    expect(await text(page)).toBe(expected(CLAY.id, "US", "94105"));
    expect(await box(page, "dropline-delivery-promise")).toEqual(blockBefore);
    expect(await box(page, ".product-form__submit")).toEqual(buttonBefore);

    fs.mkdirSync("test-results", { recursive: true });
    await page.screenshot({ path: "test-results/storefront-promise.png", fullPage: true });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it.each([
    ["a desktop", { width: 1280, height: 900 }],
    ["a phone", { width: 375, height: 740 }],
  ])("reserves the block's space before the script fills it, on %s: painting the window shifts nothing", async (_, viewport) => {
    // With the shop's late-delivery emails on, every line the script can fill is there.
    const options = { country: { iso_code: "US", name: "United States" }, delayNotices: true, viewport };
    const bare = await open({ ...options, withoutScript: true });
    const reserved = await box(bare.page, "dropline-delivery-promise");
    const buttonReserved = await box(bare.page, ".product-form__submit");
    await bare.page.context().close();

    const { page } = await open(options);
    await page.locator("[data-dl-late]").filter({ hasText: "email" }).waitFor();
    expect(await text(page)).toMatch(/^Arrives /);
    expect(await page.locator("[data-dl-note]").textContent()).toMatch(/ZIP/);
    expect(await box(page, "dropline-delivery-promise")).toEqual(reserved);
    expect(await box(page, ".product-form__submit")).toEqual(buttonReserved);
    await page.screenshot({ path: `test-results/storefront-promise-${viewport.width}.png`, fullPage: true });
    await page.context().close();
  });

  it("is announced politely and readable without colour, in French for a French storefront", async () => {
    const { page, errors } = await open({ country: { iso_code: "FR", name: "France" }, language: "fr" });
    // Black ships from California only: nobody delivers it to France, and the block says so in words.
    await page.locator("[data-dl-text]").filter({ hasText: "Nous ne pouvons pas" }).waitFor();
    expect(await text(page)).toBe("Nous ne pouvons pas encore estimer la livraison vers : France.");
    expect(await page.locator(".dl-promise__lines").getAttribute("aria-live")).toBe("polite");
    expect(await page.locator(".dl-promise__title").textContent()).toBe("Livraison estimée vers : France");
    expect(await page.locator("input[data-dl-postcode]").count()).toBe(0); // one row covers France
    await page.getByLabel("Sage").check();
    await page
      .locator("[data-dl-text]")
      .filter({ hasText: /^Livraison/ })
      .waitFor();
    expect(await text(page)).toMatch(/^Livraison \S+ \d+ .*déc\./);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
