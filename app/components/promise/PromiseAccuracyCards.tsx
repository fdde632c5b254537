/** The promise page's confidence setting (with its backtest) and accuracy report (#18 items 2, 6). */
import { Form } from "@remix-run/react";
import { BlockStack, Button, ChoiceList, DataTable, InlineStack, Text } from "@shopify/polaris";
import { useState } from "react";
import type { AccuracyReport, Backtest } from "~/domain/promise/accuracy";
import { SectionCard } from "~/components/SectionCard";
import { backtestRows, confidenceChoices, keptRows, keptSummary } from "./accuracy-views";

export function ConfidenceCard({
  confidence,
  backtest,
  names,
  error,
  busy,
}: {
  confidence: number;
  backtest: Backtest;
  names: Readonly<Record<string, string>>;
  error: string | null;
  busy: boolean;
}) {
  const [selected, setSelected] = useState([String(Math.round(confidence * 100))]);
  const choices = confidenceChoices(backtest);
  const rows = backtestRows(backtest, names);
  return (
    <SectionCard
      title="Confidence"
      description="The share of deliveries the window shown to shoppers should hold. Higher means wider windows. The figures replay your own recent delivered orders: the window each choice would have promised when the order was placed, and how often it would have been kept."
    >
      <Form method="post">
        <BlockStack gap="300">
          <input type="hidden" name="intent" value="confidence" />
          <ChoiceList
            title="Promise confidence"
            name="confidence"
            choices={choices.map((c) => ({ label: c.label, value: c.value, helpText: c.detail }))}
            selected={selected}
            onChange={setSelected}
            error={error ?? undefined}
          />
          <InlineStack>
            <Button submit loading={busy}>
              Save confidence
            </Button>
          </InlineStack>
        </BlockStack>
      </Form>
      {rows.length > 0 ? (
        <DataTable
          columnContentTypes={["text", "text", "numeric", ...choices.map(() => "text" as const)]}
          headings={["Supplier", "Region", "Orders", ...choices.map((c) => `${c.label}: width · kept`)]}
          rows={rows}
        />
      ) : null}
    </SectionCard>
  );
}

export function AccuracyCard({ report, names }: { report: AccuracyReport; names: Readonly<Record<string, string>> }) {
  const headings = ["", "Delivered", "Kept", "Early", "Late"];
  const types = ["text", "numeric", "numeric", "numeric", "numeric"] as const;
  return (
    <SectionCard title="Promises kept" description={keptSummary(report.overall)}>
      {report.overall.promises > 0 ? (
        <BlockStack gap="300">
          <Text as="h3" variant="headingSm">
            By supplier
          </Text>
          <DataTable columnContentTypes={[...types]} headings={headings} rows={keptRows(report.bySupplier, (id) => names[id] ?? "(removed supplier)")} />
          <Text as="h3" variant="headingSm">
            By region
          </Text>
          <DataTable columnContentTypes={[...types]} headings={headings} rows={keptRows(report.byRegion)} />
          <Text as="h3" variant="headingSm">
            By service level
          </Text>
          <DataTable columnContentTypes={[...types]} headings={headings} rows={keptRows(report.byServiceLevel)} />
        </BlockStack>
      ) : null}
    </SectionCard>
  );
}

/** The control tower's card: how often delivered orders arrived inside their promised window. */
export function PromiseKeptCard({ overall }: { overall: AccuracyReport["overall"] }) {
  return (
    <SectionCard title="Delivery promises kept" description={keptSummary(overall)}>
      <InlineStack>
        <Button url="/app/promise">Accuracy by supplier and region</Button>
      </InlineStack>
    </SectionCard>
  );
}
