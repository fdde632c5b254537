/**
 * The promise preview page (issue 18 item 7), called as the embedded admin calls it (a session
 * token for a shop whose offline session is stored): it reads what is published for the shop and
 * answers "a shopper in ‹region› ordering ‹variant› at ‹date, time› sees …" with the reasons.
 */
import type { PrismaClient } from "@prisma/client";
import { AppProvider } from "@shopify/polaris";
import en from "@shopify/polaris/locales/en.json";
import { getJwt } from "@shopify/shopify-api/test-helpers";
import { createElement as h, type ComponentType } from "react";
import { renderToString } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { encodePromiseData, encodeShopCalendar, toSupplierPromiseData } from "../../app/domain/promise";
import { TEST_API_KEY, TEST_API_SECRET, TEST_SHOP, useTestAppEnv } from "../helpers/app-env";

useTestAppEnv();

// The page reads its loader's data through Remix hooks: the test hands it what the real loader returned.
const remix = vi.hoisted(() => ({ data: null as unknown }));
vi.mock("@remix-run/react", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@remix-run/react")>()),
  useLoaderData: () => remix.data,
  useNavigation: () => ({ state: "idle" }),
}));

/** The page rendered on the server inside Polaris, as text. */
async function renderPage(data: unknown): Promise<string> {
  remix.data = data;
  const Component = (await import("../../app/routes/app.promise_.preview")).default as ComponentType;
  const routes = [{ path: "/app/*", element: h(AppProvider, { i18n: en }, h(Component)) }];
  const context = await createStaticHandler(routes).query(new Request("http://localhost/app/promise/preview"));
  if (context instanceof Response) throw new Error("unexpected redirect");
  const html = renderToString(h(StaticRouterProvider, { router: createStaticRouter(routes, context), context }));
  return html
    .replace(/<!-- -->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, " ");
}

const OTHER_SHOP = "someone-else.myshopify.com";
const SAGE = "gid://shopify/ProductVariant/4102";
const BLACK = "gid://shopify/ProductVariant/4101";

type Loader = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>;
interface PageData {
  variants: { id: string; label: string }[];
  regions: { value: string; label: string }[];
  zones: string[];
  form: { variant: string; region: string; at: string; zone: string };
  fieldErrors: Record<string, string>;
  preview: { kind: string; headline: string; steps: { kind: string; text: string }[] } | null;
}

let db: PrismaClient;
let loader: Loader;

async function get(path: string, authorised = true): Promise<Request> {
  const { token } = await getJwt(TEST_SHOP.replace(".myshopify.com", ""), TEST_API_KEY, TEST_API_SECRET);
  return new Request(`http://localhost:3000${path}`, { headers: authorised ? { Authorization: `Bearer ${token}` } : {} });
}

async function page(query = ""): Promise<PageData> {
  return (await loader({ request: await get(`/app/promise/preview${query}`), params: {}, context: {} })) as PageData;
}

async function supplier(shop: string, name: string, timeZone: string, cutoff: string): Promise<string> {
  const row = await db.supplier.create({
    data: { shop, name, contactEmail: "ops@example.com", timeZone, cutoff, serviceTier: "48_hour", handlingMinDays: 1, handlingMaxDays: 3 },
  });
  return row.id;
}

beforeAll(async () => {
  db = (await import("../../app/db.server")).default;
  loader = (await import("../../app/routes/app.promise_.preview")).loader as unknown as Loader;
  const { SCOPES } = await import("../../app/shopify/scopes");
  const { recordPublished } = await import("../../app/models/promise.server");
  await db.session.create({
    data: { id: `offline_${TEST_SHOP}`, shop: TEST_SHOP, state: "installed", isOnline: false, scope: SCOPES.join(","), accessToken: "shpat_preview" },
  });
  const euro = await supplier(TEST_SHOP, "EuroDrop Paris", "Europe/Paris", "12:00");
  const west = await supplier(TEST_SHOP, "Pacific Coast Fulfillment", "America/Los_Angeles", "14:00");
  for (const [variantId, supplierId, sku] of [
    [SAGE, euro, "DL-THERMOS-750-SGE"],
    [BLACK, west, "DL-THERMOS-750-BLK"],
  ] as const) {
    await db.offer.create({ data: { shop: TEST_SHOP, supplierId, variantId, sku, supplierSku: `S-${sku}`, unitCostMinor: 1200 } });
  }
  const paris = toSupplierPromiseData(
    { timeZone: "Europe/Paris", cutoff: "12:00", holidays: ["2026-12-25"] },
    { min: 1, max: 3 },
    [
      { countryCode: "FR", transit: { min: 1, max: 2 } },
      { countryCode: "US", transit: { min: 6, max: 10 } },
    ],
    euro,
  );
  const coast = toSupplierPromiseData(
    { timeZone: "America/Los_Angeles", cutoff: "14:00", holidays: [] },
    { min: 1, max: 2 },
    [
      { countryCode: "US", provinceCode: "CA", transit: { min: 1, max: 2 } },
      { countryCode: "US", transit: { min: 3, max: 5 } },
    ],
    west,
  );
  const values = [
    { ownerId: SAGE, key: "promise", value: encodePromiseData({ v: 1, suppliers: [paris] }) },
    { ownerId: BLACK, key: "promise", value: encodePromiseData({ v: 1, suppliers: [coast] }) },
    { ownerId: "gid://shopify/Shop/1", key: "calendar", value: encodeShopCalendar(["2026-12-25"]) },
  ];
  await recordPublished(
    db,
    TEST_SHOP,
    values.map((v) => ({ ...v, hash: v.value.length.toString() })),
    new Date(),
  );
  // Another shop's published value must never show up here.
  await recordPublished(db, OTHER_SHOP, [{ ownerId: "gid://shopify/ProductVariant/999", key: "promise", value: values[0]!.value, hash: "x" }], new Date());
});

