import { Badge, Banner, BlockStack, Button, Card, Collapsible, DataTable, InlineStack, Text } from "@shopify/polaris";
import { useState } from "react";
import { WEIGHT_KEYS, WEIGHT_LABELS } from "~/models/routing-form";
import type { DecisionView } from "./decision-view";
import { LineExplanation } from "./LineExplanation";
import { outcomeLabel, statusLabel } from "./labels";

const when = (iso: string): string => new Date(iso).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC";

function Context({ decision }: { decision: DecisionView }) {
  const c = decision.context;
  return (
    <BlockStack gap="100">
      <Text as="p">
        {c.serviceLevel === "expedited" ? "Expedited" : "Standard"} service, promised within {c.promisedBusinessDays} business days (by {c.deadline}) · channel{" "}
        {c.channel}
      </Text>
      <Text as="p" tone="subdued">
        Split {c.splitPermitted ? "permitted" : "not permitted"}: {c.splitReason}.
      </Text>
      <Text as="p" tone="subdued">
        Weights: {WEIGHT_KEYS.map((k) => `${WEIGHT_LABELS[k]} ${c.weightShares[k]}%`).join(" · ")}
      </Text>
      {c.policy.map((words) => (
        <Text as="p" tone="subdued" key={words}>
          Policy — {words}
        </Text>
      ))}
      {c.excluded.length > 0 ? (
        <Text as="p" tone="subdued">
          Not considered (excluded for this order): {c.excluded.join(", ")}
        </Text>
      ) : null}
    </BlockStack>
  );
}

function Assignments({ decision }: { decision: DecisionView }) {
  if (decision.assignments.length === 0) return null;
  return (
    <BlockStack gap="200">
      <Text as="h3" variant="headingSm">
        Sent to suppliers
      </Text>
      <DataTable
        columnContentTypes={["text", "text", "numeric", "text"]}
        headings={["Supplier", "Items", "Landed cost", "Delivery window"]}
        rows={decision.assignments.map((a) => [a.supplierName, a.items, a.landedCost, `${a.window} (within ${a.latestBusinessDays} business days)`])}
      />
    </BlockStack>
  );
}

function Holds({ decision }: { decision: DecisionView }) {
  if (decision.holds.length === 0) return null;
  return (
    <BlockStack gap="200">
      <Text as="h3" variant="headingSm">
        Held for you
      </Text>
      {decision.holds.map((h, i) => (
        <Banner key={i} tone="warning" title={`${h.item}: ${h.reason}`}>
          <p>{h.message}</p>
        </Banner>
      ))}
    </BlockStack>
  );
}

/** One version of an order's routing decision: what was decided, whether it reached Shopify, and why. */
export function DecisionCard({ decision, latest }: { decision: DecisionView; latest: boolean }) {
  const [open, setOpen] = useState(latest);
  const outcome = outcomeLabel(decision.outcome);
  const status = statusLabel(decision.status);
  const explanationId = `explanation-${decision.id}`;
  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack align="space-between" blockAlign="center" gap="200">
          <InlineStack gap="200" blockAlign="center">
            <Text as="h2" variant="headingMd">
              Decision v{decision.version}
              {latest ? " (current)" : ""}
            </Text>
            <Badge tone={outcome.tone}>{outcome.label}</Badge>
            <Badge tone={status.tone}>{status.label}</Badge>
          </InlineStack>
          <Text as="span" tone="subdued">
            {when(decision.createdAt)}
            {decision.appliedAt ? ` · applied ${when(decision.appliedAt)}` : ""}
          </Text>
        </InlineStack>
        {status.help ? (
          <Text as="p" tone="subdued">
            {status.help}
          </Text>
        ) : null}
        {decision.lastError ? (
          <Banner tone="critical" title={decision.status === "failed" ? "Why it failed" : "Last error (Dropline retries)"}>
            <p>{decision.lastError}</p>
          </Banner>
        ) : null}
        <Context decision={decision} />
        <Assignments decision={decision} />
        <Holds decision={decision} />
        <BlockStack gap="300">
          <InlineStack>
            <Button variant="plain" disclosure={open ? "up" : "down"} onClick={() => setOpen((o) => !o)} ariaExpanded={open} ariaControls={explanationId}>
              {open ? "Hide how each supplier was judged" : "Show how each supplier was judged"}
            </Button>
          </InlineStack>
          <Collapsible open={open} id={explanationId}>
            <BlockStack gap="500">
              {decision.lines.map((line) => (
                <LineExplanation key={line.lineId} line={line} />
              ))}
            </BlockStack>
          </Collapsible>
        </BlockStack>
      </BlockStack>
    </Card>
  );
}
