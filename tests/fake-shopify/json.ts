/**
 * JSON with Shopify's legacy numeric ids. Webhook bodies carry ids like `"id": 9007199254741994`
 * as raw JSON numbers that exceed Number.MAX_SAFE_INTEGER, exactly like Shopify's; an app that
 * JSON.parses them into numbers loses precision, which is why it must key on
 * `admin_graphql_api_id`.
 */
const RAW_MARK = "\u0000raw:";

export class RawNumber {
  constructor(readonly digits: string) {
    if (!/^-?\d+$/.test(digits)) throw new Error(`fake-shopify: ${digits} is not an integer`);
  }
  toJSON(): string {
    return `${RAW_MARK}${this.digits}`;
  }
}

/** The numeric id inside a GID, as a raw JSON number. */
export function legacyId(gidOrNull: string | null | undefined): RawNumber | null {
  if (!gidOrNull) return null;
  const m = /\/(\d+)(?:\?.*)?$/.exec(gidOrNull);
  return m?.[1] ? new RawNumber(m[1]) : null;
}

export function stringifyWithRawNumbers(value: unknown): string {
  const text = JSON.stringify(value);
  return text.replace(/"\\u0000raw:(-?\d+)"/g, "$1");
}
