/**
 * Supplier portal links (issue 16, finding 6): how long they work, where the exchanged cookie
 * lives, and how a secret is shown after its creation. Pure: time comes in as an argument.
 */

/** Days a supplier's portal link works by default (DROPLINE_PORTAL_LINK_TTL_DAYS). */
export const DEFAULT_PORTAL_LINK_TTL_DAYS = 90;
/** Days after ship-by an emailed purchase-order link works by default (DROPLINE_PO_LINK_DAYS_AFTER_SHIP_BY). */
export const DEFAULT_PO_LINK_DAYS_AFTER_SHIP_BY = 30;

const DAY_MS = 86_400_000;

export interface PortalLinkPolicy {
  /** Days a supplier's portal link works after it is issued. */
  readonly ttlDays: number;
  /** Days after a purchase order's ship-by date that the link emailed with it works. */
  readonly daysAfterShipBy: number;
}

export const DEFAULT_PORTAL_LINK_POLICY: PortalLinkPolicy = {
  ttlDays: DEFAULT_PORTAL_LINK_TTL_DAYS,
  daysAfterShipBy: DEFAULT_PO_LINK_DAYS_AFTER_SHIP_BY,
};

/** When a portal link issued at `issuedAt` stops working. */
export function portalLinkExpiry(issuedAt: Date, policy: PortalLinkPolicy): Date {
  return new Date(issuedAt.getTime() + policy.ttlDays * DAY_MS);
}

/** When a link emailed with a purchase order stops working: `daysAfterShipBy` after ship-by (or after now, if ship-by is past). */
export function purchaseOrderLinkExpiry(now: Date, shipBy: Date, policy: PortalLinkPolicy): Date {
  return new Date(Math.max(now.getTime(), shipBy.getTime()) + policy.daysAfterShipBy * DAY_MS);
}

/**
 * A link stored before links expired (no expiry recorded) expires like a new one issued when it
 * was: the default lifetime after its creation.
 */
export function effectiveExpiry(expiresAt: Date | null, createdAt: Date): Date {
  return expiresAt ?? portalLinkExpiry(createdAt, DEFAULT_PORTAL_LINK_POLICY);
}

/** The token-free page a portal link leads to once exchanged: it names the link's row, not its secret. */
export function portalPagePath(linkId: string): string {
  return `/portal/s/${linkId}`;
}

/** The cookie holding one link's token; one per link, so a supplier of two shops keeps both. */
export function portalCookieName(linkId: string): string {
  return `dlp_${linkId}`;
}

/** Seconds a cookie should live to end with the link (at least 1: a zero Max-Age deletes it). */
export function cookieMaxAgeSeconds(expiresAt: Date, now: Date): number {
  return Math.max(1, Math.floor((expiresAt.getTime() - now.getTime()) / 1000));
}

/** How a secret is shown after its creation: its last four characters only. */
export function maskSecret(secret: string | null | undefined): string {
  if (!secret) return "";
  return `••••${secret.slice(-4)}`;
}
