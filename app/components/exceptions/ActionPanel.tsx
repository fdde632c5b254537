/**
 * The playbook action bar of the exceptions page: pick an action for the selected cases (and its
 * options), review what will happen, then confirm. Nothing runs before the confirmation.
 */
import { Banner, BlockStack, Button, Card, Checkbox, InlineStack, List, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";

export const PANEL_ACTIONS = [
  { value: "refund", label: "Refund the affected lines" },
  { value: "reship", label: "Reship (replacement order at no charge)" },
  { value: "reroute", label: "Re-route to another supplier" },
  { value: "cancel_order", label: "Cancel the order" },
  { value: "remind_supplier", label: "Remind the supplier" },
  { value: "notify_customer", label: "Tell the customer the new delivery date" },
  { value: "wait", label: "Wait until a date" },
] as const;

const REASONS = ["CUSTOMER", "INVENTORY", "DECLINED", "FRAUD", "STAFF", "OTHER"] as const;

export type ActionFields = Record<string, string>;

export interface PreviewItem {
  readonly caseId: string;
  readonly order: string;
  readonly ok: boolean;
  readonly text: string;
}

export function ActionPanel(props: { selected: number; onReview: (fields: ActionFields) => void; busy: boolean }) {
  const [action, setAction] = useState<string>("refund");
  const [shipping, setShipping] = useState(false);
  const [reason, setReason] = useState<string>("OTHER");
  const [refund, setRefund] = useState(true);
  const [restock, setRestock] = useState(true);
  const [until, setUntil] = useState("");
  const [note, setNote] = useState("");
  const fields: ActionFields = { action, shipping: String(shipping), reason, refund: String(refund), restock: String(restock), until, note };
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingSm">
          Playbook action for {props.selected} selected case{props.selected === 1 ? "" : "s"}
        </Text>
        <InlineStack gap="300" blockAlign="end">
          <Select label="Action" options={PANEL_ACTIONS.map((a) => ({ label: a.label, value: a.value }))} value={action} onChange={setAction} />
          {action === "refund" ? <Checkbox label="Also refund shipping" checked={shipping} onChange={setShipping} /> : null}
          {action === "cancel_order" ? (
            <>
              <Select label="Reason" options={REASONS.map((r) => ({ label: r.toLowerCase(), value: r }))} value={reason} onChange={setReason} />
              <Checkbox label="Refund the customer" checked={refund} onChange={setRefund} />
              <Checkbox label="Restock the items" checked={restock} onChange={setRestock} />
            </>
          ) : null}
          {action === "notify_customer" ? (
            <TextField
              label="Note to the customer (optional; replaces the detected reason)"
              value={note}
              onChange={setNote}
              autoComplete="off"
              maxLength={500}
            />
          ) : null}
          {action === "wait" ? <TextField label="Until" type="date" value={until} onChange={setUntil} autoComplete="off" /> : null}
          <Button variant="primary" disabled={props.selected === 0} loading={props.busy} onClick={() => props.onReview(fields)}>
            Review
          </Button>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}

/** What will happen, case by case, with the buttons that run it or drop it. */
export function ConfirmCard(props: { items: readonly PreviewItem[]; onConfirm: () => void; onCancel: () => void; busy: boolean }) {
  const runnable = props.items.filter((i) => i.ok).length;
  return (
    <Banner tone="warning" title={`Confirm: this will happen for ${runnable} case${runnable === 1 ? "" : "s"}`} onDismiss={props.onCancel}>
      <BlockStack gap="200">
        <List>
          {props.items.map((i) => (
            <List.Item key={i.caseId}>
              <Text as="span" tone={i.ok ? undefined : "subdued"}>
                {i.order}: {i.ok ? i.text : `not possible — ${i.text}`}
              </Text>
            </List.Item>
          ))}
        </List>
        <InlineStack gap="200">
          <Button variant="primary" tone="critical" disabled={runnable === 0} loading={props.busy} onClick={props.onConfirm}>
            Confirm
          </Button>
          <Button onClick={props.onCancel}>Cancel</Button>
        </InlineStack>
      </BlockStack>
    </Banner>
  );
}

/** Staff open a case the rules cannot see: a damaged item, a customer confused by a split order. */
export function ReportCase(props: { onReport: (fields: ActionFields) => void; busy: boolean }) {
  const [orderName, setOrderName] = useState("");
  const [type, setType] = useState("damaged");
  const [note, setNote] = useState("");
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingSm">
          Open a case
        </Text>
        <InlineStack gap="300" blockAlign="end">
          <TextField label="Order" placeholder="#1001" value={orderName} onChange={setOrderName} autoComplete="off" />
          <Select
            label="Problem"
            options={[
              { label: "Damaged item", value: "damaged" },
              { label: "Customer confused by a split order", value: "split_confusion" },
            ]}
            value={type}
            onChange={setType}
          />
          <TextField label="What the customer said" value={note} onChange={setNote} autoComplete="off" />
          <Button loading={props.busy} disabled={!orderName.trim()} onClick={() => props.onReport({ orderName, type, note })}>
            Open case
          </Button>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}
