/** The merchant saves the routing policy. */
import type { PrismaClient } from "@prisma/client";
import type { RoutingPolicy } from "~/domain/routing";
import { saveRoutingPolicy } from "~/models/routing.server";
import { enqueuePromisePublish } from "~/services/queue/promise";

/** Validates and stores the policy (throws the zod error for an invalid one), then republishes the promise: checkout ranks suppliers by it. */
export async function updateRoutingPolicy(db: PrismaClient, shop: string, input: unknown): Promise<RoutingPolicy> {
  const policy = await saveRoutingPolicy(db, shop, input);
  await enqueuePromisePublish(db, shop, "routing policy saved");
  return policy;
}
