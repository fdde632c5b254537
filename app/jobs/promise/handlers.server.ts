/** The promise-publishing job handler, registered in app/jobs/runtime.server.ts. */
import type { JobServices } from "~/services/deps";
import { promisePublishWork, type PublishDeps } from "~/services/promise/publish.server";
import { PROMISE_PUBLISH_JOB } from "~/services/queue/promise";
import { isTerminalShopifyError } from "../terminal.server";
import type { JobHandler } from "../worker.server";

/** Publishes one shop's promise data (jobs of one shop never overlap: same group key). */
export function promisePublishJobHandler(services: JobServices, options: Pick<PublishDeps, "handlingSamples" | "deliveryHistory"> = {}): JobHandler {
  return { kind: PROMISE_PUBLISH_JOB, isTerminal: isTerminalShopifyError, ...promisePublishWork(services, options) };
}
