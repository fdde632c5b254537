/**
 * Every Admin GraphQL request the fake answered, one record per HTTP request: which shop, which
 * operation (query or mutation, and the root fields it ran), what it cost and how it ended. Tests
 * and the benchmark count calls and cost points per operation with it.
 */
import { Kind, type DocumentNode, type OperationDefinitionNode } from "graphql";

export type RequestOutcome = "ok" | "throttled" | "error";

export interface AdminRequestRecord {
  /** 1, 2, 3, … in arrival order (kept across `reset()`, so two logs never share a number). */
  readonly seq: number;
  /** The shop the request was for; null when the fake could not tell (no header, several shops). */
  readonly shop: string | null;
  /** The operation's name (the document's, or the body's `operationName`); null when anonymous or unparsable. */
  readonly operationName: string | null;
  readonly operationType: "query" | "mutation" | "subscription" | null;
  /** The root fields the operation selected (a request running two mutations lists both). */
  readonly rootFields: readonly string[];
  /** Shopify's `requestedQueryCost`; null when the request never got that far (401, syntax error). */
  readonly requestedCost: number | null;
  /** What the bucket kept (`actualQueryCost`); null when nothing ran (throttled, invalid). */
  readonly actualCost: number | null;
  /** ok: it ran (userErrors included); throttled: THROTTLED; error: anything else Shopify refused. */
  readonly status: RequestOutcome;
  readonly httpStatus: number;
  /** How many userErrors the mutation payloads carried (0 for queries). */
  readonly userErrors: number;
  /** When the fake answered, on its clock (ISO 8601). */
  readonly at: string;
}

export type NewRequestRecord = Omit<AdminRequestRecord, "seq">;

export interface OperationTally {
  readonly operationName: string;
  readonly operationType: AdminRequestRecord["operationType"];
  readonly calls: number;
  readonly requestedCost: number;
  readonly actualCost: number;
}

export interface RequestFilter {
  readonly shop?: string | undefined;
  /** Only records after this sequence number (what happened since a mark). */
  readonly since?: number | undefined;
}

/** Keeps the newest `limit` records (a long demo run must not grow without bound). */
export class RequestLog {
  private records: AdminRequestRecord[] = [];
  private seq = 0;
  private droppedCount = 0;

  constructor(private readonly limit = 50_000) {}

  record(entry: NewRequestRecord): AdminRequestRecord {
    const record = { seq: ++this.seq, ...entry };
    this.records.push(record);
    if (this.records.length > this.limit) {
      const excess = this.records.length - this.limit;
      this.records.splice(0, excess);
      this.droppedCount += excess;
    }
    return record;
  }

  list(filter: RequestFilter = {}): AdminRequestRecord[] {
    return this.records.filter((r) => (filter.shop === undefined || r.shop === filter.shop) && (filter.since === undefined || r.seq > filter.since));
  }

  /** The sequence number of the newest record (0 when none yet). */
  mark(): number {
    return this.seq;
  }

  /** Records dropped because the log was full. */
  dropped(): number {
    return this.droppedCount;
  }

  reset(): number {
    const cleared = this.records.length;
    this.records = [];
    this.droppedCount = 0;
    return cleared;
  }
}

/** Calls and cost points per operation, in order of first appearance. */
export function tallyByOperation(records: readonly AdminRequestRecord[]): OperationTally[] {
  const tallies = new Map<
    string,
    { operationName: string; operationType: AdminRequestRecord["operationType"]; calls: number; requestedCost: number; actualCost: number }
  >();
  for (const r of records) {
    const name = r.operationName ?? "(anonymous)";
    const t = tallies.get(name) ?? { operationName: name, operationType: r.operationType, calls: 0, requestedCost: 0, actualCost: 0 };
    t.calls += 1;
    t.requestedCost += r.requestedCost ?? 0;
    t.actualCost += r.actualCost ?? 0;
    tallies.set(name, t);
  }
  return [...tallies.values()];
}

/** What a document says about the operation that will run (for the log; never throws). */
export function describeOperation(
  document: DocumentNode | undefined,
  operationName: string | undefined,
  source: string,
): Pick<AdminRequestRecord, "operationName" | "operationType" | "rootFields"> {
  const ops = document?.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION) ?? [];
  const op = operationName ? ops.find((o) => o.name?.value === operationName) : ops.length === 1 ? ops[0] : undefined;
  if (op) {
    const rootFields = op.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : []));
    return { operationName: op.name?.value ?? operationName ?? null, operationType: op.operation as AdminRequestRecord["operationType"], rootFields };
  }
  // Unparsable or ambiguous: the name as written, if any.
  const named = /\b(query|mutation|subscription)\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(source);
  return { operationName: operationName ?? named?.[2] ?? null, operationType: (named?.[1] as AdminRequestRecord["operationType"]) ?? null, rootFields: [] };
}

/** userErrors entries across a mutation's payloads. */
export function countUserErrors(data: unknown): number {
  if (typeof data !== "object" || data === null) return 0;
  let count = 0;
  for (const payload of Object.values(data as Record<string, unknown>)) {
    const errors = typeof payload === "object" && payload !== null ? (payload as { userErrors?: unknown }).userErrors : undefined;
    if (Array.isArray(errors)) count += errors.length;
  }
  return count;
}
