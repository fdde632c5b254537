/**
 * The playbook's audit trail and settings: one CaseAction row per action staff asked for on a
 * case (who, when, what they confirmed, the Shopify ids it produced), and the shop's playbooks.
 */
import type { CaseAction, Prisma, PrismaClient } from "@prisma/client";
import { playbookFor, type ExceptionType, type Playbook, type PlaybookAction } from "~/domain/exceptions";

type Db = PrismaClient | Prisma.TransactionClient;

export type CaseActionStatus = "requested" | "done" | "failed";

export interface CaseActionRecord extends Omit<CaseAction, "action" | "status" | "params" | "shopifyIds"> {
  readonly action: PlaybookAction;
  readonly status: CaseActionStatus;
  readonly params: Record<string, unknown>;
  readonly shopifyIds: string[];
}

const toRecord = (row: CaseAction): CaseActionRecord => ({
  ...row,
  action: row.action as PlaybookAction,
  status: row.status as CaseActionStatus,
  params: JSON.parse(row.params) as Record<string, unknown>,
  shopifyIds: row.shopifyIds ? (JSON.parse(row.shopifyIds) as string[]) : [],
});

export interface NewCaseAction {
  readonly caseId: string;
  readonly orderId: string | null;
  readonly action: PlaybookAction;
  readonly attempt: number;
  readonly actor: string;
  readonly confirmation: string;
  readonly params: Record<string, unknown>;
}

export const caseActionKey = (a: Pick<NewCaseAction, "caseId" | "action" | "attempt">): string => `${a.caseId}:${a.action}:${a.attempt}`;

/** Records the request; null when a request with the same key exists (a double click, an overlapping bulk run). */
export async function insertCaseAction(db: Db, shop: string, a: NewCaseAction, at: Date): Promise<CaseActionRecord | null> {
  try {
    const row = await db.caseAction.create({
      data: { shop, ...a, key: caseActionKey(a), params: JSON.stringify(a.params), requestedAt: at },
    });
    return toRecord(row);
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") return null;
    throw error;
  }
}

export async function getCaseAction(db: Db, shop: string, id: string): Promise<CaseActionRecord | null> {
  const row = await db.caseAction.findFirst({ where: { shop, id } });
  return row ? toRecord(row) : null;
}

export async function findCaseActionByKey(db: Db, shop: string, key: string): Promise<CaseActionRecord | null> {
  const row = await db.caseAction.findUnique({ where: { shop_key: { shop, key } } });
  return row ? toRecord(row) : null;
}

/** The newest request of `action` on a case, if any. */
export async function latestCaseAction(db: Db, shop: string, caseId: string, action: PlaybookAction): Promise<CaseActionRecord | null> {
  const row = await db.caseAction.findFirst({ where: { shop, caseId, action }, orderBy: { attempt: "desc" } });
  return row ? toRecord(row) : null;
}

/** Every action of these cases, oldest first. */
export async function caseActionsOf(db: Db, shop: string, caseIds: readonly string[]): Promise<CaseActionRecord[]> {
  const rows = await db.caseAction.findMany({ where: { shop, caseId: { in: [...caseIds] } }, orderBy: { requestedAt: "asc" } });
  return rows.map(toRecord);
}

export async function finishCaseAction(
  db: Db,
  shop: string,
  id: string,
  outcome: { status: "done"; text: string; shopifyIds: readonly string[] } | { status: "failed"; error: string },
  at: Date,
): Promise<void> {
  await db.caseAction.updateMany({
    where: { shop, id, status: "requested" },
    data:
      outcome.status === "done"
        ? { status: "done", outcome: outcome.text, shopifyIds: JSON.stringify(outcome.shopifyIds), completedAt: at }
        : { status: "failed", error: outcome.error.slice(0, 2000), completedAt: at },
  });
}

/** The shop's playbook for each type (defaults where none is saved). */
export async function shopPlaybooks(db: Db, shop: string): Promise<(type: ExceptionType) => { playbook: Playbook; custom: boolean }> {
  const rows = await db.casePlaybook.findMany({ where: { shop } });
  const saved = new Map(rows.map((r) => [r.caseType, JSON.parse(r.steps) as unknown]));
  return (type) => ({ playbook: playbookFor(type, saved.get(type)), custom: saved.has(type) });
}

export async function savePlaybook(db: Db, shop: string, type: ExceptionType, playbook: Playbook, by: string): Promise<void> {
  const steps = JSON.stringify(playbook);
  await db.casePlaybook.upsert({
    where: { shop_caseType: { shop, caseType: type } },
    create: { shop, caseType: type, steps, updatedBy: by },
    update: { steps, updatedBy: by },
  });
}

export async function resetPlaybook(db: Db, shop: string, type: ExceptionType): Promise<void> {
  await db.casePlaybook.deleteMany({ where: { shop, caseType: type } });
}
