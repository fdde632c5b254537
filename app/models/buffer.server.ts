/**
 * Buffer inputs from the database — settings per level, sales velocity from our orders, the
 * supplier's oversell record — fed to the pure buffer in `~/domain/buffer`. Publishing, the admin
 * and routing all call `bufferFor`, so they agree on every number.
 */
import { fail, formFailure, ok, type FormFailure, type Result } from "~/domain/result";
import type { PrismaClient } from "@prisma/client";
import {
  BufferSettingsOverrideSchema,
  bufferSettingSources,
  MS_PER_DAY,
  publishableStock,
  resolveBufferSettings,
  type BufferResult,
  type BufferSettings,
  type BufferSettingsLevel,
  type BufferSettingsOverride,
  type OversellHistory,
  type SaleEvent,
} from "~/domain/buffer";

export type BufferScope = "shop" | "supplier" | "product";

/** Oversell incidents and routed orders count over this window. */
export const OVERSELL_WINDOW_DAYS = 90;

export interface BufferContext {
  readonly shopLevel: BufferSettingsOverride | null;
  readonly supplierLevel: ReadonlyMap<string, BufferSettingsOverride>;
  readonly productLevel: ReadonlyMap<string, BufferSettingsOverride>;
  readonly sales: ReadonlyMap<string, SaleEvent[]>;
  readonly oversell: ReadonlyMap<string, OversellHistory>;
}

/** The offer facts the buffer needs. */
export interface BufferOffer {
  readonly supplierId: string;
  readonly variantId: string;
  readonly stockOnHand: number;
  readonly stockUpdatedAt: Date;
  readonly supplier: { readonly feedCadenceMinutes: number };
}

export interface OfferBuffer extends BufferResult {
  readonly settings: BufferSettings;
  readonly sources: Record<keyof BufferSettings, BufferSettingsLevel>;
}

function parseOverride(json: string): BufferSettingsOverride {
  const parsed = BufferSettingsOverrideSchema.safeParse(JSON.parse(json));
  // A stored override is validated when saved; one that no longer parses is ignored, not fatal.
  return parsed.success ? parsed.data : {};
}

async function loadLevels(db: PrismaClient, shop: string) {
  const rows = await db.bufferSetting.findMany({ where: { shop } });
  const supplierLevel = new Map<string, BufferSettingsOverride>();
  const productLevel = new Map<string, BufferSettingsOverride>();
  let shopLevel: BufferSettingsOverride | null = null;
  for (const row of rows) {
    const value = parseOverride(row.settings);
    if (row.scope === "shop") shopLevel = value;
    else if (row.scope === "supplier") supplierLevel.set(row.scopeId, value);
    else if (row.scope === "product") productLevel.set(row.scopeId, value);
  }
  return { shopLevel, supplierLevel, productLevel };
}

/** Units sold per variant since `since`, from our orders (cancelled orders do not count). */
export async function salesByVariant(db: PrismaClient, shop: string, since: Date): Promise<Map<string, SaleEvent[]>> {
  const orders = await db.order.findMany({ where: { shop, placedAt: { gte: since }, cancelledAt: null }, select: { placedAt: true, lines: true } });
  const sales = new Map<string, SaleEvent[]>();
  for (const order of orders) {
    const lines = JSON.parse(order.lines) as { variantId?: string | null; quantity?: number }[];
    for (const line of lines) {
      if (!line.variantId || !line.quantity) continue;
      const list = sales.get(line.variantId) ?? [];
      list.push({ atMs: order.placedAt.getTime(), quantity: line.quantity });
      sales.set(line.variantId, list);
    }
  }
  return sales;
}

