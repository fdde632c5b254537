/**
 * A small subset of Shopify's search syntax for `query:` arguments: `field:value` terms joined
 * by AND (implicit) and groups separated by OR (AND binds tighter, as in Shopify) — `tag:x`, `name:#1001`, `sku:ABC`, `status:open`, `created_at:>2026-01-01`,
 * quoted values, `-field:value` negation, `value*` prefix match, and bare words that match any
 * field. Unknown fields match nothing, like Shopify's filters that find no records.
 */
export type SearchValue = string | number | boolean | null | readonly string[];

interface Term {
  field: string | null;
  op: ":" | ">" | "<" | ">=" | "<=";
  value: string;
  negate: boolean;
}

function tokenize(query: string): string[] {
  const out: string[] = [];
  const re = /(-?[\w.]+:(?:[<>]=?)?(?:"[^"]*"|'[^']*'|\S+))|("[^"]*"|'[^']*'|\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(query))) out.push(m[0]);
  return out.filter((t) => t !== "AND");
}

/** Splits tokens into OR-separated groups of AND-ed terms. */
function orGroups(tokens: readonly string[]): string[][] {
  const groups: string[][] = [[]];
  for (const token of tokens) {
    if (token === "OR") groups.push([]);
    else groups[groups.length - 1]!.push(token);
  }
  return groups.filter((g) => g.length > 0);
}

function parseTerm(token: string): Term {
  const negate = token.startsWith("-");
  const body = negate ? token.slice(1) : token;
  const m = /^([\w.]+):(>=|<=|>|<)?(.*)$/.exec(body);
  const unquote = (v: string): string => v.replace(/^["']|["']$/g, "");
  if (!m) return { field: null, op: ":", value: unquote(body), negate };
  const op = (m[2] ?? ":") as Term["op"];
  return { field: m[1] ?? null, op, value: unquote(m[3] ?? ""), negate };
}

function matchOne(value: SearchValue | undefined, term: Term): boolean {
  if (value === undefined || value === null) return false;
  if (Array.isArray(value)) return value.some((v) => matchOne(v, term));
  const actual = String(value).toLowerCase();
  const expected = term.value.toLowerCase();
  if (term.op !== ":") {
    const a = Number.isNaN(Number(actual)) ? Date.parse(actual) : Number(actual);
    const e = Number.isNaN(Number(expected)) ? Date.parse(expected) : Number(expected);
    if (term.op === ">") return a > e;
    if (term.op === "<") return a < e;
    if (term.op === ">=") return a >= e;
    return a <= e;
  }
  if (expected.endsWith("*")) return actual.startsWith(expected.slice(0, -1));
  return actual === expected;
}

export function matchesSearch(query: string | null | undefined, fields: Readonly<Record<string, SearchValue | undefined>>): boolean {
  if (!query || query.trim() === "") return true;
  return orGroups(tokenize(query)).some((group) => matchesAll(group, fields));
}

function matchesAll(tokens: readonly string[], fields: Readonly<Record<string, SearchValue | undefined>>): boolean {
  for (const token of tokens) {
    const term = parseTerm(token);
    let hit: boolean;
    if (term.field === null) {
      hit = Object.values(fields).some((v) => {
        if (v === undefined || v === null) return false;
        const list = Array.isArray(v) ? v : [String(v)];
        return list.some((x) => String(x).toLowerCase().includes(term.value.toLowerCase()));
      });
    } else {
      hit = matchOne(fields[term.field], term);
    }
    if (hit === term.negate) return false;
  }
  return true;
}
