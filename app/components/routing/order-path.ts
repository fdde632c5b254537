/**
 * Order pages are addressed by the numeric tail of the order GID (/app/orders/5917438099678354321):
 * short, readable, and the GID is rebuilt from it as a string, never parsed into a JS number
 * (order ids exceed Number.MAX_SAFE_INTEGER).
 */
const ORDER_GID_PREFIX = "gid://shopify/Order/";

/** The admin URL of an order's routing page. */
export function orderPath(orderGid: string): string {
  const tail = orderGid.startsWith(ORDER_GID_PREFIX) ? orderGid.slice(ORDER_GID_PREFIX.length) : orderGid;
  return `/app/orders/${encodeURIComponent(tail)}`;
}

/** The order GID for a URL parameter, or null when the parameter is not an order id. */
export function orderGidFromParam(param: string | undefined): string | null {
  return param && /^\d{1,30}$/.test(param) ? `${ORDER_GID_PREFIX}${param}` : null;
}
