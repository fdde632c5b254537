/**
 * The routing policy editor. Save validates with the form schema and stores the policy; "Preview on
 * recent orders" posts the unsaved edits and replays the last 50 decisions' stored requests under
 * the saved and the edited policy, saving nothing.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useFetcher, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import { Badge, Banner, BlockStack, Page, PageActions, Text } from "@shopify/polaris";
import { useEffect, useMemo, useState } from "react";
import { z } from "zod";
import { PolicyForm } from "~/components/routing/PolicyForm";
import { PolicyPreview } from "~/components/routing/PolicyPreview";
import type { ScopeSearchResult } from "~/components/routing/ScopedOverrides";
import { previewView, type PreviewView } from "~/components/routing/preview-view";
import prisma from "~/db.server";
import { parseRoutingForm, policyToFormValues, routingFormFields, routingFormValues, type FormErrors, type RoutingFormValues } from "~/models/routing-form";
import { loadRoutingPolicy, recentDecisions } from "~/models/routing.server";
import { updateRoutingPolicy } from "~/services/routing/policy.server";
import { authenticate } from "~/shopify.server";
import { services } from "~/services.server";
import { searchPolicyScopes } from "~/shopify/product-scopes";

/** How many recent decisions a preview replays. */
const PREVIEW_DECISIONS = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const [policy, channels, latestOrder] = await Promise.all([
    loadRoutingPolicy(prisma, session.shop),
    prisma.order.findMany({ where: { shop: session.shop }, distinct: ["channel"], select: { channel: true }, orderBy: { placedAt: "desc" }, take: 20 }),
    prisma.order.findFirst({ where: { shop: session.shop }, orderBy: { placedAt: "desc" }, select: { currencyCode: true } }),
  ]);
  return {
    values: policyToFormValues(policy),
    timeZone: policy.timeZone,
    knownChannels: channels.map((c) => c.channel),
    currencyCode: latestOrder?.currencyCode ?? "USD",
  };
}

export interface RoutingActionResult {
  readonly intent: "save" | "preview" | "search" | null;
  readonly errors: FormErrors | null;
  readonly saved: boolean;
  readonly preview: PreviewView | null;
  /** Products and collections matching a rule's search (intent "search"). */
  readonly search?: ScopeSearchResult;
}

const Intent = z.enum(["save", "preview", "search"]);

export async function action({ request }: ActionFunctionArgs): Promise<RoutingActionResult> {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  const intent = Intent.safeParse(form.get("intent"));
  if (!intent.success) return { intent: null, errors: { "": "Unknown action." }, saved: false, preview: null };
  if (intent.data === "search") {
    const query = form.get("query");
    try {
      const found = await searchPolicyScopes(await services().adminFor(session.shop), typeof query === "string" ? query.slice(0, 100) : "");
      return { intent: "search", errors: null, saved: false, preview: null, search: found };
    } catch (error) {
      const message = `Shopify could not be searched just now (${error instanceof Error ? error.message : String(error)}). Try again.`;
      return { intent: "search", errors: null, saved: false, preview: null, search: { products: [], collections: [], error: message } };
    }
  }
  const saved = await loadRoutingPolicy(prisma, session.shop);
  const parsed = parseRoutingForm(routingFormValues(form), saved);
  if (!parsed.ok) return { intent: intent.data, errors: parsed.failure.fieldErrors, saved: false, preview: null };
  if (intent.data === "save") {
    await updateRoutingPolicy(prisma, session.shop, parsed.value);
    return { intent: "save", errors: null, saved: true, preview: null };
  }
  const decisions = await recentDecisions(prisma, session.shop, PREVIEW_DECISIONS);
  return { intent: "preview", errors: null, saved: false, preview: previewView(decisions, saved, parsed.value) };
}

