/**
 * Creating, renaming and deleting a supplier changes its fulfillment service in Shopify first:
 * when Shopify refuses, nothing is saved and the form shows why. When the local write fails after
 * Shopify accepted, the Shopify step is compensated. Every change asks for the promise data to be
 * republished (checkout shows the suppliers).
 */
import { fail, formFailure, ok, type FormFailure, type Result } from "~/domain/result";
import type { PrismaClient } from "@prisma/client";
import { parseSupplierForm, type FormErrors } from "~/models/supplier-form";
import {
  deleteSupplierAndOffers,
  getSupplier,
  insertSupplier,
  recordSupplierSyncError,
  supplierNameTaken,
  updateSupplierRow,
  updateSupplierStatus,
  type SupplierRecord,
  type SupplierStatus,
} from "~/models/suppliers.server";
import type { AdminClient } from "~/shopify/client.server";
import { AdminApiError } from "~/shopify/errors";
import {
  createFulfillmentService,
  deleteFulfillmentService,
  fulfillmentServiceCallbackUrl,
  renameFulfillmentService,
  type FulfillmentServiceRef,
  type SyncResult,
} from "~/shopify/fulfillment-services";
import { enqueuePromisePublish } from "~/services/queue/promise";

export interface SupplierDeps {
  readonly db: PrismaClient;
  readonly client: AdminClient;
  /** The app's public URL; the fulfillment service's callback URL hangs off it. */
  readonly appUrl: string;
}

export type SaveResult = Result<SupplierRecord, FormFailure>;

const takenError = (name: string): FormErrors => ({ name: `You already have a supplier named "${name}".` });

/** Runs a Shopify step; an unreachable or failing Admin API becomes a form-level error, not a crash. */
async function shopifyStep<T>(what: string, run: () => Promise<SyncResult<T>>): Promise<SyncResult<T>> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof AdminApiError)) throw error;
    return fail(formFailure({ "": `Shopify could not ${what} (${error.message}). Nothing was saved; try again in a moment.` }));
  }
}

/** Validates the form, creates the fulfillment service in Shopify, then saves the supplier. */
export async function createSupplier(deps: SupplierDeps, shop: string, values: unknown): Promise<SaveResult> {
  const form = parseSupplierForm(values);
  if (!form.ok) return form;
  const input = form.value;
  if (await supplierNameTaken(deps.db, shop, input.name)) return fail(formFailure(takenError(input.name)));
  const callbackUrl = fulfillmentServiceCallbackUrl(deps.appUrl);
  const created = await shopifyStep("create the fulfillment service", () => createFulfillmentService(deps.client, { name: input.name, callbackUrl }));
  if (!created.ok) return created;
  try {
    const supplier = await insertSupplier(deps.db, shop, input, created.value);
    await enqueuePromisePublish(deps.db, shop, "supplier created");
    return ok(supplier);
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
  if (current.fulfillmentServiceId && current.name === name) return ok(null);
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
  if (!current) return fail(formFailure({ "": "This supplier no longer exists." }));
  const form = parseSupplierForm(values);
  if (!form.ok) return form;
  const input = form.value;
  if (await supplierNameTaken(deps.db, shop, input.name, id)) return fail(formFailure(takenError(input.name)));
  const synced = await syncName(deps, current, input.name);
  if (!synced.ok) return synced;
  try {
    const supplier = await updateSupplierRow(deps.db, current.id, input, synced.value);
    await enqueuePromisePublish(deps.db, shop, "supplier updated");
    return ok(supplier);
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
  await recordSupplierSyncError(deps.db, current.id, `Shopify's fulfillment service name may differ from "${current.name}"; save the supplier again.`).catch(
    (e: unknown) => console.error("[suppliers] could not record the sync error", e),
  );
}

/** Deletes the fulfillment service in Shopify (and its location), then the supplier and its offers. */
export async function deleteSupplier(deps: SupplierDeps, shop: string, id: string): Promise<Result<void, FormFailure>> {
  const current = await getSupplier(deps.db, shop, id);
  if (!current) return ok(undefined);
  if (current.fulfillmentServiceId) {
    const serviceId = current.fulfillmentServiceId;
    const deleted = await shopifyStep("delete the fulfillment service", () => deleteFulfillmentService(deps.client, serviceId));
    if (!deleted.ok) return deleted;
  }
  await deleteSupplierAndOffers(deps.db, shop, id);
  await enqueuePromisePublish(deps.db, shop, "supplier deleted");
  return ok(undefined);
}

/** Pauses or resumes routing to a supplier. Local only: Shopify's service stays as it is. */
export async function setSupplierStatus(db: PrismaClient, shop: string, id: string, status: SupplierStatus): Promise<boolean> {
  const changed = await updateSupplierStatus(db, shop, id, status);
  if (changed) await enqueuePromisePublish(db, shop, `supplier ${status}`);
  return changed;
}
