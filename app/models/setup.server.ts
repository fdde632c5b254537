/**
 * The setup checklist's facts for a shop, read in one go (suppliers, offers, feeds, the routing
 * policy, the promise confirmation, the notice settings and the mapping report's input), and the
 * per-shop checklist state. Scoped by shop.
 */
import type { PrismaClient } from "@prisma/client";
import { mappingReport, type MappingInput, type MappingReport } from "~/domain/mapping";
import { NOTICE_KINDS, parseDisabledKinds } from "~/domain/notices";
import { parseChecklistMode, type ChecklistMode, type SetupFacts } from "~/domain/setup";
import { loadMappingInput } from "./mapping.server";

export interface SetupOverview {
  readonly facts: SetupFacts;
  readonly mapping: MappingInput;
  readonly report: MappingReport;
}

/** The checklist's facts and the mapping report, for the home page. */
export async function loadSetupOverview(db: PrismaClient, shop: string, now: Date): Promise<SetupOverview> {
  const [mapping, activeSuppliers, feeds, policy, state, notices] = await Promise.all([
    loadMappingInput(db, shop, now),
    db.supplier.count({ where: { shop, status: "active" } }),
    db.stockFeed.findMany({ where: { shop }, select: { supplierId: true, lastGoodRunAt: true } }),
    db.routingPolicy.findUnique({ where: { shop }, select: { shop: true } }),
    db.setupState.findUnique({ where: { shop } }),
    db.noticeSettings.findUnique({ where: { shop } }),
  ]);
  const report = mappingReport(mapping);
  const delivered = new Set(feeds.filter((f) => f.lastGoodRunAt !== null).map((f) => f.supplierId));
  const withOffers = new Set(mapping.offers.map((o) => o.supplierId));
  const disabled = notices ? parseDisabledKinds(notices.disabled) : [];
  const facts: SetupFacts = {
    activeSuppliers,
    offers: mapping.offers.length,
    soldVariantsWithoutOffer: report.soldWithoutOffer.length,
    suppliersWithOffers: withOffers.size,
    suppliersWithoutGoodFeed: mapping.suppliers.filter((s) => withOffers.has(s.id) && !delivered.has(s.id)).map((s) => s.name),
    routingPolicySaved: policy !== null,
    promiseConfirmedAt: state?.promiseConfirmedAt ?? null,
    notices: { saved: notices !== null, kindsOn: NOTICE_KINDS.length - disabled.length, kinds: NOTICE_KINDS.length },
    mode: parseChecklistMode(state?.checklist),
  };
  return { facts, mapping, report };
}

/** Hides the checklist, or reopens it (it then stays until hidden again). */
export async function setChecklistMode(db: PrismaClient, shop: string, mode: ChecklistMode): Promise<void> {
  await db.setupState.upsert({ where: { shop }, create: { shop, checklist: mode }, update: { checklist: mode } });
}

/** The merchant reviewed the delivery promise and confirmed it. */
export async function confirmPromise(db: PrismaClient, shop: string, at: Date): Promise<void> {
  await db.setupState.upsert({ where: { shop }, create: { shop, promiseConfirmedAt: at }, update: { promiseConfirmedAt: at } });
}

/** When the promise was confirmed, if ever. */
export async function promiseConfirmedAt(db: PrismaClient, shop: string): Promise<Date | null> {
  return (await db.setupState.findUnique({ where: { shop }, select: { promiseConfirmedAt: true } }))?.promiseConfirmedAt ?? null;
}
