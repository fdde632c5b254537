/**
 * A supplier's portal link, `/portal/<token>`: the token is checked, moved into a cookie scoped to
 * the link's page and the browser redirected there (app/services/portal/portal-link.server.ts), so
 * the token leaves the address bar, history and later access-log lines after this one request
 * (whose path the access logger redacts). An expired or invalid link gets a page saying so.
 */
import { json, redirect, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { PORTAL_HEADERS } from "~/services/security/document-headers";
import { openPortalLink } from "~/services/portal/portal-link.server";
import { services } from "~/services.server";
import { PortalProblem } from "../portal.s.$linkId/portal-problem";
import { expiredMessage, NOT_FOUND_MESSAGE, portalServices } from "../portal.s.$linkId/portal.server";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];
export const meta: MetaFunction = () => [{ title: "Supplier portal · Dropline" }, { name: "robots", content: "noindex" }];
export const headers: HeadersFunction = () => PORTAL_HEADERS;

/** A 429 (or 413) answered instead, with the portal's headers. */
function refusedWith(response: Response): Response {
  for (const [name, value] of Object.entries(PORTAL_HEADERS)) response.headers.set(name, value);
  return response;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const limited = await services().publicLimiter.check(request, "portal", params.token);
  if (limited) throw refusedWith(limited);
  const opening = await openPortalLink(portalServices(), params.token);
  if (opening.kind === "opened") {
    // 303: the token-free page is fetched with GET; Referrer-Policy: no-referrer keeps this URL out of Referer.
    return redirect(opening.location, { status: 303, headers: { ...PORTAL_HEADERS, "Set-Cookie": opening.setCookie } });
  }
  const message = opening.kind === "expired" ? expiredMessage(opening.expiredAt) : NOT_FOUND_MESSAGE;
  return json({ problem: message }, { status: opening.kind === "expired" ? 410 : 404, headers: PORTAL_HEADERS });
}

export default function PortalLink() {
  const { problem } = useLoaderData<typeof loader>();
  return <PortalProblem message={problem} />;
}
