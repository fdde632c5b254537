/** Metafields on shops, products and variants, including the `$app` reserved namespace. */
import crypto from "node:crypto";
import { parseGid } from "../ids";
import type { MetafieldRecord } from "../types";
import { connection } from "./connection";
import { optList, optStr, optStrList, type Args, type ResolverContext, type View } from "./context";

export const METAFIELDS_SET_LIMIT = 25;

/** `$app` → `app--<apiClientId>`, `$app:ns` → `app--<apiClientId>--ns`; omitted → `$app`. */
export function resolveNamespace(ctx: ResolverContext, namespace: string | null | undefined): string {
  const appNamespace = `app--${ctx.state.shop.apiClientId}`;
  if (!namespace || namespace === "$app") return appNamespace;
  if (namespace.startsWith("$app:")) return `${appNamespace}--${namespace.slice(5)}`;
  return namespace;
}

const OWNER_TYPES: Readonly<Record<string, string>> = {
  Shop: "SHOP",
  Product: "PRODUCT",
  ProductVariant: "PRODUCTVARIANT",
  Order: "ORDER",
  Location: "LOCATION",
};

function digest(value: string): string {
  return crypto.createHash("sha256").update(value).digest("hex");
}

export function metafieldView(ctx: ResolverContext, m: MetafieldRecord): View {
  const ownerType = OWNER_TYPES[parseGid(m.ownerId)?.type ?? ""] ?? "SHOP";
  return {
    __typename: "Metafield",
    id: m.id,
    namespace: m.namespace,
    key: m.key,
    type: m.type,
    value: m.value,
    jsonValue: () => jsonValue(m.type, m.value),
    compareDigest: m.compareDigest,
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
    ownerType,
    description: null,
    definition: null,
    legacyResourceId: parseGid(m.id)?.numeric ?? "0",
  };
}

function jsonValue(type: string, value: string): unknown {
  if (type === "json" || type.startsWith("list.")) return JSON.parse(value) as unknown;
  if (type === "number_integer") return Number.parseInt(value, 10);
  if (type === "number_decimal") return value;
  if (type === "boolean") return value === "true";
  return value;
}

function metafieldsOf(ctx: ResolverContext, ownerId: string): MetafieldRecord[] {
  return [...ctx.state.metafields.values()].filter((m) => m.ownerId === ownerId);
}

/** `metafield(namespace, key)` and `metafields(...)` for any owner view. */
export function metafieldOwnerFields(ctx: ResolverContext, ownerId: string): Record<string, unknown> {
  return {
    metafield: (args: Args) => {
      const namespace = resolveNamespace(ctx, optStr(args, "namespace"));
      const key = optStr(args, "key");
      const found = metafieldsOf(ctx, ownerId).find((m) => m.namespace === namespace && m.key === key);
      return found ? metafieldView(ctx, found) : null;
    },
    metafields: (args: Args) => {
      const ns = optStr(args, "namespace");
      const namespace = ns === null ? null : resolveNamespace(ctx, ns);
      const keys = optStrList(args, "keys");
      const items = metafieldsOf(ctx, ownerId).filter(
        (m) => (namespace === null || m.namespace === namespace) && (keys === null || keys.includes(`${m.namespace}.${m.key}`)),
      );
      return connection("MetafieldConnection", items, args, (m) => metafieldView(ctx, m));
    },
  };
}

interface SetError {
  field: string[];
  message: string;
  code: string;
  elementIndex: number | null;
}

function ownerExists(ctx: ResolverContext, ownerId: string): boolean {
  const s = ctx.state;
  return ownerId === s.shop.id || s.products.has(ownerId) || s.variants.has(ownerId) || s.orders.has(ownerId) || s.locations.has(ownerId);
}

function validateValue(type: string, value: string): string | null {
  switch (type) {
    case "json":
      try {
        JSON.parse(value);
        return null;
      } catch {
        return "Value is invalid JSON: unexpected token.";
      }
    case "number_integer":
      return /^-?\d+$/.test(value) ? null : "Value must be an integer.";
    case "number_decimal":
      return /^-?\d+(\.\d+)?$/.test(value) ? null : "Value must be a decimal.";
    case "boolean":
      return value === "true" || value === "false" ? null : "Value must be true or false.";
    case "date_time":
      return Number.isNaN(Date.parse(value)) ? "Value must be in `YYYY-MM-DDTHH:MM:SS` format." : null;
    case "single_line_text_field":
      return value.includes("\n") ? "Value must be a single line." : null;
    default:
      return null;
  }
}

