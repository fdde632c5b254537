import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import { Badge, Banner, BlockStack, Button, Card, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import { portalLinkAction, saveChannel } from "~/services/coordination/admin-actions.server";
import { purchaseOrderAdmin } from "~/services/coordination/admin-view.server";
import { CHANNELS } from "~/domain/purchase-order/channels";
import { authenticate } from "~/shopify.server";
import { services } from "~/services.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const { suppliers } = await purchaseOrderAdmin(services(), session.shop);
  return { suppliers };
}

export async function action({ request }: ActionFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const values = Object.fromEntries(await request.formData());
  const s = services();
  if (values.intent === "rotate" || values.intent === "revoke") return portalLinkAction(s, session.shop, values.intent, String(values.supplierId ?? ""));
  return saveChannel(s, session.shop, values);
}

const input = { padding: "6px", border: "1px solid #8a8a8a", borderRadius: "8px", marginLeft: "4px" };

type Supplier = ReturnType<typeof useLoaderData<typeof loader>>["suppliers"][number];

function ChannelForm({ s }: { s: Supplier }) {
  return (
    <Form method="post">
      <input type="hidden" name="supplierId" value={s.id} />
      <InlineStack gap="300" blockAlign="center">
        <label>
          Channel
          <select name="channel" defaultValue={s.channel} style={input}>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label>
          Webhook URL
          <input name="webhookUrl" defaultValue={s.webhookUrl ?? ""} style={input} />
        </label>
        <label>
          Secret
          <input name="webhookSecret" type="password" placeholder={s.webhookSecret ? `${s.webhookSecret} (unchanged unless typed)` : ""} style={input} />
        </label>
        <label>
          Hours
          <input name="openTime" defaultValue={s.openTime} size={5} style={input} />–
          <input name="closeTime" defaultValue={s.closeTime} size={5} style={input} />
        </label>
        <label>
          <input type="checkbox" name="manualReview" value="on" defaultChecked={s.manualReview} /> Manual review
        </label>
        <Button submit size="slim">
          Save
        </Button>
      </InlineStack>
    </Form>
  );
}

function PortalLink({ s }: { s: Supplier }) {
  return (
    <InlineStack gap="200" blockAlign="center">
      <Badge tone={s.portalLive ? "success" : undefined}>{s.portalLive ? "Portal link active" : "No portal link"}</Badge>
      {s.purchaseOrderLinks > 0 ? (
        <Text as="span" tone="subdued">
          {s.purchaseOrderLinks === 1 ? "1 emailed purchase-order link" : `${s.purchaseOrderLinks} emailed purchase-order links`}
        </Text>
      ) : null}
      {(["rotate", "revoke"] as const).map((intent) => (
        <Form method="post" key={intent}>
          <input type="hidden" name="supplierId" value={s.id} />
          <input type="hidden" name="intent" value={intent} />
          <Button
            submit
            size="slim"
            tone={intent === "revoke" ? "critical" : undefined}
            disabled={intent === "revoke" && !s.portalLive && s.purchaseOrderLinks === 0}
          >
            {intent === "rotate" ? (s.portalLive ? "New link" : "Create link") : "Revoke"}
          </Button>
        </Form>
      ))}
    </InlineStack>
  );
}

export default function SupplierChannels() {
  const { suppliers } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <Page title="Supplier channels & portal links" backAction={{ url: "/app/purchase-orders" }}>
      <TitleBar title="Supplier channels" />
      <Layout>
        {result ? (
          <Layout.Section>
            <Banner tone={result.ok ? "success" : "warning"}>
              <p>{result.ok ? result.value.message : result.failure.message}</p>
              {result.ok && result.value.portalLink ? <p style={{ wordBreak: "break-all" }}>{result.value.portalLink}</p> : null}
            </Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <BlockStack gap="300">
            {suppliers.map((s) => (
              <Card key={s.id}>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingMd">
                    {s.name}
                  </Text>
                  <ChannelForm s={s} />
                  <PortalLink s={s} />
                </BlockStack>
              </Card>
            ))}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
