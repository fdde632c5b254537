/** One case type's playbook as editable rows: an action per step, days for a wait. */
import { BlockStack, Button, Card, InlineError, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";

export interface StepRow {
  action: string;
  waitDays?: number;
}

const ACTION_OPTIONS = [
  { label: "Wait", value: "wait" },
  { label: "Remind the supplier", value: "remind_supplier" },
  { label: "Re-route", value: "reroute" },
  { label: "Reship", value: "reship" },
  { label: "Refund", value: "refund" },
  { label: "Cancel the order", value: "cancel_order" },
  { label: "Notify the customer", value: "notify_customer" },
];

export function PlaybookEditor(props: {
  type: string;
  title: string;
  steps: StepRow[];
  custom: boolean;
  error?: string;
  busy: boolean;
  onSave: (steps: StepRow[]) => void;
  onReset: () => void;
}) {
  const [rows, setRows] = useState<StepRow[]>(props.steps);
  const change = (i: number, row: StepRow) => setRows(rows.map((r, j) => (j === i ? row : r)));
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between">
          <Text as="h2" variant="headingSm">
            {props.title}
          </Text>
          <Text as="span" tone="subdued">
            {props.custom ? "Your playbook" : "Default playbook"}
          </Text>
        </InlineStack>
        {rows.map((row, i) => (
          <InlineStack key={i} gap="200" blockAlign="end">
            <Text as="span">{i + 1}.</Text>
            <Select
              label="Step"
              labelHidden
              options={ACTION_OPTIONS}
              value={row.action}
              onChange={(action) => change(i, action === "wait" ? { action, waitDays: row.waitDays ?? 2 } : { action })}
            />
            {row.action === "wait" ? (
              <TextField
                label="Days"
                labelHidden
                type="number"
                min={1}
                max={60}
                suffix="days"
                autoComplete="off"
                value={String(row.waitDays ?? "")}
                onChange={(v) => change(i, { action: "wait", waitDays: Number(v) })}
              />
            ) : null}
            <Button variant="plain" tone="critical" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
              Remove
            </Button>
          </InlineStack>
        ))}
        {props.error ? <InlineError message={props.error} fieldID={`playbook-${props.type}`} /> : null}
        <InlineStack gap="200">
          <Button disabled={rows.length >= 8} onClick={() => setRows([...rows, { action: "reship" }])}>
            Add step
          </Button>
          <Button variant="primary" loading={props.busy} onClick={() => props.onSave(rows)}>
            Save
          </Button>
          {props.custom ? <Button onClick={props.onReset}>Back to the default</Button> : null}
        </InlineStack>
      </BlockStack>
    </Card>
  );
}