function metafieldsSet(args: Args, ctx: ResolverContext): View {
  const inputs = optList(args, "metafields") ?? [];
  const fail = (errors: SetError[]): View => ({
    __typename: "MetafieldsSetPayload",
    metafields: null,
    userErrors: errors.map((e) => ({ __typename: "MetafieldsSetUserError", ...e })),
  });
  if (inputs.length > METAFIELDS_SET_LIMIT) {
    return fail([
      {
        field: ["metafields"],
        message: `Exceeded the maximum metafields input limit of ${METAFIELDS_SET_LIMIT}.`,
        code: "LESS_THAN_OR_EQUAL_TO",
        elementIndex: null,
      },
    ]);
  }
  const errors: SetError[] = [];
  inputs.forEach((input, i) => {
    const ownerId = optStr(input, "ownerId") ?? "";
    const key = optStr(input, "key") ?? "";
    const type = optStr(input, "type");
    const value = optStr(input, "value") ?? "";
    const at = (f: string): string[] => ["metafields", String(i), f];
    if (!ownerExists(ctx, ownerId)) errors.push({ field: at("ownerId"), message: "Owner does not exist.", code: "INVALID", elementIndex: i });
    if (key.length < 2 || key.length > 64 || !/^[\w-]+$/.test(key))
      errors.push({
        field: at("key"),
        message: "Key must be 2-64 characters long and can only contain alphanumeric, hyphen, and underscore characters.",
        code: "INVALID",
        elementIndex: i,
      });
    if (!type) errors.push({ field: at("type"), message: "Type can't be blank.", code: "BLANK", elementIndex: i });
    const invalid = type ? validateValue(type, value) : null;
    if (invalid) errors.push({ field: at("value"), message: invalid, code: "INVALID_VALUE", elementIndex: i });
    const existing = [...ctx.state.metafields.values()].find(
      (m) => m.ownerId === ownerId && m.namespace === resolveNamespace(ctx, optStr(input, "namespace")) && m.key === key,
    );
    const compare = optStr(input, "compareDigest");
    if (compare !== null && existing && existing.compareDigest !== compare) {
      errors.push({
        field: at("compareDigest"),
        message: "The resource has been updated since it was loaded. Try again with an updated `compareDigest` value.",
        code: "STALE_OBJECT",
        elementIndex: i,
      });
    }
  });
  if (errors.length > 0) return fail(errors);
  const now = ctx.store.nowIso();
  const saved = inputs.map((input) => {
    const ownerId = optStr(input, "ownerId") ?? "";
    const namespace = resolveNamespace(ctx, optStr(input, "namespace"));
    const key = optStr(input, "key") ?? "";
    const value = optStr(input, "value") ?? "";
    const type = optStr(input, "type") ?? "single_line_text_field";
    const existing = [...ctx.state.metafields.values()].find((m) => m.ownerId === ownerId && m.namespace === namespace && m.key === key);
    const record: MetafieldRecord = existing
      ? { ...existing, value, type, compareDigest: digest(value), updatedAt: now }
      : { id: ctx.store.newGid("Metafield"), ownerId, namespace, key, type, value, compareDigest: digest(value), createdAt: now, updatedAt: now };
    ctx.state.metafields.set(record.id, record);
    return record;
  });
  return { __typename: "MetafieldsSetPayload", metafields: saved.map((m) => metafieldView(ctx, m)), userErrors: [] };
}

/** Deletes by owner, namespace and key; a metafield that does not exist comes back as null. */
function metafieldsDelete(args: Args, ctx: ResolverContext): View {
  const inputs = optList(args, "metafields") ?? [];
  const deletedMetafields = inputs.map((input) => {
    const ownerId = optStr(input, "ownerId") ?? "";
    const namespace = resolveNamespace(ctx, optStr(input, "namespace"));
    const key = optStr(input, "key") ?? "";
    const found = [...ctx.state.metafields.values()].find((m) => m.ownerId === ownerId && m.namespace === namespace && m.key === key);
    if (!found) return null;
    ctx.state.metafields.delete(found.id);
    return { __typename: "MetafieldIdentifier", ownerId, namespace, key };
  });
  return { __typename: "MetafieldsDeletePayload", deletedMetafields, userErrors: [] };
}

export const metafieldMutations = { metafieldsSet, metafieldsDelete };
