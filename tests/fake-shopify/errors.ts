/**
 * Shopify (graphql-ruby) wording for GraphQL errors. The fake validates with graphql-js, whose
 * messages differ; clients and tests match on Shopify's messages and `extensions.code`, so the
 * common validation rules are translated here.
 */
import { Kind, print, visit, type ASTNode, type DocumentNode, type FieldNode, type GraphQLError, type ValueNode } from "graphql";

export interface ShopifyErrorLocation {
  line: number;
  column: number;
}

export interface ShopifyGraphQLError {
  message: string;
  locations?: ShopifyErrorLocation[];
  path?: (string | number)[];
  extensions: Record<string, unknown> & { code: string };
}

export const RATE_LIMITS_DOC = "https://shopify.dev/api/usage/rate-limits";

export function throttledError(): ShopifyGraphQLError {
  return { message: "Throttled", extensions: { code: "THROTTLED", documentation: RATE_LIMITS_DOC } };
}

export function maxCostExceededError(cost: number, maxCost: number): ShopifyGraphQLError {
  return {
    message:
      `Query cost is ${cost}, which exceeds the single query max cost limit (${maxCost}).\n\n` +
      "See https://shopify.dev/concepts/about-apis/rate-limits for more information on how the\n" +
      "cost of a query is calculated.\n\n" +
      "To query larger amounts of data with fewer limits, bulk operations should be used instead.\n" +
      "See https://shopify.dev/tutorials/perform-bulk-operations-with-admin-api for usage details.\n",
    extensions: { code: "MAX_COST_EXCEEDED", cost, maxCost, documentation: RATE_LIMITS_DOC },
  };
}

export function syntaxError(error: GraphQLError): ShopifyGraphQLError {
  const loc = error.locations?.[0] ?? { line: 1, column: 1 };
  const found = /found (.+?)\.?$/.exec(error.message)?.[1] ?? "end of file";
  const token = found === "<EOF>" ? "end of file" : found;
  return {
    message: `Parse error on ${token} at [${loc.line}, ${loc.column}]`,
    locations: [{ line: loc.line, column: loc.column }],
    extensions: { code: "parseError" },
  };
}

type Translation = { message: string; extensions: Record<string, unknown> & { code: string } };

