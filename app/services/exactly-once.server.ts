/**
 * Exactly once against Shopify. Every mutation a customer can notice (a fulfillment and its
 * tracking email, a fulfillment event, a refund, a replacement order, a cancellation, an email we
 * send) is recorded as an intent with a key BEFORE the call. A later attempt with the same key —
 * a job retry, a re-run after the worker died, a double click — never calls blindly again:
 *
 *   done     → the stored result is returned; nothing is sent.
 *   pending  → an earlier attempt may have reached Shopify (its answer was lost, or we crashed
 *              before the local write): `recover` reads Shopify's state for that effect first
 *              (e.g. the fulfillment order's fulfillments with this tracking number) and only if
 *              nothing is found is the mutation performed again.
 *   failed   → Shopify refused it (userErrors): nothing happened; the failure is returned again
 *              unless the caller asks for a new attempt with a new key.
 *
 * The Admin client does not retry a mutation whose answer was lost (client.server.ts), so this is
 * the one place that decides whether a mutation is repeated.
 */
import { jobAborted, throwIfJobAborted } from "./queue/job-scope";
import type { PrismaClient } from "@prisma/client";
import type { Clock } from "~/domain/clock";
import { UserErrorsFailure } from "~/shopify/errors";

export interface IntentSpec {
  readonly shop: string;
  /** Stable for the effect, e.g. `refund:<caseId>` or `fulfillment:<shipmentId>`. */
  readonly key: string;
  /** fulfillment | fulfillment_event | refund | replacement_order | order_cancel | email | … */
  readonly kind: string;
  /** What is about to be sent, kept for the audit trail (JSON-serialisable). */
  readonly request: unknown;
}

export interface IntentSteps<R> {
  /** Looks for the effect of an earlier attempt (in Shopify, or the mail log); null when there is none. */
  readonly recover: () => Promise<R | null>;
  /** Performs the mutation (once). */
  readonly perform: () => Promise<R>;
}

export type IntentOutcome<R> =
  | { readonly status: "done"; readonly result: R; readonly performed: boolean; readonly recovered: boolean }
  | { readonly status: "failed"; readonly error: string };

/** Refused by the other side with a reason: nothing happened, so the intent is "failed", not "pending". */
export class RefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RefusedError";
  }
}

/** Another attempt for the same key is under way; retry later (it will be done, or recovered). */
export class IntentBusyError extends Error {
  constructor(key: string) {
    super(`Another attempt for ${key} is under way; try again shortly`);
    this.name = "IntentBusyError";
  }
}

/** How long one attempt may hold its intent before a crashed holder is presumed gone. */
const LEASE_MS = 120_000;

const isRefusal = (error: unknown): error is Error => error instanceof UserErrorsFailure || error instanceof RefusedError;

/**
 * Runs `steps` for the intent `spec` at most once in effect. Throws (leaving the intent pending)
 * when the outcome is unknown — a network error, a crash — so the job is retried and recovers.
 */
export async function performOnce<R>(db: PrismaClient, now: Clock, spec: IntentSpec, steps: IntentSteps<R>): Promise<IntentOutcome<R>> {
  const where = { shop_key: { shop: spec.shop, key: spec.key } };
  const existing =
    (await db.mutationIntent.findUnique({ where })) ??
    (await db.mutationIntent.upsert({
      where,
      create: { shop: spec.shop, key: spec.key, kind: spec.kind, request: JSON.stringify(spec.request ?? null) },
      update: {},
    }));
  if (existing.status === "done") return { status: "done", result: JSON.parse(existing.result ?? "null") as R, performed: false, recovered: false };
  if (existing.status === "failed") return { status: "failed", error: existing.error ?? "refused" };

  // A job whose lease was lost stops here: another worker runs it (and recovers first).
  throwIfJobAborted();
  // Claimed atomically: of two attempts racing for the same key, one waits (and then recovers).
  const claimed = await db.mutationIntent.updateMany({
    where: { shop: spec.shop, key: spec.key, status: "pending", OR: [{ leaseUntil: null }, { leaseUntil: { lt: now() } }] },
    data: { leaseUntil: new Date(now().getTime() + LEASE_MS) },
  });
  if (claimed.count === 0) throw new IntentBusyError(spec.key);
  // Read again under the lease: an attempt that ended between the first read and the claim counts.
  const held = await db.mutationIntent.findUniqueOrThrow({ where });
  if (held.attempts > 0) {
    const found = await steps.recover();
    if (found !== null) {
      await complete(db, now, spec, found);
      return { status: "done", result: found, performed: false, recovered: true };
    }
  }
  if (jobAborted()) {
    await db.mutationIntent.update({ where, data: { leaseUntil: null } });
    throwIfJobAborted();
  }
  // Counted before the call: if we die during it, the next attempt knows to look first.
  await db.mutationIntent.update({ where, data: { attempts: { increment: 1 } } });
  let result: R;
  try {
    result = await steps.perform();
  } catch (error) {
    if (isRefusal(error)) {
      await db.mutationIntent.update({ where, data: { status: "failed", error: error.message.slice(0, 2000), completedAt: now(), leaseUntil: null } });
      return { status: "failed", error: error.message };
    }
    // Outcome unknown: stays pending (the next attempt recovers first); the lease is let go.
    await db.mutationIntent.update({ where, data: { leaseUntil: null } });
    throw error;
  }
  await complete(db, now, spec, result);
  return { status: "done", result, performed: true, recovered: false };
}

async function complete(db: PrismaClient, now: Clock, spec: IntentSpec, result: unknown): Promise<void> {
  await db.mutationIntent.update({
    where: { shop_key: { shop: spec.shop, key: spec.key } },
    data: { status: "done", result: JSON.stringify(result ?? null), completedAt: now(), error: null, leaseUntil: null },
  });
}

/** The recorded intent, for audit views and tests. */
export async function findIntent(db: PrismaClient, shop: string, key: string) {
  return db.mutationIntent.findUnique({ where: { shop_key: { shop, key } } });
}
