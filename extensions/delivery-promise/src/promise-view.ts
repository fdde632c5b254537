/**
 * What the delivery-promise extension says, decided purely: cart lines with their decoded
 * promise metafields, the destination, the instant and the locale in; a view model out.
 * No Shopify API, no clock, no network: the component passes everything in.
 */
import {
  cartPromise,
  destinationTimeZone,
  formatWindow,
  legFromPromiseData,
  suppliersInOrder,
  type DayRange,
  type Destination,
  type DestinationZones,
  type PromiseData,
  type PromiseLeg,
  type PromiseWindow,
  type SupplierPromiseData,
} from "../../../app/domain/promise";

/** `shopify.i18n.translate` narrowed to plain-string replacements. */
export type Translate = (key: string, replacements?: Record<string, string | number>) => string;

/** A cart line that ships, with its decoded `$app.promise` metafield (null when missing or invalid). */
export interface PromiseLine {
  readonly id: string;
  readonly quantity: number;
  readonly data: PromiseData | null;
}

/** A checkout delivery group: the lines Shopify ships together. */
export interface PromiseGroup {
  readonly id: string;
  readonly lineIds: readonly string[];
}

export interface PromiseViewInput {
  readonly lines: readonly PromiseLine[];
  /** Null until the shopper has entered a country. */
  readonly destination: Destination | null;
  /** Shop-wide carrier non-delivery dates (the `$app.calendar` shop metafield). */
  readonly carrierHolidays?: readonly string[];
  /** Checkout delivery groups; windows are given per group when there are several. */
  readonly groups?: readonly PromiseGroup[];
  readonly nowMs: number;
  /** BCP 47 locale for dates, e.g. "en-US" or "fr". */
  readonly locale: string;
  readonly translate: Translate;
  /** The shop emails customers when a delivery runs late (the `$app.calendar` `dn` flag): only then may checkout say so. */
  readonly lateNotices?: boolean;
  /** Carrier non-delivery dates of single destination countries (the `$app.calendar` `cch`), on top of `carrierHolidays`. */
  readonly carrierHolidaysByCountry?: Readonly<Record<string, readonly string[]>>;
  /** Destination → zone the delivery date is counted in (the `$app.calendar` `dz`); absent: the supplier's dates. */
  readonly destinationZones?: DestinationZones;
}

/** One parcel (a supplier's part) or one shipment (a delivery group) with its own window. */
export interface PartView {
  readonly text: string;
  readonly window: PromiseWindow;
  readonly lineIds: readonly string[];
}

/** Why no honest date can be shown. */
export type NoDataReason = "no_data" | "not_served";

export type PromiseView =
  | { readonly kind: "address_missing"; readonly text: string }
  | { readonly kind: "no_data"; readonly text: string; readonly reason: NoDataReason }
  | {
      readonly kind: "window";
      readonly text: string;
      readonly window: PromiseWindow;
      /** Set when some lines have no reliable data: they get no made-up date. */
      readonly pending?: string;
      /** "We'll email you if your delivery runs late", only when the shop does. */
      readonly lateNotice?: string;
    }
  | {
      readonly kind: "multi_parcel";
      readonly text: string;
      readonly window: PromiseWindow;
      /** "Your order ships in N parcels…" */
      readonly note: string;
      readonly parts: readonly PartView[];
      readonly pending?: string;
      /** "We'll email you if your delivery runs late", only when the shop does. */
      readonly lateNotice?: string;
    }
  | {
      /** A supplier's delivery date is not trustworthy right now (a reaction fired): when it ships instead. */
      readonly kind: "ships_in";
      /** "Ships in 3–6 business days" (the slowest such line decides). */
      readonly text: string;
      readonly days: DayRange;
      /** The other lines' window, when some lines still have a trustworthy date ("Other items arrive …"). */
      readonly others?: string;
      readonly window?: PromiseWindow;
      readonly pending?: string;
      readonly lateNotice?: string;
    };

