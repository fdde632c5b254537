/**
 * The promise preview's data: what is published now for each variant (the values the storefront
 * and checkout read), the shop calendar as published, and the suppliers' names; then the pure
 * explanation for the form's answer.
 */
import type { PrismaClient } from "@prisma/client";
import { decodePromiseData, decodeShopCalendar, REACTION_TEXT, type PromiseData } from "~/domain/promise";
import { explainPromise, type PromisePreview } from "~/domain/promise-preview/explain";
import { localInputValue, parsePreviewQuery, previewRegions, previewZones, type RegionOption } from "~/domain/promise-preview/query";
import { CALENDAR_KEY, loadCarrierHolidays, PROMISE_KEY, publishedValues, unacknowledgedPurchaseOrders } from "~/models/promise.server";
import { listOpenAlerts } from "~/models/alerts.server";
import { loadRoutingPolicy } from "~/models/routing.server";
import { engineSupplier } from "~/services/routing/inputs";
import { supplierReactions } from "~/services/promise/publish.server";
import { listOffers } from "~/models/offers.server";
import { listSuppliers } from "~/models/suppliers.server";

export interface PreviewVariant {
  readonly id: string;
  readonly label: string;
}

export interface PreviewPage {
  readonly variants: readonly PreviewVariant[];
  readonly regions: readonly Pick<RegionOption, "value" | "label">[];
  readonly zones: readonly string[];
  /** The form's values (the submitted ones, else defaults). */
  readonly form: { readonly variant: string; readonly region: string; readonly at: string; readonly zone: string };
  readonly fieldErrors: Readonly<Record<string, string>>;
  readonly preview: PromisePreview | null;
}

/** Loads the published data and answers the query (`null` query: the form with defaults, no answer). */
export async function promisePreviewPage(db: PrismaClient, shop: string, query: URLSearchParams, now: Date): Promise<PreviewPage> {
  const [published, offers, suppliers, savedHolidays, policy, openAlerts, unacknowledged] = await Promise.all([
    publishedValues(db, shop),
    listOffers(db, shop),
    listSuppliers(db, shop),
    loadCarrierHolidays(db, shop),
    loadRoutingPolicy(db, shop),
    listOpenAlerts(db, shop),
    unacknowledgedPurchaseOrders(db, shop),
  ]);
  const skus = new Map(offers.map((o) => [o.variantId, o.sku]));
  const data = new Map<string, PromiseData | null>(published.filter((p) => p.key === PROMISE_KEY).map((p) => [p.ownerId, decodePromiseData(p.value)]));
  const calendarRow = published.find((p) => p.key === CALENDAR_KEY);
  // The storefront reads the published calendar; before the first publish, the saved dates are what it will read.
  const calendar = calendarRow ? decodeShopCalendar(calendarRow.value) : null;
  const carrierHolidays = calendarRow ? [...(calendar?.chol ?? [])] : savedHolidays;
  // Why a supplier says "ships in" now: the signals publishing reacts to, read live.
  const reactions = supplierReactions(suppliers.map(engineSupplier), offers, policy.stock.maxAgeMs, openAlerts, unacknowledged, now);
  const shipsInReasons = new Map([...reactions].map(([id, r]) => [id, r.reasons.map((reason) => REACTION_TEXT[reason])]));
  const variants = [...data.keys()]
    .map((id) => ({ id, label: `${skus.get(id) ?? "(no offer)"} · ${id.split("/").at(-1)}` }))
    .sort((a, b) => a.label.localeCompare(b.label));
  const regions = previewRegions([...data.values()]);
  const zones = previewZones([...data.values()]);
  // Defaults that answer with a date: the first variant's first supplier, a region it serves, its zone.
  const firstSupplier = data.get(variants[0]?.id ?? "")?.suppliers[0];
  const firstRow = firstSupplier?.coverage[0];
  const firstRegion = firstRow ? (firstRow[1] ? `${firstRow[0]}-${firstRow[1]}` : firstRow[0]) : undefined;
  const defaults = {
    variant: variants[0]?.id ?? "",
    region: regions.find((r) => r.value === firstRegion)?.value ?? regions[0]?.value ?? "",
    zone: firstSupplier?.tz ?? zones[0] ?? "UTC",
  };
  const page = { variants, regions: regions.map(({ value, label }) => ({ value, label })), zones };
  if (!query.has("variant")) {
    return { ...page, form: { ...defaults, at: localInputValue(now.getTime(), defaults.zone) }, fieldErrors: {}, preview: null };
  }
  const submitted = Object.fromEntries(["variant", "region", "at", "zone"].map((k) => [k, query.get(k) ?? ""])) as PreviewPage["form"];
  const parsed = parsePreviewQuery(submitted);
  if (!parsed.ok) return { ...page, form: submitted, fieldErrors: parsed.failure.fieldErrors, preview: null };
  const { variant, destination, orderedAtMs } = parsed.value;
  if (!data.has(variant)) return { ...page, form: submitted, fieldErrors: { variant: "Nothing is published for this variant" }, preview: null };
  const region = regions.find((r) => r.value === parsed.value.region);
  const preview = explainPromise({
    data: data.get(variant) ?? null,
    destination,
    regionName: region?.label ?? parsed.value.region,
    variantName: skus.get(variant) ?? variant,
    orderedAtMs,
    carrierHolidays,
    ...(calendar?.cch ? { carrierHolidaysByCountry: calendar.cch } : {}),
    ...(calendar?.dz ? { destinationZones: calendar.dz } : {}),
    shipsInReasons,
    supplierNames: new Map(suppliers.map((s) => [s.id, s.name])),
  });
  return { ...page, form: submitted, fieldErrors: {}, preview };
}
