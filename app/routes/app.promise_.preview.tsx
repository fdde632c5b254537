import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData, useNavigation } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import { Banner, BlockStack, Button, Card, EmptyState, FormLayout, InlineStack, Layout, List, Page, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import prisma from "~/db.server";
import { promisePreviewPage } from "~/services/promise/preview.server";
import { authenticate } from "~/shopify.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  return promisePreviewPage(prisma, session.shop, new URL(request.url).searchParams, new Date());
}

export default function PromisePreviewPage() {
  const { variants, regions, zones, form, fieldErrors, preview } = useLoaderData<typeof loader>();
  const [variant, setVariant] = useState(form.variant);
  const [region, setRegion] = useState(form.region);
  const [at, setAt] = useState(form.at);
  const [zone, setZone] = useState(form.zone);
  const busy = useNavigation().state !== "idle";
  return (
    <Page
      title="Promise preview"
      subtitle="What a shopper sees on the product page and at checkout, and why"
      backAction={{ content: "Delivery promise", url: "/app/promise" }}
    >
      <TitleBar title="Promise preview" />
      <Layout>
        {variants.length === 0 ? (
          <Layout.Section>
            <Card>
              <EmptyState heading="Nothing published yet" image="">
                <p>The preview uses the promise data published to Shopify: give a variant an offer from an active supplier first.</p>
              </EmptyState>
            </Card>
          </Layout.Section>
        ) : (
          <>
            <Layout.Section variant="oneThird">
              <Card>
                <Form method="get">
                  <FormLayout>
                    <Select
                      label="Variant"
                      name="variant"
                      options={variants.map((v) => ({ value: v.id, label: v.label }))}
                      value={variant}
                      onChange={setVariant}
                      error={fieldErrors.variant}
                    />
                    <Select
                      label="Shopper's region"
                      name="region"
                      options={regions.map((r) => ({ value: r.value, label: r.label }))}
                      value={region}
                      onChange={setRegion}
                      error={fieldErrors.region}
                    />
                    <TextField
                      label="Order date and time"
                      name="at"
                      type="datetime-local"
                      value={at}
                      onChange={setAt}
                      autoComplete="off"
                      error={fieldErrors.at}
                    />
                    <Select
                      label="Time zone of that time"
                      name="zone"
                      options={zones.map((z) => ({ value: z, label: z }))}
                      value={zone}
                      onChange={setZone}
                      error={fieldErrors.zone}
                      helpText="Cut-offs are counted in each supplier's zone."
                    />
                    <InlineStack>
                      <Button submit variant="primary" loading={busy}>
                        Preview
                      </Button>
                    </InlineStack>
                  </FormLayout>
                </Form>
              </Card>
            </Layout.Section>
            <Layout.Section>
              {preview ? (
                <Card>
                  <BlockStack gap="300">
                    <Text as="h2" variant="headingMd">
                      {preview.headline}
                    </Text>
                    {preview.steps.length > 0 ? (
                      <List type="number">
                        {preview.steps.map((step) => (
                          <List.Item key={step.text}>{step.text}</List.Item>
                        ))}
                      </List>
                    ) : null}
                    <Text as="p" tone="subdued">
                      From the values published to Shopify now, computed by the same code as the product page and checkout.
                    </Text>
                  </BlockStack>
                </Card>
              ) : (
                <Banner tone="info">Choose a variant, a region and a moment, then Preview.</Banner>
              )}
            </Layout.Section>
          </>
        )}
      </Layout>
    </Page>
  );
}
