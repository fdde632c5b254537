/**
 * Metric alerts: the open and recently closed alerts with their control chart and how the email
 * and Flow trigger went, and the thresholds form (per metric: on/off, threshold, run length;
 * shop-wide: days back in control that close an alert, and where alert mail goes).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import { Badge, Banner, BlockStack, Button, Card, Checkbox, InlineGrid, InlineStack, Layout, Page, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import prisma from "~/db.server";
import { AlertChart } from "~/components/AlertChart";
import { isMetricName, parseThresholdsForm, seriesFromRows, thresholdUnit } from "~/domain/alerts";
import { formatMetricValue, METRIC_NAMES, METRICS, type MetricName } from "~/domain/metrics";
import { addDays } from "~/domain/promise";
import { listAlerts, loadAlertSettings, noticeStates, saveAlertSettings, segmentDayRows } from "~/models/alerts.server";
import { listSuppliers } from "~/models/suppliers.server";
import { alertEvaluateJob } from "~/services/queue/alerts";
import { services } from "~/services.server";
import { authenticate } from "~/shopify.server";

const CHART_DAYS = 35;
const SHOWN = 30;

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const shop = session.shop;
  const [settings, alerts, suppliers] = await Promise.all([loadAlertSettings(prisma, shop), listAlerts(prisma, shop, SHOWN), listSuppliers(prisma, shop)]);
  const names = new Map(suppliers.map((s) => [s.id, s.name]));
  const notices = await noticeStates(
    prisma,
    shop,
    alerts.map((a) => a.id),
  );
  const charts = await Promise.all(
    alerts.map(async (a) => {
      const toDay = a.lastDay ?? a.day;
      const fromDay = addDays(toDay, -(CHART_DAYS - 1));
      return seriesFromRows(await segmentDayRows(prisma, shop, a, fromDay, toDay), fromDay, toDay).map((p) => ({ day: p.day, value: p.value }));
    }),
  );
  return {
    metrics: METRIC_NAMES.map((name) => ({ name, label: METRICS[name].label, unit: thresholdUnit(name), ...settings.thresholds.metrics[name] })),
    recoveryDays: settings.thresholds.recoveryDays,
    recipientEmail: settings.recipientEmail ?? "",
    alerts: alerts.map((a, i) => ({
      id: a.id,
      metric: a.metric,
      segment:
        a.dimension === "all"
          ? "All orders"
          : `${a.dimension === "supplierId" ? "Supplier" : a.dimension} ${a.dimension === "supplierId" ? (names.get(a.segment) ?? a.segment) : a.segment}`,
      rule: a.rule,
      status: a.status,
      message: a.message,
      openedAt: a.openedAt.toISOString(),
      closedAt: a.closedAt?.toISOString() ?? null,
      closedReason: a.closedReason,
      limit: a.limit,
      center: a.center,
      days: a.days,
      notice: notices.get(a.id) ?? { email: "not yet", flow: "not yet", error: null },
      points: charts[i] ?? [],
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const form = Object.fromEntries(await request.formData());
  if (form.intent === "evaluate") {
    const now = new Date();
    await services().queue.enqueue(alertEvaluateJob(session.shop, now, `manual-${now.getTime()}`));
    return { ok: true as const, message: "Evaluating now: new alerts appear here in a moment." };
  }
  const parsed = parseThresholdsForm(form);
  if (!parsed.ok) return { ok: false as const, message: parsed.message };
  await saveAlertSettings(prisma, session.shop, parsed.value);
  return { ok: true as const, message: "Thresholds saved; the next evaluation (within the hour) uses them." };
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type MetricRow = LoaderData["metrics"][number];

function ThresholdsCard({ metrics, recoveryDays, recipientEmail, busy }: Pick<LoaderData, "metrics" | "recoveryDays" | "recipientEmail"> & { busy: boolean }) {
  const [rows, setRows] = useState(() =>
    Object.fromEntries(
      metrics.map((m) => [m.name, { enabled: m.enabled, threshold: m.threshold === null ? "" : String(m.threshold), runLength: String(m.runLength) }]),
    ),
  );
  const [recovery, setRecovery] = useState(String(recoveryDays));
  const [email, setEmail] = useState(recipientEmail);
  const set = (name: string, change: Partial<(typeof rows)[string]>) => setRows((r) => ({ ...r, [name]: { ...r[name]!, ...change } }));
  return (
    <Card>
      <Form method="post">
        <input type="hidden" name="intent" value="thresholds" />
        <BlockStack gap="400">
          <BlockStack gap="100">
            <Text as="h2" variant="headingMd">
              Thresholds
            </Text>
            <Text as="p" tone="subdued">
              Every enabled metric alerts when a day is beyond its control limit (3σ from the last four weeks). With a threshold, it also alerts when that many
              days with orders in a row are past it. Leave the threshold blank for control limits only.
            </Text>
          </BlockStack>
          {metrics.map((m: MetricRow) => {
            const row = rows[m.name]!;
            return (
              <InlineGrid key={m.name} columns={{ xs: 1, md: ["twoThirds", "oneThird", "oneThird"] }} gap="300" alignItems="end">
                <Checkbox label={m.label} name={`${m.name}.enabled`} value="on" checked={row.enabled} onChange={(enabled) => set(m.name, { enabled })} />
                <TextField
                  label="Threshold"
                  name={`${m.name}.threshold`}
                  value={row.threshold}
                  onChange={(threshold) => set(m.name, { threshold })}
                  suffix={m.unit === "hours" ? "h" : "%"}
                  autoComplete="off"
                  inputMode="decimal"
                />
                <TextField
                  label="Days running"
                  name={`${m.name}.runLength`}
                  value={row.runLength}
                  onChange={(runLength) => set(m.name, { runLength })}
                  autoComplete="off"
                  inputMode="numeric"
                />
              </InlineGrid>
            );
          })}
          <InlineGrid columns={{ xs: 1, md: 2 }} gap="300">
            <TextField
              label="Days back in control that close an alert"
              name="recoveryDays"
              value={recovery}
              onChange={setRecovery}
              autoComplete="off"
              inputMode="numeric"
              helpText="Counted over days with orders."
            />
            <TextField
              label="Send alert and digest email to"
              name="recipientEmail"
              type="email"
              value={email}
              onChange={setEmail}
              autoComplete="email"
              helpText="Blank: the store's contact email in Shopify."
            />
          </InlineGrid>
          <InlineStack>
            <Button submit variant="primary" loading={busy}>
              Save thresholds
            </Button>
          </InlineStack>
        </BlockStack>
      </Form>
    </Card>
  );
}

const NOTICE_TONE = { sent: "success", pending: "attention", refused: "critical", "not yet": undefined } as const;

function AlertCard({ alert }: { alert: LoaderData["alerts"][number] }) {
  const metric = isMetricName(alert.metric) ? (alert.metric as MetricName) : null;
  const label = (v: number) => (metric ? formatMetricValue(metric, v) : String(v));
  return (
    <Card>
      <BlockStack gap="200">
        <InlineStack gap="200" blockAlign="center">
          <Badge tone={alert.status === "open" ? "critical" : "success"}>{alert.status === "open" ? "Open" : "Closed"}</Badge>
          <Text as="h3" variant="headingSm">
            {metric ? METRICS[metric].label : alert.metric} · {alert.segment}
          </Text>
          <Text as="span" tone="subdued">
            {alert.rule === "control_limit" ? "beyond control limit" : "past your threshold"} · opened {alert.openedAt.slice(0, 10)}
            {alert.closedAt ? ` · closed ${alert.closedAt.slice(0, 10)}` : ""}
          </Text>
        </InlineStack>
        <Text as="p">{alert.message}</Text>
        {alert.closedReason ? (
          <Text as="p" tone="subdued">
            {alert.closedReason}
          </Text>
        ) : null}
        <AlertChart
          points={alert.points}
          limit={alert.limit}
          center={alert.center}
          signalDays={alert.days}
          label={label}
          title={`${alert.segment}: daily values, limit ${label(alert.limit)}`}
        />
        <InlineStack gap="200">
          <Badge tone={NOTICE_TONE[alert.notice.email]}>{`Email: ${alert.notice.email}`}</Badge>
          <Badge tone={NOTICE_TONE[alert.notice.flow]}>{`Flow trigger: ${alert.notice.flow}`}</Badge>
          {alert.notice.error ? (
            <Text as="span" tone="critical">
              {alert.notice.error}
            </Text>
          ) : null}
        </InlineStack>
      </BlockStack>
    </Card>
  );
}

export default function AlertsPage() {
  const { metrics, recoveryDays, recipientEmail, alerts } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const open = alerts.filter((a) => a.status === "open");
  const closed = alerts.filter((a) => a.status === "closed");
  return (
    <Page title="Alerts" subtitle="Fulfillment metrics out of control, per supplier, channel, region and busy SKU">
      <TitleBar title="Alerts" />
      <Layout>
        {result ? (
          <Layout.Section>
            <Banner tone={result.ok ? "success" : "critical"}>{result.message}</Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <BlockStack gap="400">
            <InlineStack align="space-between" blockAlign="center">
              <Text as="h2" variant="headingLg">
                Open ({open.length})
              </Text>
              <Form method="post">
                <input type="hidden" name="intent" value="evaluate" />
                <Button submit loading={busy}>
                  Evaluate now
                </Button>
              </Form>
            </InlineStack>
            {open.length === 0 ? (
              <Card>
                <Text as="p" tone="subdued">
                  Every metric is in control. Dropline checks each metric per segment every hour, over the days up to yesterday.
                </Text>
              </Card>
            ) : (
              open.map((a) => <AlertCard key={a.id} alert={a} />)
            )}
            {closed.length > 0 ? (
              <Text as="h2" variant="headingLg">
                Recently closed
              </Text>
            ) : null}
            {closed.map((a) => (
              <AlertCard key={a.id} alert={a} />
            ))}
          </BlockStack>
        </Layout.Section>
        <Layout.Section>
          <ThresholdsCard metrics={metrics} recoveryDays={recoveryDays} recipientEmail={recipientEmail} busy={busy} />
        </Layout.Section>
      </Layout>
    </Page>
  );
}
