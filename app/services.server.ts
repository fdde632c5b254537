/**
 * The composition root: every service the app's use cases, job handlers and routes need, built
 * once per process (per thread: the web thread, a worker thread, `npm run worker`, a script or a
 * benchmark). Routes and handlers receive these; none constructs a queue, client or store of its
 * own. Tests build their own set with overrides (a manual clock, a fake mailer).
 */
import { mailerFromEnv, type Mailer } from "~/services/coordination/mail.server";
import prisma from "~/db.server";
import { env, type Env } from "~/env.server";
import { coordinationServices, guardedSupplierPoster, type CoordinationServices } from "~/services/coordination/services.server";
import { createJobQueue, shopMaxRunning } from "~/jobs/queue-factory.server";
import { providerOf } from "~/db-client.server";
import { databaseBucketStore } from "~/models/admin-api-budget.server";
import { adminClients, createOfflineTokens } from "~/shopify/admin.server";
import { throwIfJobAborted, unlessJobAborted } from "~/services/queue/job-scope";
import type { OfflineTokens } from "~/shopify/offline-tokens.server";
import { memoryRateLimitStore, publicLimiter, type PublicLimiter } from "~/services/security/rate-limit.server";

/** Body size limits (bytes), from the environment (app/env.server.ts documents each). */
export interface BodyLimits {
  /** Portal, supplier API, /carrier-events, fulfillment-service callback. */
  readonly request: number;
  readonly webhook: number;
  /** Stock feeds: pushed, uploaded or pulled. */
  readonly feed: number;
  /** Admin CSV uploads (offers, tracking, carrier events). */
  readonly upload: number;
}

export interface AppServices extends CoordinationServices {
  /** The keeper of the shops' expiring offline tokens (one per thread). */
  readonly tokens: OfflineTokens;
  /** Per-address and per-credential limits of the public endpoints (in memory, per process). */
  readonly publicLimiter: PublicLimiter;
  readonly bodyLimits: BodyLimits;
}

/**
 * Builds the services from the configuration (this process's environment unless a script passes
 * its own); anything given in `overrides` is used instead.
 */
export function buildServices(overrides: Partial<AppServices> = {}, config: Env = env()): AppServices {
  const db = overrides.db ?? prisma;
  const tokens = overrides.tokens ?? createOfflineTokens(db, config);
  const base = {
    db,
    // pg-boss on PostgreSQL, the Job table on SQLite (app/jobs/queue-factory.server.ts).
    queue:
      overrides.queue ?? createJobQueue(db, config.DATABASE_URL, config.DROPLINE_QUEUE, shopMaxRunning(config.DATABASE_URL, config.DROPLINE_SHOP_MAX_RUNNING)),
    // A job whose lease was lost (issue #16, finding 9) sends no mutation: see app/services/queue/job-scope.ts.
    // On PostgreSQL (many processes) each shop's Admin API bucket is shared through the database.
    adminFor:
      overrides.adminFor ??
      adminClients(tokens, config.SHOPIFY_ADMIN_API_ORIGIN, {
        beforeMutation: () => throwIfJobAborted(),
        ...(providerOf(config.DATABASE_URL) === "postgresql" ? { sharedBuckets: databaseBucketStore(db) } : {}),
      }),
    now: overrides.now ?? (() => new Date()),
  };
  // Like a mutation, no email and no supplier webhook leaves for a job whose lease was lost (issue 16, finding 9).
  const postToSupplier = unlessJobAborted(
    overrides.postToSupplier ?? guardedSupplierPoster({ allowLoopback: config.DROPLINE_OUTBOUND_ALLOW_LOOPBACK === "1" }),
  );
  const limiter =
    overrides.publicLimiter ??
    publicLimiter(
      memoryRateLimitStore({ ipPerMinute: config.DROPLINE_RATE_LIMIT_IP_PER_MINUTE, credentialPerMinute: config.DROPLINE_RATE_LIMIT_TOKEN_PER_MINUTE }),
      { clientIpHeader: config.DROPLINE_CLIENT_IP_HEADER },
    );
  const bodyLimits = overrides.bodyLimits ?? {
    request: config.DROPLINE_MAX_REQUEST_BYTES,
    webhook: config.DROPLINE_MAX_WEBHOOK_BYTES,
    feed: config.DROPLINE_MAX_FEED_BYTES,
    upload: config.DROPLINE_MAX_UPLOAD_BYTES,
  };
  // Mail from the configuration given (a script's, e.g. the demo's local SMTP sink), not this process's.
  const innerMailer = overrides.mailer ?? mailerFromEnv({ SMTP_URL: config.SMTP_URL, DROPLINE_MAIL_FROM: config.DROPLINE_MAIL_FROM });
  const mailer: Mailer = { send: unlessJobAborted((message) => innerMailer.send(message)) };
  return {
    ...coordinationServices(base, {
      appUrl: config.SHOPIFY_APP_URL,
      portalLinks: { ttlDays: config.DROPLINE_PORTAL_LINK_TTL_DAYS, daysAfterShipBy: config.DROPLINE_PO_LINK_DAYS_AFTER_SHIP_BY },
      supplierPoVisibilityDays: config.DROPLINE_SUPPLIER_PO_VISIBILITY_DAYS,
      ...overrides,
      postToSupplier,
      mailer,
    }),
    tokens,
    publicLimiter: limiter,
    bodyLimits,
  };
}

declare global {
  var __droplineServices: AppServices | undefined;
}

/** This process's (thread's) services, built on first use and kept across dev hot reloads. */
export function services(): AppServices {
  globalThis.__droplineServices ??= buildServices();
  return globalThis.__droplineServices;
}
