/**
 * One group of the weekly exception review: its exceptions, their causes, links to the setting
 * that prevents a repeat, and the note staff record (what happened, why, which rule prevents it).
 */
import { Form, Link } from "@remix-run/react";
import { Badge, BlockStack, Button, Card, InlineGrid, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";

export interface ReviewGroupView {
  readonly groupBy: "cause" | "supplier" | "channel";
  readonly groupKey: string;
  readonly title: string;
  readonly count: number;
  readonly open: number;
  /** "Carrier 2 · Address 1" */
  readonly causes: string;
  readonly items: readonly { readonly id: string; readonly label: string; readonly open: boolean }[];
  readonly links: readonly { readonly to: string; readonly label: string }[];
  /** The setting a new note points at: where this kind of problem is usually fixed. */
  readonly defaultTarget: "routing" | "supplier" | "stock" | "none";
  readonly note: {
    readonly whatHappened: string;
    readonly why: string;
    readonly prevention: string;
    readonly linkTarget: string;
    readonly updatedAt: string;
  } | null;
}

const TARGETS = [
  { label: "No setting", value: "none" },
  { label: "Routing policy", value: "routing" },
  { label: "Supplier", value: "supplier" },
  { label: "Stock buffer", value: "stock" },
];

export function ReviewGroupCard({ week, group, busy }: { week: string; group: ReviewGroupView; busy: boolean }) {
  const [what, setWhat] = useState(group.note?.whatHappened ?? "");
  const [why, setWhy] = useState(group.note?.why ?? "");
  const [prevention, setPrevention] = useState(group.note?.prevention ?? "");
  const [target, setTarget] = useState<string>(group.note?.linkTarget ?? group.defaultTarget);
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <InlineStack gap="200" blockAlign="center">
            <Text as="h3" variant="headingSm">
              {group.title}
            </Text>
            <Badge>{`${group.count} exception${group.count === 1 ? "" : "s"}`}</Badge>
            {group.open > 0 ? <Badge tone="attention">{`${group.open} still open`}</Badge> : null}
            {group.note ? <Badge tone="success">Reviewed</Badge> : null}
          </InlineStack>
          <InlineStack gap="300">
            {group.links.map((l) => (
              <Link key={l.to} to={l.to}>
                {l.label}
              </Link>
            ))}
          </InlineStack>
        </InlineStack>
        {group.groupBy !== "cause" ? (
          <Text as="p" tone="subdued">
            {group.causes}
          </Text>
        ) : null}
        <Text as="p" tone="subdued">
          {group.items.map((i) => i.label).join(" · ")}
        </Text>
        <Form method="post">
          <input type="hidden" name="week" value={week} />
          <input type="hidden" name="groupBy" value={group.groupBy} />
          <input type="hidden" name="groupKey" value={group.groupKey} />
          <BlockStack gap="200">
            <InlineGrid columns={{ xs: 1, md: 3 }} gap="300">
              <TextField label="What happened" name="whatHappened" value={what} onChange={setWhat} multiline={2} autoComplete="off" />
              <TextField label="Why" name="why" value={why} onChange={setWhy} multiline={2} autoComplete="off" />
              <TextField label="Rule that prevents a repeat" name="prevention" value={prevention} onChange={setPrevention} multiline={2} autoComplete="off" />
            </InlineGrid>
            <InlineStack gap="300" blockAlign="end">
              <Select label="Setting it changes" name="linkTarget" options={TARGETS} value={target} onChange={setTarget} />
              <Button submit loading={busy}>
                {group.note ? "Update note" : "Save note"}
              </Button>
            </InlineStack>
          </BlockStack>
        </Form>
      </BlockStack>
    </Card>
  );
}
