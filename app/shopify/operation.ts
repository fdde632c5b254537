/**
 * A typed GraphQL document. Every document the app sends is declared with `operation()` from a
 * #graphql-tagged template literal with no interpolation, so tests/unit/graphql-documents.test.ts can
 * find them all in app/ and validate them against the real 2026-04 Admin schema.
 */
export interface Operation<TData, TVariables> {
  readonly name: string;
  readonly source: string;
  /** Phantom field carrying the result and variable types; never set at run time. */
  readonly __types?: { data: TData; variables: TVariables };
}

export type NoVariables = Record<string, never>;

/** Declares a typed operation; the name is read from the document itself. */
export function operation<TData, TVariables = NoVariables>(source: string): Operation<TData, TVariables> {
  const match = /\b(query|mutation)\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(source);
  if (!match?.[2]) throw new Error("GraphQL operations must be named (query Name / mutation Name)");
  return { name: match[2], source };
}

export interface UserError {
  readonly field?: readonly string[] | null;
  readonly message: string;
  readonly code?: string | null;
}
