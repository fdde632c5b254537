import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import { Badge, Banner, BlockStack, Button, Card, EmptyState, IndexTable, InlineStack, Layout, Link, Page, Text } from "@shopify/polaris";
import { closeTask, purchaseOrderAction, setManualReview } from "~/services/coordination/admin-actions.server";
import { purchaseOrderAdmin } from "~/services/coordination/admin-view.server";
import { authenticate } from "~/shopify.server";
import { services } from "~/services.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  return purchaseOrderAdmin(services(), session.shop);
}

export async function action({ request }: ActionFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const values = Object.fromEntries(await request.formData());
  const s = services();
  if (values.intent === "task_done") return closeTask(s, session.shop, String(values.taskId ?? ""));
  if (values.intent === "manual_review") return setManualReview(s, session.shop, values.on === "on");
  return purchaseOrderAction(s, session.shop, values);
}

const TONE: Record<string, "success" | "attention" | "critical" | "info" | undefined> = {
  sent: "attention",
  accepting: "info",
  accepted: "success",
  rejected: "critical",
  rerouted: "info",
  awaiting_review: "attention",
  cancellation_requested: "attention",
};

function ActionButton({ poId, intent, label }: { poId: string; intent: string; label: string }) {
  return (
    <Form method="post">
      <input type="hidden" name="poId" value={poId} />
      <input type="hidden" name="intent" value={intent} />
      <Button submit size="slim">
        {label}
      </Button>
    </Form>
  );
}

type Po = ReturnType<typeof useLoaderData<typeof loader>>["purchaseOrders"][number];

function PoActions({ po }: { po: Po }) {
  const waiting = po.status === "sent" || po.status === "accepted";
  return (
    <InlineStack gap="100" wrap={false}>
      {po.status === "awaiting_review" ? <ActionButton poId={po.id} intent="approve" label="Approve & send" /> : null}
      {waiting || po.status === "cancellation_requested" ? <ActionButton poId={po.id} intent="resend" label="Resend" /> : null}
      {po.supplierEmail ? (
        <Button size="slim" url={`mailto:${po.supplierEmail}?subject=${encodeURIComponent(`Purchase order ${po.number}`)}`}>
          Contact
        </Button>
      ) : null}
      {waiting ? <ActionButton poId={po.id} intent="reroute" label="Re-route now" /> : null}
      {waiting ? <ActionButton poId={po.id} intent={po.held ? "release" : "hold"} label={po.held ? "Release" : "Hold"} /> : null}
    </InlineStack>
  );
}

export default function PurchaseOrders() {
  const { purchaseOrders, tasks, manualReview, reconciliation } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <Page
      title="Purchase orders"
      secondaryActions={[
        { content: "Supplier channels & portal links", url: "/app/purchase-orders/suppliers" },
        { content: "Export CSV", url: "/app/purchase-orders/export.csv", external: true },
      ]}
    >
      <TitleBar title="Purchase orders" />
      <Layout>
        {result ? (
          <Layout.Section>
            <Banner tone={result.ok ? "success" : "warning"}>{result.ok ? result.value.message : result.failure.message}</Banner>
          </Layout.Section>
        ) : null}
        {tasks.length > 0 ? (
          <Layout.Section>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Tasks for your team ({tasks.length})
                </Text>
                {tasks.map((t) => (
                  <InlineStack key={t.id} gap="200" align="space-between" blockAlign="center">
                    <Text as="p">{t.message}</Text>
                    <Form method="post">
                      <input type="hidden" name="intent" value="task_done" />
                      <input type="hidden" name="taskId" value={t.id} />
                      <Button submit size="slim">
                        Done
                      </Button>
                    </Form>
                  </InlineStack>
                ))}
              </BlockStack>
            </Card>
          </Layout.Section>
        ) : null}
        {reconciliation ? (
          <Layout.Section>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Last check against Shopify
                </Text>
                <Text as="p" tone="subdued">
                  {new Date(reconciliation.at).toLocaleString()}: {reconciliation.fulfillmentOrders} fulfillment orders at your suppliers' locations (
                  {reconciliation.pages} pages), {reconciliation.purchaseOrders} open purchase orders compared.{" "}
                  {reconciliation.repairs.length === 0 ? "Everything agreed." : null}
                </Text>
                {reconciliation.repairs.map((r, i) => (
                  <Text as="p" key={`${r.number}-${i}`}>
                    {r.number}: {r.detail}
                    {r.applied ? "" : " (noted)"}
                  </Text>
                ))}
                {reconciliation.more > 0 ? <Text as="p">…and {reconciliation.more} more.</Text> : null}
              </BlockStack>
            </Card>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <Card padding="0">
            {purchaseOrders.length === 0 ? (
              <EmptyState heading="No purchase orders yet" action={{ content: "Check the SKU mapping", url: "/app/mapping" }} image="">
                <p>
                  When an order is routed to a supplier, its fulfillment request and purchase order appear here. Routing needs an active supplier with an offer
                  for each variant sold.
                </p>
              </EmptyState>
            ) : (
              <IndexTable
                resourceName={{ singular: "purchase order", plural: "purchase orders" }}
                itemCount={purchaseOrders.length}
                selectable={false}
                headings={[
                  { title: "PO" },
                  { title: "Supplier" },
                  { title: "Status" },
                  { title: "Escalation" },
                  { title: "Age" },
                  { title: "Ship by" },
                  { title: "" },
                ]}
              >
                {purchaseOrders.map((po, index) => (
                  <IndexTable.Row id={po.id} key={po.id} position={index}>
                    <IndexTable.Cell>
                      <Text as="span" fontWeight="semibold">
                        {po.number}
                      </Text>{" "}
                      <Text as="span" tone="subdued">
                        {po.orderName}
                      </Text>
                    </IndexTable.Cell>
                    <IndexTable.Cell>{po.supplier}</IndexTable.Cell>
                    <IndexTable.Cell>
                      <Badge tone={TONE[po.status]}>{po.status.replace(/_/g, " ")}</Badge>
                      {po.held ? <Badge>held</Badge> : null}
                      {po.heldInShopify ? <Badge tone="attention">{`held in Shopify: ${po.heldInShopify}`}</Badge> : null}
                      {po.deliveryError ? <Badge tone="critical">delivery failed</Badge> : null}
                    </IndexTable.Cell>
                    <IndexTable.Cell>{po.step.replace(/_/g, " ")}</IndexTable.Cell>
                    <IndexTable.Cell>{po.age}</IndexTable.Cell>
                    <IndexTable.Cell>{po.committed ? `${po.committed} (committed)` : po.shipBy}</IndexTable.Cell>
                    <IndexTable.Cell>
                      <PoActions po={po} />
                    </IndexTable.Cell>
                  </IndexTable.Row>
                ))}
              </IndexTable>
            )}
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Form method="post">
            <input type="hidden" name="intent" value="manual_review" />
            <input type="hidden" name="on" value={manualReview ? "off" : "on"} />
            <InlineStack gap="200" blockAlign="center">
              <Text as="p">Manual review for every supplier is {manualReview ? "on" : "off"}.</Text>
              <Button submit size="slim">
                {manualReview ? "Turn off" : "Turn on"}
              </Button>
              <Link url="/app/purchase-orders/suppliers">Per-supplier settings</Link>
            </InlineStack>
          </Form>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
