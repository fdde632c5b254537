/** The address-check job handlers (#17 item 3), registered in app/jobs/runtime.server.ts. */
import { addressRecheckWork, addressSweepWork } from "~/services/address/recheck.server";
import type { JobServices } from "~/services/deps";
import { ADDRESS_RECHECK_JOB, ADDRESS_SWEEP_JOB, addressSweepJob } from "~/services/queue/address";
import { isTerminalShopifyError } from "../terminal.server";
import type { JobHandler } from "../worker.server";

/** Checks a held order's address again; releases the hold and routes the order when it passes. */
export function addressRecheckJobHandler(services: JobServices): JobHandler {
  return { kind: ADDRESS_RECHECK_JOB, isTerminal: isTerminalShopifyError, ...addressRecheckWork(services) };
}

/** Queues a re-check of every order held for its address. */
export function addressSweepJobHandler(services: JobServices): JobHandler {
  return { kind: ADDRESS_SWEEP_JOB, ...addressSweepWork(services) };
}

export function addressJobHandlers(services: JobServices): JobHandler[] {
  return [addressRecheckJobHandler(services), addressSweepJobHandler(services)];
}

/** The periodic re-check of one shop (deduplicated per time slot). */
export async function scheduleAddressTimers(services: JobServices, shop: string): Promise<void> {
  await services.queue.enqueue(addressSweepJob(shop, services.now()));
}
