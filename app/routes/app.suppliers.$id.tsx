import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import { Badge, Banner, BlockStack, Button, Card, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import { useState } from "react";
import { z } from "zod";
import { SupplierForm } from "~/components/SupplierForm";
import prisma from "~/db.server";
import { env } from "~/env.server";
import { newSupplierFormValues, supplierFormValues, supplierToFormValues, type FormErrors } from "~/models/supplier-form";
import { getSupplier } from "~/models/suppliers.server";
import { createSupplier, deleteSupplier, updateSupplier } from "~/services/suppliers/suppliers.server";
import { authenticate } from "~/shopify.server";
import { services } from "~/services.server";
import { LabelRulesCard } from "~/components/address/LabelRulesCard";
import { saveSupplierLabelRules, supplierLabelRules } from "~/services/address/label-rules.server";

const NEW = "new";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const timeZones = Intl.supportedValuesOf("timeZone");
  if (params.id === NEW) return { supplier: null, values: newSupplierFormValues(), timeZones, offerCount: 0, labelRules: null };
  const supplier = await getSupplier(prisma, session.shop, params.id ?? "");
  if (!supplier) throw new Response("Supplier not found", { status: 404 });
  const offerCount = await prisma.offer.count({ where: { shop: session.shop, supplierId: supplier.id } });
  const labelRules = await supplierLabelRules(prisma, session.shop, supplier.id);
  return {
    labelRules,
    supplier: { id: supplier.id, name: supplier.name, status: supplier.status, syncError: supplier.syncError, connected: supplier.locationId !== null },
    values: supplierToFormValues(supplier),
    timeZones,
    offerCount,
  };
}

const failed = (errors: FormErrors) => ({ errors, deleteError: null as string | null });

const Intent = z.object({ intent: z.enum(["save", "delete", "label_rules"]) });

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, redirect } = await authenticate.admin(request);
  const form = await request.formData();
  const intent = Intent.safeParse({ intent: form.get("intent") });
  if (!intent.success) return failed({ "": "Unknown action." });
  const deps = { db: prisma, client: await services().adminFor(session.shop), appUrl: env().SHOPIFY_APP_URL };
  const id = params.id ?? NEW;
  if (intent.data.intent === "label_rules") {
    const saved = await saveSupplierLabelRules(prisma, session.shop, id, Object.fromEntries(form));
    return { errors: null, deleteError: null, labelRules: { error: saved.ok ? null : saved.failure.message } };
  }
  if (intent.data.intent === "delete") {
    const deleted = await deleteSupplier(deps, session.shop, id);
    return deleted.ok ? redirect("/app/suppliers") : { errors: null, deleteError: deleted.failure.message };
  }
  const values = supplierFormValues(form);
  const saved = id === NEW ? await createSupplier(deps, session.shop, values) : await updateSupplier(deps, session.shop, id, values);
  return saved.ok ? redirect("/app/suppliers") : failed(saved.failure.fieldErrors);
}

function DeleteSupplier({ name, offerCount, busy }: { name: string; offerCount: number; busy: boolean }) {
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <InlineStack>
        <Button tone="critical" onClick={() => setConfirming(true)}>
          Delete supplier
        </Button>
      </InlineStack>
    );
  }
  return (
    <Banner tone="critical" title={`Delete ${name}?`} onDismiss={() => setConfirming(false)}>
      <BlockStack gap="300">
        <p>
          Its fulfillment service and location are removed from Shopify, and its {offerCount} offer{offerCount === 1 ? "" : "s"} with it. This cannot be undone.
        </p>
        <Form method="post">
          <input type="hidden" name="intent" value="delete" />
          <InlineStack gap="200">
            <Button submit variant="primary" tone="critical" loading={busy}>
              Delete
            </Button>
            <Button onClick={() => setConfirming(false)}>Cancel</Button>
          </InlineStack>
        </Form>
      </BlockStack>
    </Banner>
  );
}

export default function SupplierPage() {
  const { supplier, values, timeZones, offerCount, labelRules } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const title = supplier ? supplier.name : "New supplier";
  const labelRulesResult = result && "labelRules" in result ? result.labelRules : null;
  return (
    <Page
      title={title}
      backAction={{ content: "Suppliers", url: "/app/suppliers" }}
      secondaryActions={supplier ? [{ content: "Scorecard", url: `/app/scorecards/${supplier.id}` }] : undefined}
      titleMetadata={
        supplier ? <Badge tone={supplier.status === "active" ? "success" : "attention"}>{supplier.status === "active" ? "Active" : "Paused"}</Badge> : undefined
      }
    >
      <TitleBar title={title} />
      <BlockStack gap="400">
        {supplier?.syncError ? (
          <Banner tone="warning" title="Shopify is out of step with this supplier">
            <p>{supplier.syncError}</p>
          </Banner>
        ) : null}
        {supplier && !supplier.connected ? (
          <Banner tone="warning">
            <p>This supplier has no fulfillment service in Shopify yet. Save it to create one.</p>
          </Banner>
        ) : null}
        <SupplierForm
          key={supplier?.id ?? NEW}
          initial={values}
          serverErrors={result?.errors ?? null}
          timeZones={timeZones}
          submitting={busy && navigation.formData?.get("intent") === "save"}
          submitLabel={supplier ? "Save supplier" : "Create supplier"}
        />
        {supplier && labelRules ? (
          <LabelRulesCard
            key={JSON.stringify(labelRules)}
            rules={labelRules}
            error={labelRulesResult?.error ?? null}
            saved={labelRulesResult ? labelRulesResult.error === null : false}
            busy={busy && navigation.formData?.get("intent") === "label_rules"}
          />
        ) : null}
        {supplier ? (
          <Layout>
            <Layout.Section>
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    Delete
                  </Text>
                  {result?.deleteError ? (
                    <Banner tone="critical" title="The supplier was not deleted">
                      <p>{result.deleteError}</p>
                    </Banner>
                  ) : null}
                  <DeleteSupplier name={supplier.name} offerCount={offerCount} busy={busy && navigation.formData?.get("intent") === "delete"} />
                </BlockStack>
              </Card>
            </Layout.Section>
          </Layout>
        ) : null}
      </BlockStack>
    </Page>
  );
}
