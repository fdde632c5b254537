import type { Clock } from "~/domain/clock";
import type { PrismaClient } from "@prisma/client";
import { z } from "zod";
import { ERASED_PAYLOAD } from "~/models/inbox.server";
import { isShopActive, isShopErased } from "~/models/shop.server";
import { UserErrorsFailure } from "~/shopify/errors";
import { isWebhookTopic, type WebhookTopic } from "~/shopify/topics";
import { parseWebhookPayload, type PayloadFor } from "~/shopify/webhooks/payloads";
import { TerminalJobError } from "~/services/queue/errors";
import { WEBHOOK_JOB_KIND } from "./inbox.server";
import type { ClaimedJob } from "~/services/queue/job-queue";
import type { TopicContext, TopicHandler, TopicHandlers } from "./topics/context";
import { RUNS_AFTER_UNINSTALL, TOPIC_HANDLERS } from "./topics/index.server";
import type { JobServices } from "~/services/deps";
import type { JobHandler } from "./worker.server";

const WebhookJobPayload = z.object({ webhookEventId: z.string() });

export interface WebhookJobDeps {
  readonly db: PrismaClient;
  readonly now?: Clock;
  readonly handlers?: TopicHandlers;
  /** Needed by topics that enqueue follow-up work or call Shopify (routing). */
  readonly services?: Pick<JobServices, "queue" | "adminFor"> & Partial<Pick<JobServices, "now">>;
}

function missing(what: string): never {
  throw new TerminalJobError(`This worker was started without ${what}`);
}

/** Runs a stored webhook event through its topic handler. */
export function webhookJobHandler(deps: WebhookJobDeps): JobHandler {
  const handlers = deps.handlers ?? TOPIC_HANDLERS;
  const now = deps.now ?? deps.services?.now ?? (() => new Date());
  return {
    kind: WEBHOOK_JOB_KIND,
    isTerminal: (error) => error instanceof TerminalJobError || error instanceof UserErrorsFailure,
    async perform(job: ClaimedJob) {
      const { webhookEventId } = WebhookJobPayload.parse(job.payload);
      const event = await deps.db.webhookEvent.findUnique({ where: { id: webhookEventId } });
      if (!event) return; // erased by shop/redact after it was queued
      if (!isWebhookTopic(event.topic)) throw new TerminalJobError(`Unknown topic ${event.topic}`);
      // A late delivery for a shop shop/redact erased: acknowledged, dropped, and its payload (customer
      // data the erase already removed) not kept. The event row stays so a re-delivery is a duplicate.
      // (shop/redact itself runs again: erasing is idempotent, and rows written since are erased too.)
      if (event.topic !== "shop/redact" && (await isShopErased(deps.db, event.shop))) {
        await deps.db.webhookEvent.updateMany({ where: { id: event.id }, data: { payload: ERASED_PAYLOAD } });
        return;
      }
      if (!RUNS_AFTER_UNINSTALL.has(event.topic) && !(await isShopActive(deps.db, event.shop))) return;
      const parsed = parseWebhookPayload(event.topic, event.payload);
      if (!parsed.ok) throw new TerminalJobError(parsed.failure.message);
      const handler = handlers[event.topic] as TopicHandler<WebhookTopic> | undefined;
      // Every subscribed topic has a handler (TOPIC_HANDLERS); a stored event without one is a dead letter, never a silent drop.
      if (!handler) throw new TerminalJobError(`No handler for topic ${event.topic}`);
      const ctx: TopicContext = {
        db: deps.db,
        shop: event.shop,
        inboxId: event.id,
        eventId: event.eventId,
        jobId: job.id,
        triggeredAt: event.triggeredAt,
        now: now(),
        enqueue: (next) => (deps.services?.queue ?? missing("a job queue")).enqueue(next),
        admin: () => (deps.services?.adminFor ?? missing("Admin API access"))(event.shop),
      };
      await handler(ctx, parsed.value as PayloadFor<WebhookTopic>);
    },
  };
}
