/**
 * The supplier portal: opened from a tokenised link, no Shopify account, no App Bridge. Shows only
 * the purchase orders of the supplier the token belongs to.
 */
import { json, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AppProvider, Banner, BlockStack, Card, EmptyState, Layout, Page, Text } from "@shopify/polaris";
import polarisTranslations from "@shopify/polaris/locales/en.json";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { PORTAL_HEADERS } from "~/services/security/document-headers";
import { services } from "~/services.server";
import { limitedFormData } from "~/services/security/form-limit.server";
import { PurchaseOrderCard } from "./po-card";
import { ScorecardCard } from "./scorecard-card";
import { loadPortal, NOT_FOUND_MESSAGE, portalAction, portalServices } from "./portal.server";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];
export const meta: MetaFunction = () => [{ title: "Supplier portal · Dropline" }, { name: "robots", content: "noindex" }];

// The token is in the URL: never leak it to other sites, never cache or frame the page.
const PRIVATE = PORTAL_HEADERS;
export const headers: HeadersFunction = () => PRIVATE;

/** A 429 (or 413) answered instead, with the portal's headers. */
function refusedWith(response: Response): Response {
  for (const [name, value] of Object.entries(PRIVATE)) response.headers.set(name, value);
  return response;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const limited = await services().publicLimiter.check(request, "portal", params.token);
  if (limited) throw refusedWith(limited);
  const portal = await loadPortal(portalServices(), params.token);
  if (!portal) throw new Response(NOT_FOUND_MESSAGE, { status: 404, headers: PRIVATE });
  return json(portal, { headers: PRIVATE });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const limited = await services().publicLimiter.check(request, "portal", params.token);
  if (limited) throw refusedWith(limited);
  const form = await limitedFormData(request, services().bodyLimits.request);
  if (!form.ok) return json({ ok: false as const, message: form.message }, { status: 413, headers: PRIVATE });
  const result = await portalAction(portalServices(), params.token, form.form);
  const body = result.ok ? { ok: true as const, message: result.value.message } : { ok: false as const, message: result.failure.message };
  return json(body, { status: result.ok ? 200 : result.failure.status, headers: PRIVATE });
}

export default function SupplierPortal() {
  const { supplierName, purchaseOrders, today, scorecard } = useLoaderData<typeof loader>();
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
