import type { Prisma, PrismaClient } from "@prisma/client";

export type Tx = Prisma.TransactionClient;

/**
 * Runs `effect` inside a transaction that also records `key` as applied; if the key was already
 * recorded (a retry, or a re-run after a worker died), the effect is skipped. Returns whether it ran.
 */
export async function applyOnce(db: PrismaClient, shop: string, key: string, effect: (tx: Tx) => Promise<void>): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const existing = await tx.appliedEffect.findUnique({ where: { shop_key: { shop, key } } });
    if (existing) return false;
    await tx.appliedEffect.create({ data: { shop, key } });
    await effect(tx);
    return true;
  });
}