type LinePlan =
  | {
      readonly status: "leg";
      readonly line: PromiseLine;
      readonly leg: PromiseLeg;
      readonly supplier: string;
      /** The supplier's published "ships in" days, when its date is not trustworthy. */
      readonly shipsIn?: DayRange;
    }
  | { readonly status: NoDataReason; readonly line: PromiseLine };

/**
 * A supplier's identity across variants: its `id` when the app writes one, else its
 * calendar and coverage (handling can differ per offer of the same supplier).
 */
export function supplierKey(supplier: SupplierPromiseData): string {
  const id = (supplier as { readonly id?: unknown }).id;
  if (typeof id === "string" && id.length > 0) return `id:${id}`;
  return JSON.stringify([supplier.tz, supplier.cutoff, supplier.wd, supplier.hol, supplier.coverage]);
}

function union(a: readonly string[], b: readonly string[] = []): readonly string[] {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  return [...new Set([...a, ...b])];
}

/** The first supplier of the line that serves the destination, as a promise leg. */
function planLine(line: PromiseLine, destination: Destination, shopHolidays: readonly string[], zone?: string): LinePlan {
  if (!line.data) return { status: "no_data", line };
  const carrierHolidays = union(shopHolidays, line.data.chol);
  for (const supplier of suppliersInOrder(line.data, destination.countryCode)) {
    const leg = legFromPromiseData(supplier, destination, carrierHolidays, zone);
    if (!leg) continue;
    const shipsIn = supplier.si ? { shipsIn: { min: supplier.si[0], max: supplier.si[1] } } : {};
    return { status: "leg", line, leg, supplier: supplierKey(supplier), ...shipsIn };
  }
  return { status: "not_served", line };
}

/** The carrier holidays and zone of a destination: the shop's dates plus its country's own, and the zone the rule gives it. */
export function destinationRules(
  input: Pick<PromiseViewInput, "carrierHolidays" | "carrierHolidaysByCountry" | "destinationZones">,
  destination: Destination,
): { carrierHolidays: readonly string[]; zone: string | undefined } {
  const own = input.carrierHolidaysByCountry?.[destination.countryCode.trim().toUpperCase()];
  return { carrierHolidays: union(input.carrierHolidays ?? [], own), zone: destinationTimeZone(destination, input.destinationZones) };
}

