/** Products and variants: finding the variants behind the SKUs a merchant types or imports. */
import type { AdminClient } from "./client.server";
import { operation } from "./operation";

export interface VariantBySku {
  readonly id: string;
  readonly sku: string;
  readonly displayName: string;
}

interface VariantsPage {
  readonly productVariants: {
    readonly nodes: readonly { id: string; sku: string | null; displayName: string }[];
    readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
  };
}

export const PRODUCT_VARIANTS_BY_SKU = operation<VariantsPage, { query: string; after?: string | null }>(`#graphql
  query ProductVariantsBySku($query: String!, $after: String) {
    productVariants(first: 250, query: $query, after: $after) {
      nodes {
        id
        sku
        displayName
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** SKUs per search: keeps the query string well under Shopify's search limits. */
export const SKU_BATCH_SIZE = 50;

/** A `sku:` search term; quoted (with escapes) so hyphens, spaces and colons stay part of the value. */
export function skuTerm(sku: string): string {
  return `sku:"${sku.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** Shopify search syntax for any of these SKUs. */
export function skuSearchQuery(skus: readonly string[]): string {
  return skus.map(skuTerm).join(" OR ");
}

const key = (sku: string) => sku.trim().toUpperCase();

/**
 * The variants carrying each SKU, keyed by the SKU as given. Shopify's search is fuzzy and case
 * insensitive, so results are re-checked here: a SKU maps to the variants whose SKU equals it
 * (ignoring case). An empty list means no variant has that SKU; more than one means it is ambiguous.
 */
export async function variantsBySku(client: AdminClient, skus: readonly string[], options: { batchSize?: number } = {}): Promise<Map<string, VariantBySku[]>> {
  const wanted = [...new Set(skus.map((s) => s.trim()).filter((s) => s !== ""))];
  const found = new Map<string, VariantBySku[]>();
  const size = options.batchSize ?? SKU_BATCH_SIZE;
  for (let i = 0; i < wanted.length; i += size) {
    const batch = wanted.slice(i, i + size);
    const keys = new Set(batch.map(key));
    let after: string | null = null;
    do {
      const page: VariantsPage = await client.request(PRODUCT_VARIANTS_BY_SKU, { query: skuSearchQuery(batch), after });
      for (const node of page.productVariants.nodes) {
        if (!node.sku || !keys.has(key(node.sku))) continue;
        const list = found.get(key(node.sku)) ?? [];
        if (!list.some((v) => v.id === node.id)) list.push({ id: node.id, sku: node.sku, displayName: node.displayName });
        found.set(key(node.sku), list);
      }
      after = page.productVariants.pageInfo.hasNextPage ? page.productVariants.pageInfo.endCursor : null;
    } while (after);
  }
  return new Map(wanted.map((sku) => [sku, found.get(key(sku)) ?? []]));
}

/** One variant of the shop's catalogue, with its product's status (for the SKU-mapping report). */
export interface CatalogueVariantNode {
  readonly variantId: string;
  readonly productId: string;
  readonly productTitle: string;
  readonly title: string;
  readonly sku: string | null;
  readonly productStatus: string;
}

interface CataloguePage {
  readonly productVariants: {
    readonly nodes: readonly { id: string; sku: string | null; title: string; product: { id: string; title: string; status: string } }[];
    readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
  };
}

export const PRODUCT_VARIANTS_CATALOGUE = operation<CataloguePage, { after?: string | null }>(`#graphql
  query ProductVariantsCatalogue($after: String) {
    productVariants(first: 250, after: $after, sortKey: ID) {
      nodes {
        id
        sku
        title
        product {
          id
          title
          status
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/**
 * Every variant of the shop, page by page (250 a page, the client paces itself on Shopify's
 * throttle). Throws when a page fails: a partial catalogue would make present variants look deleted.
 */
export async function readCatalogue(client: AdminClient): Promise<CatalogueVariantNode[]> {
  const out: CatalogueVariantNode[] = [];
  let after: string | null = null;
  do {
    const page: CataloguePage = await client.request(PRODUCT_VARIANTS_CATALOGUE, { after });
    for (const n of page.productVariants.nodes) {
      out.push({ variantId: n.id, productId: n.product.id, productTitle: n.product.title, title: n.title, sku: n.sku, productStatus: n.product.status });
    }
    after = page.productVariants.pageInfo.hasNextPage ? page.productVariants.pageInfo.endCursor : null;
  } while (after);
  return out;
}
