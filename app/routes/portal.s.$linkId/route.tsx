/**
 * The supplier portal: no Shopify account, no App Bridge. Opened from a tokenised link that
 * /portal/<token> exchanged for a cookie scoped to this page (the URL names the link's row, never
 * its secret). Shows only the purchase orders of the supplier the token belongs to.
 */
import { json, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction, type SerializeFrom } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AppProvider, Banner, BlockStack, Card, EmptyState, Layout, Page, Text } from "@shopify/polaris";
import polarisTranslations from "@shopify/polaris/locales/en.json";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { PORTAL_HEADERS } from "~/services/security/document-headers";
import { services } from "~/services.server";
import { limitedFormData } from "~/services/security/form-limit.server";
import { PurchaseOrderCard } from "./po-card";
import { ScorecardCard } from "./scorecard-card";
import { portalLinkState, portalTokenFromCookie } from "~/services/portal/portal-link.server";
import { PortalProblem } from "./portal-problem";
import { expiredMessage, loadPortal, NOT_FOUND_MESSAGE, portalAction, portalServices, REOPEN_MESSAGE } from "./portal.server";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];
export const meta: MetaFunction = () => [{ title: "Supplier portal · Dropline" }, { name: "robots", content: "noindex" }];

// Never leak the page to other sites, never cache or frame it.
const PRIVATE = PORTAL_HEADERS;
export const headers: HeadersFunction = () => PRIVATE;

/** A 429 (or 413) answered instead, with the portal's headers. */
function refusedWith(response: Response): Response {
  for (const [name, value] of Object.entries(PRIVATE)) response.headers.set(name, value);
  return response;
}

/** Why the page cannot be shown, as a page of its own (the status says it to machines). */
function problem(status: number, message: string) {
  return json({ problem: message } as const, { status, headers: PRIVATE });
}

/** Missing cookie, expired link, or a link no longer valid: the matching message. */
async function linkProblem(token: string | null, linkId: string) {
  if (!token) return problem(401, REOPEN_MESSAGE);
  const state = await portalLinkState(portalServices(), token, linkId);
  return state.kind === "expired" ? problem(410, expiredMessage(state.expiredAt.toISOString())) : problem(404, NOT_FOUND_MESSAGE);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const linkId = params.linkId ?? "";
  const token = await portalTokenFromCookie(request, linkId);
  const limited = await services().publicLimiter.check(request, "portal", token ?? linkId);
  if (limited) throw refusedWith(limited);
  const portal = token ? await loadPortal(portalServices(), token, linkId) : null;
  if (!portal) return linkProblem(token, linkId);
  return json({ problem: null, ...portal }, { headers: PRIVATE });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const linkId = params.linkId ?? "";
  const token = await portalTokenFromCookie(request, linkId);
  const limited = await services().publicLimiter.check(request, "portal", token ?? linkId);
  if (limited) throw refusedWith(limited);
  const form = await limitedFormData(request, services().bodyLimits.request);
  if (!form.ok) return json({ ok: false as const, message: form.message }, { status: 413, headers: PRIVATE });
  if (!token) return json({ ok: false as const, message: REOPEN_MESSAGE }, { status: 401, headers: PRIVATE });
  const result = await portalAction(portalServices(), token, form.form, linkId);
  const body = result.ok ? { ok: true as const, message: result.value.message } : { ok: false as const, message: result.failure.message };
  return json(body, { status: result.ok ? 200 : result.failure.status, headers: PRIVATE });
}

export default function SupplierPortal() {
  const data = useLoaderData<typeof loader>();
  if (data.problem !== null) return <PortalProblem message={data.problem} />;
  return <PortalPage {...data} />;
}

type PortalData = Extract<SerializeFrom<typeof loader>, { problem: null }>;

function PortalPage({ supplierName, purchaseOrders, today, scorecard }: PortalData) {
  const result = useActionData<typeof action>();
  const waiting = purchaseOrders.filter((po) => po.actions.length > 0);
  const done = purchaseOrders.filter((po) => po.actions.length === 0);
  return (
    <AppProvider i18n={polarisTranslations}>
      <Page title={`Purchase orders for ${supplierName}`} subtitle="Accept with the date you will ship, or reject with a reason.">
        <Layout>
          {result ? (
            <Layout.Section>
              <Banner tone={result.ok ? "success" : "critical"}>{result.message}</Banner>
            </Layout.Section>
          ) : null}
          <Layout.Section>
            <BlockStack gap="400">
              {waiting.length === 0 ? (
                <Card>
                  <EmptyState heading="Nothing waiting for you" image="">
                    <p>New purchase orders appear here as soon as they are sent.</p>
                  </EmptyState>
                </Card>
              ) : (
                waiting.map((po) => <PurchaseOrderCard key={po.id} po={po} today={today} />)
              )}
              {done.length > 0 ? (
                <Text as="h2" variant="headingMd">
                  Earlier purchase orders
                </Text>
              ) : null}
              {done.map((po) => (
                <PurchaseOrderCard key={po.id} po={po} today={today} />
              ))}
              {scorecard ? <ScorecardCard card={scorecard} /> : null}
            </BlockStack>
          </Layout.Section>
        </Layout>
      </Page>
    </AppProvider>
  );
}
