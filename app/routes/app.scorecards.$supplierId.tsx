/** One supplier's scorecard: grade and trend, each measure with the order lines behind it, the worst SKUs. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link as RemixLink, useLoaderData, useSearchParams } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import { Badge, BlockStack, Card, DataTable, Layout, Page, Tabs, Text } from "@shopify/polaris";
import { GradeHeader, MeasuresTable, WorstSkusTable } from "~/components/scorecard/ScorecardParts";
import { orderPath } from "~/components/routing/order-path";
import prisma from "~/db.server";
import { MEASURE_NAMES, type MeasureName } from "~/domain/scorecard";
import { scorecardDetail } from "~/services/scorecards/scorecards.server";
import { services } from "~/services.server";
import { authenticate } from "~/shopify.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const now = services().now();
  const card = await scorecardDetail(prisma, session.shop, params.supplierId ?? "", now);
  if (!card) throw new Response("Supplier not found", { status: 404 });
  return { card };
}

const isMeasure = (v: string | null): v is MeasureName => v !== null && (MEASURE_NAMES as readonly string[]).includes(v);

export default function SupplierScorecardPage() {
  const { card } = useLoaderData<typeof loader>();
  const [params, setParams] = useSearchParams();
  const selected: MeasureName = isMeasure(params.get("measure")) ? (params.get("measure") as MeasureName) : "shipmentTime";
  const behind = card.linesBehind[selected];
  const tabs = card.measures.map((m) => ({ id: m.name, content: `${m.label} (${m.against} against)` }));
  const title = `${card.supplierName} scorecard`;
  return (
    <Page
      title={title}
      subtitle={`Orders created ${card.from.slice(0, 10)} – ${card.to.slice(0, 10)} (${card.windowDays} days)`}
      backAction={{ content: "Scorecards", url: "/app/scorecards" }}
      secondaryActions={[{ content: "Edit supplier", url: `/app/suppliers/${card.supplierId}` }]}
      titleMetadata={card.status === "paused" ? <Badge tone="attention">Paused</Badge> : undefined}
    >
      <TitleBar title={title} />
      <Layout>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <GradeHeader grade={card.grade} letter={card.letter} trend={card.trend} counted={card.counted} lateToleranceDays={card.lateToleranceDays} />
              <MeasuresTable
                measures={card.measures}
                link={(name, label) => (
                  <RemixLink to={`?measure=${name}`} preventScrollReset>
                    {label}
                  </RemixLink>
                )}
              />
              <Text as="p" tone="subdued">
                Routing reads this supplier&apos;s reliability{" "}
                {card.routing.sampleSize > 0 ? `measured over ${card.routing.sampleSize} orders` : "as neutral: no history yet"}
                {card.routing.measuredAt ? ` (computed ${card.routing.measuredAt.slice(0, 16).replace("T", " ")} UTC)` : ""}. {card.oversells} oversell incident
                {card.oversells === 1 ? "" : "s"} in the window raise its stock buffer.
              </Text>
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                Worst SKUs
              </Text>
              <WorstSkusTable skus={card.worstSkus} minLines={card.minSkuLines} />
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card padding="0">
            <Tabs
              tabs={tabs}
              selected={Math.max(0, MEASURE_NAMES.indexOf(selected))}
              onSelect={(i) => setParams({ measure: MEASURE_NAMES[i] ?? "shipmentTime" }, { preventScrollReset: true, replace: true })}
            >
              <BlockStack gap="200">
                <div style={{ padding: "var(--p-space-300) var(--p-space-400) 0" }}>
                  <Text as="p" tone="subdued">
                    {behind.total === 0
                      ? "No order line counts toward this measure yet."
                      : `The ${behind.total} order line${behind.total === 1 ? "" : "s"} behind this number${behind.total > behind.shown.length ? ` (the first ${behind.shown.length} shown)` : ""}, the ones against it first.`}
                  </Text>
                </div>
                {behind.shown.length > 0 ? (
                  <DataTable
                    columnContentTypes={["text", "text", "text", "text", "text"]}
                    headings={["Order", "Purchase order", "SKU", "Ordered", "Counted as"]}
                    rows={behind.shown.map((l) => [
                      <RemixLink key="order" to={orderPath(l.orderId)}>
                        {l.orderName}
                      </RemixLink>,
                      l.purchaseOrderNumber ?? "—",
                      l.sku,
                      l.orderCreatedAt.slice(0, 10),
                      <Text key="words" as="span" tone={l.counts === "against" ? "critical" : "subdued"}>
                        {l.words}
                      </Text>,
                    ])}
                    increasedTableDensity
                  />
                ) : null}
              </BlockStack>
            </Tabs>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
