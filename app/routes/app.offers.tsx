import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import { Badge, Banner, BlockStack, Box, Card, EmptyState, IndexTable, InlineStack, Layout, Page, Select, Text } from "@shopify/polaris";
import { useState } from "react";
import { z } from "zod";
import { OffersImport } from "~/components/OffersImport";
import prisma from "~/db.server";
import { fromMinorUnits } from "~/domain/money";
import { importOffersCsv } from "~/services/offers/offers-csv.server";
import { listOffers } from "~/models/offers.server";
import { listSuppliers } from "~/models/suppliers.server";
import { authenticate } from "~/shopify.server";
import { services } from "~/services.server";
import { limitedFormData } from "~/services/security/form-limit.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const supplierId = new URL(request.url).searchParams.get("supplierId") ?? undefined;
  const [suppliers, offers] = await Promise.all([listSuppliers(prisma, session.shop), listOffers(prisma, session.shop, { supplierId })]);
  const now = Date.now();
  return {
    suppliers: suppliers.map((s) => ({ id: s.id, name: s.name })),
    offers: offers.map((o) => ({
      id: o.id,
      sku: o.sku,
      supplier: o.supplier.name,
      supplierPaused: o.supplier.status === "paused",
      supplierSku: o.supplierSku,
      unitCost: fromMinorUnits(o.unitCostMinor),
      stockOnHand: o.stockOnHand,
      stockUpdatedAt: o.stockUpdatedAt.toISOString(),
      // Stock older than the supplier's expected update interval may no longer be true.
      stale: now - o.stockUpdatedAt.getTime() > o.supplier.feedCadenceMinutes * 60_000,
    })),
  };
}

/** The body is capped at DROPLINE_MAX_UPLOAD_BYTES while it streams (5 MB by default, far more than MAX_CSV_ROWS rows). */
const ImportForm = z.object({
  intent: z.literal("import"),
  mode: z.enum(["all_or_nothing", "apply_valid"]).default("all_or_nothing"),
  csv: z.string().min(1, { error: "Choose a CSV file first." }),
});

export async function action({ request }: ActionFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const limited = await limitedFormData(request, services().bodyLimits.upload);
  if (!limited.ok) return { fileError: limited.message, rows: [], validRows: 0, badRows: 0, applied: 0 };
  const parsed = ImportForm.safeParse(Object.fromEntries(limited.form));
  if (!parsed.success) {
    return { fileError: parsed.error.issues[0]?.message ?? "Choose a CSV file first.", rows: [], validRows: 0, badRows: 0, applied: 0 };
  }
  const client = await services().adminFor(session.shop);
  return importOffersCsv({ db: prisma, client }, session.shop, parsed.data.csv, parsed.data.mode);
}

/** Fetches the export with the session token (App Bridge adds it to fetch) and saves it as a file. */
async function downloadCsv(url: string, fileName: string): Promise<void> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Export failed (HTTP ${response.status})`);
  const href = URL.createObjectURL(await response.blob());
  const a = Object.assign(document.createElement("a"), { href, download: fileName });
  a.click();
  URL.revokeObjectURL(href);
}

function OffersTable({ offers }: { offers: ReturnType<typeof useLoaderData<typeof loader>>["offers"] }) {
  if (offers.length === 0) {
    return (
      <EmptyState heading="No offers yet" secondaryAction={{ content: "See suggestions from stock feeds", url: "/app/mapping" }} image="">
        <p>
          Import a CSV of what each supplier sells you, at what cost, with its stock (columns: supplier, sku, supplier_sku, unit_cost, stock_on_hand, and
          optionally title). Rows whose SKU matches no variant are kept as suggestions on SKU mapping.
        </p>
      </EmptyState>
    );
  }
  return (
    <IndexTable
      resourceName={{ singular: "offer", plural: "offers" }}
      itemCount={offers.length}
      selectable={false}
      headings={[
        { title: "SKU" },
        { title: "Supplier" },
        { title: "Supplier SKU" },
        { title: "Unit cost", alignment: "end" },
        { title: "Stock", alignment: "end" },
        { title: "Stock as of" },
      ]}
    >
      {offers.map((o, index) => (
        <IndexTable.Row id={o.id} key={o.id} position={index}>
          <IndexTable.Cell>{o.sku}</IndexTable.Cell>
          <IndexTable.Cell>
            <InlineStack gap="100">
              <Text as="span">{o.supplier}</Text>
              {o.supplierPaused ? <Badge tone="attention">Paused</Badge> : null}
            </InlineStack>
          </IndexTable.Cell>
          <IndexTable.Cell>{o.supplierSku}</IndexTable.Cell>
          <IndexTable.Cell>
            <Text as="span" alignment="end" numeric>
              {o.unitCost}
            </Text>
          </IndexTable.Cell>
          <IndexTable.Cell>
            <InlineStack align="end" gap="100">
              {o.stockOnHand === 0 ? (
                <Badge tone="critical">Out of stock</Badge>
              ) : (
                <Text as="span" numeric>
                  {o.stockOnHand}
                </Text>
              )}
            </InlineStack>
          </IndexTable.Cell>
          <IndexTable.Cell>
            <InlineStack gap="100">
              <Text as="span">{new Date(o.stockUpdatedAt).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC</Text>
              {o.stale ? <Badge tone="warning">Stale</Badge> : null}
            </InlineStack>
          </IndexTable.Cell>
        </IndexTable.Row>
      ))}
    </IndexTable>
  );
}

export default function Offers() {
  const { suppliers, offers } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>() ?? null;
  const busy = useNavigation().state === "submitting";
  const [params, setParams] = useSearchParams();
  const supplierId = params.get("supplierId") ?? "";
  const [exportError, setExportError] = useState<string | null>(null);
  const filterOptions = [{ label: "All suppliers", value: "" }, ...suppliers.map((s) => ({ label: s.name, value: s.id }))];
  const exportUrl = `/app/offers/export${supplierId ? `?supplierId=${encodeURIComponent(supplierId)}` : ""}`;
  const onExport = () =>
    downloadCsv(exportUrl, "offers.csv").then(
      () => setExportError(null),
      (e: Error) => setExportError(e.message),
    );

  return (
    <Page
      title="Offers"
      subtitle="What each supplier sells you, at what cost, with how much stock"
      secondaryActions={[{ content: "Export CSV", onAction: onExport }]}
    >
      <TitleBar title="Offers" />
      <Layout>
        {exportError ? (
          <Layout.Section>
            <Banner tone="critical" onDismiss={() => setExportError(null)}>
              {exportError}
            </Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <OffersImport outcome={outcome} busy={busy} />
        </Layout.Section>
        <Layout.Section>
          <Card padding="0">
            <BlockStack gap="0">
              <Box padding="400" maxWidth="320px">
                <Select label="Supplier" options={filterOptions} value={supplierId} onChange={(v) => setParams(v ? { supplierId: v } : {})} />
              </Box>
              <OffersTable offers={offers} />
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
