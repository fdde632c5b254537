/**
 * Suppliers, scoped by shop. Creating, renaming and deleting a supplier changes its fulfillment
 * service in Shopify first: when Shopify refuses, nothing is saved and the form shows why. When the
 * local write fails after Shopify accepted, the Shopify step is compensated.
 */
import type { PrismaClient, Supplier as SupplierRow } from "@prisma/client";
import { z } from "zod";
import type { AdminClient } from "~/shopify/client.server";
import { AdminApiError } from "~/shopify/errors";
import { enqueuePromisePublish } from "~/services/queue/promise";
import {
  createFulfillmentService,
  deleteFulfillmentService,
  fulfillmentServiceCallbackUrl,
  renameFulfillmentService,
  type FulfillmentServiceRef,
  type SyncResult,
} from "~/shopify/fulfillment-services";
import { parseSupplierForm, SERVICE_TIERS, type CoverageRow, type FormErrors, type SupplierInput } from "./supplier-form";

export type SupplierStatus = "active" | "paused";

/** A stored supplier with its JSON columns parsed. */
export interface SupplierRecord extends Omit<SupplierRow, "holidays" | "coverage" | "serviceTier" | "status"> {
  readonly holidays: string[];
  readonly coverage: CoverageRow[];
  readonly serviceTier: SupplierInput["serviceTier"];
  readonly status: SupplierStatus;
}

export interface SupplierDeps {
  readonly db: PrismaClient;
  readonly client: AdminClient;
  /** The app's public URL; the fulfillment service's callback URL hangs off it. */
  readonly appUrl: string;
}

export type SaveResult = { ok: true; supplier: SupplierRecord } | { ok: false; errors: FormErrors };

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

/** Parses a row's JSON columns; a malformed column is a bug worth a loud error. */
export function toSupplierRecord(row: SupplierRow): SupplierRecord {
  return {
    ...row,
    holidays: StoredHolidays.parse(JSON.parse(row.holidays)),
    coverage: StoredCoverage.parse(JSON.parse(row.coverage)),
    serviceTier: z.enum(SERVICE_TIERS).parse(row.serviceTier),
    status: row.status === "paused" ? "paused" : "active",
  };
}

function columnsOf(input: SupplierInput) {
  return {
    name: input.name,
    contactEmail: input.contactEmail,
    timeZone: input.timeZone,
    cutoff: input.cutoff,
    holidays: JSON.stringify(input.holidays),
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
async function nameTaken(db: PrismaClient, shop: string, name: string, exceptId?: string): Promise<boolean> {
  const rows = await db.supplier.findMany({ where: { shop, ...(exceptId ? { NOT: { id: exceptId } } : {}) }, select: { name: true } });
  return rows.some((r) => r.name.toLowerCase() === name.toLowerCase());
}

const takenError = (name: string): FormErrors => ({ name: `You already have a supplier named "${name}".` });

/** Runs a Shopify step; an unreachable or failing Admin API becomes a form-level error, not a crash. */
async function shopifyStep<T>(what: string, run: () => Promise<SyncResult<T>>): Promise<SyncResult<T>> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof AdminApiError)) throw error;
    return { ok: false, errors: { "": `Shopify could not ${what} (${error.message}). Nothing was saved; try again in a moment.` } };
  }
}

/** Validates the form, creates the fulfillment service in Shopify, then saves the supplier. */
export async function createSupplier(deps: SupplierDeps, shop: string, values: unknown): Promise<SaveResult> {
  const form = parseSupplierForm(values);
  if (!form.ok) return form;
  const input = form.value;
  if (await nameTaken(deps.db, shop, input.name)) return { ok: false, errors: takenError(input.name) };
  const callbackUrl = fulfillmentServiceCallbackUrl(deps.appUrl);
  const created = await shopifyStep("create the fulfillment service", () =>
    createFulfillmentService(deps.client, { name: input.name, callbackUrl }),
  );
  if (!created.ok) return created;
  try {
    const row = await deps.db.supplier.create({ data: { shop, ...columnsOf(input), ...created.value } });
    await enqueuePromisePublish(deps.db, shop, "supplier created");
    return { ok: true, supplier: toSupplierRecord(row) };
  } catch (error) {
    // Saving failed after Shopify created the service: remove it so a retry does not hit "taken".
    await deleteFulfillmentService(deps.client, created.value.fulfillmentServiceId).catch((undo: unknown) =>
      console.error(`[suppliers] could not remove fulfillment service ${created.value.fulfillmentServiceId} after a failed save`, undo),
    );
    throw error;
  }
}

