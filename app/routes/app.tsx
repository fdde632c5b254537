import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { NavMenu } from "@shopify/app-bridge-react";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { boundary } from "@shopify/shopify-app-remix/server";
import { AppProvider } from "@shopify/shopify-app-remix/react";
import { appBridgeUrl } from "~/demo/config.server";
import { authenticate } from "~/shopify.server";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  await authenticate.admin(request);
  return { apiKey: process.env.SHOPIFY_API_KEY ?? "", appBridgeUrl: appBridgeUrl() };
}

export default function AppLayout() {
  const { apiKey, appBridgeUrl } = useLoaderData<typeof loader>();
  // AppProvider renders the App Bridge <script>; in demo mode it points at the local stand-in.
  const bridge = appBridgeUrl ? { __APP_BRIDGE_URL: appBridgeUrl } : {};
  return (
    <AppProvider isEmbeddedApp apiKey={apiKey} {...bridge}>
      <NavMenu>
        <Link to="/app" rel="home">
          Home
        </Link>
        <Link to="/app/metrics">Metrics</Link>
        <Link to="/app/suppliers">Suppliers</Link>
        <Link to="/app/scorecards">Scorecards</Link>
        <Link to="/app/offers">Offers</Link>
        <Link to="/app/mapping">SKU mapping</Link>
        <Link to="/app/purchase-orders">Purchase orders</Link>
        <Link to="/app/feeds">Stock feeds</Link>
        <Link to="/app/stock">Stock</Link>
        <Link to="/app/routing">Routing</Link>
        <Link to="/app/tracking">Tracking</Link>
        <Link to="/app/exceptions">Exceptions</Link>
        <Link to="/app/escalation-settings">Escalation settings</Link>
        <Link to="/app/review">Weekly review</Link>
        <Link to="/app/alerts">Alerts</Link>
        <Link to="/app/promise">Delivery promise</Link>
        <Link to="/app/notices">Customer notices</Link>
        <Link to="/app/inbox">Webhook inbox</Link>
      </NavMenu>
      <Outlet />
    </AppProvider>
  );
}

// Shopify needs Remix to catch some thrown responses so their headers reach the browser.
export function ErrorBoundary() {
  return boundary.error(useRouteError());
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
