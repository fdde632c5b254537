/**
 * Tracking: CSV uploads (supplier tracking for many orders at once; carrier events), the signed
 * carrier-event endpoint and its secret, and the latest shipments with their upload latency.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import { Badge, Banner, BlockStack, Button, Card, DataTable, EmptyState, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import { z } from "zod";
import prisma from "~/db.server";
import { importCarrierEventsCsv, importTrackingCsv, type CsvImportResult } from "~/services/tracking/csv-import.server";
import { rotateCarrierEventSecret, trackingSettings } from "~/models/shipments.server";
import { maskSecret } from "~/domain/portal-link";
import { authenticate } from "~/shopify.server";
import { services } from "~/services.server";
import { limitedFormData } from "~/services/security/form-limit.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const settings = await trackingSettings(prisma, session.shop);
  const shipments = await prisma.shipment.findMany({ where: { shop: session.shop }, include: { parcels: true }, orderBy: { createdAt: "desc" }, take: 50 });
  return {
    endpoint: `${new URL(request.url).origin}/carrier-events`,
    // Shown in full once, in the answer to "Replace the secret"; afterwards only its last 4 characters.
    maskedSecret: maskSecret(settings.carrierEventSecret),
    shipments: shipments.map((s) => ({
      id: s.id,
      order: s.orderName ?? s.orderId,
      carrier: s.carrier ?? "",
      numbers: s.parcels.map((p) => p.trackingNumber).join(", "),
      stage: s.stage,
      sync: s.syncStatus,
      syncError: s.syncError,
      latencyHours: s.trackingLatencyMs === null ? null : Math.round(s.trackingLatencyMs / 360_000) / 10,
    })),
  };
}

const ActionForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("rotate_secret") }),
  z.object({ intent: z.enum(["shipments_csv", "events_csv"]), file: z.instanceof(File, { error: "Choose a CSV file first." }) }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const limited = await limitedFormData(request, services().bodyLimits.upload);
  if (!limited.ok) return { error: limited.message } satisfies CsvImportResult;
  const parsed = ActionForm.safeParse(Object.fromEntries(limited.form));
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Invalid request." } satisfies CsvImportResult;
  if (parsed.data.intent === "rotate_secret") {
    const rotated = await rotateCarrierEventSecret(prisma, session.shop);
    return { newSecret: rotated.carrierEventSecret };
  }
  const { file, intent } = parsed.data;
  if (file.size === 0) return { error: "Choose a CSV file first." } satisfies CsvImportResult;
  const text = await file.text();
  const s = services();
  return intent === "shipments_csv" ? importTrackingCsv(s, session.shop, text) : importCarrierEventsCsv(s, session.shop, text);
}

function Report({ result }: { result: CsvImportResult }) {
  if ("error" in result) return <Banner tone="critical" title={result.error} />;
  if (result.reports.length === 0) return null;
  const failed = result.reports.filter((r) => !r.ok).length;
  return (
    <BlockStack gap="200">
      <Banner
        tone={failed ? "warning" : "success"}
        title={
          failed
            ? `${failed} of ${result.reports.length} entries were refused; the others were recorded.`
            : `All ${result.reports.length} entries were recorded.`
        }
      />
      <DataTable
        columnContentTypes={["text", "text", "text", "text"]}
        headings={["Row", "Shipment", "Result", "Reason"]}
        rows={result.reports.map((r) => [r.rows.join(", "), r.label, r.ok ? "Recorded" : "Refused", r.message])}
      />
    </BlockStack>
  );
}

function UploadForm({ intent, title, help }: { intent: string; title: string; help: string }) {
  const busy = useNavigation().formData?.get("intent") === intent;
  return (
    <Form method="post" encType="multipart/form-data">
      <BlockStack gap="200">
        <Text as="h3" variant="headingSm">
          {title}
        </Text>
        <Text as="p" tone="subdued">
          {help}
        </Text>
        <input type="hidden" name="intent" value={intent} />
        <InlineStack gap="200" blockAlign="center">
          <input type="file" name="file" accept=".csv,text/csv" aria-label={title} />
          <Button submit loading={busy}>
            Upload
          </Button>
        </InlineStack>
      </BlockStack>
    </Form>
  );
}

export default function TrackingPage() {
  const { endpoint, maskedSecret, shipments } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const newSecret = answer && "newSecret" in answer ? answer.newSecret : null;
  const result = answer && !("newSecret" in answer) ? answer : null;
  return (
    <Page title="Tracking" subtitle="Tracking numbers from suppliers, synced to Shopify">
      <TitleBar title="Tracking" />
      <Layout>
        <Layout.Section>
          <Card>
            <BlockStack gap="400">
              <UploadForm
                intent="shipments_csv"
                title="Supplier tracking (CSV)"
                help="Columns: order, supplier, tracking_number (several separated by spaces), carrier, url, sku, quantity. Rows with the same order, supplier and tracking numbers are one parcel; leave sku empty to ship everything left."
              />
              <UploadForm
                intent="events_csv"
                title="Carrier events (CSV)"
                help="Columns: tracking_number, carrier, status, description, happened_at (ISO with offset), estimated_delivery_at, event_id."
              />
              {result ? <Report result={result} /> : null}
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="200">
              <Text as="h3" variant="headingSm">
                Carrier events endpoint
              </Text>
              <Text as="p">POST {endpoint} with headers X-Dropline-Shop and X-Dropline-Hmac-Sha256 (base64 HMAC-SHA256 of the body with this secret).</Text>
              {newSecret ? (
                <Banner tone="warning" title="New secret: copy it now, it is not shown again">
                  <Text as="p" fontWeight="semibold" breakWord>
                    {newSecret}
                  </Text>
                </Banner>
              ) : (
                <Text as="p" fontWeight="semibold" breakWord>
                  {maskedSecret} (shown once when created; replace it if it is lost)
                </Text>
              )}
              <Form method="post">
                <input type="hidden" name="intent" value="rotate_secret" />
                <Button submit tone="critical">
                  Replace the secret
                </Button>
              </Form>
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            {shipments.length === 0 ? (
              <EmptyState heading="No shipments yet" image="">
                <p>
                  Suppliers add tracking numbers in the portal or through the API, or you upload a tracking CSV above; each shipment then appears here with its
                  carrier stage.
                </p>
              </EmptyState>
            ) : (
              <DataTable
                columnContentTypes={["text", "text", "text", "text", "text", "numeric"]}
                headings={["Order", "Carrier", "Tracking", "Stage", "Shopify", "Upload latency (h)"]}
                rows={shipments.map((s) => [
                  s.order,
                  s.carrier,
                  s.numbers,
                  s.stage.replace(/_/g, " "),
                  <Badge key={s.id} tone={s.sync === "synced" ? "success" : s.sync === "failed" ? "critical" : "attention"}>
                    {s.syncError ?? s.sync}
                  </Badge>,
                  s.latencyHours ?? "—",
                ])}
              />
            )}
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