/** A leg's window, or null when its calendar cannot produce one (e.g. all holidays). */
function safeWindow(legs: readonly PromiseLeg[], nowMs: number): PromiseWindow | null {
  try {
    return cartPromise(legs, nowMs);
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
}

const quantityOf = (plans: readonly LinePlan[]): number => plans.reduce((n, p) => n + p.line.quantity, 0);

/** Buckets in first-seen order. */
function bucket<K>(plans: readonly LinePlan[], keyOf: (plan: LinePlan) => K): LinePlan[][] {
  const buckets = new Map<K, LinePlan[]>();
  for (const plan of plans) {
    const key = keyOf(plan);
    const list = buckets.get(key);
    if (list) list.push(plan);
    else buckets.set(key, [plan]);
  }
  return [...buckets.values()];
}

function legsOf(plans: readonly LinePlan[]): PromiseLeg[] {
  return plans.flatMap((p) => (p.status === "leg" ? [p.leg] : []));
}

function noData(plans: readonly LinePlan[], t: Translate): PromiseView {
  const reason: NoDataReason = plans.every((p) => p.status === "not_served") ? "not_served" : "no_data";
  return { kind: "no_data", reason, text: t(reason === "not_served" ? "notServed" : "noData") };
}

function planLines(input: PromiseViewInput, destination: Destination): LinePlan[] {
  const { carrierHolidays, zone } = destinationRules(input, destination);
  return input.lines
    .filter((line) => line.quantity > 0)
    .map((line) => {
      const plan = planLine(line, destination, carrierHolidays, zone);
      // A calendar that yields no date is unreliable data, not an error to show the shopper.
      const usable = plan.status !== "leg" || safeWindow([plan.leg], input.nowMs) !== null;
      return usable ? plan : { status: "no_data", line };
    });
}

const supplierOf = (plan: LinePlan): string => (plan.status === "leg" ? plan.supplier : "");

/**
 * The parts the order ships in. Physically one parcel per delivery group and supplier; the
 * windows are listed per delivery group when checkout shows several, else per supplier.
 */
function partsOf(known: readonly LinePlan[], groups: readonly PromiseGroup[]) {
  const groupOf = new Map<string, string>();
  for (const group of groups) for (const id of group.lineIds) groupOf.set(id, group.id);
  const group = (plan: LinePlan): string => groupOf.get(plan.line.id) ?? "";
  const byGroup = bucket(known, group);
  return {
    parcelCount: bucket(known, (p) => `${group(p)}\u0000${supplierOf(p)}`).length,
    units: byGroup.length > 1 ? byGroup : bucket(known, supplierOf),
    label: byGroup.length > 1 ? "shipment" : "parcel",
  };
}

/** Decides what the shopper reads; null when nothing in the cart needs delivering. */
export function buildPromiseView(input: PromiseViewInput): PromiseView | null {
  const { translate: t, nowMs } = input;
  if (!input.lines.some((line) => line.quantity > 0)) return null;
  const destination = input.destination;
  if (!destination || destination.countryCode.trim() === "") {
    return { kind: "address_missing", text: t("addressMissing") };
  }

  const plans = planLines(input, destination);
  const known = plans.filter((p) => p.status === "leg");
  const unknown = plans.filter((p) => p.status !== "leg");
  if (known.length === 0) return noData(unknown, t);

  const format = (w: PromiseWindow): string => formatWindow(w, input.locale);
  const pendingCount = quantityOf(unknown);
  const pending = {
    ...(pendingCount > 0 ? { pending: t("pending", { count: pendingCount }) } : {}),
    ...(input.lateNotices ? { lateNotice: t("lateNotice") } : {}),
  };
  const shipping = known.flatMap((p) => (p.status === "leg" && p.shipsIn ? [p.shipsIn] : []));
  if (shipping.length > 0) return shipsInView(known, shipping, nowMs, format, t, pending);
  const window = cartPromise(legsOf(known), nowMs);
  const text = t(pendingCount > 0 ? "windowPartial" : "window", { window: format(window) });

  const { parcelCount, units, label } = partsOf(known, input.groups ?? []);
  if (parcelCount < 2) return { kind: "window", text, window, ...pending };

  const parts = units.map((unit, index): PartView => {
    const partWindow = cartPromise(legsOf(unit), nowMs);
    const partText = t(label, { index: index + 1, count: quantityOf(unit), window: format(partWindow) });
    return { text: partText, window: partWindow, lineIds: unit.map((p) => p.line.id) };
  });
  return { kind: "multi_parcel", text, window, note: t("multiParcel", { count: parcelCount }), parts, ...pending };
}

/**
 * "Ships in X–Y business days" for a cart where some supplier's delivery date is not trustworthy:
 * the slowest such line decides both ends (as for windows); lines with a trustworthy date keep it.
 */
function shipsInView(
  known: readonly LinePlan[],
  shipping: readonly DayRange[],
  nowMs: number,
  format: (w: PromiseWindow) => string,
  t: Translate,
  pending: { pending?: string; lateNotice?: string },
): PromiseView {
  const days = shipping.reduce((a, r) => ({ min: Math.max(a.min, r.min), max: Math.max(a.max, r.max) }));
  const text = days.min === 0 || days.min === days.max ? t("shipsWithin", { count: days.max }) : t("shipsIn", { min: days.min, max: days.max });
  const dated = known.filter((p) => p.status === "leg" && !p.shipsIn);
  if (dated.length === 0) return { kind: "ships_in", text, days, ...pending };
  const window = cartPromise(legsOf(dated), nowMs);
  return { kind: "ships_in", text, days, others: t("othersArrive", { window: format(window) }), window, ...pending };
}
