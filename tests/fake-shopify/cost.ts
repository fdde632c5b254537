/**
 * Shopify's calculated query cost, computed statically before execution.
 *
 * Rules (shopify.dev "GraphQL Admin API rate limits", checked against the requestedQueryCost of
 * every capture in tests/fake-shopify/reference/admin-captures):
 * - scalars and enums cost 0, objects (and lists of objects) 1;
 * - interfaces and unions cost the maximum over their possible selections;
 * - a connection costs 2 + ceil(log2(first|last)) × the cost of one node; pageInfo and cursors
 *   are free;
 * - each mutation root field costs 10, which covers the payload and its direct objects;
 *   deeper objects add to it.
 */
import {
  getNamedType,
  isAbstractType,
  isCompositeType,
  isObjectType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  valueFromAST,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type VariableDefinitionNode,
} from "graphql";

export const MUTATION_BASE_COST = 10;
export const CONNECTION_BASE_COST = 2;
/** Mutations Shopify prices above the base cost (seen in the captures). */
const MUTATION_COSTS: Readonly<Record<string, number>> = { fulfillmentTrackingInfoUpdate: 50 };

type Variables = Readonly<Record<string, unknown>>;

interface CostContext {
  schema: GraphQLSchema;
  fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  variables: Variables;
  variableDefs: readonly VariableDefinitionNode[];
}

export function selectOperation(document: DocumentNode, operationName?: string | null): OperationDefinitionNode | undefined {
  const ops = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operationName) return ops.find((o) => o.name?.value === operationName);
  return ops.length === 1 ? ops[0] : undefined;
}

/** Requested cost of the operation that will run. */
export function requestedQueryCost(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Variables = {}): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const ctx: CostContext = { schema, fragments, variables, variableDefs: operation.variableDefinitions ?? [] };
  const rootType = operation.operation === "mutation" ? schema.getMutationType() : schema.getQueryType();
  if (!rootType) return 0;
  if (operation.operation !== "mutation") return selectionCost(ctx, rootType, operation.selectionSet);
  let total = 0;
  for (const field of collectFields(ctx, rootType, operation.selectionSet)) {
    const def = rootType.getFields()[field.name.value];
    if (!def) continue;
    const payload = getNamedType(def.type);
    total += MUTATION_COSTS[field.name.value] ?? MUTATION_BASE_COST;
    // The base cost pays for the payload and its direct objects; only their children add.
    if (isCompositeType(payload) && field.selectionSet) {
      for (const child of collectFields(ctx, payload, field.selectionSet)) {
        const childDef = fieldDef(payload, child.name.value);
        if (!childDef) continue;
        const childType = getNamedType(childDef.type);
        if (isCompositeType(childType) && child.selectionSet) total += selectionCost(ctx, childType, child.selectionSet);
      }
    }
  }
  return total;
}

/**
 * Cost of what was actually returned: the same rules, but connections are sized by the nodes
 * they returned and null objects are free. Shopify refunds the difference to the bucket.
 */
