/** Test helpers: promise data fixtures, a locale-file translator and a fake `shopify` global. */
import { signal } from "@preact/signals";
import type { AppMetafieldEntry, CartLine, DeliveryGroup, I18n, ShippingAddress } from "@shopify/ui-extensions/checkout";
import type { DeliveryGroupList } from "@shopify/ui-extensions/checkout";
import { encodePromiseData, type PromiseData, type SupplierPromiseData } from "../../../app/domain/promise";
import type { PromiseApi } from "./api";
import type { Translate } from "./promise-view";
import en from "../locales/en.default.json";
import fr from "../locales/fr.json";

/** Monday 2025-12-01, 07:00 UTC: 08:00 in Paris, 15:00 in Shanghai (both before cut-off). */
export const MONDAY_MORNING = Date.UTC(2025, 11, 1, 7, 0);

/** Ships from France in 0–1 days; France 1–2 carrier days, US 5–8. */
export const PARIS: SupplierPromiseData = {
  tz: "Europe/Paris",
  cutoff: "14:00",
  wd: [1, 2, 3, 4, 5],
  hol: [],
  handling: [0, 1],
  coverage: [
    ["FR", null, 1, 2],
    ["BE", null, 2, 3],
  ],
};

/** Ships from China in 1–3 days (Saturdays too); France 6–10 carrier days, US 6–10, California 5–8. */
export const SHENZHEN: SupplierPromiseData = {
  tz: "Asia/Shanghai",
  cutoff: "16:00",
  wd: [1, 2, 3, 4, 5, 6],
  hol: [],
  handling: [1, 3],
  coverage: [
    ["FR", null, 6, 10],
    ["US", null, 6, 10],
    ["US", "CA", 5, 8],
  ],
};

export const promiseOf = (...suppliers: SupplierPromiseData[]): PromiseData => ({ v: 1, suppliers });

type Messages = { readonly [key: string]: string | Messages };

export const MESSAGES = { en: en as Messages, fr: fr as Messages } as const;

/** Shopify-style `translate`: dotted keys, `{{name}}` replacements, `count` picks the plural form. */
export function makeTranslate(messages: Messages, locale: string): Translate {
  const rules = new Intl.PluralRules(locale);
  return (key, replacements = {}) => {
    let entry: string | Messages | undefined = messages;
    for (const part of key.split(".")) entry = typeof entry === "object" ? entry[part] : undefined;
    if (typeof entry === "object" && typeof replacements.count === "number") {
      entry = entry[rules.select(replacements.count)] ?? entry.other;
    }
    if (typeof entry !== "string") throw new Error(`Missing translation "${key}" (${locale})`);
    return entry.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(replacements[name] ?? `{{${name}}}`));
  };
}

/** ICU versions differ on thin vs normal spaces around the range dash; compare with plain spaces. */
export const plain = (s: string | null | undefined): string => (s ?? "").replace(/\s+/g, " ").trim();

export function cartLine(id: string, variant: string, quantity = 1, requiresShipping = true): CartLine {
  return {
    id: `gid://shopify/CartLine/${id}`,
    quantity,
    merchandise: {
      type: "variant",
      id: `gid://shopify/ProductVariant/${variant}`,
      title: `Variant ${variant}`,
      selectedOptions: [],
      requiresShipping,
      product: { id: `gid://shopify/Product/${variant}`, vendor: "", productType: "" },
    },
    cost: { totalAmount: { amount: 10, currencyCode: "EUR" } },
    attributes: [],
    discountAllocations: [],
    lineComponents: [],
    parentRelationship: null,
  } as CartLine;
}

export function variantPromise(variant: string, value: PromiseData | string): AppMetafieldEntry {
  return {
    target: { type: "variant", id: `gid://shopify/ProductVariant/${variant}` },
    metafield: {
      namespace: "$app",
      key: "promise",
      value: typeof value === "string" ? value : encodePromiseData(value),
      valueType: "json_string",
      type: "json",
    },
  };
}

export function shopCalendar(
  chol: string[],
  options: { delayNotices?: boolean; byCountry?: Record<string, string[]>; zones?: Record<string, string> } = {},
): AppMetafieldEntry {
  const value = JSON.stringify({
    v: 1,
    chol,
    ...(options.delayNotices ? { dn: 1 } : {}),
    ...(options.byCountry ? { cch: options.byCountry } : {}),
    ...(options.zones ? { dz: options.zones } : {}),
  });
  return {
    target: { type: "shop", id: "gid://shopify/Shop/1" },
    metafield: { namespace: "$app", key: "calendar", value, valueType: "json_string", type: "json" },
  };
}

export function deliveryGroup(id: string, lineIds: string[]): DeliveryGroup {
  return {
    id,
    targetedCartLines: lineIds.map((l) => ({ id: `gid://shopify/CartLine/${l}` })),
    deliveryOptions: [],
    groupType: "oneTimePurchase",
    isDeliveryRequired: true,
  };
}

export interface FakeCheckout {
  lines?: CartLine[];
  metafields?: AppMetafieldEntry[];
  address?: ShippingAddress;
  groups?: DeliveryGroup[];
  list?: DeliveryGroupList;
  language?: "en" | "fr";
}

/** A `shopify` global built from real Preact signals, so the component re-renders on change. */
export function fakeShopify(init: FakeCheckout = {}) {
  const language = init.language ?? "en";
  const state = {
    lines: signal<CartLine[]>(init.lines ?? []),
    appMetafields: signal<AppMetafieldEntry[]>(init.metafields ?? []),
    shippingAddress: signal<ShippingAddress | undefined>(init.address),
    deliveryGroups: signal<DeliveryGroup[]>(init.groups ?? []),
    target: signal<DeliveryGroupList | undefined>(init.list),
  };
  const translate = makeTranslate(MESSAGES[language], language);
  const api = {
    ...state,
    localization: {
      country: signal(init.address?.countryCode ? { isoCode: init.address.countryCode } : undefined),
      language: signal({ isoCode: language === "en" ? "en-US" : "fr-FR" }),
      extensionLanguage: signal({ isoCode: language }),
    },
    i18n: { translate } as unknown as I18n,
  } as unknown as PromiseApi;
  (globalThis as unknown as { shopify: PromiseApi }).shopify = api;
  return state;
}
