import { Badge, Banner, BlockStack, Card, DataTable, InlineStack, Link, Text } from "@shopify/polaris";
import type { ReactNode } from "react";
import { outcomeLabel } from "./labels";
import type { PreviewOrderView, PreviewView, SummaryView } from "./preview-view";

function Compare({ before, after }: { before: ReactNode; after: ReactNode }) {
  return (
    <BlockStack gap="050">
      <Text as="span" tone="subdued">
        {before}
      </Text>
      <Text as="span" fontWeight="semibold">
        → {after}
      </Text>
    </BlockStack>
  );
}

function OutcomeBadge({ outcome }: { outcome: string }) {
  const { label, tone } = outcomeLabel(outcome);
  return <Badge tone={tone}>{label}</Badge>;
}

function row(o: PreviewOrderView & { before: SummaryView; after: SummaryView }): ReactNode[] {
  const { before, after } = o;
  return [
    <Link key="order" url={o.path} removeUnderline>
      {o.orderName}
    </Link>,
    <InlineStack key="outcome" gap="100" blockAlign="center">
      <OutcomeBadge outcome={before.outcome} />
      <Text as="span">→</Text>
      <OutcomeBadge outcome={after.outcome} />
    </InlineStack>,
    <Compare key="suppliers" before={before.suppliers} after={after.suppliers} />,
    <Compare key="cost" before={before.landedCost} after={after.landedCost} />,
    <Compare key="promise" before={before.promise} after={after.promise} />,
  ];
}

const compared = (o: PreviewOrderView): o is PreviewOrderView & { before: SummaryView; after: SummaryView } => o.before !== null && o.after !== null;

/** What saving the edited policy would change on recent orders, before anything is saved. */
export function PolicyPreview({ preview }: { preview: PreviewView }) {
  const changed = preview.orders.filter(compared).filter((o) => o.changed);
  const failed = preview.orders.filter((o) => o.error !== null);
  const unchanged = preview.ordersCompared - changed.length;
  return (
    <Card>
      <BlockStack gap="400">
        <BlockStack gap="100">
          <Text as="h2" variant="headingMd">
            Preview on recent orders
          </Text>
          <Text as="p" tone="subdued">
            Your recent orders routed again with the same suppliers, offers and stock they had, under the saved policy and under your edits. Nothing has been
            saved.
          </Text>
        </BlockStack>
        {preview.orders.length === 0 ? (
          <Text as="p">No orders have been routed yet, so there is nothing to compare against.</Text>
        ) : (
          <InlineStack gap="600">
            <Summary label="Orders compared" value={String(preview.ordersCompared)} />
            <Summary label="Would change" value={String(preview.changedOrders)} />
            <Summary label="Landed cost change" value={preview.landedCostDelta.join(" · ") || "—"} />
          </InlineStack>
        )}
        {failed.length > 0 ? (
          <Banner tone="warning" title={`${failed.length} order${failed.length === 1 ? "" : "s"} could not be replayed`}>
            <ul>
              {failed.map((o) => (
                <li key={o.orderId}>
                  {o.orderName}: {o.error}
                </li>
              ))}
            </ul>
          </Banner>
        ) : null}
        {changed.length > 0 ? (
          <DataTable
            columnContentTypes={["text", "text", "text", "text", "text"]}
            headings={["Order", "Outcome", "Suppliers", "Landed cost", "Latest delivery"]}
            rows={changed.map(row)}
            verticalAlign="middle"
          />
        ) : preview.ordersCompared > 0 ? (
          <Text as="p">Every compared order would be routed exactly as before.</Text>
        ) : null}
        {changed.length > 0 && unchanged > 0 ? (
          <Text as="p" tone="subdued">
            {unchanged} other order{unchanged === 1 ? "" : "s"} would be routed exactly as before.
          </Text>
        ) : null}
      </BlockStack>
    </Card>
  );
}

function Summary({ label, value }: { label: string; value: string }) {
  return (
    <BlockStack gap="050">
      <Text as="span" tone="subdued">
        {label}
      </Text>
      <Text as="span" variant="headingLg">
        {value}
      </Text>
    </BlockStack>
  );
}