const q = (s: string): string => s.replace(/"/g, "");

/** Rewrites one graphql-js validation message in graphql-ruby's words. */
function translate(message: string): Translation {
  let m: RegExpExecArray | null;
  if ((m = /^Cannot query field "(.+?)" on type "(.+?)"/.exec(message))) {
    const [, fieldName = "", typeName = ""] = m;
    return { message: `Field '${fieldName}' doesn't exist on type '${typeName}'`, extensions: { code: "undefinedField", typeName, fieldName } };
  }
  if ((m = /^Unknown argument "(.+?)" on field "(.+?)\.(.+?)"/.exec(message))) {
    const [, argumentName = "", , name = ""] = m;
    return {
      message: `Field '${name}' doesn't accept argument '${argumentName}'`,
      extensions: { code: "argumentNotAccepted", name, typeName: "Field", argumentName },
    };
  }
  if ((m = /^Unknown argument "(.+?)" on directive "@(.+?)"/.exec(message))) {
    const [, argumentName = "", name = ""] = m;
    return {
      message: `Directive '${name}' doesn't accept argument '${argumentName}'`,
      extensions: { code: "argumentNotAccepted", name, typeName: "Directive", argumentName },
    };
  }
  if ((m = /^Field "(.+?)" argument "(.+?)" of type ".+?" is required, but it was not provided/.exec(message))) {
    const [, name = "", args = ""] = m;
    return {
      message: `Field '${name}' is missing required arguments: ${args}`,
      extensions: { code: "missingRequiredArguments", className: "Field", name, arguments: args },
    };
  }
  if ((m = /^Directive "@(.+?)" argument "(.+?)" of type ".+?" is required/.exec(message))) {
    const [, name = "", args = ""] = m;
    return {
      message: `Directive '${name}' is missing required arguments: ${args}`,
      extensions: { code: "missingRequiredArguments", className: "Directive", name, arguments: args },
    };
  }
  if ((m = /^Field "(.+?)" of type "(.+?)" must have a selection of subfields/.exec(message))) {
    const [, field = "", type = ""] = m;
    const typeName = type.replace(/[[\]!]/g, "");
    return {
      message: `Field must have selections (field '${field}' returns ${typeName} but has no selections. Did you mean '${field} { ... }'?)`,
      extensions: { code: "selectionMismatch", nodeName: `field '${field}'`, typeName },
    };
  }
  if ((m = /^Field "(.+?)" must not have a selection since type "(.+?)" has no subfields/.exec(message))) {
    const [, field = "", type = ""] = m;
    const typeName = type.replace(/[[\]!]/g, "");
    return {
      message: `Selections can't be made on scalars (field '${field}' returns ${typeName} but has selections)`,
      extensions: { code: "selectionMismatch", nodeName: `field '${field}'`, typeName },
    };
  }
  if ((m = /^Variable "\$(.+?)" is never used(?: in operation "(.+?)")?/.exec(message))) {
    const [, variableName = "", op = "anonymous query"] = m;
    return { message: `Variable $${variableName} is declared by ${op} but not used`, extensions: { code: "variableNotUsed", variableName } };
  }
  if ((m = /^Variable "\$(.+?)" is not defined(?: by operation "(.+?)")?/.exec(message))) {
    const [, variableName = "", op = "anonymous query"] = m;
    return { message: `Variable $${variableName} is used by ${op} but not declared`, extensions: { code: "variableNotDefined", variableName } };
  }
  if ((m = /^Variable "\$(.+?)" of type "(.+?)" used in position expecting type "(.+?)"/.exec(message))) {
    const [, variableName = "", given = "", expected = ""] = m;
    const kind = given.replace(/!/g, "") === expected.replace(/!/g, "") ? "Nullability mismatch" : "Type mismatch";
    return {
      message: `${kind} on variable $${variableName} and argument (${given} / ${expected})`,
      extensions: { code: "variableMismatch", variableName, typeName: given, errorMessage: kind },
    };
  }
  if ((m = /^Unknown type "(.+?)"/.exec(message))) {
    const [, typeName = ""] = m;
    return { message: `No such type ${typeName}, so it can't be a fragment condition`, extensions: { code: "undefinedType", typeName } };
  }
  if ((m = /^Unknown directive "@(.+?)"/.exec(message))) {
    const [, directiveName = ""] = m;
    return { message: `Directive @${directiveName} is not defined`, extensions: { code: "undefinedDirective", directiveName } };
  }
  if ((m = /^Unknown fragment "(.+?)"/.exec(message))) {
    const [, fragmentName = ""] = m;
    return { message: `Fragment ${fragmentName} was used, but not defined`, extensions: { code: "useAndDefineFragment", fragmentName } };
  }
  if ((m = /^Fragment "(.+?)" is never used/.exec(message))) {
    const [, fragmentName = ""] = m;
    return { message: `Fragment ${fragmentName} was defined, but not used`, extensions: { code: "useAndDefineFragment", fragmentName } };
  }
  if (
    /^(?:Expected value of type|Enum ".+?" cannot represent|Int cannot represent|String cannot represent|ID cannot represent|Boolean cannot represent|Float cannot represent|Field ".+?" of required type|Field ".+?" is not defined by type)/.test(
      message,
    )
  ) {
    return { message, extensions: { code: "argumentLiteralsIncompatible", typeName: "Field" } };
  }
  if ((m = /^Argument "(.+?)" has invalid value (.+?)\.$/.exec(message))) {
    return { message, extensions: { code: "argumentLiteralsIncompatible", typeName: "Field", argumentName: m[1] ?? "" } };
  }
  return { message: q(message), extensions: { code: "validationError" } };
}

/** Shopify-shaped validation errors, with graphql-ruby's "path" of the offending node. */
export function validationErrors(document: DocumentNode, errors: readonly GraphQLError[]): ShopifyGraphQLError[] {
  const { paths, fields } = nodePaths(document);
  return errors.map((error) => {
    const t = translate(error.message);
    const node = error.nodes?.[0];
    const path = node ? paths.get(node) : undefined;
    if (t.extensions.code === "argumentLiteralsIncompatible" && path && path.length >= 2 && node) {
      const argumentName = path[path.length - 1] ?? "";
      const fieldName = path[path.length - 2] ?? "";
      const expected = /type "(.+?)"/.exec(error.message)?.[1] ?? expectedTypeOf(error.message);
      t.message = `Argument '${argumentName}' on Field '${fieldName}' has an invalid value (${print(node as ValueNode)}). Expected type '${expected}'.`;
      t.extensions = { code: "argumentLiteralsIncompatible", typeName: "Field", argumentName };
    }
    const out: ShopifyGraphQLError = { message: t.message, extensions: t.extensions };
    // graphql-ruby reports argument errors at the field, not at the value.
    const field = t.extensions.code === "argumentLiteralsIncompatible" && node ? fields.get(node) : undefined;
    const fieldLoc = field?.loc ? { line: field.loc.startToken.line, column: field.loc.startToken.column } : undefined;
    if (fieldLoc) out.locations = [fieldLoc];
    else if (error.locations?.length) out.locations = error.locations.map((l) => ({ line: l.line, column: l.column }));
    if (path) out.path = path;
    return out;
  });
}

function expectedTypeOf(message: string): string {
  return /^(\w+) cannot represent/.exec(message)?.[1] ?? /Enum "(.+?)"/.exec(message)?.[1] ?? "input";
}

/** graphql-ruby paths: ["query Name", "field", "subField", "argument"]. */
function nodePaths(document: DocumentNode): { paths: Map<ASTNode, string[]>; fields: Map<ASTNode, FieldNode> } {
  const out = new Map<ASTNode, string[]>();
  const fields = new Map<ASTNode, FieldNode>();
  const fieldStack: FieldNode[] = [];
  const stack: string[] = [];
  visit(document, {
    enter(node) {
      switch (node.kind) {
        case Kind.OPERATION_DEFINITION:
          stack.push(node.name ? `${node.operation} ${node.name.value}` : node.operation);
          break;
        case Kind.FRAGMENT_DEFINITION:
          stack.push(`fragment ${node.name.value}`);
          break;
        case Kind.FIELD:
          stack.push(node.name.value);
          fieldStack.push(node);
          break;
        case Kind.ARGUMENT:
          stack.push(node.name.value);
          break;
        case Kind.INLINE_FRAGMENT:
          stack.push(`... on ${node.typeCondition?.name.value ?? ""}`.trim());
          break;
        default:
          break;
      }
      out.set(node, [...stack]);
      const field = fieldStack[fieldStack.length - 1];
      if (field) fields.set(node, field);
    },
    leave(node) {
      if (node.kind === Kind.FIELD) fieldStack.pop();
      if (
        node.kind === Kind.OPERATION_DEFINITION ||
        node.kind === Kind.FRAGMENT_DEFINITION ||
        node.kind === Kind.FIELD ||
        node.kind === Kind.ARGUMENT ||
        node.kind === Kind.INLINE_FRAGMENT
      ) {
        stack.pop();
      }
    },
  });
  return { paths: out, fields };
}

/** A resolver-raised error as Shopify reports it (e.g. `Invalid id: …` / RESOURCE_NOT_FOUND). */
export class ShopifyResolverError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "ShopifyResolverError";
  }
}

export function resourceNotFound(id: string): ShopifyResolverError {
  return new ShopifyResolverError(`Invalid id: ${id}`, "RESOURCE_NOT_FOUND");
}
