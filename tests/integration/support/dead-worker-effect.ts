/**
 * The job of pg-boss-dead-worker.test.ts: its effect is a POST to a receiver the test runs (an
 * outside system, like a supplier's webhook), made through performOnce so that a re-run after a
 * crash looks for the effect before making it again.
 */
import type { PrismaClient } from "@prisma/client";
import type { JobHandler } from "../../../app/jobs/worker.server";
import { performOnce } from "../../../app/services/exactly-once.server";

export const EFFECT_KIND = "test.dead-worker-effect";

/** `afterEffect` runs once the effect is applied (the dying worker hangs there, holding the job). */
export function effectHandler(db: PrismaClient, receiverUrl: string, afterEffect: (jobId: string) => Promise<void>): JobHandler {
  return {
    kind: EFFECT_KIND,
    async perform(job) {
      const key = `effect:${job.dedupeKey}`;
      const url = `${receiverUrl}/effects/${encodeURIComponent(key)}`;
      const outcome = await performOnce(
        db,
        () => new Date(),
        { shop: job.shop, key, kind: "test_effect", request: { jobId: job.id } },
        {
          recover: async () => ((await fetch(url)).status === 200 ? { sent: true } : null),
          perform: async () => {
            const res = await fetch(url, { method: "POST" });
            if (!res.ok) throw new Error(`receiver answered ${res.status}`);
            return { sent: true };
          },
        },
      );
      if (outcome.status !== "done") throw new Error(`effect not applied: ${outcome.error}`);
      await afterEffect(job.id);
    },
  };
}