/** Incidents and routed orders per supplier over the oversell window. */
export async function oversellBySupplier(db: PrismaClient, shop: string, now: Date): Promise<Map<string, OversellHistory>> {
  const since = new Date(now.getTime() - OVERSELL_WINDOW_DAYS * MS_PER_DAY);
  const [incidents, suppliers] = await Promise.all([
    db.oversellIncident.groupBy({ by: ["supplierId"], where: { shop, occurredAt: { gte: since } }, _count: { _all: true } }),
    db.supplier.findMany({ where: { shop }, select: { id: true } }),
  ]);
  const history = new Map<string, OversellHistory>();
  for (const { id } of suppliers) {
    const count = incidents.find((i) => i.supplierId === id)?._count._all ?? 0;
    if (count === 0) continue;
    // Orders routed to the supplier: decisions that name it (the decision JSON holds supplier ids).
    const orders = await db.routingDecision.count({ where: { shop, createdAt: { gte: since }, decision: { contains: id } } });
    history.set(id, { incidents: count, orders });
  }
  return history;
}

/** Everything `bufferFor` needs for a shop at `now`, loaded once per sync or page. */
export async function loadBufferContext(db: PrismaClient, shop: string, now: Date): Promise<BufferContext> {
  const levels = await loadLevels(db, shop);
  const windows = [levels.shopLevel, ...levels.supplierLevel.values(), ...levels.productLevel.values()].map((l) => l?.velocityWindowDays ?? 0);
  const days = Math.max(resolveBufferSettings(levels.shopLevel).velocityWindowDays, ...windows);
  const [sales, oversell] = await Promise.all([salesByVariant(db, shop, new Date(now.getTime() - days * MS_PER_DAY)), oversellBySupplier(db, shop, now)]);
  return { ...levels, sales, oversell };
}

/** Publishable stock for one offer, with the settings and where each came from. */
export function bufferFor(ctx: BufferContext, offer: BufferOffer, now: Date): OfferBuffer {
  const supplier = ctx.supplierLevel.get(offer.supplierId) ?? null;
  const product = ctx.productLevel.get(offer.variantId) ?? null;
  const settings = resolveBufferSettings(ctx.shopLevel, supplier, product);
  const result = publishableStock({
    stock: offer.stockOnHand,
    settings,
    nowMs: now.getTime(),
    sales: ctx.sales.get(offer.variantId) ?? [],
    feed: { lastGoodUpdateAtMs: offer.stockUpdatedAt.getTime(), cadenceMs: Math.max(1, offer.supplier.feedCadenceMinutes) * 60_000 },
    oversell: ctx.oversell.get(offer.supplierId) ?? { incidents: 0, orders: 0 },
  });
  return { ...result, settings, sources: bufferSettingSources(ctx.shopLevel, supplier, product) };
}

/** Offers with `bufferedAvailable` filled in, for the routing engine. */
export async function withBufferedAvailable<T extends BufferOffer>(
  db: PrismaClient,
  shop: string,
  offers: readonly T[],
  now: Date,
): Promise<(T & { bufferedAvailable: number })[]> {
  if (offers.length === 0) return [];
  const ctx = await loadBufferContext(db, shop, now);
  return offers.map((o) => ({ ...o, bufferedAvailable: bufferFor(ctx, o, now).published }));
}

/** The override saved at one level (null when that level sets nothing). */
export async function getBufferOverride(db: PrismaClient, shop: string, scope: BufferScope, scopeId: string): Promise<BufferSettingsOverride | null> {
  const row = await db.bufferSetting.findUnique({ where: { shop_scope_scopeId: { shop, scope, scopeId: scope === "shop" ? "" : scopeId } } });
  return row ? parseOverride(row.settings) : null;
}

export type SaveOverrideResult = Result<void, FormFailure>;

/** Validates and saves one level's override; an empty override removes the level. */
export async function saveBufferOverride(db: PrismaClient, shop: string, scope: BufferScope, scopeId: string, values: unknown): Promise<SaveOverrideResult> {
  const parsed = BufferSettingsOverrideSchema.safeParse(values);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "")] ??= issue.message;
    return fail(formFailure(errors));
  }
  const id = scope === "shop" ? "" : scopeId;
  const where = { shop_scope_scopeId: { shop, scope, scopeId: id } };
  if (Object.keys(parsed.data).length === 0) {
    await db.bufferSetting.deleteMany({ where: { shop, scope, scopeId: id } });
    return ok(undefined);
  }
  const settings = JSON.stringify(parsed.data);
  await db.bufferSetting.upsert({ where, create: { shop, scope, scopeId: id, settings }, update: { settings } });
  return ok(undefined);
}
