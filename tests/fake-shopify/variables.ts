/**
 * Variable coercion with Shopify's INVALID_VARIABLE errors. graphql-js would coerce too, but
 * its messages differ from graphql-ruby's, which clients log and tests compare.
 */
import {
  coerceInputValue,
  isEnumType,
  isInputType,
  isNonNullType,
  print,
  typeFromAST,
  valueFromAST,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from "graphql";
import type { ShopifyGraphQLError } from "./errors";

export type CoercionResult = { ok: true; values: Record<string, unknown> } | { ok: false; errors: ShopifyGraphQLError[] };

export function coerceVariables(schema: GraphQLSchema, operation: OperationDefinitionNode, raw: Record<string, unknown>): CoercionResult {
  const values: Record<string, unknown> = {};
  const errors: ShopifyGraphQLError[] = [];
  for (const def of operation.variableDefinitions ?? []) {
    const name = def.variable.name.value;
    const type = typeFromAST(schema, def.type);
    if (!type || !isInputType(type)) continue; // validation already reported it
    const typeName = print(def.type);
    const loc = def.loc ? locationOf(def.loc.source.body, def.loc.start) : undefined;
    const base = (message: string, value: unknown, problems: { path: (string | number)[]; explanation: string }[]): ShopifyGraphQLError => ({
      message,
      ...(loc ? { locations: [loc] } : {}),
      extensions: { code: "INVALID_VARIABLE", value: value ?? null, problems },
    });
    const hasValue = Object.prototype.hasOwnProperty.call(raw, name);
    if (!hasValue) {
      if (def.defaultValue) values[name] = valueFromAST(def.defaultValue, type);
      else if (isNonNullType(type)) {
        errors.push(
          base(`Variable $${name} of type ${typeName} was provided invalid value`, null, [{ path: [], explanation: "Expected value to not be null" }]),
        );
      }
      continue;
    }
    const value = raw[name];
    const problems: { path: (string | number)[]; explanation: string }[] = [];
    const coerced = coerceInputValue(value, type, (path, invalid, error) => {
      problems.push({ path: [...path], explanation: explain(schema, error.message, invalid) });
    });
    if (problems.length > 0) {
      const first = problems[0];
      const where = first && first.path.length > 0 ? ` for ${first.path.join(".")}` : "";
      const detail = first ? ` (${first.explanation})` : "";
      errors.push(base(`Variable $${name} of type ${typeName} was provided invalid value${where}${detail}`, value, problems));
    } else {
      values[name] = coerced;
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, values };
}

function explain(schema: GraphQLSchema, message: string, invalid: unknown): string {
  let m: RegExpExecArray | null;
  if ((m = /Value ".*?" does not exist in "(.+?)" enum/.exec(message))) {
    return `Expected ${JSON.stringify(invalid)} to be one of: ${enumValuesOf(schema, m[1] ?? "")}`;
  }
  if (/Expected non-nullable type/.test(message) || /of required type .* was not provided/.test(message)) return "Expected value to not be null";
  if ((m = /Field "(.+?)" is not defined by type/.exec(message))) return `Field is not defined on ${m[1] ?? "input"}`;
  if (/cannot represent/.test(message)) return `Could not coerce value ${JSON.stringify(invalid)} to ${message.split(" ")[0] ?? "scalar"}`;
  return message;
}

function enumValuesOf(schema: GraphQLSchema, name: string): string {
  const type = schema.getType(name);
  return type && isEnumType(type)
    ? type
        .getValues()
        .map((v) => v.name)
        .join(", ")
    : "";
}

function locationOf(body: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (body.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
