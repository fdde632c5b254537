/**
 * A supplier's browser on the portal: opens a link (/portal/<token> exchanges it for a cookie and
 * redirects to /portal/s/<linkId>), then loads and posts the page with that cookie, as a browser
 * would. Import after useTestAppEnv (the routes read the environment).
 */
type RouteFn = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<Response>;

const ORIGIN = "http://localhost:3000";

async function settled(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

export interface OpenedLink {
  /** The exchange's own answer: a 303 when the link opened, else the page saying why not. */
  readonly response: Response;
  readonly location: string | null;
  readonly linkId: string | null;
  /** The `name=value` the browser sends back. */
  readonly cookie: string | null;
}

export async function openPortalLink(token: string): Promise<OpenedLink> {
  const exchange = (await import("../../app/routes/portal.$token/route")) as unknown as { loader: RouteFn };
  const response = await settled(() => exchange.loader({ request: new Request(`${ORIGIN}/portal/${token}`), params: { token }, context: {} }));
  const location = response.headers.get("Location");
  const linkId = location ? (/^\/portal\/s\/([^/?#]+)$/u.exec(location)?.[1] ?? null) : null;
  const cookie = response.headers.get("Set-Cookie")?.split(";")[0] ?? null;
  return { response, location, linkId, cookie };
}

async function page(): Promise<{ loader: RouteFn; action: RouteFn }> {
  return (await import("../../app/routes/portal.s.$linkId/route")) as unknown as { loader: RouteFn; action: RouteFn };
}

/** Opens the link and loads the page it leads to (or the exchange's refusal when it does not open). */
export async function portalPage(token: string): Promise<Response> {
  const opened = await openPortalLink(token);
  if (!opened.linkId || !opened.cookie) return opened.response;
  const { loader } = await page();
  const request = new Request(`${ORIGIN}${opened.location}`, { headers: { Cookie: opened.cookie } });
  return settled(() => loader({ request, params: { linkId: opened.linkId! }, context: {} }));
}

/** Opens the link and posts one form from the page it leads to. */
export async function portalPost(token: string, fields: Record<string, string>): Promise<Response> {
  const opened = await openPortalLink(token);
  if (!opened.linkId || !opened.cookie) return opened.response;
  const { action } = await page();
  const request = new Request(`${ORIGIN}${opened.location}`, { method: "POST", headers: { Cookie: opened.cookie }, body: new URLSearchParams(fields) });
  return settled(() => action({ request, params: { linkId: opened.linkId! }, context: {} }));
}
