/**
 * Escalation and exception settings, per shop: how many of the supplier's business hours the
 * ladder waits before reminding, opening a staff task and re-routing (per service tier, for the
 * first acknowledgement and for a stockout after acceptance), and when tracking exceptions open.
 * One zod schema (app/domain/escalation/settings.ts) checks the form here and on the server.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import { Banner, BlockStack, Button, Card, FormLayout, InlineGrid, Layout, Page, Text, TextField } from "@shopify/polaris";
import { useState, type FormEvent } from "react";
import prisma from "~/db.server";
import { fieldErrors, OperationsSettingsSchema, SERVICE_TIERS, settingsFromForm, tierLabel, type OperationsSettings } from "~/domain/escalation";
import { loadOperationsSettings, saveSettingsFromForm } from "~/services/settings/operations.server";
import { authenticate } from "~/shopify.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  return { settings: await loadOperationsSettings(prisma, session.shop) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const result = await saveSettingsFromForm(prisma, session.shop, Object.fromEntries(await request.formData()));
  const noErrors: Record<string, string> = {};
  return result.ok
    ? { saved: true as const, message: "", fieldErrors: noErrors }
    : { saved: false as const, message: result.failure.message, fieldErrors: result.failure.fieldErrors };
}

type Values = Record<string, string>;

const RUNGS = [
  ["remindAfterHours", "Remind the supplier after"],
  ["staffTaskAfterHours", "Open a staff task after"],
  ["rerouteAfterHours", "Re-route after"],
] as const;

const THRESHOLDS = [
  ["labelWithoutPickupBusinessDays", "No pickup scan after a label, in business days", "A label was printed and the carrier has not scanned the parcel."],
  ["noMovementDays", "No movement after, in days", "The parcel is with the carrier and no scan has come since."],
  ["noTrackingGraceHours", "Grace after the committed ship date, in hours", "How long after the date the supplier committed to before “no tracking” opens."],
  ["pastPromiseGraceDays", "Grace after the promised delivery date, in days", "1 opens the case the morning after the latest promised date."],
  [
    "splitConfusionDays",
    "Split order: other part without tracking after, in days",
    "One part of a split order was delivered and another accepted part has no tracking yet.",
  ],
] as const;

function flatten(settings: OperationsSettings): Values {
  const values: Values = {};
  for (const phase of ["acknowledgement", "stockout"] as const)
    for (const tier of SERVICE_TIERS) for (const [rung] of RUNGS) values[`${phase}.${tier}.${rung}`] = String(settings[phase][tier][rung]);
  for (const [key] of THRESHOLDS) values[`exceptions.${key}`] = String(settings.exceptions[key]);
  return values;
}

function LadderCard({
  phase,
  title,
  help,
  values,
  errors,
  set,
}: {
  phase: "acknowledgement" | "stockout";
  title: string;
  help: string;
  values: Values;
  errors: Values;
  set: (name: string, v: string) => void;
}) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {title}
        </Text>
        <Text as="p" tone="subdued">
          {help}
        </Text>
        {SERVICE_TIERS.map((tier) => (
          <BlockStack key={tier} gap="100">
            <Text as="h3" variant="headingSm">
              {tierLabel(tier)}
            </Text>
            <InlineGrid columns={3} gap="200">
              {RUNGS.map(([rung, label]) => {
                const name = `${phase}.${tier}.${rung}`;
                return (
                  <TextField
                    key={name}
                    label={label}
                    name={name}
                    type="number"
                    suffix="business hours"
                    autoComplete="off"
                    value={values[name] ?? ""}
                    onChange={(v) => set(name, v)}
                    error={errors[name]}
                  />
                );
              })}
            </InlineGrid>
          </BlockStack>
        ))}
      </BlockStack>
    </Card>
  );
}

export default function EscalationSettingsPage() {
  const { settings } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const submit = useSubmit();
  const [values, setValues] = useState<Values>(() => flatten(settings));
  const [clientErrors, setClientErrors] = useState<Values>({});
  const errors: Values = { ...(answer?.fieldErrors ?? {}), ...clientErrors };
  const set = (name: string, v: string) => setValues((old) => ({ ...old, [name]: v }));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = OperationsSettingsSchema.safeParse(settingsFromForm(values));
    setClientErrors(parsed.success ? {} : fieldErrors(parsed.error));
    if (parsed.success) submit(values, { method: "post" });
  }

  return (
    <Page title="Escalation and exceptions">
      <TitleBar title="Escalation and exceptions" />
      <Form method="post" onSubmit={onSubmit}>
        <Layout>
          <Layout.Section>
            <BlockStack gap="400">
              {answer?.saved ? <Banner tone="success" title="Settings saved. New purchase orders and the next exception sweep use them." /> : null}
              {answer && !answer.saved ? <Banner tone="critical" title={answer.message} /> : null}
              {Object.keys(clientErrors).length > 0 ? <Banner tone="critical" title="Some settings need fixing; nothing was saved." /> : null}
              <LadderCard
                phase="acknowledgement"
                title="Waiting for the supplier to acknowledge"
                help="Counted in the supplier's business hours from when the purchase order is sent. A held purchase order does not count down."
                values={values}
                errors={errors}
                set={set}
              />
              <LadderCard
                phase="stockout"
                title="A stockout after the supplier accepted"
                help="Counted from the supplier's stockout report; the order is already at risk, so these usually run shorter."
                values={values}
                errors={errors}
                set={set}
              />
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    Tracking exceptions
                  </Text>
                  <FormLayout>
                    {THRESHOLDS.map(([key, label, help]) => {
                      const name = `exceptions.${key}`;
                      return (
                        <TextField
                          key={name}
                          label={label}
                          helpText={help}
                          name={name}
                          type="number"
                          autoComplete="off"
                          value={values[name] ?? ""}
                          onChange={(v) => set(name, v)}
                          error={errors[name]}
                        />
                      );
                    })}
                  </FormLayout>
                </BlockStack>
              </Card>
              <Button submit variant="primary" loading={navigation.state === "submitting"}>
                Save
              </Button>
            </BlockStack>
          </Layout.Section>
        </Layout>
      </Form>
    </Page>
  );
}
