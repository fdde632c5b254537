/**
 * The control tower's metrics: a period, a metric set and a segment; per metric the period's
 * median, p90 and mean (durations) or rate with n, a daily trend chart and the segments. Reads the
 * MetricDay rollups only.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import { Banner, BlockStack, Button, Card, DataTable, InlineStack, Layout, Page, Select, Text, TextField } from "@shopify/polaris";
import vizStyles from "@shopify/polaris-viz/build/esm/styles.css?url";
import { useState } from "react";
import { TrendChart } from "~/components/metrics/TrendChart";
import { WismoImport } from "~/components/metrics/WismoImport";
import { importWismoCsv, type WismoImportResult } from "~/services/metrics/wismo.server";
import { formatSummary, metricSetOptions, segmentHeading, trendUnit, trendValue } from "~/components/metrics/format";
import prisma from "~/db.server";
import { ROLLUP_METRICS } from "~/domain/metrics";
import { dashboardSearch, parseDashboardQuery } from "~/services/metrics/dashboard-query";
import { dashboardPanels, today, type MetricPanel } from "~/services/metrics/dashboard.server";
import { shopTimeZone } from "~/services/metrics/refresh.server";
import { services } from "~/services.server";
import { authenticate } from "~/shopify.server";

export const links = () => [{ rel: "stylesheet", href: vizStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const timeZone = await shopTimeZone(prisma, session.shop);
  const parsed = parseDashboardQuery(new URL(request.url).searchParams, today(services().now(), timeZone));
  if (!parsed.ok) {
    const fallback = parseDashboardQuery(new URLSearchParams(), today(services().now(), timeZone));
    if (!fallback.ok) throw new Error(fallback.error);
    return { error: parsed.error, query: fallback.query, search: dashboardSearch(fallback.query), panels: [] as MetricPanel[], timeZone };
  }
  const panels = await dashboardPanels(prisma, session.shop, parsed.query);
  return { error: null, query: parsed.query, search: dashboardSearch(parsed.query), panels, timeZone };
}

/** The helpdesk CSV of WISMO contacts (the only thing this page posts). */
export async function action({ request }: ActionFunctionArgs): Promise<WismoImportResult> {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  const file = form.get("file");
  if (form.get("intent") !== "wismo_csv") return { ok: false, error: "Unknown action.", problems: [] };
  if (!(file instanceof File) || file.size === 0) return { ok: false, error: "Choose a CSV file first.", problems: [] };
  if (file.size > 5_000_000) return { ok: false, error: "Choose a CSV file of at most 5 MB.", problems: [] };
  return importWismoCsv(services(), session.shop, await file.text());
}

const DIMENSIONS = [
  { label: "No segments", value: "all" },
  { label: "By supplier", value: "supplierId" },
  { label: "By SKU", value: "sku" },
  { label: "By sales channel", value: "channel" },
  { label: "By region", value: "region" },
];

const PERIOD_OPTIONS = [
  { label: "Last 7 days", value: "7" },
  { label: "Last 30 days", value: "30" },
  { label: "Last 90 days", value: "90" },
  { label: "Dates…", value: "custom" },
];

function Filters({ query }: { query: ReturnType<typeof useLoaderData<typeof loader>>["query"] }) {
  const [period, setPeriod] = useState<string>(query.period);
  const [from, setFrom] = useState(query.fromDay);
  const [to, setTo] = useState(query.toDay);
  const [metrics, setMetrics] = useState(query.metrics.join(","));
  const [dimension, setDimension] = useState<string>(query.dimension);
  const sets = metricSetOptions(ROLLUP_METRICS);
  const metricOptions = sets.some((o) => o.value === metrics) ? sets : [...sets, { label: "Chosen metrics", value: metrics }];
  return (
    <Form method="get">
      <InlineStack gap="300" blockAlign="end" wrap>
        <Select label="Period" name="period" options={PERIOD_OPTIONS} value={period} onChange={setPeriod} />
        {period === "custom" ? (
          <>
            <TextField label="From" name="from" type="date" value={from} onChange={setFrom} autoComplete="off" />
            <TextField label="To" name="to" type="date" value={to} onChange={setTo} autoComplete="off" />
          </>
        ) : null}
        <Select label="Metrics" name="metrics" options={metricOptions} value={metrics} onChange={setMetrics} />
        <Select label="Segment" name="dimension" options={DIMENSIONS} value={dimension} onChange={setDimension} />
        <Button submit variant="primary">
          Show
        </Button>
      </InlineStack>
    </Form>
  );
}

function Panel({ panel, dimension }: { panel: MetricPanel; dimension: string }) {
  const summary = formatSummary(panel.metric, panel.overall);
  const rows = panel.segments.map((s) => [s.label, formatSummary(panel.metric, s.summary)]);
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {panel.label}
        </Text>
        <Text as="p" variant="bodyLg" fontWeight="semibold">
          {summary}
        </Text>
        {panel.trend.some((t) => t.n > 0) ? (
          <TrendChart
            series={[{ name: panel.label, points: panel.trend.map((t) => ({ day: t.day, value: trendValue(panel.metric, t.value) })) }]}
            unit={trendUnit(panel.metric)}
            summary={`Daily trend over ${panel.trend.length} days (${panel.trend.filter((t) => t.n > 0).length} with data).`}
          />
        ) : null}
        {dimension !== "all" ? (
          rows.length > 0 ? (
            <DataTable columnContentTypes={["text", "text"]} headings={[segmentHeading(dimension), "Period"]} rows={rows} />
          ) : (
            <Text as="p" tone="subdued">
              No segment has data in this period.
            </Text>
          )
        ) : null}
      </BlockStack>
    </Card>
  );
}

export default function Metrics() {
  const { error, query, search, panels, timeZone } = useLoaderData<typeof loader>();
  const imported = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <Page
      title="Control tower metrics"
      subtitle={`${query.fromDay} to ${query.toDay} (orders by creation day, ${timeZone})`}
      secondaryActions={[{ content: "Export CSV", url: `/app/metrics/export.csv?${search}`, external: true }]}
    >
      <TitleBar title="Metrics" />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <Card>
              <Filters query={query} />
            </Card>
            {error ? <Banner tone="critical" title={error} /> : null}
            {panels.map((panel) => (
              <Panel key={panel.metric} panel={panel} dimension={query.dimension} />
            ))}
            <WismoImport result={imported} busy={busy} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
