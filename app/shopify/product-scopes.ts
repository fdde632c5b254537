/**
 * What routing's product and collection policies match on: each variant's product and the
 * collections that product is in. Read in one `nodes` call per 100 variants (the ids an order's
 * lines name); the app caches the answer per variant (`~/models/product-scopes.server`).
 */
import type { AdminClient } from "./client.server";
import { operation } from "./operation";

export interface VariantScope {
  readonly variantId: string;
  readonly productId: string;
  readonly productTitle: string;
  readonly collections: readonly { readonly id: string; readonly title: string }[];
}

interface VariantScopesData {
  readonly nodes: readonly ({
    readonly id?: string;
    readonly product?: {
      readonly id: string;
      readonly title: string;
      readonly collections: { readonly nodes: readonly { readonly id: string; readonly title: string }[] };
    } | null;
  } | null)[];
}

/** Collections per product: a product in more than this many collections is matched against the first ones only. */
export const COLLECTIONS_PER_PRODUCT = 50;

export const VARIANT_SCOPES = operation<VariantScopesData, { ids: string[] }>(`#graphql
  query VariantScopes($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on ProductVariant {
        id
        product {
          id
          title
          collections(first: 50) {
            nodes {
              id
              title
            }
          }
        }
      }
    }
  }
`);

const BATCH = 100;

/** The product and collections of each variant Shopify still knows (a deleted variant is left out). */
export async function fetchVariantScopes(client: AdminClient, variantIds: readonly string[]): Promise<VariantScope[]> {
  const scopes: VariantScope[] = [];
  const ids = [...new Set(variantIds)];
  for (let i = 0; i < ids.length; i += BATCH) {
    const data = await client.request(VARIANT_SCOPES, { ids: ids.slice(i, i + BATCH) });
    for (const node of data.nodes) {
      if (!node?.id || !node.product) continue;
      scopes.push({
        variantId: node.id,
        productId: node.product.id,
        productTitle: node.product.title,
        collections: node.product.collections.nodes.map((c) => ({ id: c.id, title: c.title })),
      });
    }
  }
  return scopes;
}

export interface ScopeChoice {
  readonly id: string;
  readonly title: string;
}

interface SearchData {
  readonly products: { readonly nodes: readonly ScopeChoice[] };
  readonly collections: { readonly nodes: readonly ScopeChoice[] };
}

export const SEARCH_POLICY_SCOPES = operation<SearchData, { query: string }>(`#graphql
  query SearchPolicyScopes($query: String!) {
    products(first: 10, query: $query) {
      nodes {
        id
        title
      }
    }
    collections(first: 10, query: $query) {
      nodes {
        id
        title
      }
    }
  }
`);

/** Products and collections whose title matches what the merchant typed (for the policy editor). */
export async function searchPolicyScopes(client: AdminClient, text: string): Promise<{ products: ScopeChoice[]; collections: ScopeChoice[] }> {
  // Each word as a title prefix (Shopify's search syntax); quotes and backslashes would break the query.
  const words = text
    .replace(/["\\:()]/g, " ")
    .split(/\s+/)
    .filter((w) => w !== "");
  if (words.length === 0) return { products: [], collections: [] };
  const data = await client.request(SEARCH_POLICY_SCOPES, { query: words.map((w) => `title:${w}*`).join(" ") });
  return { products: [...data.products.nodes], collections: [...data.collections.nodes] };
}
