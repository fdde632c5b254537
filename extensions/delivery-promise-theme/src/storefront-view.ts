/**
 * What the product page says for the selected variant, decided purely. The window comes from the
 * checkout extension's own `buildPromiseView` (one line of quantity 1), so the product page and
 * checkout cannot disagree for the same variant, address and instant. What this adds: the
 * storefront knows the country, not the address; where a province row would change the window,
 * a postcode names the province, and until it does the page promises the widest window any
 * address in the country could get.
 */
import { formatWindow, type DayRange, type Destination, type DestinationZones, type PromiseData, type PromiseWindow } from "../../../app/domain/promise";
import { provinceFromPostcode, regionProvinces } from "../../../app/domain/storefront/region";
import { buildPromiseView, type Translate } from "../../delivery-promise/src/promise-view";

export interface StorefrontInput {
  /** The selected variant's decoded `$app.promise` (the product's when the variant has none). */
  readonly data: PromiseData | null;
  /** Liquid's `localization.country.iso_code`. */
  readonly countryCode: string;
  /** What the shopper typed in the postcode field ("" when none, or no field). */
  readonly postcode: string;
  /** The shop's `$app.calendar` carrier holidays. */
  readonly carrierHolidays: readonly string[];
  /** The `$app.calendar` per-country carrier holidays (`cch`). */
  readonly carrierHolidaysByCountry?: Readonly<Record<string, readonly string[]>>;
  /** The `$app.calendar` destination zones (`dz`): delivery dates in the shopper's zone. */
  readonly destinationZones?: DestinationZones;
  readonly lateNotices: boolean;
  readonly nowMs: number;
  readonly locale: string;
  readonly translate: Translate;
}

export type StorefrontView =
  | { readonly kind: "window"; readonly text: string; readonly window: PromiseWindow; readonly hint?: string; readonly lateNotice?: string }
  /** The supplier's delivery date is not trustworthy right now: "Ships in 3–6 business days". */
  | { readonly kind: "ships_in"; readonly text: string; readonly days: DayRange; readonly hint?: string; readonly lateNotice?: string }
  | { readonly kind: "none"; readonly text: string; readonly hint?: string };

type Hint = "postcodeHint" | "postcodeUnknown";

function windowFor(input: StorefrontInput, destination: Destination) {
  return buildPromiseView({
    lines: [{ id: "variant", quantity: 1, data: input.data }],
    destination,
    carrierHolidays: input.carrierHolidays,
    ...(input.carrierHolidaysByCountry ? { carrierHolidaysByCountry: input.carrierHolidaysByCountry } : {}),
    ...(input.destinationZones ? { destinationZones: input.destinationZones } : {}),
    lateNotices: input.lateNotices,
    nowMs: input.nowMs,
    locale: input.locale,
    translate: input.translate,
  });
}

/** The view for the shopper's country, narrowed to a province when the postcode names one. */
export function storefrontView(input: StorefrontInput): StorefrontView {
  const t = input.translate;
  const country = input.countryCode.trim().toUpperCase();
  if (!input.data) return { kind: "none", text: t("noData") };
  const provinces = regionProvinces([input.data], country);
  const typed = input.postcode.trim();
  const province = provinces.length > 0 && typed !== "" ? provinceFromPostcode(country, typed) : null;
  if (provinces.length === 0 || province) {
    const view = windowFor(input, { countryCode: country, provinceCode: province });
    if (view?.kind === "window" || view?.kind === "multi_parcel") {
      return { kind: "window", text: view.text, window: view.window, ...(view.lateNotice ? { lateNotice: view.lateNotice } : {}) };
    }
    if (view?.kind === "ships_in") return { kind: "ships_in", text: view.text, days: view.days, ...(view.lateNotice ? { lateNotice: view.lateNotice } : {}) };
    return { kind: "none", text: view?.text ?? t("noData") };
  }

  // The province matters and is unknown: every address in the country is inside the widest window.
  const hintKey: Hint = typed === "" ? "postcodeHint" : "postcodeUnknown";
  const hint = t(hintKey);
  const views = [null, ...provinces].map((provinceCode) => windowFor(input, { countryCode: country, provinceCode }));
  // Any address in the country may get a supplier whose date is not trustworthy: say when it ships, the slowest.
  const shipping = views.flatMap((v) => (v?.kind === "ships_in" ? [v] : []));
  const slowest = shipping.reduce<(typeof shipping)[number] | undefined>((a, v) => (!a || v.days.max > a.days.max ? v : a), undefined);
  if (slowest) return { kind: "ships_in", text: slowest.text, days: slowest.days, hint, ...(input.lateNotices ? { lateNotice: t("lateNotice") } : {}) };
  const windows = views.flatMap((v) => (v?.kind === "window" || v?.kind === "multi_parcel" ? [v.window] : []));
  const first = windows[0];
  if (!first) return { kind: "none", text: views[0]?.text ?? t("notServed"), hint };
  // ISO dates order as strings.
  const widest = windows.reduce(
    (a, w) => ({ earliest: a.earliest < w.earliest ? a.earliest : w.earliest, latest: a.latest > w.latest ? a.latest : w.latest }),
    first,
  );
  return {
    kind: "window",
    text: t("window", { window: formatWindow(widest, input.locale) }),
    window: widest,
    hint,
    ...(input.lateNotices ? { lateNotice: t("lateNotice") } : {}),
  };
}
