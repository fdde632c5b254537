import type { PrismaClient } from "@prisma/client";
import {
  DEFAULT_ROUTING_POLICY,
  parseRoutingPolicy,
  readStoredDecision,
  type RoutingDecision,
  type RoutingPolicy,
  type RoutingRequest,
  type StoredRoutingDecision,
} from "~/domain/routing";
import { isValidTimeZone } from "~/domain/promise/time-zone";
import { storedShopTimeZone } from "./notices.server";

export type DecisionStatus = "applying" | "applied" | "failed";

export interface StoredDecision {
  readonly id: string;
  readonly orderId: string;
  readonly orderName: string;
  readonly version: number;
  readonly status: DecisionStatus;
  readonly outcome: string;
  /** In the format it was stored in (older decisions keep theirs; `explainDecision` reads both). */
  readonly decision: StoredRoutingDecision;
  readonly request: RoutingRequest;
  readonly lastError: string | null;
  readonly createdAt: Date;
  readonly appliedAt: Date | null;
}

function toStored(row: {
  id: string;
  orderId: string;
  orderName: string;
  version: number;
  status: string;
  outcome: string;
  decision: string;
  request: string;
  lastError: string | null;
  createdAt: Date;
  appliedAt: Date | null;
}): StoredDecision {
  return {
    ...row,
    status: row.status as DecisionStatus,
    decision: readStoredDecision(row.decision),
    request: JSON.parse(row.request) as RoutingRequest,
  };
}

/**
 * The shop's routing policy (the engine's defaults until the merchant saves one), dated in the
 * shop's own time zone: Shopify's, once the shop profile has been read (see `storedShopTimeZone`),
 * so routing, metrics, alerts, the review and customer notices all count the same days.
 */
export async function loadRoutingPolicy(db: PrismaClient, shop: string): Promise<RoutingPolicy> {
  const [row, zone] = await Promise.all([db.routingPolicy.findUnique({ where: { shop } }), storedShopTimeZone(db, shop)]);
  const policy = row ? parseRoutingPolicy(JSON.parse(row.policy)) : DEFAULT_ROUTING_POLICY;
  return zone && isValidTimeZone(zone) ? { ...policy, timeZone: zone } : policy;
}

/** Saves a validated policy (throws the zod error for an invalid one). */
export async function saveRoutingPolicy(db: PrismaClient, shop: string, input: unknown): Promise<RoutingPolicy> {
  const policy = parseRoutingPolicy(input);
  const json = JSON.stringify(policy);
  await db.routingPolicy.upsert({ where: { shop }, create: { shop, policy: json }, update: { policy: json } });
  return policy;
}

/** The newest decision for an order, if any. */
export async function latestDecision(db: PrismaClient, shop: string, orderId: string): Promise<StoredDecision | null> {
  const row = await db.routingDecision.findFirst({ where: { shop, orderId }, orderBy: { version: "desc" } });
  return row ? toStored(row) : null;
}

/** Every decision for an order, newest first (the order page shows the history). */
export async function decisionsForOrder(db: PrismaClient, shop: string, orderId: string): Promise<StoredDecision[]> {
  const rows = await db.routingDecision.findMany({ where: { shop, orderId }, orderBy: { version: "desc" } });
  return rows.map(toStored);
}

/** Stores a new decision as the order's next version. */
export async function recordDecision(
  db: PrismaClient,
  shop: string,
  orderName: string,
  decision: RoutingDecision,
  request: RoutingRequest,
  at?: Date,
): Promise<StoredDecision> {
  const previous = await db.routingDecision.findFirst({ where: { shop, orderId: decision.orderId }, orderBy: { version: "desc" }, select: { version: true } });
  const row = await db.routingDecision.create({
    data: {
      shop,
      orderId: decision.orderId,
      orderName,
      version: (previous?.version ?? 0) + 1,
      status: "applying",
      outcome: decision.outcome,
      decision: JSON.stringify(decision),
      request: JSON.stringify(request),
      ...(at ? { createdAt: at } : {}),
    },
  });
  return toStored(row);
}

export async function markDecision(db: PrismaClient, id: string, status: DecisionStatus, lastError: string | null, now: Date): Promise<void> {
  await db.routingDecision.update({
    where: { id },
    data: { status, lastError, ...(status === "applied" ? { appliedAt: now } : {}) },
  });
}

/** Recent decisions for the admin list. */
export async function recentDecisions(db: PrismaClient, shop: string, take = 50): Promise<StoredDecision[]> {
  const rows = await db.routingDecision.findMany({ where: { shop }, orderBy: { createdAt: "desc" }, take });
  return rows.map(toStored);
}