describe("the promise preview page", () => {
  it("offers the shop's published variants, regions and suppliers' zones, with no answer until asked", async () => {
    const data = await page();
    expect(data.variants.map((v) => v.id).sort()).toEqual([BLACK, SAGE]);
    expect(data.variants.find((v) => v.id === SAGE)?.label).toBe("DL-THERMOS-750-SGE · 4102");
    expect(data.regions.map((r) => r.value)).toEqual(["US-CA", "FR", "US"]);
    expect(data.zones).toEqual(["America/Los_Angeles", "Europe/Paris", "UTC"]);
    // The defaults answer with a date: the first variant's first supplier, a region it serves, its zone.
    expect(data.form).toMatchObject({ variant: BLACK, region: "US-CA", zone: "America/Los_Angeles" });
    expect(data.form.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    expect(data.preview).toBeNull();
  });

  it("explains a Friday order after the Paris cut-off: handling starts Monday, and what the shopper reads", async () => {
    const data = await page(`?variant=${encodeURIComponent(SAGE)}&region=FR&at=2026-12-11T15:30&zone=Europe%2FParis`);
    expect(data.preview?.kind).toBe("window");
    expect(data.preview?.headline.replace(/\s/g, " ")).toBe("A shopper in France ordering DL-THERMOS-750-SGE sees “Arrives Wed, Dec 16 – Mon, Dec 21”.");
    const steps = data.preview!.steps.map((s) => s.text.replace(/\s/g, " "));
    expect(steps[0]).toBe("EuroDrop Paris ships it: the first supplier in the published order that delivers to France.");
    expect(steps[1]).toContain("after the 12:00 cut-off, so handling starts Monday, Dec 14 (Saturday and Sunday are not working days)");
    const text = await renderPage(data);
    expect(text).toContain("Promise preview");
    expect(text).toContain("A shopper in France ordering DL-THERMOS-750-SGE sees “Arrives Wed, Dec 16 – Mon, Dec 21”.");
    expect(text).toContain("EuroDrop Paris ships it");
    expect(text).toContain("Order date and time");
  });

  it("reads the time in the zone chosen and counts the carrier holiday the shop published", async () => {
    // 03:00 in Los Angeles is noon in Paris: at the cut-off, so the next working day.
    const data = await page(`?variant=${encodeURIComponent(SAGE)}&region=FR&at=2026-12-21T03:00&zone=America%2FLos_Angeles`);
    const steps = data.preview!.steps.map((s) => s.text.replace(/\s/g, " "));
    expect(steps[1]).toContain("Monday, Dec 21 at 12:00 in Europe/Paris (EuroDrop Paris's time), after the 12:00 cut-off, so handling starts Tuesday, Dec 22");
    expect(steps[3]).toContain("Fri, Dec 25 is a carrier holiday");
  });

  it("says when nobody published delivers to the region", async () => {
    const data = await page(`?variant=${encodeURIComponent(BLACK)}&region=FR&at=2026-12-11T15:30&zone=UTC`);
    expect(data.preview).toMatchObject({ kind: "not_served" });
    expect(data.preview!.steps[0]!.text).toBe("Pacific Coast Fulfillment does not deliver to France.");
  });

  it("answers bad input field by field, and another shop's variant is unknown here", async () => {
    const bad = await page(`?variant=&region=France&at=soon&zone=UTC`);
    expect(bad.fieldErrors).toEqual({ variant: "Choose a variant", region: "Choose a region", at: "Enter a date and time" });
    const foreign = await page(`?variant=${encodeURIComponent("gid://shopify/ProductVariant/999")}&region=FR&at=2026-12-11T15:30&zone=UTC`);
    expect(foreign.fieldErrors).toEqual({ variant: "Nothing is published for this variant" });
    expect(foreign.preview).toBeNull();
  });

  it("refuses a request without the admin's session token", async () => {
    const outcome = await loader({ request: await get("/app/promise/preview", false), params: {}, context: {} }).catch((thrown: unknown) => thrown);
    expect(outcome).toBeInstanceOf(Response);
    expect((outcome as Response).status).not.toBe(200);
  });
});
