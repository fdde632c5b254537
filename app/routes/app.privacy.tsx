/**
 * Privacy requests (issue 16, finding 5): customers' data requests with their exports to download
 * (JSON or CSV), and compliance webhooks that could not be handled (a payload that failed
 * validation dead-letters; it is shown here, with the reason, so no request goes unanswered).
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import { Badge, Banner, BlockStack, Card, DataTable, EmptyState, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import prisma from "~/db.server";
import { failedComplianceWebhooks, listDataRequests } from "~/models/customer-data.server";
import { authenticate } from "~/shopify.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const [requests, failures] = await Promise.all([listDataRequests(prisma, session.shop), failedComplianceWebhooks(prisma, session.shop)]);
  return {
    requests: requests.map((r) => ({
      id: r.id,
      customerId: r.customerId,
      email: r.email,
      ordersFound: r.ordersFound,
      status: r.status,
      requestedAt: r.requestedAt.toISOString(),
      readyAt: r.readyAt?.toISOString() ?? null,
      downloadedAt: r.downloadedAt?.toISOString() ?? null,
    })),
    failures: failures.map((f) => ({ ...f, receivedAt: f.receivedAt.toISOString(), failedAt: f.failedAt?.toISOString() ?? null })),
  };
}

const STATUS = {
  pending: { tone: "attention", label: "Pending" },
  ready: { tone: "success", label: "Ready" },
  redacted: { tone: undefined, label: "Erased since (customers/redact)" },
} as const;

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) : "—");

export default function PrivacyRequests() {
  const { requests, failures } = useLoaderData<typeof loader>();
  return (
    <Page title="Privacy requests" subtitle="Customers' data requests from Shopify, and what Dropline holds about them">
      <TitleBar title="Privacy requests" />
      <Layout>
        {failures.length > 0 ? (
          <Layout.Section>
            <Banner tone="critical" title={`${failures.length} compliance webhook${failures.length === 1 ? "" : "s"} could not be handled`}>
              <BlockStack gap="200">
                <p>
                  Shopify sent a privacy request Dropline could not process. Answer it from Shopify admin (Customers → the customer → Request customer data /
                  Erase personal data) or contact support with the event id. The job is also listed in the <Link to="/app/inbox">webhook inbox</Link>.
                </p>
                <DataTable
                  columnContentTypes={["text", "text", "text", "text"]}
                  headings={["Topic", "Received", "Event", "Why it failed"]}
                  rows={failures.map((f) => [f.topic, when(f.receivedAt), f.eventId, f.reason ?? ""])}
                />
              </BlockStack>
            </Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <Card padding={requests.length === 0 ? "400" : "0"}>
            {requests.length === 0 ? (
              <EmptyState heading="No data requests yet" image="">
                <p>When a customer asks for their data, Shopify tells Dropline; the export of what Dropline holds about them appears here to download.</p>
              </EmptyState>
            ) : (
              <DataTable
                columnContentTypes={["text", "text", "numeric", "text", "text"]}
                headings={["Requested", "Customer", "Orders", "Status", "Export"]}
                rows={requests.map((r) => [
                  when(r.requestedAt),
                  r.email ?? r.customerId ?? "—",
                  r.ordersFound,
                  <Badge key={r.id} tone={STATUS[r.status as keyof typeof STATUS]?.tone}>
                    {STATUS[r.status as keyof typeof STATUS]?.label ?? r.status}
                  </Badge>,
                  r.status === "ready" ? (
                    <InlineStack key={r.id} gap="200">
                      <a href={`/app/privacy/${r.id}/export`} download>
                        JSON
                      </a>
                      <a href={`/app/privacy/${r.id}/export?format=csv`} download>
                        CSV
                      </a>
                      {r.downloadedAt ? <Text as="span" tone="subdued">{`downloaded ${when(r.downloadedAt)}`}</Text> : null}
                    </InlineStack>
                  ) : (
                    "—"
                  ),
                ])}
              />
            )}
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Text as="p" tone="subdued">
            The export holds the customer&apos;s orders, order timeline, purchase orders (and which suppliers received their address), shipments, exception
            cases, the emails Dropline sent them and their &quot;where is my order&quot; contacts. Send it to the customer; Shopify expects an answer within 30
            days.
          </Text>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
