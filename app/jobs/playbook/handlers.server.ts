/** The playbook job handler, registered in app/jobs/runtime.server.ts. */
import type { CoordinationServices } from "~/services/coordination/services.server";
import { caseActionWork } from "~/services/playbook/execute.server";
import { CASE_ACTION_JOB } from "~/services/queue/playbook";
import type { JobHandler } from "../worker.server";

/** Carries out a playbook action staff confirmed on an exception case. */
export function playbookJobHandlers(services: CoordinationServices): JobHandler[] {
  return [{ kind: CASE_ACTION_JOB, ...caseActionWork(services) }];
}
