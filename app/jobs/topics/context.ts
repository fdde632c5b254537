import type { PrismaClient } from "@prisma/client";
import type { AdminClient } from "~/shopify/client.server";
import type { NewJob } from "~/services/queue/job-queue";
import type { PayloadFor } from "~/shopify/webhooks/payloads";
import type { WebhookTopic } from "~/shopify/topics";

export interface TopicContext {
  readonly db: PrismaClient;
  readonly shop: string;
  /** Our inbox row id and Shopify's event id: handlers key their effects on these. */
  readonly inboxId: string;
  readonly eventId: string;
  readonly jobId: string;
  /** When Shopify says the event happened (X-Shopify-Triggered-At), null when it did not say. */
  readonly triggeredAt: Date | null;
  readonly now: Date;
  readonly enqueue: (job: NewJob) => Promise<{ id: string; created: boolean }>;
  readonly admin: () => Promise<AdminClient>;
}

export type TopicHandler<T extends WebhookTopic> = (ctx: TopicContext, payload: PayloadFor<T>) => Promise<void>;

export type TopicHandlers = { readonly [T in WebhookTopic]?: TopicHandler<T> };
