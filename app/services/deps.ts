import type { Clock } from "~/domain/clock";
import type { PrismaClient } from "@prisma/client";
import type { AdminClient } from "~/shopify/client.server";
import type { JobQueue } from "./queue/job-queue";

/** What a use case may use (and the job handler that runs it): the database, the queue, the Admin API for a shop, and the clock. */
export interface JobServices {
  readonly db: PrismaClient;
  readonly queue: JobQueue;
  readonly adminFor: (shop: string) => Promise<AdminClient>;
  readonly now: Clock;
}
