/** Every supplier's scorecard, sortable, and the shop's scorecard settings (weights, window). */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link as RemixLink, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import { Badge, Banner, BlockStack, Button, Card, DataTable, EmptyState, FormLayout, InlineStack, Layout, Page, Text, TextField } from "@shopify/polaris";
import { useMemo, useState } from "react";
import { z } from "zod";
import { GradeBadge, TrendText } from "~/components/scorecard/ScorecardParts";
import prisma from "~/db.server";
import { fail, failure, ok } from "~/domain/result";
import { parseScorecardForm, SCORECARD_FIELDS } from "~/models/scorecard-form";
import { saveScorecardSettings } from "~/models/scorecards.server";
import { supplierMeasuresJob } from "~/services/queue/scorecards";
import { scorecardOverview, type ScorecardSummary } from "~/services/scorecards/scorecards.server";
import { services } from "~/services.server";
import { authenticate } from "~/shopify.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const { settings, rows } = await scorecardOverview(prisma, session.shop, services().now());
  return { settings, rows };
}

const Intent = z.object({ intent: z.enum(["settings", "recompute"]) });

export async function action({ request }: ActionFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const form = Object.fromEntries(await request.formData());
  const intent = Intent.safeParse(form);
  if (!intent.success) return fail(failure("Unknown action."));
  const now = services().now();
  if (intent.data.intent === "recompute") {
    await services().queue.enqueue(supplierMeasuresJob(session.shop, now, `manual:${now.getTime()}`));
    return ok({ message: "Routing's supplier measures are being recomputed from the scorecards; reload in a moment." });
  }
  const parsed = parseScorecardForm(form);
  if (!parsed.ok) return parsed;
  await saveScorecardSettings(prisma, session.shop, parsed.value);
  // Routing reads the measures over the window just saved.
  await services().queue.enqueue(supplierMeasuresJob(session.shop, now, `settings:${now.getTime()}`));
  return ok({ message: "Scorecard settings saved." });
}

type SortKey = "name" | "grade" | "shipmentTime" | "shareShipped" | "shareCancelled" | "counted";
const SORT_KEYS: readonly SortKey[] = ["name", "grade", "shipmentTime", "shareShipped", "shareCancelled", "counted"];

function sortValue(row: ScorecardSummary, key: SortKey): number | string {
  if (key === "name") return row.supplierName.toLowerCase();
  if (key === "grade") return row.grade ?? -1;
  if (key === "counted") return row.counted;
  return row.measures.find((m) => m.name === key)?.score ?? -1;
}

function scoreCell(row: ScorecardSummary, name: string): string {
  const m = row.measures.find((x) => x.name === name);
  return m?.score == null ? "—" : m.score.toFixed(1);
}

function SettingsForm({
  settings,
  errors,
  busy,
}: {
  settings: ReturnType<typeof useLoaderData<typeof loader>>["settings"];
  errors: Record<string, string>;
  busy: boolean;
}) {
  const initial: Record<(typeof SCORECARD_FIELDS)[number], string> = {
    "weights.shipmentTime": String(settings.weights.shipmentTime),
    "weights.shareShipped": String(settings.weights.shareShipped),
    "weights.shareCancelled": String(settings.weights.shareCancelled),
    windowDays: String(settings.windowDays),
    lateToleranceDays: String(settings.lateToleranceDays),
    minLines: String(settings.minLines),
    minSkuLines: String(settings.minSkuLines),
  };
  const [values, setValues] = useState(initial);
  const field = (name: (typeof SCORECARD_FIELDS)[number], label: string, help?: string, suffix?: string) => (
    <TextField
      label={label}
      name={name}
      type="number"
      autoComplete="off"
      value={values[name]}
      onChange={(v) => setValues((prev) => ({ ...prev, [name]: v }))}
      error={errors[name]}
      helpText={help}
      suffix={suffix}
    />
  );
  const sum = ["weights.shipmentTime", "weights.shareShipped", "weights.shareCancelled"].reduce(
    (acc, k) => acc + (Number(values[k as keyof typeof values]) || 0),
    0,
  );
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="settings" />
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Scorecard settings
        </Text>
        {errors[""] ? <Banner tone="critical">{errors[""]}</Banner> : null}
        <FormLayout>
          <FormLayout.Group>
            {field("weights.shipmentTime", "Shipment time weight", undefined, "%")}
            {field("weights.shareShipped", "Share shipped weight", undefined, "%")}
            {field("weights.shareCancelled", "Share cancelled weight", undefined, "%")}
          </FormLayout.Group>
          <Text as="p" tone={Math.abs(sum - 100) < 0.001 ? "subdued" : "critical"}>
            The weights add up to {sum}% (they must add up to 100%).
          </Text>
          <FormLayout.Group>
            {field("windowDays", "Window", "Days of orders a scorecard reads; routing's measured reliability uses the same window.", "days")}
            {field("lateToleranceDays", "Late tolerance", "A shipment this late earns no shipment-time credit.", "days")}
          </FormLayout.Group>
          <FormLayout.Group>
            {field("minLines", "Minimum lines for a grade", "Fewer order lines: no grade yet.")}
            {field("minSkuLines", "Minimum lines per worst SKU", "A SKU needs this many lines to be listed.")}
          </FormLayout.Group>
        </FormLayout>
        <InlineStack>
          <Button submit variant="primary" loading={busy}>
            Save settings
          </Button>
        </InlineStack>
      </BlockStack>
    </Form>
  );
}

