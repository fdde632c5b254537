/**
 * The composition root: every service the app's use cases, job handlers and routes need, built
 * once per process (per thread: the web thread, a worker thread, `npm run worker`, a script or a
 * benchmark). Routes and handlers receive these; none constructs a queue, client or store of its
 * own. Tests build their own set with overrides (a manual clock, a fake mailer).
 */
import prisma from "~/db.server";
import { env, type Env } from "~/env.server";
import { coordinationServices, guardedSupplierPoster, type CoordinationServices } from "~/services/coordination/services.server";
import { PrismaJobQueue } from "~/jobs/prisma-queue.server";
import { adminClients, createOfflineTokens } from "~/shopify/admin.server";
import type { OfflineTokens } from "~/shopify/offline-tokens.server";

export interface AppServices extends CoordinationServices {
  /** The keeper of the shops' expiring offline tokens (one per thread). */
  readonly tokens: OfflineTokens;
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
    queue: overrides.queue ?? new PrismaJobQueue(db),
    adminFor: overrides.adminFor ?? adminClients(tokens, config.SHOPIFY_ADMIN_API_ORIGIN),
    now: overrides.now ?? (() => new Date()),
  };
  const postToSupplier = guardedSupplierPoster({ allowLoopback: config.DROPLINE_OUTBOUND_ALLOW_LOOPBACK === "1" });
  return { ...coordinationServices(base, { appUrl: config.SHOPIFY_APP_URL, postToSupplier, ...overrides }), tokens };
}

declare global {
  var __droplineServices: AppServices | undefined;
}

/** This process's (thread's) services, built on first use and kept across dev hot reloads. */
export function services(): AppServices {
  globalThis.__droplineServices ??= buildServices();
  return globalThis.__droplineServices;
}
