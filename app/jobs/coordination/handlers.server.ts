/** Every coordination job handler, for the runtime to register: each binds a use case's work to its job kind and retry rule. */
import type { JobServices } from "~/services/deps";
import type { JobHandler } from "../worker.server";
import { isTerminalShopifyError } from "../terminal.server";
import { ladderActionWork } from "~/services/coordination/actions.server";
import { deliverWork } from "~/services/coordination/deliver.server";
import { MailNotConfiguredError } from "~/services/coordination/mail.server";
import { DELIVER_PO_JOB, LADDER_ACTION_JOB, LADDER_TIMER_JOB, SUBMIT_REQUESTS_JOB, SYNC_ASSIGNED_JOB, syncSweepJob } from "~/services/queue/coordination";
import { TerminalJobError } from "~/services/queue/errors";
import { ladderTimerWork } from "~/services/coordination/ladder.server";
import type { CoordinationServices } from "~/services/coordination/services.server";
import { submitRequestsWork, syncAssignedWork } from "~/services/coordination/submit.server";
import { RECONCILE_ANSWER_JOB, reconcileAnswerWork } from "~/services/coordination/answers.server";
import { CONFIRM_ACCEPTANCE_JOB, confirmAcceptanceWork } from "~/services/coordination/acceptance.server";
import { RECONCILE_FO_JOB, reconcileFulfillmentOrdersJob, reconcileFulfillmentOrdersWork } from "~/services/coordination/reconcile.server";

/** Submits every fulfillment order of the order that waits, unsubmitted, at a supplier's location. */
export function submitRequestsJobHandler(s: CoordinationServices): JobHandler {
  return { kind: SUBMIT_REQUESTS_JOB, isTerminal: isTerminalShopifyError, ...submitRequestsWork(s) };
}

export function syncAssignedJobHandler(s: CoordinationServices): JobHandler {
  return { kind: SYNC_ASSIGNED_JOB, isTerminal: isTerminalShopifyError, ...syncAssignedWork(s) };
}

export function deliverJobHandler(s: CoordinationServices): JobHandler {
  return {
    kind: DELIVER_PO_JOB,
    // Retrying cannot fix missing configuration; the merchant fixes it and resends from the admin.
    isTerminal: (error) => error instanceof TerminalJobError || error instanceof MailNotConfiguredError,
    ...deliverWork(s),
  };
}

/** Applies a request or cancellation answer Shopify shows and our purchase order does not. */
export function reconcileAnswerJobHandler(s: CoordinationServices): JobHandler {
  return { kind: RECONCILE_ANSWER_JOB, ...reconcileAnswerWork(s) };
}

/** Finishes an acceptance whose answer from Shopify was lost (reads Shopify before accepting again). */
export function confirmAcceptanceJobHandler(s: CoordinationServices): JobHandler {
  return { kind: CONFIRM_ACCEPTANCE_JOB, isTerminal: isTerminalShopifyError, ...confirmAcceptanceWork(s) };
}

/** Reads every fulfillment order at the suppliers' locations and repairs drift from our purchase orders. */
export function reconcileFulfillmentOrdersJobHandler(s: CoordinationServices): JobHandler {
  return { kind: RECONCILE_FO_JOB, isTerminal: isTerminalShopifyError, ...reconcileFulfillmentOrdersWork(s) };
}

/** A ladder timer came due. */
export function ladderTimerJobHandler(s: CoordinationServices): JobHandler {
  return { kind: LADDER_TIMER_JOB, ...ladderTimerWork(s) };
}

export function ladderActionJobHandler(s: CoordinationServices): JobHandler {
  return { kind: LADDER_ACTION_JOB, isTerminal: isTerminalShopifyError, ...ladderActionWork(s) };
}

export function coordinationJobHandlers(s: CoordinationServices): JobHandler[] {
  return [
    submitRequestsJobHandler(s),
    syncAssignedJobHandler(s),
    deliverJobHandler(s),
    ladderTimerJobHandler(s),
    ladderActionJobHandler(s),
    reconcileAnswerJobHandler(s),
    confirmAcceptanceJobHandler(s),
    reconcileFulfillmentOrdersJobHandler(s),
  ];
}

/** The periodic sync for a shop (deduplicated per time slot). */
export async function scheduleCoordinationTimers(services: JobServices, shop: string): Promise<void> {
  await services.queue.enqueue(syncSweepJob(shop, services.now()));
  await services.queue.enqueue(reconcileFulfillmentOrdersJob(shop, services.now()));
}
