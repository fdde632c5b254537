/**
 * Portal links leave the URL after the first visit (issue 16, finding 6). `/portal/<token>` checks
 * the token, puts it in an HttpOnly, SameSite=Lax cookie scoped to the link's own page
 * (`/portal/s/<linkId>`) and redirects there; the page and its forms read the token from the
 * cookie. The token then never shows in the address bar, the browser history, a Referer, or an
 * access-log line after the exchange request (whose path the logger redacts: server/access-log.mjs).
 * One cookie per link, so a supplier working for two shops keeps both portals open.
 */
import { createCookie } from "@remix-run/node";
import { cookieMaxAgeSeconds, portalCookieName, portalPagePath } from "~/domain/portal-link";
import { audit, checkPortalToken } from "~/models/portal-tokens.server";
import type { CoordinationServices } from "../coordination/services.server";

export type PortalLinkOpening =
  | { readonly kind: "opened"; readonly location: string; readonly setCookie: string }
  | { readonly kind: "expired"; readonly expiredAt: string }
  | { readonly kind: "invalid" };

/** Whether the portal cookie gets `Secure`: always, except for an app served over plain HTTP on loopback (the local demo). */
export function portalCookieSecure(appUrl: string): boolean {
  const url = new URL(appUrl);
  const loopback = url.hostname === "localhost" || url.hostname === "127.0.0.1" || url.hostname === "[::1]";
  return !(url.protocol === "http:" && loopback);
}

function linkCookie(linkId: string, secure: boolean, maxAge?: number) {
  return createCookie(portalCookieName(linkId), { path: portalPagePath(linkId), httpOnly: true, sameSite: "lax", secure, ...(maxAge ? { maxAge } : {}) });
}

/** Exchanges a presented token for the cookie and the token-free page; refusals are audited like any refused portal request. */
export async function openPortalLink(s: CoordinationServices, token: string | undefined): Promise<PortalLinkOpening> {
  const now = s.now();
  const check = await checkPortalToken(s.db, token, now);
  if (check.kind === "invalid") {
    await audit(s.db, { identity: null, action: "view", outcome: "refused", detail: "unknown or revoked token", at: now });
    return { kind: "invalid" };
  }
  if (check.kind === "expired") {
    await audit(s.db, { identity: null, action: "view", outcome: "refused", detail: "expired link", at: now });
    return { kind: "expired", expiredAt: check.expiredAt.toISOString() };
  }
  const linkId = check.identity.tokenId;
  const cookie = linkCookie(linkId, portalCookieSecure(s.appUrl), cookieMaxAgeSeconds(check.expiresAt, now));
  return { kind: "opened", location: portalPagePath(linkId), setCookie: await cookie.serialize(token) };
}

/** The token the link's page was opened with (its cookie), or null: the supplier must open the link again. */
export async function portalTokenFromCookie(request: Request, linkId: string): Promise<string | null> {
  const value: unknown = await linkCookie(linkId, false).parse(request.headers.get("Cookie"));
  return typeof value === "string" ? value : null;
}

/** The link behind a cookie: valid, expired (the page says so), or not usable. */
export async function portalLinkState(s: CoordinationServices, token: string | null, linkId: string) {
  const check = await checkPortalToken(s.db, token, s.now());
  // A cookie only opens the page of its own link.
  if (check.kind === "valid" && check.identity.tokenId !== linkId) return { kind: "invalid" } as const;
  return check;
}
