import { Prisma, type PrismaClient } from "@prisma/client";

type DeleteMany = { deleteMany(args: { where: Record<string, unknown> }): Prisma.PrismaPromise<unknown> };

/**
 * Models that hold shop data, children before parents (so foreign keys never block the erase).
 * Derived from the datamodel, so a table added later is erased without anyone remembering to.
 */
export function shopScopedModels(): { readonly name: string; readonly field: "shop" | "domain" }[] {
  const models = Prisma.dmmf.datamodel.models;
  const scoped = models.filter((m) => m.fields.some((f) => f.name === "shop") || m.name === "Shop");
  const parentsOf = new Map(scoped.map((m) => [m.name, new Set(m.fields.filter((f) => (f.relationFromFields?.length ?? 0) > 0).map((f) => f.type))]));
  const ordered: string[] = [];
  const remaining = new Set(scoped.map((m) => m.name));
  while (remaining.size > 0) {
    // A model can go once no remaining model names it as a parent.
    const ready = [...remaining].filter((name) => ![...remaining].some((other) => parentsOf.get(other)?.has(name)));
    if (ready.length === 0) throw new Error(`Circular relations among ${[...remaining].join(", ")}`);
    for (const name of ready.sort()) {
      ordered.push(name);
      remaining.delete(name);
    }
  }
  return ordered.map((name) => ({ name, field: name === "Shop" ? "domain" : "shop" }));
}

/**
 * shop/redact (48 h after uninstall): erases everything Dropline holds for the shop, and records
 * the shop as erased in the same transaction (ErasedShop is keyed by `domain`, so the erase leaves
 * it): late webhooks and jobs for the shop are then dropped until it installs again.
 */
export async function eraseShop(db: PrismaClient, shop: string, now: Date, keepJobId?: string): Promise<void> {
  const operations = shopScopedModels().map(({ name, field }) => {
    const delegate = (db as unknown as Record<string, DeleteMany>)[name.charAt(0).toLowerCase() + name.slice(1)];
    if (!delegate) throw new Error(`No Prisma delegate for ${name}`);
    const where: Record<string, unknown> = { [field]: shop };
    if (name === "Job" && keepJobId) where.id = { not: keepJobId };
    return delegate.deleteMany({ where });
  });
  const erased = db.erasedShop.upsert({ where: { domain: shop }, create: { domain: shop, erasedAt: now }, update: { erasedAt: now } });
  await db.$transaction([...operations, erased]);
}

/** app/uninstalled: drops the shop's sessions, marks it uninstalled and cancels its waiting jobs. */
export async function markUninstalled(db: PrismaClient, shop: string, now: Date, keepJobId?: string): Promise<void> {
  await db.$transaction([
    db.session.deleteMany({ where: { shop } }),
    // Suppliers' portal links and API tokens stop working with the app (a reinstall issues new ones).
    db.portalToken.updateMany({ where: { shop, revokedAt: null }, data: { revokedAt: now } }),
    db.shop.upsert({ where: { domain: shop }, create: { domain: shop, uninstalledAt: now }, update: { uninstalledAt: now } }),
    db.job.updateMany({
      where: { shop, status: "queued", ...(keepJobId ? { id: { not: keepJobId } } : {}) },
      data: { status: "cancelled", finishedAt: now },
    }),
  ]);
}
