/** Per SKU: the supplier's stock, the buffer and why, and what Shopify shows; plus buffer rules. */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  EmptyState,
  FormLayout,
  IndexTable,
  InlineStack,
  Layout,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import prisma from "~/db.server";
import { DEFAULT_BUFFER_SETTINGS, type BufferSettings } from "~/domain/buffer";
import { getBufferOverride, saveBufferOverride, type BufferScope } from "~/models/buffer.server";
import { listSuppliers } from "~/models/suppliers.server";
import { stockView, STOCK_PAGE_SIZE } from "~/models/stock-view.server";
import { authenticate } from "~/shopify.server";

const FIELDS: { key: keyof BufferSettings; label: string }[] = [
  { key: "floorUnits", label: "Minimum buffer (units)" },
  { key: "percentOfStock", label: "Buffer (% of stock)" },
  { key: "velocityWindowDays", label: "Sales window (days)" },
  { key: "velocityCoverDays", label: "Days of sales to hold back" },
  { key: "stalenessPercentPerCadence", label: "Extra % per overdue feed cadence" },
  { key: "stopAfterCadences", label: "Publish 0 after (feed cadences)" },
  { key: "oversellWeight", label: "Oversell weight" },
  { key: "oversellMinOrders", label: "Oversell minimum orders" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const url = new URL(request.url);
  const scope = (url.searchParams.get("scope") ?? "shop") as BufferScope;
  const scopeId = url.searchParams.get("scopeId") ?? "";
  const [view, suppliers, override] = await Promise.all([
    stockView(prisma, session.shop, new Date(), url.searchParams.get("q") ?? ""),
    listSuppliers(prisma, session.shop),
    getBufferOverride(prisma, session.shop, scope, scopeId),
  ]);
  return { ...view, pageSize: STOCK_PAGE_SIZE, suppliers: suppliers.map((s) => ({ id: s.id, name: s.name })), scope, scopeId, override: override ?? {} };
}

export async function action({ request }: ActionFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const form = Object.fromEntries(await request.formData());
  const scope = String(form.scope ?? "shop") as BufferScope;
  const values: Record<string, number> = {};
  for (const { key } of FIELDS) {
    const raw = String(form[key] ?? "").trim();
    if (raw !== "") values[key] = Number(raw);
  }
  return saveBufferOverride(prisma, session.shop, scope, String(form.scopeId ?? ""), values);
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

function BufferRules({ data }: { data: Data }) {
  const result = useActionData<typeof action>();
  const [params, setParams] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const go = (scope: string, scopeId: string) => setParams({ ...Object.fromEntries(params), scope, scopeId });
  const targets =
    data.scope === "supplier" ? data.suppliers.map((s) => ({ label: s.name, value: s.id })) : data.rows.map((r) => ({ label: r.sku, value: r.variantId }));
  return (
    <Card>
      <Form method="post">
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Buffer rules
          </Text>
          <Text as="p" tone="subdued">
            Set defaults for the shop, a supplier or a product; the most specific level that sets a value wins. Leave a field empty to inherit.
          </Text>
          {result?.ok ? <Banner tone="success">Saved. Published quantities follow at the next stock sync.</Banner> : null}
          {result && !result.ok ? <Banner tone="critical">{result.failure.message}</Banner> : null}
          <InlineStack gap="300">
            <Select
              label="Level"
              name="scope"
              value={data.scope}
              onChange={(v) => go(v, "")}
              options={[
                { label: "Shop", value: "shop" },
                { label: "Supplier", value: "supplier" },
                { label: "Product (variant)", value: "product" },
              ]}
            />
            {data.scope !== "shop" ? (
              <Select
                label="For"
                name="scopeId"
                value={data.scopeId}
                onChange={(v) => go(data.scope, v)}
                options={[{ label: "Choose…", value: "" }, ...targets]}
              />
            ) : (
              <input type="hidden" name="scopeId" value="" />
            )}
          </InlineStack>
          <FormLayout>
            <FormLayout.Group condensed>
              {FIELDS.map(({ key, label }) => (
                <RuleField
                  key={`${data.scope}-${data.scopeId}-${key}`}
                  name={key}
                  label={label}
                  initial={data.override[key]}
                  placeholder={String(DEFAULT_BUFFER_SETTINGS[key])}
                  error={result && !result.ok ? result.failure.fieldErrors[key] : undefined}
                />
              ))}
            </FormLayout.Group>
          </FormLayout>
          <InlineStack>
            <Button submit loading={busy} disabled={data.scope !== "shop" && !data.scopeId}>
              Save buffer rule
            </Button>
          </InlineStack>
        </BlockStack>
      </Form>
    </Card>
  );
}

function RuleField(props: { name: string; label: string; initial: number | undefined; placeholder: string; error: string | undefined }) {
  const [value, setValue] = useState(props.initial === undefined ? "" : String(props.initial));
  return (
    <TextField
      label={props.label}
      name={props.name}
      value={value}
      onChange={setValue}
      placeholder={`inherit (${props.placeholder})`}
      error={props.error}
      autoComplete="off"
      type="number"
    />
  );
}

function StockTable({ rows }: { rows: Data["rows"] }) {
  return (
    <IndexTable
      resourceName={{ singular: "SKU", plural: "SKUs" }}
      itemCount={rows.length}
      emptyState={
        <EmptyState
          heading="No supplier stock yet"
          action={{ content: "Import offers", url: "/app/offers" }}
          secondaryAction={{ content: "Set up stock feeds", url: "/app/feeds" }}
          image=""
        >
          <p>Stock appears per SKU once a supplier has offers; a stock feed keeps it current and Dropline publishes it minus a buffer.</p>
        </EmptyState>
      }
      selectable={false}
      headings={[
        { title: "SKU" },
        { title: "Supplier" },
        { title: "Supplier stock", alignment: "end" },
        { title: "Buffer", alignment: "end" },
        { title: "Why" },
        { title: "Published", alignment: "end" },
      ]}
    >
      {rows.map((r, i) => (
        <IndexTable.Row id={r.key} key={r.key} position={i}>
          <IndexTable.Cell>{r.sku}</IndexTable.Cell>
          <IndexTable.Cell>
            {r.supplier} · {r.supplierSku}
          </IndexTable.Cell>
          <IndexTable.Cell>
            <Text as="span" numeric alignment="end">
              {r.supplierStock}
            </Text>
          </IndexTable.Cell>
          <IndexTable.Cell>
            <Text as="span" numeric alignment="end">
              {r.buffer}
            </Text>
          </IndexTable.Cell>
          <IndexTable.Cell>
            <BlockStack gap="100">
              <Text as="span" variant="bodySm">
                {r.reason}
              </Text>
              {r.levels.length > 0 ? (
                <Text as="span" variant="bodySm" tone="subdued">
                  Rules from: {r.levels.join(", ")}
                </Text>
              ) : null}
              {r.restockDate ? (
                <Text as="span" variant="bodySm" tone="subdued">
                  Restock expected {r.restockDate}
                </Text>
              ) : null}
              {r.error ? <Badge tone="critical">{r.error}</Badge> : null}
              {r.drift ? (
                <Text
                  as="span"
                  variant="bodySm"
                  tone="caution"
                >{`Shopify showed ${r.drift.available} on ${r.drift.at.slice(0, 16).replace("T", " ")} UTC, more than published: re-published`}</Text>
              ) : null}
            </BlockStack>
          </IndexTable.Cell>
          <IndexTable.Cell>
            <InlineStack align="end" gap="100">
              <Text as="span" numeric>
                {r.published ?? "—"}
              </Text>
              {r.published === null ? (
                <Badge>Not yet published</Badge>
              ) : r.published !== r.target ? (
                <Badge tone="attention">{`Target ${r.target}`}</Badge>
              ) : null}
            </InlineStack>
          </IndexTable.Cell>
        </IndexTable.Row>
      ))}
    </IndexTable>
  );
}

export default function Stock() {
  const data = useLoaderData<typeof loader>();
  const [params, setParams] = useSearchParams();
  const [query, setQuery] = useState(params.get("q") ?? "");
  return (
    <Page title="Stock">
      <TitleBar title="Stock" />
      <Layout>
        <Layout.Section>
          <Card padding="0">
            <BlockStack gap="200">
              <InlineStack gap="200" blockAlign="end">
                <div style={{ padding: "12px", flexGrow: 1 }}>
                  <TextField
                    label="Find a SKU"
                    value={query}
                    onChange={setQuery}
                    autoComplete="off"
                    connectedRight={<Button onClick={() => setParams({ ...Object.fromEntries(params), q: query })}>Search</Button>}
                  />
                </div>
              </InlineStack>
              <StockTable rows={data.rows} />
              {data.total > data.pageSize ? <Text as="p" tone="subdued">{`Showing ${data.pageSize} of ${data.total}; search to narrow down.`}</Text> : null}
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <BufferRules data={data} />
        </Layout.Section>
      </Layout>
    </Page>
  );
}
