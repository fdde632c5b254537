/** Every coordination job handler, for the runtime to register. */
import type { JobServices } from "~/services/deps";
import type { JobHandler } from "../worker.server";
import { ladderActionJobHandler } from "~/services/coordination/actions.server";
import { deliverJobHandler } from "~/services/coordination/deliver.server";
import { syncSweepJob } from "~/services/queue/coordination";
import { ladderTimerJobHandler } from "~/services/coordination/ladder.server";
import type { CoordinationServices } from "~/services/coordination/services.server";
import { submitRequestsJobHandler, syncAssignedJobHandler } from "~/services/coordination/submit.server";

export function coordinationJobHandlers(s: CoordinationServices): JobHandler[] {
  return [submitRequestsJobHandler(s), syncAssignedJobHandler(s), deliverJobHandler(s), ladderTimerJobHandler(s), ladderActionJobHandler(s)];
}

/** The periodic sync for a shop (deduplicated per time slot). */
export async function scheduleCoordinationTimers(services: JobServices, shop: string): Promise<void> {
  await services.queue.enqueue(syncSweepJob(shop, services.now()));
}
