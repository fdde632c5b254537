import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import { Badge, Banner, BlockStack, Box, Button, Card, Checkbox, DataTable, EmptyState, InlineStack, Layout, Page, Select, Text } from "@shopify/polaris";
import { useState } from "react";
import { NOTICE_KINDS, type AutomaticNoticeKind } from "~/domain/notices";
import { noticeSettingsView, previewNotice, saveNoticeSettings } from "~/services/notices/settings.server";
import { authenticate } from "~/shopify.server";
import { services } from "~/services.server";

/** What each kind means, for the merchant. */
const NOTICE_KIND_LABELS: Readonly<Record<AutomaticNoticeKind, { title: string; when: string }>> = {
  carrier_delayed: { title: "Carrier delay", when: "The carrier reports a delay and the new estimate is past the promised window." },
  no_movement: { title: "No movement", when: "A parcel has had no carrier scan for the days set in tracking settings." },
  late_ship_date: { title: "Late ship date", when: "A supplier commits to a ship date the promised window cannot absorb." },
  predicted: {
    title: "Predicted delay",
    when: "From the supplier's measured handling and the lane's transit, the promised window can no longer be met.",
  },
};

const isKind = (value: string | null): value is AutomaticNoticeKind => (NOTICE_KINDS as readonly string[]).includes(value ?? "");

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const url = new URL(request.url);
  const previewKind = url.searchParams.get("preview");
  const view = await noticeSettingsView(services(), session.shop);
  const preview = isKind(previewKind) ? await previewNotice(services(), session.shop, previewKind, url.searchParams.get("order") || null) : null;
  return { ...view, preview, previewKind: isKind(previewKind) ? previewKind : null };
}

export async function action({ request }: ActionFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  const on = new Set(form.getAll("on").map(String));
  const { checkoutPromise } = await saveNoticeSettings(services(), session.shop, on);
  return {
    message: checkoutPromise
      ? "Saved. Every kind is on: checkout tells shoppers they will get an email if their delivery runs late."
      : "Saved. With a kind off, checkout no longer promises a late-delivery email (updated within a minute).",
  };
}

export default function NoticesPage() {
  const { kinds, checkoutPromise, orders, recent, preview, previewKind } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const [params] = useSearchParams();
  const [on, setOn] = useState<Record<string, boolean>>(Object.fromEntries(kinds.map((k) => [k.kind, k.on])));
  const [order, setOrder] = useState(params.get("order") ?? "");
  return (
    <Page title="Customer notices" subtitle="Emails to customers when a delivery will be late, with the new estimated window">
      <TitleBar title="Customer notices" />
      <Layout>
        {result ? (
          <Layout.Section>
            <Banner tone="success">{result.message}</Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <Card>
            <Form method="post">
              <BlockStack gap="400">
                <Text as="p">
                  Sent from Dropline&apos;s mail server under your shop&apos;s name, with your contact email as reply-to, in your shop&apos;s language; at most
                  one per order per day. Checkout {checkoutPromise ? "says" : "does not say"} shoppers will be emailed about a late delivery.
                </Text>
                {kinds.map((k) => (
                  <InlineStack key={k.kind} align="space-between" blockAlign="center">
                    <Checkbox
                      label={NOTICE_KIND_LABELS[k.kind].title}
                      helpText={NOTICE_KIND_LABELS[k.kind].when}
                      name="on"
                      value={k.kind}
                      checked={on[k.kind] ?? false}
                      onChange={(checked) => setOn({ ...on, [k.kind]: checked })}
                    />
                    <Button url={`/app/notices?preview=${k.kind}${order ? `&order=${encodeURIComponent(order)}` : ""}`}>Preview</Button>
                  </InlineStack>
                ))}
                <InlineStack>
                  <Button submit variant="primary" loading={busy}>
                    Save
                  </Button>
                </InlineStack>
              </BlockStack>
            </Form>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Select
                label="Preview with order"
                options={[{ label: "A sample order", value: "" }, ...orders.map((o) => ({ label: o.name, value: o.id }))]}
                value={order}
                onChange={setOrder}
              />
              {preview ? (
                <BlockStack gap="200">
                  <InlineStack gap="200">
                    <Text as="h2" variant="headingMd">
                      {NOTICE_KIND_LABELS[previewKind!].title}
                    </Text>
                    <Badge tone={preview.basis === "order" ? "success" : "info"}>
                      {preview.basis === "order" ? "This order's real delay" : "Sample dates"}
                    </Badge>
                    {!on[previewKind!] ? <Badge tone="warning">Off: not sent</Badge> : null}
                  </InlineStack>
                  <Text as="p" tone="subdued">
                    From: {preview.fromName} · Reply-to: {preview.replyTo} · To: {preview.to} · Language: {preview.locale}
                  </Text>
                  <Text as="p" fontWeight="semibold">
                    {preview.subject}
                  </Text>
                  <Box padding="300" background="bg-surface-secondary" borderRadius="200">
                    <pre style={{ whiteSpace: "pre-wrap", margin: 0, fontFamily: "inherit" }}>{preview.text}</pre>
                  </Box>
                </BlockStack>
              ) : (
                <Text as="p" tone="subdued">
                  Choose Preview next to a kind to see the email a customer would get.
                </Text>
              )}
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card padding="0">
            {recent.length === 0 ? (
              <EmptyState heading="No notice sent yet" image="">
                <p>When a delivery will miss its promised window, the customer gets one of the notices above; each one sent is listed here.</p>
              </EmptyState>
            ) : (
              <DataTable
                columnContentTypes={["text", "text", "text", "text", "text", "text"]}
                headings={["Sent", "Order", "Kind", "To", "New window", "Status"]}
                rows={recent.map((n) => [new Date(n.at).toLocaleString(), n.orderName, n.kind, n.recipient, n.window, n.status])}
              />
            )}
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
