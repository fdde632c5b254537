import { BlockStack, Box, Button, FormLayout, InlineGrid, InlineStack, Text, TextField } from "@shopify/polaris";
import { SectionCard } from "~/components/SectionCard";
import type { FormErrors } from "~/models/routing-form";
import type { ChannelSlaValues } from "~/models/routing-scope-form";

interface Props {
  readonly sla: ChannelSlaValues[];
  readonly priorityChannels: string;
  readonly reserveUnits: string;
  readonly errors: FormErrors;
  readonly knownChannels: readonly string[];
  readonly onChange: (next: { channelSla?: ChannelSlaValues[]; priorityChannels?: string; reserveUnits?: string }) => void;
}

/** A channel's SLA (the promise its orders are routed to) and the stock kept for the channels ranked first. */
export function ChannelRules({ sla, priorityChannels, reserveUnits, errors, knownChannels, onChange }: Props) {
  const update = (index: number, change: Partial<ChannelSlaValues>) =>
    onChange({ channelSla: sla.map((row, i) => (i === index ? { ...row, ...change } : row)) });
  const seen = knownChannels.length ? `Channels on your recent orders: ${knownChannels.join(", ")}.` : "For example web, pos or a marketplace's handle.";
  return (
    <BlockStack gap="400">
      <SectionCard
        title="Channel SLAs"
        description="A marketplace that requires delivery within a number of business days: its orders are promised that many days, whatever the shipping method, and suppliers that cannot make it are not used."
      >
        {sla.length === 0 ? (
          <Text as="p" tone="subdued">
            No SLAs: every order is promised the standard or expedited days above.
          </Text>
        ) : null}
        {sla.map((row, i) => (
          <Box key={i} paddingBlockEnd="200">
            <InlineGrid columns={{ xs: 1, md: ["twoThirds", "oneThird"] }} gap="300" alignItems="end">
              <FormLayout.Group>
                <TextField
                  label="Channel"
                  value={row.channel}
                  onChange={(channel) => update(i, { channel })}
                  error={errors[`channelSla.${i}.channel`]}
                  autoComplete="off"
                  helpText={seen}
                />
                <TextField
                  label="SLA"
                  type="number"
                  min={1}
                  suffix="business days"
                  value={row.days}
                  onChange={(days) => update(i, { days })}
                  error={errors[`channelSla.${i}.days`]}
                  autoComplete="off"
                />
              </FormLayout.Group>
              <InlineStack align="end">
                <Button variant="plain" tone="critical" onClick={() => onChange({ channelSla: sla.filter((_, k) => k !== i) })}>
                  Remove
                </Button>
              </InlineStack>
            </InlineGrid>
          </Box>
        ))}
        <InlineStack>
          <Button onClick={() => onChange({ channelSla: [...sla, { channel: "", days: "2" }] })}>Add SLA</Button>
        </InlineStack>
      </SectionCard>
      <SectionCard
        title="Channel priority"
        description="Shopify publishes one stock figure to every sales channel. Keep the last units of each SKU for the channels you rank first: an order from any other channel that would take them is held with the reason."
      >
        <FormLayout>
          <TextField
            label="Priority channels, highest first"
            value={priorityChannels}
            onChange={(value) => onChange({ priorityChannels: value })}
            error={errors.priorityChannels}
            autoComplete="off"
            placeholder="web, pos"
            helpText={seen}
          />
          <TextField
            label="Units kept for them"
            type="number"
            min={0}
            suffix="units per SKU"
            value={reserveUnits}
            onChange={(value) => onChange({ reserveUnits: value })}
            error={errors.reserveUnits}
            autoComplete="off"
            helpText="Counted across all your suppliers' buffered stock of the SKU. 0 keeps nothing back."
          />
        </FormLayout>
      </SectionCard>
    </BlockStack>
  );
}
