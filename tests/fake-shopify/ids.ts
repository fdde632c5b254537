/**
 * Shopify-like ids. Numeric parts start above Number.MAX_SAFE_INTEGER so that any code that
 * parses an id into a JS number loses precision and fails its tests, exactly as it would in
 * production. Ids are always strings.
 */
const ID_BASE = 9_007_199_254_740_993n; // 2^53 + 1

export class IdSequence {
  private next = 0n;
  /** A fresh numeric id as a decimal string. */
  nextNumeric(): string {
    this.next += 1n;
    return (ID_BASE + this.next * 1_013n).toString();
  }
}

export function gid(type: string, numeric: string): string {
  return `gid://shopify/${type}/${numeric}`;
}

export interface ParsedGid {
  type: string;
  numeric: string;
}

/** Splits `gid://shopify/Type/123?x=y` into its type and numeric part (query string dropped). */
export function parseGid(id: string): ParsedGid | undefined {
  const m = /^gid:\/\/shopify\/([A-Za-z]+)\/([^?/]+)(?:\?.*)?$/.exec(id);
  if (!m || !m[1] || !m[2]) return undefined;
  return { type: m[1], numeric: m[2] };
}

export function numericPart(id: string): string {
  return parseGid(id)?.numeric ?? id;
}
