/**
 * An orders/create body with large numeric ids written as raw JSON numbers (beyond
 * Number.MAX_SAFE_INTEGER), exactly as Shopify sends them.
 */
export function orderPayload(overrides: { id?: string; name?: string; customerId?: string; cancelledAt?: string | null; email?: string } = {}): string {
  const id = overrides.id ?? "5917438099678354321";
  const cancelled = overrides.cancelledAt ? `"${overrides.cancelledAt}"` : "null";
  return `{
    "id": ${id},
    "admin_graphql_api_id": "gid://shopify/Order/${id}",
    "name": "${overrides.name ?? "#1001"}",
    "email": "${overrides.email ?? "jane@example.com"}",
    "currency": "USD",
    "total_price": "129.90",
    "created_at": "2026-11-24T10:00:00-05:00",
    "cancelled_at": ${cancelled},
    "source_name": "web",
    "customer": { "id": ${overrides.customerId ?? "7300000000000000001"}, "admin_graphql_api_id": "gid://shopify/Customer/${overrides.customerId ?? "7300000000000000001"}" },
    "shipping_address": { "name": "Jane Doe", "address1": "1 Main St", "city": "Montreal", "zip": "H2X 1Y4", "province_code": "QC", "country_code": "CA" },
    "shipping_lines": [{ "title": "Express shipping", "code": "EXPRESS" }],
    "line_items": [
      { "id": 9007199254740993123, "admin_graphql_api_id": "gid://shopify/LineItem/9007199254740993123", "variant_id": 9007199254740993777, "product_id": 1, "sku": "MUG-1", "title": "Mug", "quantity": 2, "price": "39.95" }
    ]
  }`;
}
