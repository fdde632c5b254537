/**
 * Exception cases: opened and closed by the sweep (app/services/tracking/exceptions.server.ts), worked
 * by staff from the exceptions queue (owner, chosen playbook action, resolution note).
 */
import type { ExceptionCase as CaseRow, Prisma, PrismaClient } from "@prisma/client";
import type { ExceptionCondition, ExceptionType, PlaybookAction } from "~/domain/exceptions";

/** Subjects of the cases staff open on an order ("order:<id>"): the sweep leaves these alone. */
export const STAFF_SUBJECT_PREFIX = "order:";

type Db = PrismaClient | Prisma.TransactionClient;

export type CaseStatus = "open" | "dismissed" | "closed";

export interface ExceptionCaseRecord extends Omit<CaseRow, "type" | "status" | "suggestedActions" | "action"> {
  readonly type: ExceptionType;
  readonly status: CaseStatus;
  readonly suggestedActions: PlaybookAction[];
  readonly action: PlaybookAction | null;
}

export function toCase(row: CaseRow): ExceptionCaseRecord {
  return {
    ...row,
    type: row.type as ExceptionType,
    status: row.status as CaseStatus,
    suggestedActions: JSON.parse(row.suggestedActions) as PlaybookAction[],
    action: row.action as PlaybookAction | null,
  };
}

/** Cases the sweep still owns: open ones, and ones staff set aside until the condition clears (not the ones staff opened). */
export async function activeCases(db: Db, shop: string): Promise<ExceptionCaseRecord[]> {
  const rows = await db.exceptionCase.findMany({
    where: { shop, status: { in: ["open", "dismissed"] }, NOT: { subjectId: { startsWith: STAFF_SUBJECT_PREFIX } } },
    orderBy: { openedAt: "asc" },
  });
  return rows.map(toCase);
}

export interface CaseContext {
  readonly orderId: string | null;
  readonly orderName: string | null;
  readonly supplierId: string | null;
}

export async function openCase(db: Db, shop: string, condition: ExceptionCondition, context: CaseContext, at: Date): Promise<ExceptionCaseRecord> {
  const row = await db.exceptionCase.create({
    data: {
      shop,
      subjectId: condition.subjectId,
      type: condition.type,
      ...context,
      openedReason: condition.openedReason,
      suggestedActions: JSON.stringify(condition.suggestedActions),
      openedAt: at,
    },
  });
  return toCase(row);
}

export async function closeCase(db: Db, shop: string, id: string, closedReason: string, at: Date): Promise<void> {
  await db.exceptionCase.updateMany({ where: { shop, id, status: { not: "closed" } }, data: { status: "closed", closedReason, closedAt: at } });
}

export interface CaseFilter {
  readonly status?: CaseStatus | "active";
  readonly type?: ExceptionType;
  readonly supplierId?: string;
  /** Only cases opened at least this long ago. */
  readonly olderThanMs?: number;
}

export async function listCases(db: Db, shop: string, filter: CaseFilter, now: Date, take = 200): Promise<ExceptionCaseRecord[]> {
  const status = filter.status ?? "active";
  const rows = await db.exceptionCase.findMany({
    where: {
      shop,
      status: status === "active" ? { in: ["open", "dismissed"] } : status,
      ...(filter.type ? { type: filter.type } : {}),
      ...(filter.supplierId ? { supplierId: filter.supplierId } : {}),
      ...(filter.olderThanMs ? { openedAt: { lte: new Date(now.getTime() - filter.olderThanMs) } } : {}),
    },
    orderBy: { openedAt: "asc" },
    take,
  });
  return rows.map(toCase);
}

/** Staff work on cases in bulk: assign, choose the playbook action, note, set aside. */
export interface CaseUpdate {
  readonly owner?: string | null;
  readonly action?: PlaybookAction | null;
  readonly resolutionNote?: string | null;
  readonly dismiss?: boolean;
}

export async function updateCases(db: Db, shop: string, ids: readonly string[], update: CaseUpdate): Promise<number> {
  const { count } = await db.exceptionCase.updateMany({
    where: { shop, id: { in: [...ids] }, status: { not: "closed" } },
    data: {
      ...(update.owner !== undefined ? { owner: update.owner } : {}),
      ...(update.action !== undefined ? { action: update.action } : {}),
      ...(update.resolutionNote !== undefined ? { resolutionNote: update.resolutionNote } : {}),
      ...(update.dismiss ? { status: "dismissed" } : {}),
    },
  });
  return count;
}

/** One case of the shop. */
export async function getCase(db: Db, shop: string, id: string): Promise<ExceptionCaseRecord | null> {
  const row = await db.exceptionCase.findFirst({ where: { shop, id } });
  return row ? toCase(row) : null;
}

/** After a playbook action: remember it, set the case aside (or close a staff-opened one), or let it sleep. */
export async function markCaseActed(
  db: Db,
  shop: string,
  id: string,
  change: { action: PlaybookAction; resolve?: "dismiss" | "close"; closedReason?: string; sleepUntil?: Date | null },
  at: Date,
): Promise<void> {
  await db.exceptionCase.updateMany({
    where: { shop, id, status: { not: "closed" } },
    data: {
      action: change.action,
      ...(change.sleepUntil !== undefined ? { sleepUntil: change.sleepUntil } : {}),
      ...(change.resolve === "dismiss" ? { status: "dismissed" } : {}),
      ...(change.resolve === "close" ? { status: "closed", closedAt: at, closedReason: change.closedReason ?? "Handled by staff" } : {}),
    },
  });
}

/** The case of this type still open (or set aside) on a subject, if any. */
export async function activeCaseOn(db: Db, shop: string, subjectId: string, type: ExceptionType): Promise<ExceptionCaseRecord | null> {
  const row = await db.exceptionCase.findFirst({ where: { shop, subjectId, type, status: { not: "closed" } } });
  return row ? toCase(row) : null;
}

/** The order name of each case (for messages about many cases at once). */
export async function caseOrderNames(db: Db, shop: string, ids: readonly string[]): Promise<Map<string, string>> {
  const rows = await db.exceptionCase.findMany({ where: { shop, id: { in: [...ids] } }, select: { id: true, orderName: true } });
  return new Map(rows.map((c) => [c.id, c.orderName ?? c.id]));
}
