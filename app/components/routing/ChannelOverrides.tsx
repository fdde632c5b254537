import { SectionCard } from "~/components/SectionCard";
import { BlockStack, Box, Button, InlineGrid, InlineStack, Text, TextField } from "@shopify/polaris";
import { newChannelOverride, type ChannelOverrideValues, type FormErrors } from "~/models/routing-form";
import { WeightChoiceFields } from "./WeightChoiceFields";

interface Props {
  readonly rows: ChannelOverrideValues[];
  readonly errors: FormErrors;
  /** Channel handles seen on recent orders, offered as examples. */
  readonly knownChannels: readonly string[];
  readonly onChange: (rows: ChannelOverrideValues[]) => void;
}

/** Per-channel weights: a marketplace with a strict SLA can put speed first while the store keeps margin first. */
export function ChannelOverrides({ rows, errors, knownChannels, onChange }: Props) {
  const update = (index: number, change: Partial<ChannelOverrideValues>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  const remove = (index: number) => onChange(rows.filter((_, i) => i !== index));
  const add = () => onChange([...rows, newChannelOverride()]);
  const seen = knownChannels.length ? `Channels on your recent orders: ${knownChannels.join(", ")}.` : "For example web, pos or a marketplace's handle.";

  return (
    <SectionCard title="Channel overrides" description="Orders from these sales channels use their own priority instead of the one above.">
      {rows.length === 0 ? (
        <Text as="p" tone="subdued">
          No overrides: every channel uses the priority above.
        </Text>
      ) : null}
      {rows.map((row, i) => (
        <Box key={i} paddingBlockEnd="300" borderBlockEndWidth="025" borderColor="border-secondary">
          <InlineGrid columns={{ xs: 1, md: ["twoThirds", "oneThird"] }} gap="300" alignItems="start">
            <BlockStack gap="300">
              <TextField
                label="Channel"
                value={row.channel}
                onChange={(channel) => update(i, { channel })}
                error={errors[`channelOverrides.${i}.channel`]}
                autoComplete="off"
                helpText={seen}
              />
              <WeightChoiceFields
                mode={row.mode}
                weights={row.weights}
                errors={errors}
                errorPrefix={`channelOverrides.${i}.`}
                variant="select"
                onChange={(next) => update(i, next)}
              />
            </BlockStack>
            <InlineStack align="end">
              <Button variant="plain" tone="critical" onClick={() => remove(i)} accessibilityLabel={`Remove the override for ${row.channel || `row ${i + 1}`}`}>
                Remove
              </Button>
            </InlineStack>
          </InlineGrid>
        </Box>
      ))}
      <InlineStack>
        <Button onClick={add}>Add channel override</Button>
      </InlineStack>
    </SectionCard>
  );
}
