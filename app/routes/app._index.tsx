import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import { Badge, BlockStack, Card, DataTable, InlineGrid, Layout, Link, Page, Text } from "@shopify/polaris";
import { outcomeLabel, statusLabel } from "~/components/routing/labels";
import { orderPath } from "~/components/routing/order-path";
import prisma from "~/db.server";
import { fromMinorUnits } from "~/domain/money";
import { inboxSummary } from "~/models/inbox.server";
import { shopAccess } from "~/models/shop-access.server";
import { ReauthBanner, shopAccessView } from "~/components/ShopAccessCard";
import { listRecentOrders } from "~/models/orders.server";
import { authenticate } from "~/shopify.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const [summary, orders, access] = await Promise.all([
    inboxSummary(prisma, session.shop),
    listRecentOrders(prisma, session.shop, 20),
    shopAccess(prisma, session.shop),
  ]);
  // The newest routing decision of each listed order, for the Routing column.
  const decisions = await prisma.routingDecision.findMany({
    where: { shop: session.shop, orderId: { in: orders.map((o) => o.id) } },
    select: { orderId: true, outcome: true, status: true },
    orderBy: { version: "desc" },
  });
  const routing = new Map<string, { outcome: string; status: string }>();
  for (const d of decisions) if (!routing.has(d.orderId)) routing.set(d.orderId, { outcome: d.outcome, status: d.status });
  return {
    shop: session.shop,
    summary,
    access: shopAccessView(access),
    orders: orders.map((o) => ({
      id: o.id,
      name: o.name,
      placedAt: o.placedAt.toISOString(),
      total: `${fromMinorUnits(o.totalMinor)} ${o.currencyCode}`,
      destination: [o.provinceCode, o.countryCode].filter(Boolean).join(", ") || "—",
      serviceLevel: o.serviceLevel,
      cancelled: o.cancelledAt !== null,
      path: orderPath(o.id),
      routing: routing.get(o.id) ?? null,
    })),
  };
}

function RoutingBadge({ routing }: { routing: { outcome: string; status: string } | null }) {
  if (!routing)
    return (
      <Text as="span" tone="subdued">
        Not routed
      </Text>
    );
  const { label, tone } = routing.status === "applied" ? outcomeLabel(routing.outcome) : statusLabel(routing.status);
  return <Badge tone={tone}>{routing.status === "applied" ? label : `${outcomeLabel(routing.outcome).label} · ${label}`}</Badge>;
}

function Stat({ label, value, tone }: { label: string; value: number; tone?: "critical" | "success" }) {
  return (
    <Card>
      <BlockStack gap="100">
        <Text as="h3" variant="headingSm" tone="subdued">
          {label}
        </Text>
        <Text as="p" variant="heading2xl" tone={tone}>
          {value}
        </Text>
      </BlockStack>
    </Card>
  );
}

export default function Home() {
  const { shop, summary, orders, access } = useLoaderData<typeof loader>();
  return (
    <Page title="Dropline" subtitle={shop}>
      <TitleBar title="Dropline" />
      <Layout>
        {access.needsReauth || access.parkedJobs > 0 ? (
          <Layout.Section>
            <ReauthBanner access={access} />
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <InlineGrid columns={{ xs: 2, md: 4 }} gap="400">
            <Stat label="Orders received" value={orders.length} />
            <Stat label="Webhook events" value={summary.events} />
            <Stat label="Jobs waiting" value={summary.jobs.queued + summary.jobs.running} />
            <Stat label="Dead-lettered jobs" value={summary.jobs.dead} tone={summary.jobs.dead > 0 ? "critical" : undefined} />
          </InlineGrid>
        </Layout.Section>
        <Layout.Section>
          <Card padding="0">
            <BlockStack gap="200">
              <div style={{ padding: "16px 16px 0" }}>
                <Text as="h2" variant="headingMd">
                  Recent orders
                </Text>
              </div>
              {orders.length === 0 ? (
                <div style={{ padding: 16 }}>
                  <Text as="p" tone="subdued">
                    No orders yet. New Shopify orders appear here as soon as their webhook is processed.
                  </Text>
                </div>
              ) : (
                <DataTable
                  columnContentTypes={["text", "text", "text", "text", "text", "numeric"]}
                  headings={["Order", "Placed", "Ships to", "Service", "Routing", "Total"]}
                  rows={orders.map((o) => [
                    <span key={o.id}>
                      <Link url={o.path} removeUnderline>
                        {o.name}
                      </Link>{" "}
                      {o.cancelled ? <Badge tone="critical">Cancelled</Badge> : null}
                    </span>,
                    new Date(o.placedAt).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }),
                    o.destination,
                    o.serviceLevel === "expedited" ? <Badge tone="attention">Expedited</Badge> : "Standard",
                    <RoutingBadge key={`${o.id}-routing`} routing={o.routing} />,
                    o.total,
                  ])}
                />
              )}
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
