import { Form } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, ChoiceList, FormLayout, InlineStack, Layout, Select, Text, TextField } from "@shopify/polaris";
import { useState, type FormEvent, type ReactNode } from "react";
import {
  parseSupplierForm,
  SERVICE_TIER_LABELS,
  SERVICE_TIERS,
  tierHandlingWarning,
  WEEKDAYS,
  WORKING_DAYS_SHOWN,
  type FormErrors,
  type SupplierFormValues,
} from "~/models/supplier-form";
import { CoverageRows } from "./CoverageRows";

interface Props {
  readonly initial: SupplierFormValues;
  /** Errors the server found (Shopify refusals included). */
  readonly serverErrors: FormErrors | null;
  readonly timeZones: readonly string[];
  readonly submitting: boolean;
  readonly submitLabel: string;
}

const TIER_OPTIONS = SERVICE_TIERS.map((t) => ({ label: SERVICE_TIER_LABELS[t], value: t }));
const WEEKDAY_CHOICES = WEEKDAYS.map((d) => ({ label: d.label, value: d.value }));

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Layout.Section>
      <Card>
        <BlockStack gap="400">
          <Text as="h2" variant="headingMd">
            {title}
          </Text>
          <FormLayout>{children}</FormLayout>
        </BlockStack>
      </Card>
    </Layout.Section>
  );
}

/**
 * The supplier form. It validates with the same schema as the action before posting, so most
 * mistakes show at once; the action checks again and adds what only the server knows.
 */
export function SupplierForm({ initial, serverErrors, timeZones, submitting, submitLabel }: Props) {
  const [values, setValues] = useState<SupplierFormValues>(initial);
  const [clientErrors, setClientErrors] = useState<FormErrors | null>(null);
  const errors: FormErrors = clientErrors ?? serverErrors ?? {};
  const tierWarning = tierHandlingWarning(values);
  const set = (field: Exclude<keyof SupplierFormValues, "coverage" | "workingDays">) => (value: string) => setValues((v) => ({ ...v, [field]: value }));
  const zoneOptions = (timeZones.includes(values.timeZone) ? timeZones : [values.timeZone, ...timeZones]).map((z) => ({ label: z, value: z }));

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const result = parseSupplierForm(values);
    setClientErrors(result.ok ? null : result.failure.fieldErrors);
    if (!result.ok) event.preventDefault();
  };

  return (
    <Form method="post" onSubmit={onSubmit} noValidate>
      <input type="hidden" name="intent" value="save" />
      <Layout>
        {errors[""] ? (
          <Layout.Section>
            <Banner tone="critical" title="The supplier was not saved">
              <p>{errors[""]}</p>
            </Banner>
          </Layout.Section>
        ) : null}
        <Section title="Contact">
          <TextField
            label="Name"
            name="name"
            value={values.name}
            onChange={set("name")}
            error={errors.name}
            autoComplete="off"
            helpText="Also the name of the supplier's fulfillment service and location in Shopify."
          />
          <TextField
            label="Order email"
            name="contactEmail"
            type="email"
            value={values.contactEmail}
            onChange={set("contactEmail")}
            error={errors.contactEmail}
            autoComplete="email"
          />
        </Section>
        <Section title="Calendar">
          <FormLayout.Group>
            <Select label="Time zone" name="timeZone" options={zoneOptions} value={values.timeZone} onChange={set("timeZone")} error={errors.timeZone} />
            <TextField
              label="Order cut-off"
              name="cutoff"
              type="time"
              value={values.cutoff}
              onChange={set("cutoff")}
              error={errors.cutoff}
              autoComplete="off"
              helpText="Orders at or after this local time count from the next business day."
            />
          </FormLayout.Group>
          <ChoiceList
            title="Ships on"
            allowMultiple
            choices={WEEKDAY_CHOICES}
            selected={values.workingDays}
            onChange={(workingDays) => setValues((v) => ({ ...v, workingDays }))}
            error={errors.workingDays}
          />
          <input type="hidden" name={WORKING_DAYS_SHOWN} value="1" />
          {values.workingDays.map((day) => (
            <input key={day} type="hidden" name="workingDays" value={day} />
          ))}
          <Text as="p" tone="subdued">
            Handling days, the delivery promise and the escalation ladder&apos;s timers count only these days.
          </Text>
          <TextField
            label="Holidays"
            name="holidays"
            multiline={3}
            value={values.holidays}
            onChange={set("holidays")}
            error={errors.holidays}
            autoComplete="off"
            helpText="Dates the supplier does not ship, one per line (YYYY-MM-DD)."
          />
        </Section>
        <Section title="Service tier">
          <FormLayout.Group>
            <Select
              label="Tier"
              name="serviceTier"
              options={TIER_OPTIONS}
              value={values.serviceTier}
              onChange={set("serviceTier")}
              error={errors.serviceTier}
            />
            <TextField
              label="Handling min (business days)"
              name="handlingMinDays"
              type="number"
              min={0}
              value={values.handlingMinDays}
              onChange={set("handlingMinDays")}
              error={errors.handlingMinDays}
              autoComplete="off"
            />
            <TextField
              label="Handling max (business days)"
              name="handlingMaxDays"
              type="number"
              min={0}
              value={values.handlingMaxDays}
              onChange={set("handlingMaxDays")}
              error={errors.handlingMaxDays}
              autoComplete="off"
            />
          </FormLayout.Group>
          {tierWarning ? (
            <Banner tone="warning" title="The tier and the handling days disagree">
              <p>{tierWarning}</p>
            </Banner>
          ) : null}
        </Section>
        <Layout.Section>
          <CoverageRows rows={values.coverage} errors={errors} onChange={(coverage) => setValues((v) => ({ ...v, coverage }))} />
        </Layout.Section>
        <Section title="Costs and stock updates">
          <FormLayout.Group>
            <TextField
              label="Dropship fee per parcel"
              name="dropshipFee"
              value={values.dropshipFee}
              inputMode="decimal"
              onChange={set("dropshipFee")}
              error={errors.dropshipFee}
              autoComplete="off"
            />
            <TextField
              label="Stock updates expected every (minutes)"
              name="feedCadenceMinutes"
              type="number"
              min={5}
              value={values.feedCadenceMinutes}
              onChange={set("feedCadenceMinutes")}
              error={errors.feedCadenceMinutes}
              autoComplete="off"
              helpText="Stock older than this is treated as stale when routing."
            />
          </FormLayout.Group>
        </Section>
        <Layout.Section>
          <InlineStack align="end">
            <Button submit variant="primary" loading={submitting}>
              {submitLabel}
            </Button>
          </InlineStack>
        </Layout.Section>
      </Layout>
    </Form>
  );
}