/** Renames in Shopify (re-creating a service Shopify lost); null when the name did not change. */
async function syncName(deps: SupplierDeps, current: SupplierRecord, name: string): Promise<SyncResult<FulfillmentServiceRef | null>> {
  if (current.fulfillmentServiceId && current.name === name) return { ok: true, value: null };
  return shopifyStep("rename the fulfillment service", async () => {
    if (current.fulfillmentServiceId) {
      const renamed = await renameFulfillmentService(deps.client, { id: current.fulfillmentServiceId, name });
      if (!renamed.ok || renamed.value) return renamed;
    }
    return createFulfillmentService(deps.client, { name, callbackUrl: fulfillmentServiceCallbackUrl(deps.appUrl) });
  });
}

/** Validates the form, renames the fulfillment service when the name changed, then saves. */
export async function updateSupplier(deps: SupplierDeps, shop: string, id: string, values: unknown): Promise<SaveResult> {
  const current = await getSupplier(deps.db, shop, id);
  if (!current) return { ok: false, errors: { "": "This supplier no longer exists." } };
  const form = parseSupplierForm(values);
  if (!form.ok) return form;
  const input = form.value;
  if (await nameTaken(deps.db, shop, input.name, id)) return { ok: false, errors: takenError(input.name) };
  const synced = await syncName(deps, current, input.name);
  if (!synced.ok) return synced;
  try {
    const row = await deps.db.supplier.update({
      where: { id: current.id },
      data: { ...columnsOf(input), ...(synced.value ?? {}), syncError: null },
    });
    await enqueuePromisePublish(deps.db, shop, "supplier updated");
    return { ok: true, supplier: toSupplierRecord(row) };
  } catch (error) {
    if (synced.value) await compensateRename(deps, current, synced.value);
    throw error;
  }
}

/** Puts Shopify's name back after a failed save; if even that fails, the supplier says so. */
async function compensateRename(deps: SupplierDeps, current: SupplierRecord, ref: FulfillmentServiceRef): Promise<void> {
  const back = await renameFulfillmentService(deps.client, { id: ref.fulfillmentServiceId, name: current.name }).catch((undo: unknown) => {
    console.error(`[suppliers] could not restore the name of ${ref.fulfillmentServiceId} after a failed save`, undo);
    return null;
  });
  if (back?.ok) return;
  // The database just failed once; if it fails again the original error is still the one thrown.
  await deps.db.supplier
    .update({ where: { id: current.id }, data: { syncError: `Shopify's fulfillment service name may differ from "${current.name}"; save the supplier again.` } })
    .catch((e: unknown) => console.error("[suppliers] could not record the sync error", e));
}

/** Deletes the fulfillment service in Shopify (and its location), then the supplier and its offers. */
export async function deleteSupplier(deps: SupplierDeps, shop: string, id: string): Promise<{ ok: true } | { ok: false; errors: FormErrors }> {
  const current = await getSupplier(deps.db, shop, id);
  if (!current) return { ok: true };
  if (current.fulfillmentServiceId) {
    const serviceId = current.fulfillmentServiceId;
    const deleted = await shopifyStep("delete the fulfillment service", () => deleteFulfillmentService(deps.client, serviceId));
    if (!deleted.ok) return deleted;
  }
  await deps.db.$transaction([
    deps.db.offer.deleteMany({ where: { shop, supplierId: id } }),
    deps.db.supplier.deleteMany({ where: { shop, id } }),
  ]);
  await enqueuePromisePublish(deps.db, shop, "supplier deleted");
  return { ok: true };
}

/** Pauses or resumes routing to a supplier. Local only: Shopify's service stays as it is. */
export async function setSupplierStatus(db: PrismaClient, shop: string, id: string, status: SupplierStatus): Promise<boolean> {
  const { count } = await db.supplier.updateMany({ where: { shop, id }, data: { status } });
  if (count === 1) await enqueuePromisePublish(db, shop, `supplier ${status}`);
  return count === 1;
}
