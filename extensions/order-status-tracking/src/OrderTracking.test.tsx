import { signal } from "@preact/signals";
import type { AppMetafieldEntry } from "@shopify/ui-extensions/customer-account";
import { render } from "preact";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { encodeOrderTracking, type OrderTrackingStatus, type ParcelStatus } from "../../../app/domain/tracking/order-status";
import { TRACKING_STAGES, type TrackingStage } from "../../../app/domain/tracking/stages";
import en from "../locales/en.default.json";
import fr from "../locales/fr.json";
import type { TrackingApi } from "./api";
import { OrderTracking } from "./OrderTracking";

type Messages = { readonly [key: string]: string | Messages };

/** Shopify-style `translate`: dotted keys, `{{name}}` replacements, `count` picks the plural form. */
function makeTranslate(messages: Messages, locale: string) {
  const rules = new Intl.PluralRules(locale);
  return (key: string, replacements: Record<string, unknown> = {}) => {
    let entry: string | Messages | undefined = messages;
    for (const part of key.split(".")) entry = typeof entry === "object" ? entry[part] : undefined;
    if (typeof entry === "object" && typeof replacements.count === "number") entry = entry[rules.select(replacements.count)] ?? entry.other;
    if (typeof entry !== "string") throw new Error(`Missing translation "${key}" (${locale})`);
    return entry.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(replacements[name] ?? `{{${name}}}`));
  };
}

function orderEntry(status: OrderTrackingStatus | string): AppMetafieldEntry {
  const value = typeof status === "string" ? status : encodeOrderTracking(status);
  return {
    target: { type: "order", id: "gid://shopify/Order/1" },
    metafield: { namespace: "$app", key: "tracking", value, valueType: "json_string", type: "json" },
  } as AppMetafieldEntry;
}

function fakeShopify(entries: AppMetafieldEntry[], language: "en" | "fr" = "en") {
  const appMetafields = signal(entries);
  const api = {
    appMetafields,
    i18n: {
      translate: makeTranslate((language === "en" ? en : fr) as Messages, language),
      formatDate: (d: Date, o: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(language === "en" ? "en-US" : "fr-FR", o).format(d),
    },
  } as unknown as TrackingApi;
  (globalThis as unknown as { shopify: TrackingApi }).shopify = api;
  return appMetafields;
}

const parcel = (s: TrackingStage, extra: Partial<ParcelStatus> = {}): ParcelStatus => ({
  s,
  c: "UPS",
  n: ["1Z999AA10123456784"],
  u: "https://ups.example/1Z",
  q: 1,
  w: ["2026-04-08", "2026-04-10"],
  ...extra,
});
const plain = (s: string | null | undefined) => (s ?? "").replace(/\s+/g, " ").trim();

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
  expect(fetchSpy).not.toHaveBeenCalled();
});

function show(status: OrderTrackingStatus | string, language: "en" | "fr" = "en") {
  const state = fakeShopify([orderEntry(status)], language);
  render(<OrderTracking />, root);
  return state;
}

const items = () => [...root.querySelectorAll("s-list-item")].map((el) => plain(el.textContent));

describe("<OrderTracking>", () => {
  const expected: Record<TrackingStage, string> = {
    awaiting_supplier: "Being prepared",
    label_created: "Awaiting supplier pickup",
    picked_up: "Picked up by the carrier",
    in_transit: "On its way",
    out_for_delivery: "Out for delivery",
    delivered: "Delivered",
    delayed: "Running late",
    delivery_attempt_failed: "Delivery attempt failed",
    returned_to_sender: "Returning to the sender",
    lost: "Lost by the carrier, we are sorting it out",
  };

  it.each(TRACKING_STAGES)("renders the plain stage %s", (stage) => {
    show({ v: 1, p: [parcel(stage)], a: 0 });
    expect(root.querySelector("s-list-item s-text[type=strong]")?.textContent).toBe(`Parcel 1 (1 item): ${expected[stage]}`);
  });

  it("says the order is split into 2 parcels, with each window and tracking link", () => {
    show({
      v: 1,
      p: [parcel("in_transit", { w: ["2026-04-09", "2026-04-09"] }), parcel("label_created", { c: "USPS", n: ["9400111202555842332669"], u: null, q: 2 })],
      a: 0,
    });
    expect(plain(root.querySelector("s-section > s-stack > s-text")?.textContent)).toBe(
      "Your order is split into 2 parcels; they may arrive on different days.",
    );
    expect(items()).toEqual([
      "Parcel 1 (1 item): On its wayExpected Apr 9Track with UPS",
      "Parcel 2 (2 items): Awaiting supplier pickupExpected Apr 8 – Apr 10",
    ]);
    expect(root.querySelector("s-link")?.getAttribute("href")).toBe("https://ups.example/1Z");
  });

  it("counts the items still with the supplier as a parcel to come", () => {
    show({ v: 1, p: [parcel("delivered")], a: 3 });
    expect(plain(root.textContent)).toContain("split into 2 parcels");
    expect(plain(root.textContent)).toContain("3 items are still being prepared by the supplier.");
    expect(plain(root.textContent)).not.toContain("Expected");
  });

  it("speaks French", () => {
    show({ v: 1, p: [parcel("out_for_delivery")], a: 0 }, "fr");
    expect(items()[0]).toContain("Colis 1 (1 article) : En cours de livraison");
  });

  it("updates when the metafield changes and renders nothing without data", async () => {
    const state = show("not json");
    expect(root.innerHTML).toBe("");
    state.value = [orderEntry({ v: 1, p: [parcel("delayed")], a: 0 })];
    await vi.waitFor(() => expect(items()[0]).toContain("Running late"));
  });
});

describe("<OrderTracking> after a delay notice", () => {
  it("shows the new window and the reason the customer was emailed, and the parcel's window agrees", () => {
    show({ v: 1, p: [parcel("label_created", { w: ["2026-04-14", "2026-04-16"] })], a: 0, d: { w: ["2026-04-14", "2026-04-16"], r: "late_ship_date" } });
    expect(plain(root.querySelector("s-section > s-stack > s-text[type=strong]")?.textContent)).toBe("New delivery estimate: Apr 14 – Apr 16");
    expect(plain(root.textContent)).toContain("Our supplier ships it later than planned.");
    expect(items()[0]).toContain("Expected Apr 14 – Apr 16");
  });

  it("shows it before anything has shipped, in French too", () => {
    show({ v: 1, p: [], a: 2, d: { w: ["2026-04-14", "2026-04-14"], r: "carrier_delayed" } }, "fr");
    expect(plain(root.textContent)).toContain("Nouvelle livraison estimée : 14 avr.");
    expect(plain(root.textContent)).toContain("Le transporteur a signalé un retard.");
  });

  it("a reason it has no words for gets the generic line", () => {
    show({ v: 1, p: [], a: 1, d: { w: ["2026-04-14", "2026-04-15"], r: "note" } });
    expect(plain(root.textContent)).toContain("We emailed you the details.");
  });
});
