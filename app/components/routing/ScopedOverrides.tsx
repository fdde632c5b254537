import { useFetcher } from "@remix-run/react";
import { Badge, BlockStack, Box, Button, InlineGrid, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { SectionCard } from "~/components/SectionCard";
import type { FormErrors } from "~/models/routing-form";
import { newScopedOverride, SPLIT_MODE_LABELS, SPLIT_MODES, type ScopedOverrideValues } from "~/models/routing-scope-form";
import { WeightChoiceFields } from "./WeightChoiceFields";

/** What the route's "search" intent answers: products and collections whose title matches. */
export interface ScopeSearchResult {
  readonly products: readonly { id: string; title: string }[];
  readonly collections: readonly { id: string; title: string }[];
  readonly error?: string;
}

interface Props {
  readonly rows: ScopedOverrideValues[];
  readonly errors: FormErrors;
  readonly currencyCode: string;
  readonly onChange: (rows: ScopedOverrideValues[]) => void;
}

const TARGET_OPTIONS = [
  { label: "A product", value: "product" },
  { label: "A collection", value: "collection" },
  { label: "A destination region only", value: "region" },
];
const WEIGHT_OPTIONS = [
  { label: "As the next rule down", value: "inherit" },
  { label: "Its own priority", value: "set" },
];
const SPLIT_OPTIONS = SPLIT_MODES.map((m) => ({ label: SPLIT_MODE_LABELS[m], value: m }));

const newId = (): string => `o${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

/** Finds a product or collection by title through the route's action and sets it on the row. */
function TargetPicker({ row, error, onPick }: { row: ScopedOverrideValues; error?: string; onPick: (id: string, label: string) => void }) {
  const fetcher = useFetcher<{ search?: ScopeSearchResult }>();
  const found = fetcher.data?.search;
  const [query, setQuery] = useState("");
  const kind = row.target === "collection" ? "collections" : "products";
  const results = found?.[kind] ?? [];
  const search = () => fetcher.submit({ intent: "search", query }, { method: "post" });
  return (
    <BlockStack gap="200">
      {row.targetId ? (
        <InlineStack gap="200" blockAlign="center">
          <Badge tone="info">{row.targetLabel || row.targetId}</Badge>
          <Button variant="plain" onClick={() => onPick("", "")}>
            Change
          </Button>
        </InlineStack>
      ) : (
        <InlineStack gap="200" blockAlign="end" wrap={false}>
          <div style={{ flexGrow: 1 }}>
            <TextField
              label={row.target === "collection" ? "Collection" : "Product"}
              value={query}
              onChange={setQuery}
              autoComplete="off"
              placeholder="Start of the title, e.g. Ceramic"
              error={error}
            />
          </div>
          <Button onClick={search} loading={fetcher.state !== "idle"} disabled={query.trim() === ""}>
            Search
          </Button>
        </InlineStack>
      )}
      {!row.targetId && found ? (
        found.error ? (
          <Text as="p" tone="critical">
            {found.error}
          </Text>
        ) : results.length === 0 ? (
          <Text as="p" tone="subdued">
            No {kind} match “{query}”.
          </Text>
        ) : (
          <InlineStack gap="200" wrap>
            {results.map((r) => (
              <Button key={r.id} size="slim" onClick={() => onPick(r.id, r.title)}>
                {r.title}
              </Button>
            ))}
          </InlineStack>
        )
      ) : null}
    </BlockStack>
  );
}

/** Overrides per product, collection and destination region; the most specific one wins. */
export function ScopedOverrides({ rows, errors, currencyCode, onChange }: Props) {
  const update = (index: number, change: Partial<ScopedOverrideValues>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  const remove = (index: number) => onChange(rows.filter((_, i) => i !== index));
  const err = (i: number, field: string) => errors[`scopedOverrides.${i}.${field}`];

  return (
    <SectionCard
      title="Product, collection and region rules"
      description="The most specific rule wins: a product in a region, then the product, a collection in a region, the collection, the region, the sales channel, and last the shop's settings above. Among rules equally specific, the first listed wins. An order follows the most specific rule among its items; its split rule is the strictest of its items' rules."
    >
      {rows.length === 0 ? (
        <Text as="p" tone="subdued">
          No rules: every product ships under the settings above.
        </Text>
      ) : null}
      {rows.map((row, i) => (
        <Box key={row.id} paddingBlockEnd="300" borderBlockEndWidth="025" borderColor="border-secondary">
          <BlockStack gap="300">
            <InlineGrid columns={{ xs: 1, md: 2 }} gap="300">
              <Select
                label="Applies to"
                options={TARGET_OPTIONS}
                value={row.target}
                onChange={(target) => update(i, { target, targetId: "", targetLabel: "" })}
                error={err(i, "target")}
              />
              {row.target === "region" ? null : (
                <TargetPicker row={row} error={err(i, "targetId")} onPick={(targetId, targetLabel) => update(i, { targetId, targetLabel })} />
              )}
            </InlineGrid>
            <InlineGrid columns={{ xs: 1, md: 2 }} gap="300">
              <TextField
                label={row.target === "region" ? "Region name" : "Only in region (optional)"}
                value={row.regionName}
                onChange={(regionName) => update(i, { regionName })}
                error={err(i, "regionName")}
                autoComplete="off"
                placeholder="EU"
              />
              <TextField
                label="Countries"
                value={row.regionCountries}
                onChange={(regionCountries) => update(i, { regionCountries })}
                error={err(i, "regionCountries")}
                autoComplete="off"
                placeholder="FR, DE, BE"
                helpText="Two-letter codes of the destination countries."
              />
            </InlineGrid>
            <Select
              label="Priority"
              options={WEIGHT_OPTIONS}
              value={row.weightsMode === "inherit" ? "inherit" : "set"}
              onChange={(choice) => update(i, { weightsMode: choice === "inherit" ? "inherit" : "speed_first" })}
              error={err(i, "weightsMode")}
            />
            {row.weightsMode !== "inherit" ? (
              <WeightChoiceFields
                mode={row.weightsMode}
                weights={row.weights}
                errors={errors}
                errorPrefix={`scopedOverrides.${i}.`}
                variant="select"
                onChange={(next) => update(i, { weights: next.weights, weightsMode: next.mode })}
              />
            ) : null}
            <InlineGrid columns={{ xs: 1, md: 3 }} gap="300">
              <Select
                label="Split shipments"
                options={SPLIT_OPTIONS}
                value={row.splitMode}
                onChange={(splitMode) => update(i, { splitMode })}
                error={err(i, "splitMode")}
              />
              {row.splitMode === "allow" ? (
                <>
                  <TextField
                    label="From a basket of"
                    prefix={currencyCode}
                    inputMode="decimal"
                    value={row.splitMinBasketValue}
                    onChange={(splitMinBasketValue) => update(i, { splitMinBasketValue })}
                    error={err(i, "splitMinBasketValue")}
                    autoComplete="off"
                  />
                  <TextField
                    label="Max parcels"
                    type="number"
                    min={2}
                    max={10}
                    value={row.splitMaxParcels}
                    onChange={(splitMaxParcels) => update(i, { splitMaxParcels })}
                    error={err(i, "splitMaxParcels")}
                    autoComplete="off"
                  />
                </>
              ) : null}
            </InlineGrid>
            <InlineStack align="end">
              <Button variant="plain" tone="critical" onClick={() => remove(i)} accessibilityLabel={`Remove rule ${i + 1}`}>
                Remove
              </Button>
            </InlineStack>
          </BlockStack>
        </Box>
      ))}
      <InlineStack>
        <Button onClick={() => onChange([...rows, newScopedOverride(newId())])}>Add rule</Button>
      </InlineStack>
    </SectionCard>
  );
}
