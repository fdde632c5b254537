/** The delivery promise as the shopper sees it: a thin view over `buildPromiseView`. */
import { promiseApi, type PromiseApi } from "./api";
import { dateLocale, destinationOf, promiseGroups, promiseLines, shopCarrierHolidays, shopDestinationRules, shopSendsLateNotices } from "./checkout-data";
import { buildPromiseView, type PromiseView, type Translate } from "./promise-view";

/** Where it renders: at checkout the address prompt helps; after the order it would not. */
export type PromiseSurface = "checkout" | "thank_you";

/** Reads the checkout signals (each `.value` read subscribes this component to changes). */
export function viewFromApi(api: PromiseApi, nowMs: number): PromiseView | null {
  const metafields = api.appMetafields.value;
  // Only the shipping-option-list target's `target` is a delivery group list.
  const target = api.target?.value;
  const list = target && Array.isArray(target.deliveryGroups) ? target : undefined;
  // The shipping-option-list target renders once per list (one-time vs subscription): scope to it.
  const groups = promiseGroups(list ? list.deliveryGroups : api.deliveryGroups.value);
  const scope = list ? new Set(groups.flatMap((g) => g.lineIds)) : null;
  const lines = scope ? api.lines.value.filter((line) => scope.has(line.id)) : api.lines.value;
  const translate: Translate = (key, replacements) => api.i18n.translate(key, replacements);
  return buildPromiseView({
    lines: promiseLines(lines, metafields),
    destination: destinationOf(api.shippingAddress?.value, api.localization.country.value?.isoCode),
    carrierHolidays: shopCarrierHolidays(metafields),
    ...shopDestinationRules(metafields),
    lateNotices: shopSendsLateNotices(metafields),
    groups,
    nowMs,
    locale: dateLocale(api.localization.language.value.isoCode, api.localization.extensionLanguage.value.isoCode),
    translate,
  });
}

export function DeliveryPromise({ surface, now = Date.now }: { surface: PromiseSurface; now?: () => number }) {
  const api = promiseApi();
  const view = viewFromApi(api, now());
  if (!view || (view.kind === "address_missing" && surface !== "checkout")) return null;
  const title = api.i18n.translate("title");

  switch (view.kind) {
    case "address_missing":
      return <s-text color="subdued">{view.text}</s-text>;
    case "no_data":
      return (
        <s-banner tone="info" heading={title}>
          <s-text>{view.text}</s-text>
        </s-banner>
      );
    case "window":
      return (
        <s-stack gap="small-200">
          <s-text type="strong">{view.text}</s-text>
          {view.pending && <s-text color="subdued">{view.pending}</s-text>}
          {view.lateNotice && <s-text color="subdued">{view.lateNotice}</s-text>}
        </s-stack>
      );
    case "ships_in":
      return (
        <s-stack gap="small-200">
          <s-text type="strong">{view.text}</s-text>
          {view.others && <s-text>{view.others}</s-text>}
          {view.pending && <s-text color="subdued">{view.pending}</s-text>}
          {view.lateNotice && <s-text color="subdued">{view.lateNotice}</s-text>}
        </s-stack>
      );
    case "multi_parcel":
      return (
        <s-stack gap="small-200">
          <s-text type="strong">{view.text}</s-text>
          <s-text>{view.note}</s-text>
          <s-unordered-list>
            {view.parts.map((part) => (
              <s-list-item key={part.lineIds.join(",")}>{part.text}</s-list-item>
            ))}
          </s-unordered-list>
          {view.pending && <s-text color="subdued">{view.pending}</s-text>}
          {view.lateNotice && <s-text color="subdued">{view.lateNotice}</s-text>}
        </s-stack>
      );
  }
}
