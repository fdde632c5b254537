/** Suppliers, scoped by shop: reads, and the writes the supplier use cases (app/services/suppliers) make. */
import type { PrismaClient, Supplier as SupplierRow } from "@prisma/client";
import { z } from "zod";
import type { SupplierCalendar } from "~/domain/promise";
import { SERVICE_TIERS, type CoverageRow, type SupplierInput } from "./supplier-form";

export type SupplierStatus = "active" | "paused";

/** A stored supplier with its JSON columns parsed. */
export interface SupplierRecord extends Omit<SupplierRow, "holidays" | "workingDays" | "coverage" | "serviceTier" | "status"> {
  readonly holidays: string[];
  /** ISO weekdays the supplier ships on (1 = Monday … 7 = Sunday), ascending; never empty. */
  readonly workingDays: number[];
  readonly coverage: CoverageRow[];
  readonly serviceTier: SupplierInput["serviceTier"];
  readonly status: SupplierStatus;
}

const StoredCoverage = z.array(
  z.object({
    countryCode: z.string(),
    provinceCode: z.string().optional(),
    transitMin: z.number().int(),
    transitMax: z.number().int(),
    shippingCostMinor: z.number().int(),
  }),
);
const StoredHolidays = z.array(z.string());
const StoredWorkingDays = z.array(z.number().int().min(1).max(7)).min(1);

/** Parses a row's JSON columns; a malformed column is a bug worth a loud error. */
export function toSupplierRecord(row: SupplierRow): SupplierRecord {
  return {
    ...row,
    holidays: StoredHolidays.parse(JSON.parse(row.holidays)),
    workingDays: StoredWorkingDays.parse(JSON.parse(row.workingDays)),
    coverage: StoredCoverage.parse(JSON.parse(row.coverage)),
    serviceTier: z.enum(SERVICE_TIERS).parse(row.serviceTier),
    status: row.status === "paused" ? "paused" : "active",
  };
}

/** The supplier's calendar as the domain counts business days with it (its own zone, cut-off, holidays and working days). */
export function supplierCalendar(s: Pick<SupplierRecord, "timeZone" | "cutoff" | "holidays" | "workingDays">): SupplierCalendar {
  return { timeZone: s.timeZone, cutoff: s.cutoff, holidays: s.holidays, workdays: s.workingDays };
}

function columnsOf(input: SupplierInput) {
  return {
    name: input.name,
    contactEmail: input.contactEmail,
    timeZone: input.timeZone,
    cutoff: input.cutoff,
    holidays: JSON.stringify(input.holidays),
    workingDays: JSON.stringify(input.workingDays),
    serviceTier: input.serviceTier,
    handlingMinDays: input.handlingMinDays,
    handlingMaxDays: input.handlingMaxDays,
    coverage: JSON.stringify(input.coverage),
    dropshipFeeMinor: input.dropshipFeeMinor,
    feedCadenceMinutes: input.feedCadenceMinutes,
  };
}

export async function listSuppliers(db: PrismaClient, shop: string): Promise<SupplierRecord[]> {
  const rows = await db.supplier.findMany({ where: { shop }, orderBy: { name: "asc" } });
  return rows.map(toSupplierRecord);
}

export async function getSupplier(db: PrismaClient, shop: string, id: string): Promise<SupplierRecord | null> {
  const row = await db.supplier.findFirst({ where: { shop, id } });
  return row ? toSupplierRecord(row) : null;
}

/** Suppliers the router may use: paused suppliers are never routed to. */
export async function activeSuppliers(db: PrismaClient, shop: string): Promise<SupplierRecord[]> {
  const rows = await db.supplier.findMany({ where: { shop, status: "active" }, orderBy: { name: "asc" } });
  return rows.map(toSupplierRecord);
}

/** Shopify compares names ignoring case; checking here first saves a round trip. */
export async function supplierNameTaken(db: PrismaClient, shop: string, name: string, exceptId?: string): Promise<boolean> {
  const rows = await db.supplier.findMany({ where: { shop, ...(exceptId ? { NOT: { id: exceptId } } : {}) }, select: { name: true } });
  return rows.some((r) => r.name.toLowerCase() === name.toLowerCase());
}

/** The fulfillment service (and its location) Shopify made for a supplier. */
export interface FulfillmentServiceIds {
  readonly fulfillmentServiceId: string;
  readonly locationId: string;
}

export async function insertSupplier(db: PrismaClient, shop: string, input: SupplierInput, service: FulfillmentServiceIds): Promise<SupplierRecord> {
  return toSupplierRecord(await db.supplier.create({ data: { shop, ...columnsOf(input), ...service } }));
}

/** Saves the form's values (and a re-created fulfillment service, if any); clears a recorded sync error. */
export async function updateSupplierRow(db: PrismaClient, id: string, input: SupplierInput, service: FulfillmentServiceIds | null): Promise<SupplierRecord> {
  return toSupplierRecord(await db.supplier.update({ where: { id }, data: { ...columnsOf(input), ...(service ?? {}), syncError: null } }));
}

/** Notes on the supplier that Shopify may be out of step with it (shown until the next save). */
export async function recordSupplierSyncError(db: PrismaClient, id: string, message: string): Promise<void> {
  await db.supplier.update({ where: { id }, data: { syncError: message } });
}

/** Deletes the supplier and its offers, together, and revokes its portal and API tokens at once. */
export async function deleteSupplierAndOffers(db: PrismaClient, shop: string, id: string, now: Date = new Date()): Promise<void> {
  await db.$transaction([
    db.offer.deleteMany({ where: { shop, supplierId: id } }),
    db.portalToken.updateMany({ where: { shop, supplierId: id, revokedAt: null }, data: { revokedAt: now } }),
    db.supplier.deleteMany({ where: { shop, id } }),
  ]);
}

/** Pauses or resumes routing to a supplier; false when the shop has no such supplier. */
export async function updateSupplierStatus(db: PrismaClient, shop: string, id: string, status: SupplierStatus): Promise<boolean> {
  const { count } = await db.supplier.updateMany({ where: { shop, id }, data: { status } });
  return count === 1;
}
