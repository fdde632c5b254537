/**
 * Staff ask for a playbook action on one case or many: each case gets its confirmation, a
 * CaseAction row keyed <case>:<action>:<attempt> and a job. Asking again while a request is in
 * flight or done (a double click, a bulk run over a case just acted on) finds the row and adds
 * nothing; a new attempt is made only after a failure (or, for a reminder or a wait, once the
 * last one finished).
 */
import type { PlaybookAction } from "~/domain/exceptions";
import { caseActionKey, findCaseActionByKey, insertCaseAction, latestCaseAction } from "~/models/case-actions.server";
import type { JobServices } from "~/services/deps";
import { caseActionJob } from "~/services/queue/playbook";
import { previewAction, type Preview } from "./preview.server";
import { EXECUTABLE_ACTIONS, REPEATABLE_ACTIONS, type ActionRequest } from "./request";

export type CaseRequestOutcome =
  | { readonly caseId: string; readonly status: "requested"; readonly confirmation: string; readonly actionId: string }
  | { readonly caseId: string; readonly status: "already"; readonly message: string }
  | { readonly caseId: string; readonly status: "refused"; readonly message: string };

/** The attempt a new request takes, or the existing request it duplicates. */
async function nextAttempt(s: JobServices, shop: string, caseId: string, action: PlaybookAction): Promise<{ attempt: number } | { duplicate: string }> {
  const last = await latestCaseAction(s.db, shop, caseId, action);
  if (!last) return { attempt: 1 };
  if (last.status === "failed") return { attempt: last.attempt + 1 };
  if (last.status === "done" && REPEATABLE_ACTIONS.has(action)) return { attempt: last.attempt + 1 };
  return { duplicate: last.status === "done" ? `Already done: ${last.outcome ?? action}` : "Already requested; it is being carried out." };
}

/** The confirmations staff read before they confirm (no side effects). */
export async function previewActions(s: JobServices, shop: string, caseIds: readonly string[], request: ActionRequest) {
  return Promise.all(caseIds.map(async (caseId) => ({ caseId, preview: await previewAction(s, shop, caseId, request) })));
}

export async function requestCaseActions(
  s: JobServices,
  shop: string,
  actor: string,
  caseIds: readonly string[],
  request: ActionRequest,
): Promise<CaseRequestOutcome[]> {
  if (!EXECUTABLE_ACTIONS.has(request.action))
    return caseIds.map((caseId) => ({ caseId, status: "refused", message: `${request.action} is not available yet.` }));
  const outcomes: CaseRequestOutcome[] = [];
  for (const caseId of new Set(caseIds)) {
    const next = await nextAttempt(s, shop, caseId, request.action);
    if ("duplicate" in next) {
      outcomes.push({ caseId, status: "already", message: next.duplicate });
      continue;
    }
    const preview = await previewAction(s, shop, caseId, request);
    if (!preview.ok) {
      outcomes.push({ caseId, status: "refused", message: preview.failure.message });
      continue;
    }
    outcomes.push(await record(s, shop, actor, request, preview.value, next.attempt));
  }
  return outcomes;
}

async function record(s: JobServices, shop: string, actor: string, request: ActionRequest, p: Preview, attempt: number): Promise<CaseRequestOutcome> {
  const row = {
    caseId: p.caseId,
    orderId: p.orderId,
    action: request.action,
    attempt,
    actor,
    confirmation: p.confirmation,
    params: { ...request, ...p.params },
  };
  const inserted = await insertCaseAction(s.db, shop, row, s.now());
  // Someone else's request with the same key won the race: theirs is the one carried out.
  const action = inserted ?? (await findCaseActionByKey(s.db, shop, caseActionKey(row)));
  if (!inserted || !action) return { caseId: p.caseId, status: "already", message: "Already requested; it is being carried out." };
  await s.queue.enqueue(caseActionJob(shop, action.id, action.key, p.orderId));
  return { caseId: p.caseId, status: "requested", confirmation: p.confirmation, actionId: action.id };
}
