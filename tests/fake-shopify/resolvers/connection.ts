/** Relay connections over in-memory arrays, with Shopify's opaque cursors. */
import type { Args, View } from "./context";

function cursorOf(index: number): string {
  return Buffer.from(JSON.stringify({ last_id: index }), "utf8").toString("base64");
}

function indexOf(cursor: string): number {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64").toString("utf8"));
    if (typeof parsed === "object" && parsed !== null && typeof (parsed as { last_id?: unknown }).last_id === "number") {
      return (parsed as { last_id: number }).last_id;
    }
  } catch {
    // fall through: an unreadable cursor behaves like "start"
  }
  return -1;
}

export function connection<T>(typename: string, items: readonly T[], args: Args, toView: (item: T) => View): View {
  const reverse = args.reverse === true;
  const ordered = reverse ? [...items].reverse() : [...items];
  let start = 0;
  let end = ordered.length;
  if (typeof args.after === "string") start = Math.max(start, indexOf(args.after) + 1);
  if (typeof args.before === "string") end = Math.min(end, Math.max(0, indexOf(args.before)));
  const first = typeof args.first === "number" ? args.first : undefined;
  const last = typeof args.last === "number" ? args.last : undefined;
  let from = start;
  let to = end;
  if (first !== undefined) to = Math.min(to, from + first);
  if (last !== undefined) from = Math.max(from, to - last);
  const page = ordered.slice(from, to).map((item, i) => ({ item, index: from + i }));
  const edgeType = typename.replace(/Connection$/, "Edge");
  const nodes = page.map(({ item }) => toView(item));
  return {
    __typename: typename,
    nodes,
    edges: page.map(({ index }, i) => ({ __typename: edgeType, cursor: cursorOf(index), node: nodes[i] })),
    pageInfo: {
      __typename: "PageInfo",
      hasNextPage: to < end,
      hasPreviousPage: from > start,
      startCursor: page.length ? cursorOf(page[0]!.index) : null,
      endCursor: page.length ? cursorOf(page[page.length - 1]!.index) : null,
    },
  };
}