export function actualQueryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Variables,
  data: Readonly<Record<string, unknown>> | null | undefined,
): number {
  if (!data) return operation.operation === "mutation" ? MUTATION_BASE_COST : 0;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const ctx: CostContext = { schema, fragments, variables, variableDefs: operation.variableDefinitions ?? [] };
  const rootType = operation.operation === "mutation" ? schema.getMutationType() : schema.getQueryType();
  if (!rootType) return 0;
  if (operation.operation !== "mutation") return actualSelection(ctx, rootType, operation.selectionSet, data);
  let total = 0;
  for (const field of collectFields(ctx, rootType, operation.selectionSet)) {
    total += MUTATION_COSTS[field.name.value] ?? MUTATION_BASE_COST;
    const payload = data[field.alias?.value ?? field.name.value];
    const def = rootType.getFields()[field.name.value];
    const payloadType = def ? getNamedType(def.type) : undefined;
    if (!isRecord(payload) || !payloadType || !isCompositeType(payloadType) || !field.selectionSet) continue;
    for (const child of collectFields(ctx, payloadType, field.selectionSet)) {
      const childDef = fieldDef(payloadType, child.name.value);
      const childType = childDef ? getNamedType(childDef.type) : undefined;
      const value = payload[child.alias?.value ?? child.name.value];
      if (!childType || !isCompositeType(childType) || !child.selectionSet) continue;
      for (const item of Array.isArray(value) ? value : [value]) {
        if (isRecord(item)) total += actualSelection(ctx, concreteType(ctx, childType, item), child.selectionSet, item);
      }
    }
  }
  return total;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function concreteType(ctx: CostContext, type: GraphQLCompositeType, value: Record<string, unknown>): GraphQLCompositeType {
  if (!isAbstractType(type)) return type;
  const name = value.__typename;
  const found = typeof name === "string" ? ctx.schema.getType(name) : undefined;
  return found && isObjectType(found) ? found : type;
}

function actualSelection(ctx: CostContext, type: GraphQLCompositeType, selectionSet: SelectionSetNode, value: Record<string, unknown>): number {
  if (isAbstractType(type)) {
    const concrete = concreteType(ctx, type, value);
    if (isAbstractType(concrete)) return selectionCost(ctx, type, selectionSet);
    return actualSelection(ctx, concrete, selectionSet, value);
  }
  let total = 0;
  for (const field of collectFields(ctx, type, selectionSet)) {
    const def = fieldDef(type, field.name.value);
    if (!def || !field.selectionSet) continue;
    const named = getNamedType(def.type);
    if (!isCompositeType(named)) continue;
    const fieldValue = value[field.alias?.value ?? field.name.value];
    if (fieldValue === null || fieldValue === undefined) continue;
    if (isConnection(named) && isRecord(fieldValue) && isObjectType(named)) {
      total += actualConnection(ctx, named, field.selectionSet, fieldValue);
      continue;
    }
    const items = Array.isArray(fieldValue) ? fieldValue : [fieldValue];
    let max = 0;
    for (const item of items) if (isRecord(item)) max = Math.max(max, actualSelection(ctx, concreteType(ctx, named, item), field.selectionSet, item));
    total += 1 + max;
  }
  return total;
}

function actualConnection(ctx: CostContext, connection: GraphQLCompositeType, selectionSet: SelectionSetNode, value: Record<string, unknown>): number {
  if (!isObjectType(connection)) return CONNECTION_BASE_COST;
  let count = 0;
  let perNode = 0;
  for (const child of collectFields(ctx, connection, selectionSet)) {
    const list = value[child.alias?.value ?? child.name.value];
    if (!Array.isArray(list) || !child.selectionSet) continue;
    count = Math.max(count, list.length);
    const childType = getNamedType(connection.getFields()[child.name.value]?.type);
    if (!childType || !isCompositeType(childType)) continue;
    for (const item of list) {
      if (!isRecord(item)) continue;
      const cost = actualSelection(ctx, childType, child.selectionSet, item) + (child.name.value === "nodes" ? 1 : 0);
      perNode = Math.max(perNode, cost);
    }
  }
  return CONNECTION_BASE_COST + (count === 0 ? 0 : sizeFactor(count) * perNode);
}

/** Cost of a selection set on a type: for abstract types, the most expensive possible type. */
function selectionCost(ctx: CostContext, type: GraphQLCompositeType, selectionSet: SelectionSetNode): number {
  if (isAbstractType(type)) {
    let max = 0;
    for (const possible of ctx.schema.getPossibleTypes(type)) max = Math.max(max, selectionCost(ctx, possible, selectionSet));
    return max;
  }
  let total = 0;
  for (const field of collectFields(ctx, type, selectionSet)) total += fieldCost(ctx, type, field);
  return total;
}

function fieldCost(ctx: CostContext, parent: GraphQLCompositeType, field: FieldNode): number {
  const def = fieldDef(parent, field.name.value);
  if (!def) return 0;
  const named = getNamedType(def.type);
  if (!isCompositeType(named) || !field.selectionSet) return 0;
  if (isConnection(named)) return connectionCost(ctx, named, field, def);
  return 1 + selectionCost(ctx, named, field.selectionSet);
}

function connectionCost(ctx: CostContext, connection: GraphQLCompositeType, field: FieldNode, def: GraphQLField<unknown, unknown>): number {
  const size = pageSize(ctx, field, def);
  if (!isObjectType(connection) || !field.selectionSet) return CONNECTION_BASE_COST;
  let perNode = 0;
  for (const child of collectFields(ctx, connection, field.selectionSet)) {
    const name = child.name.value;
    if (name === "nodes") perNode = Math.max(perNode, fieldCost(ctx, connection, child));
    if (name === "edges" && child.selectionSet) {
      const edgeType = getNamedType(connection.getFields().edges?.type);
      if (edgeType && isObjectType(edgeType)) perNode = Math.max(perNode, selectionCost(ctx, edgeType, child.selectionSet));
    }
  }
  return CONNECTION_BASE_COST + sizeFactor(size) * perNode;
}

/**
 * Shopify scales a connection sub-linearly with its page size. Fitted to the captures:
 * 3→2, 5→3, 10→4, 20→5 (ceil log2) and 250→11 (beyond 32 pages grow faster).
 */
export function sizeFactor(size: number): number {
  if (size <= 1) return 1;
  const log = Math.ceil(Math.log2(size));
  return log + Math.max(0, Math.ceil(Math.log2(size / 32)));
}

function pageSize(ctx: CostContext, field: FieldNode, def: GraphQLField<unknown, unknown>): number {
  let size = 0;
  for (const argName of ["first", "last"]) {
    const argNode = field.arguments?.find((a) => a.name.value === argName);
    const argDef = def.args.find((a) => a.name === argName);
    if (!argNode || !argDef) continue;
    const value: unknown = valueFromAST(argNode.value, argDef.type, ctx.variables as Record<string, unknown>);
    if (typeof value === "number") size = Math.max(size, value);
  }
  return size;
}

function isConnection(type: GraphQLNamedType): boolean {
  if (!isObjectType(type) || !type.name.endsWith("Connection")) return false;
  const fields = type.getFields();
  return "pageInfo" in fields && ("edges" in fields || "nodes" in fields);
}

function fieldDef(parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  if (name === "__type") return TypeMetaFieldDef;
  if (name === "__schema") return SchemaMetaFieldDef;
  if ("getFields" in parent) return parent.getFields()[name];
  return undefined;
}

/** Flattens fragments that apply to `type` and skips @skip/@include-excluded fields. */
function collectFields(ctx: CostContext, type: GraphQLCompositeType, selectionSet: SelectionSetNode, seen = new Set<string>()): FieldNode[] {
  const out: FieldNode[] = [];
  for (const sel of selectionSet.selections) {
    if (!included(ctx, sel.directives)) continue;
    if (sel.kind === Kind.FIELD) {
      out.push(sel);
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      if (applies(ctx, type, sel.typeCondition?.name.value)) out.push(...collectFields(ctx, type, sel.selectionSet, seen));
    } else {
      const frag = ctx.fragments.get(sel.name.value);
      if (!frag || seen.has(frag.name.value)) continue;
      if (applies(ctx, type, frag.typeCondition.name.value)) {
        const next = new Set(seen).add(frag.name.value);
        out.push(...collectFields(ctx, type, frag.selectionSet, next));
      }
    }
  }
  // The same response key selected twice is fetched once.
  const byKey = new Map<string, FieldNode>();
  for (const f of out) {
    const key = f.alias?.value ?? f.name.value;
    const prev = byKey.get(key);
    if (!prev) byKey.set(key, f);
    else if (f.selectionSet && prev.selectionSet) {
      byKey.set(key, { ...prev, selectionSet: { ...prev.selectionSet, selections: [...prev.selectionSet.selections, ...f.selectionSet.selections] } });
    }
  }
  return [...byKey.values()];
}

function applies(ctx: CostContext, type: GraphQLCompositeType, condition: string | undefined): boolean {
  if (!condition || condition === type.name) return true;
  const cond = ctx.schema.getType(condition);
  if (!cond || !isAbstractType(cond)) return false;
  return isObjectType(type) ? ctx.schema.isSubType(cond, type) : false;
}

function included(ctx: CostContext, directives: FieldNode["directives"]): boolean {
  for (const d of directives ?? []) {
    if (d.name.value !== "skip" && d.name.value !== "include") continue;
    const arg = d.arguments?.find((a) => a.name.value === "if");
    if (!arg) continue;
    let value: unknown = arg.value.kind === Kind.BOOLEAN ? arg.value.value : undefined;
    if (arg.value.kind === Kind.VARIABLE) value = ctx.variables[arg.value.name.value];
    if (d.name.value === "skip" && value === true) return false;
    if (d.name.value === "include" && value === false) return false;
  }
  return true;
}
