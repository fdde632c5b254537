/**
 * Home is the control tower: what needs a person now, late purchase orders, open exceptions, and
 * this week's on-time rate and p90 order-to-ship against last week. The plumbing counters (webhook
 * events, jobs, dead letters) live on the inbox page.
 */
import { OpenAlertsCard } from "~/components/OpenAlertsCard";
import { openAlertsCard } from "~/models/alerts.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import { BlockStack, Card, DataTable, InlineGrid, Layout, Link, Page, Text } from "@shopify/polaris";
import { NeedsPersonCard, Stat, WeekCards } from "~/components/metrics/ControlTower";
import { RecentOrders, type RecentOrderView } from "~/components/metrics/RecentOrders";
import { orderPath } from "~/components/routing/order-path";
import { ReauthBanner, shopAccessView } from "~/components/ShopAccessCard";
import prisma from "~/db.server";
import { fromMinorUnits } from "~/domain/money";
import { listRecentOrders } from "~/models/orders.server";
import { shopAccess } from "~/models/shop-access.server";
import { controlTower } from "~/services/metrics/control-tower.server";
import { services } from "~/services.server";
import { authenticate } from "~/shopify.server";
import { ReopenChecklist, SetupChecklistCard } from "~/components/SetupChecklistCard";
import { setupChecklist } from "~/domain/setup";
import { loadSetupOverview, setChecklistMode } from "~/models/setup.server";

/** The latest orders with their newest routing decision. */
async function recentOrders(shop: string, take = 20): Promise<RecentOrderView[]> {
  const orders = await listRecentOrders(prisma, shop, take);
  const decisions = await prisma.routingDecision.findMany({
    where: { shop, orderId: { in: orders.map((o) => o.id) } },
    select: { orderId: true, outcome: true, status: true },
    orderBy: { version: "desc" },
  });
  const routing = new Map<string, { outcome: string; status: string }>();
  for (const d of decisions) if (!routing.has(d.orderId)) routing.set(d.orderId, { outcome: d.outcome, status: d.status });
  return orders.map((o) => ({
    id: o.id,
    name: o.name,
    placedAt: o.placedAt.toISOString(),
    total: `${fromMinorUnits(o.totalMinor)} ${o.currencyCode}`,
    destination: [o.provinceCode, o.countryCode].filter(Boolean).join(", ") || "—",
    serviceLevel: o.serviceLevel,
    cancelled: o.cancelledAt !== null,
    path: orderPath(o.id),
    routing: routing.get(o.id) ?? null,
  }));
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const [tower, access, orders, openAlerts, setup] = await Promise.all([
    controlTower(prisma, session.shop, services().now()),
    shopAccess(prisma, session.shop),
    recentOrders(session.shop),
    openAlertsCard(prisma, session.shop),
    loadSetupOverview(prisma, session.shop, services().now()),
  ]);
  const { people, late, exceptions } = tower;
  return {
    shop: session.shop,
    access: shopAccessView(access),
    day: tower.day,
    ordersToday: tower.ordersToday,
    week: tower.week,
    people: { ...people, heldOrderList: people.heldOrderList.map((o) => ({ ...o, path: orderPath(o.orderId) })) },
    late: {
      count: late.count,
      list: late.list.map((po) => ({
        id: po.id,
        number: po.number,
        orderName: po.orderName,
        path: orderPath(po.orderId),
        status: po.status,
        due: (po.committedShipAt ?? po.shipBy).toISOString(),
      })),
    },
    exceptions,
    orders,
    openAlerts,
    checklist: setupChecklist(setup.facts),
    mapping: { problems: setup.report.problems, soldWithoutOffer: setup.report.soldWithoutOffer.length },
  };
}

/** Hides the setup checklist or reopens it (a per-shop setting). */
export async function action({ request }: ActionFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  const mode = form.get("mode");
  if (form.get("intent") !== "checklist" || (mode !== "hidden" && mode !== "shown")) throw new Response("Unknown action", { status: 400 });
  await setChecklistMode(prisma, session.shop, mode);
  return { ok: true };
}

const utc = (iso: string) => new Date(iso).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC";

export default function Home() {
  const { shop, access, day, ordersToday, week, people, late, exceptions, orders, openAlerts, checklist, mapping } = useLoaderData<typeof loader>();
  return (
    <Page title="Dropline" subtitle={`Control tower · ${shop}`} secondaryActions={[{ content: "All metrics", url: "/app/metrics" }]}>
      <TitleBar title="Dropline" />
      <Layout>
        {access.needsReauth || access.parkedJobs > 0 ? (
          <Layout.Section>
            <ReauthBanner access={access} />
          </Layout.Section>
        ) : null}
        <Layout.Section>{checklist.visible ? <SetupChecklistCard checklist={checklist} /> : <ReopenChecklist complete={checklist.complete} />}</Layout.Section>
        <Layout.Section>
          <OpenAlertsCard data={openAlerts} />
        </Layout.Section>
        <Layout.Section>
          <InlineGrid columns={{ xs: 2, md: 4 }} gap="400">
            <Stat label={`Orders placed today (${day})`} value={ordersToday} />
            <Stat
              label="Late purchase orders"
              value={late.count}
              tone={late.count > 0 ? "critical" : undefined}
              help="Past their committed (or promised) ship-by, not shipped"
            />
            <Stat
              label="Open exceptions"
              value={exceptions.count}
              tone={exceptions.count > 0 ? "critical" : undefined}
              help="Cases the exception sweep found"
            />
            <Stat
              label="SKU mapping problems"
              value={mapping.problems}
              tone={mapping.problems > 0 ? "critical" : undefined}
              help={
                mapping.soldWithoutOffer > 0
                  ? `${mapping.soldWithoutOffer} variant(s) sold with no supplier offer; see SKU mapping`
                  : "Variants sold with no offer, broken offers, duplicate supplier SKUs, suppliers without a feed"
              }
              link={{ url: "/app/mapping", content: "Open SKU mapping" }}
            />
          </InlineGrid>
        </Layout.Section>
        <Layout.Section>
          <WeekCards week={week} />
        </Layout.Section>
        <Layout.Section>
          <NeedsPersonCard people={people} />
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                Late purchase orders
              </Text>
              {late.list.length === 0 ? (
                <Text as="p" tone="subdued">
                  Every open purchase order is within its ship-by.
                </Text>
              ) : (
                <DataTable
                  columnContentTypes={["text", "text", "text", "text"]}
                  headings={["Purchase order", "Order", "Status", "Was due"]}
                  rows={late.list.map((po) => [
                    po.number,
                    <Link key={po.id} url={po.path}>
                      {po.orderName}
                    </Link>,
                    po.status,
                    utc(po.due),
                  ])}
                  footerContent={late.count > late.list.length ? `Showing the ${late.list.length} most overdue of ${late.count}.` : undefined}
                />
              )}
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                Open exceptions
              </Text>
              {exceptions.byType.length === 0 ? (
                <Text as="p" tone="subdued">
                  No open exception.
                </Text>
              ) : (
                <DataTable
                  columnContentTypes={["text", "numeric"]}
                  headings={["Type", "Open"]}
                  rows={exceptions.byType.map((t) => [t.type.replace(/_/g, " "), t.count])}
                />
              )}
              <Link url="/app/exceptions">Work the exceptions</Link>
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <RecentOrders orders={orders} />
        </Layout.Section>
      </Layout>
    </Page>
  );
}
