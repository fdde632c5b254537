/**
 * The preview form (region, variant, date and time, time zone): its options come from what is
 * published, its answer is parsed with one zod schema, and the wall-clock time entered is turned
 * into an instant in the chosen zone (the supplier's, usually: cut-offs are counted there).
 */
import { z } from "zod";
import type { PromiseData } from "../promise/metafield";
import type { Destination } from "../promise/coverage";
import { instantAt, isValidTimeZone, localDateTime } from "../promise/time-zone";
import { fail, formFailure, ok, type FormFailure, type Result } from "../result";

export interface RegionOption {
  /** "US" for a whole country, "US-CA" for a province row. */
  readonly value: string;
  readonly label: string;
  readonly destination: Destination;
}

const countryName = (code: string): string => {
  try {
    return new Intl.DisplayNames(["en"], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
};

/** Every region some published value has a row for: whole countries and their province rows, sorted by label. */
export function previewRegions(values: readonly (PromiseData | null)[]): RegionOption[] {
  const regions = new Map<string, RegionOption>();
  for (const value of values) {
    for (const supplier of value?.suppliers ?? []) {
      for (const [country, province] of supplier.coverage) {
        const countryOption = { value: country, label: countryName(country), destination: { countryCode: country, provinceCode: null } };
        if (!regions.has(country)) regions.set(country, countryOption);
        if (province) {
          const key = `${country}-${province}`;
          regions.set(key, { value: key, label: `${province}, ${countryOption.label}`, destination: { countryCode: country, provinceCode: province } });
        }
      }
    }
  }
  return [...regions.values()].sort((a, b) => a.label.localeCompare(b.label, "en"));
}

/** Time zones worth offering: the published suppliers' (cut-offs are theirs), then UTC. */
export function previewZones(values: readonly (PromiseData | null)[]): string[] {
  const zones = new Set<string>();
  for (const value of values) for (const supplier of value?.suppliers ?? []) zones.add(supplier.tz);
  return [...[...zones].sort(), "UTC"].filter((z, i, all) => all.indexOf(z) === i);
}

/** "YYYY-MM-DDTHH:mm" of an instant in a zone: what a datetime-local field shows. */
export function localInputValue(instantMs: number, timeZone: string): string {
  const local = localDateTime(instantMs, timeZone);
  const hh = String(Math.floor(local.minutes / 60)).padStart(2, "0");
  const mm = String(local.minutes % 60).padStart(2, "0");
  return `${local.date}T${hh}:${mm}`;
}

export const PreviewQuery = z.object({
  variant: z.string().min(1, "Choose a variant"),
  region: z.string().regex(/^[A-Z]{2}(-[A-Z0-9]{1,8})?$/, "Choose a region"),
  at: z.string().regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/, "Enter a date and time"),
  zone: z.string().refine(isValidTimeZone, "Choose a time zone"),
});

export interface ParsedPreviewQuery {
  readonly variant: string;
  readonly region: string;
  readonly destination: Destination;
  readonly orderedAtMs: number;
  readonly at: string;
  readonly zone: string;
}

/** Parses the submitted query; field errors by name. */
export function parsePreviewQuery(values: unknown): Result<ParsedPreviewQuery, FormFailure> {
  const parsed = PreviewQuery.safeParse(values);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "")] ??= issue.message;
    return fail(formFailure(errors));
  }
  const { variant, region, at, zone } = parsed.data;
  const [countryCode, provinceCode] = region.split("-");
  const [date, time] = at.split("T") as [string, string];
  const minutes = Number(time.slice(0, 2)) * 60 + Number(time.slice(3));
  let orderedAtMs: number;
  try {
    orderedAtMs = instantAt(date, minutes, zone);
  } catch {
    return fail(formFailure({ at: "Enter a real date" }));
  }
  return ok({ variant, region, at, zone, orderedAtMs, destination: { countryCode: countryCode!, provinceCode: provinceCode ?? null } });
}
