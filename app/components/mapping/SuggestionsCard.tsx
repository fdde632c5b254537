/**
 * Mapping suggestions: accept one (with its unit cost when the supplier never said it) or select
 * several and accept them together. The server recomputes each suggestion before creating offers.
 */
import { Badge, BlockStack, Button, Card, EmptyState, IndexTable, InlineStack, Text, TextField, useIndexResourceState } from "@shopify/polaris";
import { useState } from "react";

export interface SuggestionRow {
  readonly id: string;
  readonly supplierName: string;
  readonly supplierSku: string;
  readonly rowTitle: string | null;
  readonly source: "feed" | "offers_csv";
  readonly variantSku: string;
  readonly variantTitle: string;
  readonly score: number;
  readonly matchedOn: "sku" | "title";
  /** Decimal string, or null when the supplier never gave a cost. */
  readonly unitCost: string | null;
  readonly quantity: number;
}

export interface AcceptItem {
  readonly key: string;
  readonly cost?: string;
}

interface Props {
  readonly rows: readonly SuggestionRow[];
  readonly busy: boolean;
  readonly onAccept: (items: readonly AcceptItem[]) => void;
}

const tone = (score: number) => (score >= 0.95 ? "success" : score >= 0.8 ? "info" : "attention");

export function SuggestionsCard({ rows, busy, onAccept }: Props) {
  const { selectedResources, allResourcesSelected, handleSelectionChange, clearSelection } = useIndexResourceState(rows.map((r) => ({ ...r })));
  const [costs, setCosts] = useState<Record<string, string>>({});
  const item = (id: string): AcceptItem => (costs[id] ? { key: id, cost: costs[id] } : { key: id });
  if (rows.length === 0) {
    return (
      <Card>
        <EmptyState heading="No suggestions" image="">
          <p>
            Suggestions come from supplier items no offer uses yet: rows of a stock feed, and offers-CSV rows whose SKU matched no variant. Upload a feed or
            import offers to get some.
          </p>
        </EmptyState>
      </Card>
    );
  }
  return (
    <Card padding="0">
      <BlockStack gap="0">
        <div style={{ padding: "var(--p-space-400)" }} id="suggestions">
          <BlockStack gap="100">
            <Text as="h2" variant="headingMd">
              {`Suggestions (${rows.length})`}
            </Text>
            <Text as="p" tone="subdued">
              Each supplier item no offer uses, matched to the variant whose SKU or title it most resembles (score 1 = the same SKU but for case and
              separators). Accepting creates the offer with the supplier&apos;s cost and stock.
            </Text>
          </BlockStack>
        </div>
        <IndexTable
          resourceName={{ singular: "suggestion", plural: "suggestions" }}
          itemCount={rows.length}
          selectedItemsCount={allResourcesSelected ? "All" : selectedResources.length}
          onSelectionChange={handleSelectionChange}
          promotedBulkActions={[
            {
              content: "Accept selected",
              onAction: () => {
                onAccept(selectedResources.map(item));
                clearSelection();
              },
            },
          ]}
          headings={[
            { title: "Supplier item" },
            { title: "Your variant" },
            { title: "Score" },
            { title: "Unit cost" },
            { title: "Stock", alignment: "end" },
            { title: "" },
          ]}
        >
          {rows.map((r, i) => (
            <IndexTable.Row id={r.id} key={r.id} position={i} selected={selectedResources.includes(r.id)}>
              <IndexTable.Cell>
                <BlockStack gap="050">
                  <Text as="span" fontWeight="semibold">
                    {r.supplierSku}
                  </Text>
                  <Text as="span" tone="subdued">
                    {`${r.supplierName} · ${r.source === "feed" ? "stock feed" : "offers CSV"}${r.rowTitle ? ` · ${r.rowTitle}` : ""}`}
                  </Text>
                </BlockStack>
              </IndexTable.Cell>
              <IndexTable.Cell>
                <BlockStack gap="050">
                  <Text as="span" fontWeight="semibold">
                    {r.variantSku}
                  </Text>
                  <Text as="span" tone="subdued">
                    {r.variantTitle}
                  </Text>
                </BlockStack>
              </IndexTable.Cell>
              <IndexTable.Cell>
                <Badge tone={tone(r.score)}>{`${r.score.toFixed(2)} by ${r.matchedOn}`}</Badge>
              </IndexTable.Cell>
              <IndexTable.Cell>
                {r.unitCost !== null ? (
                  r.unitCost
                ) : (
                  <div onClick={(e) => e.stopPropagation()}>
                    <TextField
                      label={`Unit cost for ${r.supplierSku}`}
                      labelHidden
                      placeholder="Unit cost"
                      value={costs[r.id] ?? ""}
                      onChange={(value) => setCosts({ ...costs, [r.id]: value })}
                      autoComplete="off"
                    />
                  </div>
                )}
              </IndexTable.Cell>
              <IndexTable.Cell>
                <Text as="span" alignment="end" numeric>
                  {r.quantity}
                </Text>
              </IndexTable.Cell>
              <IndexTable.Cell>
                <InlineStack align="end">
                  <div onClick={(e) => e.stopPropagation()}>
                    <Button size="slim" loading={busy} onClick={() => onAccept([item(r.id)])} accessibilityLabel={`Accept ${r.supplierSku} as ${r.variantSku}`}>
                      Accept
                    </Button>
                  </div>
                </InlineStack>
              </IndexTable.Cell>
            </IndexTable.Row>
          ))}
        </IndexTable>
      </BlockStack>
    </Card>
  );
}
