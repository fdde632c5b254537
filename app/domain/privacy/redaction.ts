/**
 * What customers/redact erases and what it keeps (issue 16, finding 5), as pure rules.
 *
 * The rule: Dropline keeps what the business needs without identifying the person — amounts,
 * dates, SKUs and quantities, order names (#1001), statuses, the country and province (metrics
 * by region), tracking numbers (the carrier's parcel ids, needed to match late carrier events) —
 * and erases what identifies them: name, email, phone, street address, postcode, city, the order
 * note (gift messages), staff's free-text notes on the order's cases, the text of the emails sent
 * to them, raw webhook and carrier payloads for their orders.
 *
 * Structured fields are cleared where they are known; then every text column of every shop table
 * is scrubbed of the customer's identifying strings ("needles") wherever they were copied (JSON
 * documents, timelines, mutation requests, job payloads…), so a table added later is covered too.
 */

/** What replaces an identifying string inside a kept text. */
export const REDACTED = "[redacted]";

/** A shipping address as stored: Shopify's webhook shape (snake_case) or the purchase order's ShipTo. */
export type AddressLike = Readonly<Record<string, unknown>>;

/** What is known about the customer to find their data by. */
export interface CustomerTraces {
  readonly emails: readonly (string | null | undefined)[];
  readonly phones: readonly (string | null | undefined)[];
  readonly addresses: readonly (AddressLike | null | undefined)[];
  /** Free text the customer wrote (order notes, gift messages). */
  readonly notes: readonly (string | null | undefined)[];
}

/** Shorter strings are too likely to occur in someone else's data (a "WA", a "12"). */
const MIN_NEEDLE = 5;

const ADDRESS_FIELDS = ["name", "first_name", "last_name", "firstName", "lastName", "company", "address1", "address2", "phone", "email"] as const;

function text(value: unknown): string | null {
  return typeof value === "string" && value.trim().length > 0 ? value.trim() : null;
}

/**
 * The identifying strings to scrub, longest first (so "Ada Lovelace" goes before a shorter
 * needle inside it), each also in its JSON-escaped form when that differs. City, postcode and
 * first or last name alone are not needles: another customer shares them; they are cleared only
 * in this customer's own address fields.
 */
export function customerNeedles(traces: CustomerTraces): string[] {
  const found = new Set<string>();
  const add = (value: unknown) => {
    const t = text(value);
    if (!t || t.length < MIN_NEEDLE) return;
    found.add(t);
    if (t.includes("@")) found.add(t.toLowerCase());
    const escaped = JSON.stringify(t).slice(1, -1);
    if (escaped !== t) found.add(escaped);
  };
  traces.emails.forEach(add);
  traces.phones.forEach(add);
  traces.notes.forEach(add);
  for (const address of traces.addresses) {
    if (!address) continue;
    for (const field of ADDRESS_FIELDS) {
      // A first or last name alone is not specific enough; the full name is.
      if (field === "first_name" || field === "last_name" || field === "firstName" || field === "lastName") continue;
      add(address[field]);
    }
    const first = text(address.first_name) ?? text(address.firstName);
    const last = text(address.last_name) ?? text(address.lastName);
    if (first && last) add(`${first} ${last}`);
  }
  return [...found].sort((a, b) => b.length - a.length || a.localeCompare(b));
}

/** Replaces every needle in `value` (case-sensitively, longest first). */
export function scrub(value: string, needles: readonly string[]): string {
  let out = value;
  for (const needle of needles) out = out.split(needle).join(REDACTED);
  return out;
}

/** A purchase order's ship-to after redaction: the region stays (metrics, the supplier's records), the person goes. */
export function redactedShipTo(shipTo: AddressLike): Record<string, string | null> {
  return {
    name: REDACTED,
    company: null,
    address1: null,
    address2: null,
    city: null,
    province: text(shipTo.province),
    zip: null,
    countryCode: text(shipTo.countryCode),
    phone: null,
    email: null,
  };
}
