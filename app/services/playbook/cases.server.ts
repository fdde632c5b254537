/**
 * Cases as staff work them: open a case the rules cannot see (a damaged item, a customer
 * confused by a split order), and read where each case stands in its playbook.
 */
import { isManualCaseType, nextStep, describePlaybook, type ExceptionType, type ManualCaseType, type NextStep } from "~/domain/exceptions";
import { fail, failure, ok, type Result } from "~/domain/result";
import { caseActionsOf, shopPlaybooks } from "~/models/case-actions.server";
import { activeCaseOn, openCase, STAFF_SUBJECT_PREFIX, type ExceptionCaseRecord } from "~/models/exceptions.server";
import { addOrderEvent, findOrderByName } from "~/models/orders.server";
import type { JobServices } from "~/services/deps";
import { EXECUTABLE_ACTIONS } from "./request";

const WHY: Readonly<Record<ManualCaseType, string>> = {
  damaged: "Reported damaged",
  split_confusion: "The customer is confused by an order that ships in several parcels",
};

/** Opens a staff-reported case on an order (one open case per order and type). */
export async function openStaffCase(
  s: JobServices,
  shop: string,
  input: { orderName: string; type: string; note: string; actor: string },
): Promise<Result<ExceptionCaseRecord>> {
  if (!isManualCaseType(input.type)) return fail(failure("Staff can open a case for a damaged item or a confused split order."));
  const order = await findOrderByName(s.db, shop, input.orderName);
  if (!order) return fail(failure(`No order named ${input.orderName} is known to Dropline.`));
  const subjectId = `${STAFF_SUBJECT_PREFIX}${order.id}`;
  const existing = await activeCaseOn(s.db, shop, subjectId, input.type);
  if (existing) return fail(failure(`${order.name} already has an open ${input.type.replace(/_/g, " ")} case.`));
  const playbook = (await shopPlaybooks(s.db, shop))(input.type).playbook;
  const now = s.now();
  const opened = await openCase(
    s.db,
    shop,
    {
      subjectId,
      type: input.type,
      openedReason: `${WHY[input.type]}${input.note ? `: ${input.note}` : ""} (${input.actor})`,
      sinceMs: now.getTime(),
      suggestedActions: playbook.map((p) => p.action).filter((a) => a !== "wait"),
    },
    { orderId: order.id, orderName: order.name, supplierId: null },
    now,
  );
  await addOrderEvent(s.db, {
    shop,
    orderId: order.id,
    kind: "exception_opened",
    detail: `${input.type}: ${opened.openedReason}`,
    at: now,
    dedupeKey: `exception_opened:${opened.id}`,
  });
  return ok(opened);
}

export interface CaseProgress {
  readonly playbook: string;
  readonly next: NextStep;
  readonly history: readonly { action: string; status: string; actor: string; at: string; text: string }[];
}

/** Each case's playbook, its next step and what was done, for the exceptions page. */
export async function caseProgress(s: JobServices, shop: string, cases: readonly ExceptionCaseRecord[]): Promise<Map<string, CaseProgress>> {
  const playbooks = await shopPlaybooks(s.db, shop);
  const actions = await caseActionsOf(
    s.db,
    shop,
    cases.map((c) => c.id),
  );
  const now = s.now().getTime();
  return new Map(
    cases.map((c) => {
      const mine = actions.filter((a) => a.caseId === c.id);
      const done = mine.filter((a) => a.status === "done").map((a) => ({ action: a.action, atMs: (a.completedAt ?? a.requestedAt).getTime() }));
      const { playbook } = playbooks(c.type as ExceptionType);
      return [
        c.id,
        {
          playbook: describePlaybook(playbook),
          next: nextStep(playbook, done, c.openedAt.getTime(), now, EXECUTABLE_ACTIONS, c.sleepUntil?.getTime() ?? null),
          history: mine.map((a) => ({
            action: a.action,
            status: a.status,
            actor: a.actor,
            at: a.requestedAt.toISOString(),
            text: a.status === "done" ? (a.outcome ?? "") : a.status === "failed" ? (a.error ?? "") : a.confirmation,
          })),
        },
      ];
    }),
  );
}