export default function RoutingPolicyPage() {
  const { values: stored, timeZone, knownChannels, currencyCode } = useLoaderData<typeof loader>();
  const saveResult = useActionData<typeof action>();
  const previewFetcher = useFetcher<typeof action>();
  const submit = useSubmit();
  const navigation = useNavigation();
  const [values, setValues] = useState<RoutingFormValues>(stored);
  const [clientErrors, setClientErrors] = useState<FormErrors | null>(null);
  const [serverErrors, setServerErrors] = useState<FormErrors | null>(null);
  const [showSaved, setShowSaved] = useState(false);
  // The values a preview was asked for; null hides it (none yet, or the baseline changed by a save).
  const [previewedFor, setPreviewedFor] = useState<string | null>(null);
  const storedKey = useMemo(() => JSON.stringify(stored), [stored]);
  const dirty = JSON.stringify(values) !== storedKey;

  // After a save the loader returns the policy as stored (custom weights normalised): show that.
  // Keyed on content, so the revalidation after a preview does not wipe unsaved edits.
  useEffect(() => {
    setValues(JSON.parse(storedKey) as RoutingFormValues);
  }, [storedKey]);

  useEffect(() => {
    setServerErrors(saveResult?.errors ?? null);
    setShowSaved(saveResult?.saved ?? false);
    if (saveResult?.saved) setPreviewedFor(null);
  }, [saveResult]);
  useEffect(() => {
    if (previewFetcher.data) setServerErrors(previewFetcher.data.errors);
  }, [previewFetcher.data]);

  /** Checks with the same schema as the action; posts only when the form is valid. */
  const send = (intent: "save" | "preview") => {
    const result = parseRoutingForm(values);
    setClientErrors(result.ok ? null : result.failure.fieldErrors);
    if (!result.ok) return;
    const fields = { ...routingFormFields(values), intent };
    if (intent === "save") {
      submit(fields, { method: "post" });
    } else {
      setPreviewedFor(JSON.stringify(values));
      previewFetcher.submit(fields, { method: "post" });
    }
  };

  const errors = clientErrors ?? serverErrors ?? {};
  const errorCount = Object.keys(errors).filter((k) => k !== "").length;
  const saving = navigation.state !== "idle" && navigation.formData?.get("intent") === "save";
  const previewing = previewFetcher.state !== "idle";
  const preview = previewedFor !== null ? (previewFetcher.data?.preview ?? null) : null;
  const previewIsStale = previewedFor !== null && previewedFor !== JSON.stringify(values);

  return (
    <Page
      title="Routing policy"
      subtitle="How Dropline chooses a supplier for each order"
      titleMetadata={dirty ? <Badge tone="attention">Unsaved changes</Badge> : undefined}
      primaryAction={{ content: "Save", onAction: () => send("save"), loading: saving, disabled: !dirty }}
      secondaryActions={[{ content: "Preview on recent orders", onAction: () => send("preview"), loading: previewing }]}
    >
      <TitleBar title="Routing policy" />
      <BlockStack gap="500">
        {errors[""] ? (
          <Banner tone="critical" title="The policy was not saved">
            <p>{errors[""]}</p>
          </Banner>
        ) : null}
        {errorCount > 0 ? (
          <Banner tone="critical" title={`${errorCount} field${errorCount === 1 ? " needs" : "s need"} attention`}>
            <p>Nothing was saved or previewed. The fields are marked below.</p>
          </Banner>
        ) : null}
        {showSaved && !dirty ? (
          <Banner tone="success" onDismiss={() => setShowSaved(false)}>
            <p>Policy saved. New orders are routed with it; orders already routed keep their decision until you re-route them.</p>
          </Banner>
        ) : null}
        {preview ? (
          <BlockStack gap="200">
            {previewIsStale ? (
              <Banner tone="info">
                <p>You have changed the policy since this preview. Preview again to see the effect of your latest edits.</p>
              </Banner>
            ) : null}
            <PolicyPreview preview={preview} />
          </BlockStack>
        ) : null}
        <PolicyForm values={values} errors={errors} knownChannels={knownChannels} currencyCode={currencyCode} onChange={setValues} />
        <Text as="p" tone="subdued">
          Business days are counted in the {timeZone} time zone.
        </Text>
        <PageActions
          primaryAction={{ content: "Save", onAction: () => send("save"), loading: saving, disabled: !dirty }}
          secondaryActions={[{ content: "Preview on recent orders", onAction: () => send("preview"), loading: previewing }]}
        />
      </BlockStack>
    </Page>
  );
}
