/**
 * SKU mapping: variants that sell (or are published) with no supplier offer, offers on deleted or
 * archived variants, supplier SKUs mapped twice, suppliers with offers but no feed, and fuzzy
 * suggestions for supplier items no offer uses, accepted one by one or in bulk.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams, useSubmit } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import { Banner, BlockStack, Button, Card, InlineStack, Layout, Page, Select, Text } from "@shopify/polaris";
import { z } from "zod";
import {
  BrokenOffersCard,
  DuplicatesCard,
  PublishedWithoutOfferCard,
  SoldWithoutOfferCard,
  SuppliersWithoutFeedCard,
  UnmatchedRowsCard,
} from "~/components/mapping/ReportCards";
import { SuggestionsCard, type AcceptItem } from "~/components/mapping/SuggestionsCard";
import prisma from "~/db.server";
import { DEFAULT_MAPPING_WINDOW_DAYS, MAPPING_WINDOW_CHOICES, suggestionKey } from "~/domain/mapping";
import { fromMinorUnits, toMinorUnits } from "~/domain/money";
import { catalogueIsStale, refreshCatalogue } from "~/services/mapping/catalogue.server";
import { acceptSuggestions, mappingView } from "~/services/mapping/suggestions.server";
import { services } from "~/services.server";
import { authenticate } from "~/shopify.server";

function windowOf(url: URL): number {
  const days = Number(url.searchParams.get("days"));
  return (MAPPING_WINDOW_CHOICES as readonly number[]).includes(days) ? days : DEFAULT_MAPPING_WINDOW_DAYS;
}

async function refresh(shop: string): Promise<string | null> {
  const s = services();
  try {
    await refreshCatalogue({ db: s.db, client: await s.adminFor(shop), now: s.now }, shop);
    return null;
  } catch (error) {
    return `The catalogue could not be read from Shopify (${error instanceof Error ? error.message : String(error)}); the report uses the last read.`;
  }
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const s = services();
  const days = windowOf(new URL(request.url));
  const snapshot = await prisma.catalogSnapshot.findUnique({ where: { shop: session.shop }, select: { refreshedAt: true } });
  // Reading the catalogue is a read of Shopify, not a change: done when the page opens and the copy is old.
  const refreshError = catalogueIsStale(snapshot?.refreshedAt ?? null, s.now()) ? await refresh(session.shop) : null;
  const view = await mappingView({ db: s.db, now: s.now }, session.shop, days);
  const { report } = view;
  return {
    days,
    refreshError,
    readAt: report.catalogueReadAt?.toISOString() ?? null,
    problems: report.problems,
    sold: report.soldWithoutOffer.map((r) => ({ ...r, lastSoldAt: r.lastSoldAt.toISOString() })),
    published: report.publishedWithoutOffer.map(({ variantId, sku, productTitle, title }) => ({ variantId, sku, productTitle, title })),
    broken: report.brokenOffers.map((b) => ({
      offerId: b.offer.id,
      sku: b.offer.sku,
      supplierName: b.offer.supplierName,
      supplierSku: b.offer.supplierSku,
      reason: b.reason,
      productTitle: b.productTitle,
    })),
    duplicates: report.duplicateSupplierSkus.map((d) => ({ supplierName: d.supplierName, supplierSku: d.supplierSku, skus: d.offers.map((o) => o.sku) })),
    withoutFeed: report.suppliersWithoutFeed,
    suggestions: view.suggestions.map((x) => ({
      id: suggestionKey(x),
      supplierName: x.row.supplierName,
      supplierSku: x.row.supplierSku,
      rowTitle: x.row.title,
      source: x.row.source,
      variantSku: x.variant.sku,
      variantTitle: x.variant.title,
      score: x.score,
      matchedOn: x.matchedOn,
      unitCost: x.row.unitCostMinor === null ? null : fromMinorUnits(x.row.unitCostMinor),
      quantity: x.row.quantity,
    })),
    unmatched: view.unmatchedWithoutSuggestion.map(({ supplierName, supplierSku, source, title }) => ({ supplierName, supplierSku, source, title })),
  };
}

const AMOUNT = /^\d+(\.\d{1,2})?$/;
const AcceptForm = z.object({
  intent: z.literal("accept"),
  items: z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "Choose suggestions to accept." });
        return z.NEVER;
      }
    })
    .pipe(
      z
        .array(z.object({ key: z.string().min(1), cost: z.string().trim().regex(AMOUNT, { error: "A unit cost is an amount such as 12.50." }).optional() }))
        .min(1, { error: "Choose suggestions to accept." })
        .max(500),
    ),
});

export async function action({ request }: ActionFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const form = Object.fromEntries(await request.formData());
  if (form.intent === "refresh") {
    const error = await refresh(session.shop);
    return { tone: error ? ("critical" as const) : ("success" as const), message: error ?? "Read the catalogue from Shopify.", skipped: [] as string[] };
  }
  const parsed = AcceptForm.safeParse(form);
  if (!parsed.success) return { tone: "critical" as const, message: parsed.error.issues[0]?.message ?? "Invalid request.", skipped: [] as string[] };
  const s = services();
  const actor = session.onlineAccessInfo?.associated_user.email ?? `staff of ${session.shop}`;
  const requests = parsed.data.items.map((i) => (i.cost ? { key: i.key, unitCostMinor: toMinorUnits(i.cost) } : { key: i.key }));
  const outcome = await acceptSuggestions({ db: s.db, now: s.now, queue: s.queue }, session.shop, requests, actor);
  const created = outcome.created.map((c) => `${c.sku} (${c.supplierName})`).join(", ");
  return {
    tone: outcome.created.length > 0 ? ("success" as const) : ("warning" as const),
    message: outcome.created.length > 0 ? `Created ${outcome.created.length} offer(s): ${created}.` : "No offer was created.",
    skipped: outcome.skipped.map((x) => x.reason),
  };
}

export default function MappingPage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const submit = useSubmit();
  const [, setParams] = useSearchParams();
  const accept = (items: readonly AcceptItem[]) => submit({ intent: "accept", items: JSON.stringify(items) }, { method: "post" });
  const readAt = data.readAt ? new Date(data.readAt).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC" : null;
  return (
    <Page title="SKU mapping" subtitle="Which variants your suppliers can ship, and where the link is missing or wrong">
      <TitleBar title="SKU mapping" />
      <Layout>
        {result ? (
          <Layout.Section>
            <Banner tone={result.tone} title={result.message}>
              {result.skipped.length > 0 ? (
                <ul>
                  {result.skipped.map((s) => (
                    <li key={s}>{s}</li>
                  ))}
                </ul>
              ) : null}
            </Banner>
          </Layout.Section>
        ) : null}
        {data.refreshError ? (
          <Layout.Section>
            <Banner tone="warning">{data.refreshError}</Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <Card>
            <InlineStack align="space-between" blockAlign="end" gap="400">
              <BlockStack gap="100">
                <Text as="p" variant="headingMd">
                  {data.problems === 0 ? "Nothing needs you" : `${data.problems} mapping problem${data.problems === 1 ? "" : "s"} to fix`}
                </Text>
                <Text as="p" tone="subdued">
                  {readAt ? `Catalogue read from Shopify ${readAt}.` : "The catalogue has not been read from Shopify yet."}
                </Text>
              </BlockStack>
              <InlineStack gap="300" blockAlign="end">
                <Select
                  label="Sales window"
                  options={MAPPING_WINDOW_CHOICES.map((d) => ({ label: `Last ${d} days`, value: String(d) }))}
                  value={String(data.days)}
                  onChange={(v) => setParams({ days: v })}
                />
                <Form method="post">
                  <input type="hidden" name="intent" value="refresh" />
                  <Button submit loading={busy}>
                    Read the catalogue again
                  </Button>
                </Form>
              </InlineStack>
            </InlineStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <SuggestionsCard rows={data.suggestions} busy={busy} onAccept={accept} />
        </Layout.Section>
        <Layout.Section>
          <BlockStack gap="400">
            <SoldWithoutOfferCard rows={data.sold} windowDays={data.days} />
            <BrokenOffersCard rows={data.broken} readAt={data.readAt} />
            <DuplicatesCard rows={data.duplicates} />
            <SuppliersWithoutFeedCard rows={data.withoutFeed} />
            <PublishedWithoutOfferCard rows={data.published} readAt={data.readAt} />
            <UnmatchedRowsCard rows={data.unmatched} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
