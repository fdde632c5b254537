import { BlockStack, Box, Card, Checkbox, FormLayout, Layout, Text, TextField } from "@shopify/polaris";
import type { ReactNode } from "react";
import type { FormErrors, RoutingFormValues } from "~/models/routing-form";
import { ChannelOverrides } from "./ChannelOverrides";
import { ChannelRules } from "./ChannelRules";
import { ScopedOverrides } from "./ScopedOverrides";
import { WeightChoiceFields } from "./WeightChoiceFields";

type TextKey = { [K in keyof RoutingFormValues]: RoutingFormValues[K] extends string ? K : never }[keyof RoutingFormValues];
type CheckKey = { [K in keyof RoutingFormValues]: RoutingFormValues[K] extends boolean ? K : never }[keyof RoutingFormValues];

interface Props {
  readonly values: RoutingFormValues;
  readonly errors: FormErrors;
  readonly knownChannels: readonly string[];
  /** The shop's currency, shown beside money fields. */
  readonly currencyCode: string;
  readonly onChange: (values: RoutingFormValues) => void;
}

function Section({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  return (
    <Layout.AnnotatedSection title={title} description={description}>
      <Card>
        <FormLayout>{children}</FormLayout>
      </Card>
    </Layout.AnnotatedSection>
  );
}

/** The routing policy's fields, grouped the way a merchant thinks about them. State lives in the route. */
export function PolicyForm({ values, errors, knownChannels, currencyCode, onChange }: Props) {
  const text = (key: TextKey) => ({
    value: values[key],
    onChange: (value: string) => onChange({ ...values, [key]: value }),
    error: errors[key],
    autoComplete: "off",
  });
  const check = (key: CheckKey) => ({
    checked: values[key],
    onChange: (checked: boolean) => onChange({ ...values, [key]: checked }),
    error: errors[key],
  });

  return (
    <Layout>
      <Section
        title="Priority"
        description="What Dropline weighs when more than one supplier can ship an item. Hard rules (stock, coverage, promise) always come first."
      >
        <WeightChoiceFields
          mode={values.mode}
          weights={values.weights}
          errors={errors}
          errorPrefix=""
          variant="list"
          onChange={(next) => onChange({ ...values, ...next })}
        />
      </Section>
      <Layout.AnnotatedSection
        title="Sales channels"
        description="Give a channel its own priority, e.g. speed first for a marketplace with a strict delivery SLA."
      >
        <ChannelOverrides
          rows={values.channelOverrides}
          errors={errors}
          knownChannels={knownChannels}
          onChange={(channelOverrides) => onChange({ ...values, channelOverrides })}
        />
      </Layout.AnnotatedSection>
      <Layout.AnnotatedSection
        title="Products and regions"
        description="A fragile product that never splits, a region where cost matters more: rules for some orders only."
      >
        <ScopedOverrides
          rows={values.scopedOverrides}
          errors={errors}
          currencyCode={currencyCode}
          onChange={(scopedOverrides) => onChange({ ...values, scopedOverrides })}
        />
      </Layout.AnnotatedSection>
      <Layout.AnnotatedSection title="Channel SLAs and priority" description="Marketplace promises, and stock kept for the channels that matter most.">
        <ChannelRules
          sla={values.channelSla}
          priorityChannels={values.priorityChannels}
          reserveUnits={values.reserveUnits}
          errors={errors}
          knownChannels={knownChannels}
          onChange={(next) => onChange({ ...values, ...next })}
        />
      </Layout.AnnotatedSection>
      <Section title="Stock trust" description="How much Dropline believes a supplier's stock figure as it gets older.">
        <FormLayout.Group>
          <TextField
            label="Max stock age"
            type="number"
            min={0}
            suffix="hours"
            {...text("maxStockAgeHours")}
            helpText="Stock reported longer ago than this is not trusted at all."
          />
          <TextField
            label="Staleness half-life"
            type="number"
            min={0}
            suffix="hours"
            {...text("stalenessHalfLifeHours")}
            helpText="Confidence halves every this many hours past the supplier's usual update interval."
          />
        </FormLayout.Group>
        <TextField
          label="Minimum buffer"
          type="number"
          min={0}
          suffix="units"
          {...text("minBuffer")}
          helpText="Units held back from a supplier's reported stock when no buffered quantity is known."
        />
      </Section>
      <Section
        title="Delivery promise"
        description="The latest delivery, in business days, each service level promises. Suppliers that cannot meet it are not used."
      >
        <FormLayout.Group>
          <TextField label="Standard" type="number" min={0} suffix="business days" {...text("standardDays")} />
          <TextField
            label="Expedited"
            type="number"
            min={0}
            suffix="business days"
            {...text("expeditedDays")}
            helpText="Orders whose shipping method reads express, priority, overnight or next day."
          />
        </FormLayout.Group>
      </Section>
      <Section title="Split shipments" description="Whether an order may ship from more than one supplier, in more than one parcel.">
        <Checkbox label="Allow splitting orders" helpText="Off: an order that no single supplier can fill is held for you." {...check("splitAllowed")} />
        <Box paddingInlineStart="600">
          <BlockStack gap="300">
            <Text as="p" tone="subdued">
              {values.splitAllowed ? "An order may be split when any of these holds:" : "These apply once splitting is allowed."}
            </Text>
            <TextField
              label="Minimum basket value"
              prefix={currencyCode}
              inputMode="decimal"
              {...text("splitMinBasketValue")}
              helpText="Orders worth at least this may be split."
            />
            <Checkbox label="Also split expedited orders below the minimum" {...check("splitAllowForExpedited")} />
            <Checkbox
              label="Also split when it is the only way to ship every item"
              helpText="Rather than hold the order because no single supplier has everything."
              {...check("splitAllowToAvoidCancel")}
            />
            <TextField label="Max parcels" type="number" min={1} max={10} {...text("splitMaxParcels")} />
          </BlockStack>
        </Box>
      </Section>
      <Section title="Stop-loss" description="Dropline never cancels an order: items nobody can take are held with a reason for you to decide.">
        <TextField
          label="Minimum score"
          inputMode="decimal"
          placeholder="No minimum"
          {...text("minScore")}
          helpText="Between 0 and 1. Suppliers that pass every check but score below this are not used; the item is held instead."
        />
        <Text as="p" tone="subdued">
          A score is the weighted sum of speed, landed cost, stock confidence and reliability, each from 0 to 1.
        </Text>
      </Section>
    </Layout>
  );
}
