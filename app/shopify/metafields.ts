/**
 * App-owned (`$app`) metafields: writing and deleting them in batches of Shopify's per-call limit,
 * and the shop's GID (the owner of shop-level metafields).
 */
import type { AdminClient } from "./client.server";
import { AdminApiError, UserErrorsFailure } from "./errors";
import { operation, type UserError } from "./operation";

/** Shopify accepts at most this many metafields per metafieldsSet / metafieldsDelete call. */
export const METAFIELDS_PER_CALL = 25;
/** The app's reserved namespace; Shopify resolves it to `app--<api client id>`. */
export const APP_NAMESPACE = "$app";

export interface MetafieldWrite {
  readonly ownerId: string;
  readonly key: string;
  readonly type: "json";
  readonly value: string;
}

interface SetUserError extends UserError {
  readonly elementIndex?: number | null;
}

export const METAFIELDS_SET = operation<
  { metafieldsSet: { metafields: readonly { id: string; key: string }[] | null; userErrors: readonly SetUserError[] } | null },
  { metafields: (MetafieldWrite & { namespace: string })[] }
>(`#graphql
  mutation AppMetafieldsSet($metafields: [MetafieldsSetInput!]!) {
    metafieldsSet(metafields: $metafields) {
      metafields {
        id
        key
      }
      userErrors {
        field
        message
        code
        elementIndex
      }
    }
  }
`);

export const METAFIELDS_DELETE = operation<
  { metafieldsDelete: { deletedMetafields: readonly ({ key: string; ownerId: string } | null)[] | null; userErrors: readonly UserError[] } | null },
  { metafields: { ownerId: string; namespace: string; key: string }[] }
>(`#graphql
  mutation AppMetafieldsDelete($metafields: [MetafieldIdentifierInput!]!) {
    metafieldsDelete(metafields: $metafields) {
      deletedMetafields {
        key
        ownerId
      }
      userErrors {
        field
        message
      }
    }
  }
`);

export const SHOP_GID = operation<{ shop: { id: string } }>(`#graphql
  query ShopGid {
    shop {
      id
    }
  }
`);

/** The shop's GID, the owner of shop-level metafields. */
export async function shopGid(client: AdminClient): Promise<string> {
  return (await client.request(SHOP_GID)).shop.id;
}

/** What one batch came back with: the writes Shopify refused because their owner is gone. */
export interface SetOutcome {
  readonly missingOwners: readonly string[];
}

/** Owner errors ("Owner does not exist") name an element; any other refusal fails the call. */
function missingOwnerIndexes(errors: readonly SetUserError[]): number[] | null {
  const indexes = errors.map((e) => (e.field?.[2] === "ownerId" && typeof e.elementIndex === "number" ? e.elementIndex : null));
  return indexes.every((i): i is number => i !== null) ? indexes : null;
}

/**
 * Writes ≤ METAFIELDS_PER_CALL app metafields in one call (Shopify applies all or none). Writes
 * whose owner no longer exists (a deleted variant) are left out and the rest sent again.
 */
export async function setAppMetafields(client: AdminClient, writes: readonly MetafieldWrite[]): Promise<SetOutcome> {
  if (writes.length > METAFIELDS_PER_CALL) throw new RangeError(`At most ${METAFIELDS_PER_CALL} metafields per call`);
  if (writes.length === 0) return { missingOwners: [] };
  const data = await client.request(METAFIELDS_SET, { metafields: writes.map((w) => ({ ...w, namespace: APP_NAMESPACE })) });
  const payload = data.metafieldsSet;
  if (!payload) throw new AdminApiError("graphql", `${METAFIELDS_SET.name} returned no payload`, { operationName: METAFIELDS_SET.name });
  if (payload.userErrors.length === 0) return { missingOwners: [] };
  const missing = missingOwnerIndexes(payload.userErrors);
  if (!missing) throw new UserErrorsFailure(METAFIELDS_SET.name, payload.userErrors);
  const gone = new Set(missing);
  const rest = writes.filter((_, i) => !gone.has(i));
  const again = await setAppMetafields(client, rest);
  return { missingOwners: [...writes.filter((_, i) => gone.has(i)).map((w) => w.ownerId), ...again.missingOwners] };
}

/** Deletes ≤ METAFIELDS_PER_CALL app metafields; one already gone counts as deleted. */
export async function deleteAppMetafields(client: AdminClient, targets: readonly { ownerId: string; key: string }[]): Promise<void> {
  if (targets.length > METAFIELDS_PER_CALL) throw new RangeError(`At most ${METAFIELDS_PER_CALL} metafields per call`);
  if (targets.length === 0) return;
  await client.mutate(METAFIELDS_DELETE, { metafields: targets.map((t) => ({ ...t, namespace: APP_NAMESPACE })) }, "metafieldsDelete");
}
