/**
 * Fulfillment services: each supplier is one in Shopify, so fulfillment orders can be assigned to
 * the location Shopify creates for it. Refusals come back as typed results whose errors are keyed
 * by form field, because the merchant fixes them in the supplier form.
 */
import { fail, formFailure, type FormFailure, type Result } from "~/domain/result";
import type { AdminClient } from "./client.server";
import { UserErrorsFailure } from "./errors";
import { operation, type UserError } from "./operation";

interface ServicePayload {
  readonly fulfillmentService: { readonly id: string; readonly serviceName: string; readonly location: { readonly id: string } | null } | null;
  readonly userErrors: readonly UserError[];
}

export const FULFILLMENT_SERVICE_CREATE = operation<{ fulfillmentServiceCreate: ServicePayload | null }, { name: string; callbackUrl: string }>(`#graphql
  mutation FulfillmentServiceCreate($name: String!, $callbackUrl: URL!) {
    fulfillmentServiceCreate(name: $name, callbackUrl: $callbackUrl, trackingSupport: true, inventoryManagement: true) {
      fulfillmentService {
        id
        serviceName
        location {
          id
        }
      }
      userErrors {
        field
        message
      }
    }
  }
`);

export const FULFILLMENT_SERVICE_UPDATE = operation<{ fulfillmentServiceUpdate: ServicePayload | null }, { id: string; name: string }>(`#graphql
  mutation FulfillmentServiceUpdate($id: ID!, $name: String!) {
    fulfillmentServiceUpdate(id: $id, name: $name) {
      fulfillmentService {
        id
        serviceName
        location {
          id
        }
      }
      userErrors {
        field
        message
      }
    }
  }
`);

export type InventoryAction = "DELETE" | "KEEP" | "TRANSFER";

export const FULFILLMENT_SERVICE_DELETE = operation<
  { fulfillmentServiceDelete: { deletedId: string | null; userErrors: readonly UserError[] } | null },
  { id: string; inventoryAction: InventoryAction; destinationLocationId?: string | null }
>(`#graphql
  mutation FulfillmentServiceDelete($id: ID!, $inventoryAction: FulfillmentServiceDeleteInventoryAction!, $destinationLocationId: ID) {
    fulfillmentServiceDelete(id: $id, inventoryAction: $inventoryAction, destinationLocationId: $destinationLocationId) {
      deletedId
      userErrors {
        field
        message
      }
    }
  }
`);

export interface FulfillmentServiceRef {
  /** The fulfillment service GID, exactly as Shopify returned it (it may carry `?id=true`). */
  readonly fulfillmentServiceId: string;
  readonly locationId: string;
}

/** Field name → message, as the supplier form shows them; "" is a form-level error. */
export type ShopifyFieldErrors = Record<string, string>;

export type SyncResult<T> = Result<T, FormFailure>;

const NOT_FOUND = /could not be found/i;

/** The URL Shopify calls for fulfillment requests, tracking and stock (served by a later route). */
export function fulfillmentServiceCallbackUrl(appUrl: string): string {
  return `${appUrl.replace(/\/+$/, "")}/fulfillment-service`;
}

/** Puts Shopify's refusal in merchant words, on the field the merchant can change. */
export function fieldErrorsFrom(userErrors: readonly UserError[], name: string): ShopifyFieldErrors {
  const errors: ShopifyFieldErrors = {};
  for (const e of userErrors) {
    const field = e.field?.[e.field.length - 1];
    if (field === "name") {
      errors.name ??= /taken/i.test(e.message)
        ? `Shopify already has a fulfillment service named "${name}" (names are unique in your store, ignoring case). Choose another name.`
        : /reserved/i.test(e.message)
          ? `"${name}" is reserved by Shopify. Choose another name.`
          : `Shopify refused the name: ${e.message}`;
    } else {
      // Nothing else (callback URL, id) is in the merchant's hands: it is the app's configuration.
      errors[""] ??= `Shopify refused the fulfillment service: ${e.message}`;
    }
  }
  return errors;
}

function refFrom(payload: ServicePayload, operationName: string): FulfillmentServiceRef {
  const service = payload.fulfillmentService;
  if (!service?.location) throw new Error(`${operationName} returned no fulfillment service location`);
  return { fulfillmentServiceId: service.id, locationId: service.location.id };
}

async function refused<T>(run: () => Promise<T>, name: string): Promise<SyncResult<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    if (error instanceof UserErrorsFailure) return fail(formFailure(fieldErrorsFrom(error.userErrors, name)));
    throw error;
  }
}

/** Creates the supplier's fulfillment service (and with it, its location). */
export async function createFulfillmentService(client: AdminClient, input: { name: string; callbackUrl: string }): Promise<SyncResult<FulfillmentServiceRef>> {
  return refused(async () => {
    const payload = await client.mutate(FULFILLMENT_SERVICE_CREATE, input, "fulfillmentServiceCreate");
    return refFrom(payload, FULFILLMENT_SERVICE_CREATE.name);
  }, input.name);
}

/**
 * Renames the fulfillment service (Shopify renames its location too). `null` when Shopify no longer
 * knows the service, so the caller can create a fresh one.
 */
export async function renameFulfillmentService(client: AdminClient, input: { id: string; name: string }): Promise<SyncResult<FulfillmentServiceRef | null>> {
  try {
    const payload = await client.mutate(FULFILLMENT_SERVICE_UPDATE, input, "fulfillmentServiceUpdate");
    return { ok: true, value: refFrom(payload, FULFILLMENT_SERVICE_UPDATE.name) };
  } catch (error) {
    if (error instanceof UserErrorsFailure && error.userErrors.some((e) => NOT_FOUND.test(e.message))) return { ok: true, value: null };
    if (error instanceof UserErrorsFailure) return fail(formFailure(fieldErrorsFrom(error.userErrors, input.name)));
    throw error;
  }
}

export type DeleteOptions = { inventoryAction: "DELETE" | "KEEP" } | { inventoryAction: "TRANSFER"; destinationLocationId: string };

/**
 * Deletes the fulfillment service. The default is DELETE: a supplier's location holds the supplier's
 * stock, not the merchant's, so there is nothing to move (Shopify's own default, TRANSFER, needs a
 * destination location). A service Shopify no longer knows counts as deleted.
 */
export async function deleteFulfillmentService(
  client: AdminClient,
  id: string,
  options: DeleteOptions = { inventoryAction: "DELETE" },
): Promise<SyncResult<{ deletedId: string | null }>> {
  const variables = {
    id,
    inventoryAction: options.inventoryAction,
    destinationLocationId: options.inventoryAction === "TRANSFER" ? options.destinationLocationId : null,
  };
  try {
    const payload = await client.mutate(FULFILLMENT_SERVICE_DELETE, variables, "fulfillmentServiceDelete");
    return { ok: true, value: { deletedId: payload.deletedId } };
  } catch (error) {
    if (error instanceof UserErrorsFailure && error.userErrors.every((e) => NOT_FOUND.test(e.message))) {
      return { ok: true, value: { deletedId: null } };
    }
    if (error instanceof UserErrorsFailure) return fail(formFailure(fieldErrorsFrom(error.userErrors, "")));
    throw error;
  }
}
