/**
 * Carrier status → plain stage. Codes are tried first (exact, so never a guess), then the
 * phrase rules on the status and, failing that, on the description. Anything else is reported
 * as unrecognized with the text we saw, so the table can grow from real traffic.
 */
import { AGGREGATOR_CODES, CARRIER_CODES, knownCarrier, type CodeMeaning } from "./carrier-codes";
import { PHRASE_RULES } from "./carrier-phrases";
import type { TrackingStage } from "./stages";

/** Why a status maps to no stage. */
export type NoStageReason = "no_information" | "cancelled" | "expired" | "unrecognized";

/** The outcome of normalizing one carrier status. */
export type StatusMatch =
  { readonly stage: TrackingStage; readonly matchedBy: string } | { readonly stage: null; readonly reason: NoStageReason; readonly detail: string };

/** Lower case, accents and punctuation removed, camelCase split: "InTransit" → "in transit". */
export function simplifyStatus(text: string): string {
  return text
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

function fromCode(meaning: CodeMeaning, matchedBy: string, raw: string): StatusMatch {
  if (typeof meaning === "string") return { stage: meaning, matchedBy };
  return { stage: null, reason: meaning.none, detail: `"${raw}" (${matchedBy})` };
}

// Own keys only: a status such as "constructor" must not find Object.prototype.
function lookup(table: Readonly<Record<string, CodeMeaning>>, code: string): CodeMeaning | undefined {
  return Object.hasOwn(table, code) ? table[code] : undefined;
}

function fromPhrase(text: string): { stage: TrackingStage; rule: string } | null {
  const hit = PHRASE_RULES.find((r) => r.pattern.test(text));
  return hit ? { stage: hit.stage, rule: hit.name } : null;
}

/** Map a raw carrier status (and optional description) to a stage, or to null with a reason. */
export function normalizeCarrierStatus(status: string, description?: string, carrier?: string): StatusMatch {
  const code = simplifyStatus(status);
  const carrierKey = knownCarrier(carrier, simplifyStatus);
  const carrierMeaning = carrierKey ? lookup(CARRIER_CODES[carrierKey], code) : undefined;
  if (carrierMeaning !== undefined) return fromCode(carrierMeaning, `${carrierKey} code ${code}`, status);
  const aggregatorMeaning = lookup(AGGREGATOR_CODES, code);
  if (aggregatorMeaning !== undefined) return fromCode(aggregatorMeaning, `status "${code}"`, status);

  const byStatus = fromPhrase(code);
  if (byStatus) return { stage: byStatus.stage, matchedBy: `phrase "${byStatus.rule}" in status` };
  const text = description ? simplifyStatus(description) : "";
  const byDescription = text ? fromPhrase(text) : null;
  if (byDescription) return { stage: byDescription.stage, matchedBy: `phrase "${byDescription.rule}" in description` };

  const seen = description ? `"${status}" / "${description}"` : `"${status}"`;
  return { stage: null, reason: "unrecognized", detail: `No stage for ${seen}${carrier ? ` from ${carrier}` : ""}` };
}