export default function ScorecardsPage() {
  const { settings, rows } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const [sort, setSort] = useState<{ key: SortKey; direction: "ascending" | "descending" }>({ key: "grade", direction: "ascending" });
  const sorted = useMemo(() => {
    const factor = sort.direction === "ascending" ? 1 : -1;
    return [...rows].sort((a, b) => {
      const x = sortValue(a, sort.key);
      const y = sortValue(b, sort.key);
      return (x < y ? -1 : x > y ? 1 : 0) * factor || a.supplierName.localeCompare(b.supplierName);
    });
  }, [rows, sort]);
  const errors = result && !result.ok ? (result.failure.fieldErrors ?? { "": result.failure.message }) : {};
  return (
    <Page title="Supplier scorecards" subtitle={`The last ${settings.windowDays} days of purchase-order lines, against the ${settings.windowDays} days before`}>
      <TitleBar title="Supplier scorecards" />
      <Layout>
        {rows.some((r) => r.routing.measuredAt === null) ? (
          <Layout.Section>
            <Banner tone="info">
              Scorecards are computed every night from the order lines; suppliers marked &ldquo;Not computed yet&rdquo; have not been reached. Recompute now to
              see them.
            </Banner>
          </Layout.Section>
        ) : null}
        {result?.ok ? (
          <Layout.Section>
            <Banner tone="success">{result.value.message}</Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <Card padding="0">
            {rows.length === 0 ? (
              <EmptyState heading="No suppliers yet" image="" action={{ content: "Add a supplier", url: "/app/suppliers/new" }}>
                <p>Each supplier gets a scorecard once purchase orders reach it.</p>
              </EmptyState>
            ) : (
              <DataTable
                columnContentTypes={["text", "text", "text", "numeric", "numeric", "numeric", "numeric", "text"]}
                headings={["Supplier", "Grade", "Trend", "Shipment time", "Share shipped", "Share cancelled", "Lines", "Routing reads"]}
                sortable={[true, true, false, true, true, true, true, false]}
                footerContent="Measures are scores out of 100, higher is better: 3% of lines cancelled scores 97."
                defaultSortDirection="ascending"
                initialSortColumnIndex={1}
                onSort={(index, direction) => {
                  const key = [SORT_KEYS[0], SORT_KEYS[1], null, SORT_KEYS[2], SORT_KEYS[3], SORT_KEYS[4], SORT_KEYS[5], null][index];
                  if (key) setSort({ key, direction: direction === "descending" ? "descending" : "ascending" });
                }}
                rows={sorted.map((r) => [
                  <RemixLink key="name" to={`/app/scorecards/${r.supplierId}`}>
                    {r.supplierName}
                  </RemixLink>,
                  r.routing.measuredAt === null ? <Badge key="grade">Not computed yet</Badge> : <GradeBadge key="grade" grade={r.grade} letter={r.letter} />,
                  <TrendText key="trend" {...r.trend} />,
                  scoreCell(r, "shipmentTime"),
                  scoreCell(r, "shareShipped"),
                  scoreCell(r, "shareCancelled"),
                  r.counted,
                  r.routing.sampleSize > 0 ? `measured over ${r.routing.sampleSize} orders` : "no history yet — neutral",
                ])}
              />
            )}
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="200">
              <Text as="p">
                Routing&apos;s reliability factor reads each supplier&apos;s acceptance, cancellation, defect and on-time rates from the same order lines,
                recomputed every night, blended toward neutral while a supplier has few orders.
              </Text>
              <Form method="post">
                <input type="hidden" name="intent" value="recompute" />
                <Button submit loading={busy && navigation.formData?.get("intent") === "recompute"}>
                  Recompute routing&apos;s measures now
                </Button>
              </Form>
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <SettingsForm key={JSON.stringify(settings)} settings={settings} errors={errors} busy={busy && navigation.formData?.get("intent") === "settings"} />
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
