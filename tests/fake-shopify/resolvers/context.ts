/** What every resolver gets: the store, the calling shop's state and the GraphQL info. */
import type { GraphQLResolveInfo } from "graphql";
import type { ShopState, Store } from "../store";

export interface ResolverContext {
  store: Store;
  state: ShopState;
}

export type Args = Record<string, unknown>;

export type Resolver = (args: Args, ctx: ResolverContext, info: GraphQLResolveInfo) => unknown;

/**
 * A value handed to GraphQL: a plain object whose keys are the implemented fields. A key may be
 * a value or a Resolver. A missing key means "not implemented" and fails loudly.
 */
export type View = { __typename: string } & { [field: string]: unknown };

export interface UserError {
  field: string[] | null;
  message: string;
  code?: string | null;
}

export function userError(field: string[] | null, message: string, code: string | null = null): UserError {
  return { field, message, code };
}

/** Typed accessors for resolver arguments (GraphQL has already coerced them). */
export function str(args: Args, name: string): string {
  const v = args[name];
  if (typeof v !== "string") throw new Error(`fake-shopify: argument ${name} must be a string`);
  return v;
}

export function optStr(args: Args, name: string): string | null {
  const v = args[name];
  return typeof v === "string" ? v : null;
}

export function optInt(args: Args, name: string): number | null {
  const v = args[name];
  return typeof v === "number" ? v : null;
}

export function optBool(args: Args, name: string): boolean | null {
  const v = args[name];
  return typeof v === "boolean" ? v : null;
}

export function optObj(args: Args, name: string): Args | null {
  const v = args[name];
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Args) : null;
}

export function optList(args: Args, name: string): Args[] | null {
  const v = args[name];
  if (!Array.isArray(v)) return null;
  return v.filter((x): x is Args => typeof x === "object" && x !== null);
}

export function optStrList(args: Args, name: string): string[] | null {
  const v = args[name];
  if (!Array.isArray(v)) return null;
  return v.filter((x): x is string => typeof x === "string");
}
