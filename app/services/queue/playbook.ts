/** The playbook job: carries out one CaseAction staff confirmed. */
import type { NewJob } from "./job-queue";

export const CASE_ACTION_JOB = "case_action";

/** One job per action key; actions on one order run one at a time (a bulk run and a single click never overlap). */
export function caseActionJob(shop: string, actionId: string, key: string, orderId: string | null): NewJob {
  return {
    shop,
    kind: CASE_ACTION_JOB,
    dedupeKey: `case_action:${shop}:${key}`,
    payload: { actionId },
    groupKey: orderId ? `order-actions:${shop}:${orderId}` : `case-actions:${shop}:${key}`,
    maxAttempts: 8,
  };
}
