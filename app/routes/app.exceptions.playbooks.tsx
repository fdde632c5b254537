/**
 * Playbooks per case type: what support does, in order — wait so many days, then remind,
 * re-route, reship, refund, cancel or notify. The exceptions page suggests each case's next step
 * from these; a type without a saved playbook uses Dropline's default.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import { Banner, BlockStack, Layout, Page } from "@shopify/polaris";
import { z } from "zod";
import { PlaybookEditor, type StepRow } from "~/components/exceptions/PlaybookEditor";
import { EXCEPTION_RULES, MANUAL_CASE_TYPES, PlaybookSchema, type ExceptionType } from "~/domain/exceptions";
import { resetPlaybook, savePlaybook, shopPlaybooks } from "~/models/case-actions.server";
import { services } from "~/services.server";
import { authenticate } from "~/shopify.server";

const TYPES: readonly ExceptionType[] = [...new Set<ExceptionType>([...EXCEPTION_RULES.map((r) => r.type), ...MANUAL_CASE_TYPES])];
const title = (t: string) => t.charAt(0).toUpperCase() + t.slice(1).replace(/_/g, " ");

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const playbooks = await shopPlaybooks(services().db, session.shop);
  return {
    types: TYPES.map((type) => {
      const { playbook, custom } = playbooks(type);
      return { type, title: title(type), custom, steps: playbook.map((s) => ({ ...s })) as StepRow[] };
    }),
  };
}

const Form = z.object({
  intent: z.enum(["save", "reset"]),
  type: z.enum(TYPES as [ExceptionType, ...ExceptionType[]]),
  steps: z.string().optional(),
});

export async function action({ request }: ActionFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const form = Form.safeParse(Object.fromEntries(await request.formData()));
  if (!form.success) return { type: null, ok: false, message: "Choose a case type." };
  const { intent, type } = form.data;
  const db = services().db;
  if (intent === "reset") {
    await resetPlaybook(db, session.shop, type);
    return { type, ok: true, message: `${title(type)} uses the default playbook again.` };
  }
  let steps: unknown;
  try {
    steps = JSON.parse(form.data.steps ?? "[]");
  } catch {
    steps = null;
  }
  const parsed = PlaybookSchema.safeParse(steps);
  if (!parsed.success) return { type, ok: false, message: parsed.error.issues[0]?.message ?? "That playbook is not valid." };
  await savePlaybook(db, session.shop, type, parsed.data, session.onlineAccessInfo?.associated_user.email ?? `staff of ${session.shop}`);
  return { type, ok: true, message: `${title(type)} playbook saved.` };
}

export default function PlaybooksPage() {
  const { types } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const submit = useSubmit();
  const busy = useNavigation().state !== "idle";
  return (
    <Page
      title="Playbooks"
      subtitle="What support does for each kind of exception, step by step"
      backAction={{ content: "Exceptions", url: "/app/exceptions" }}
    >
      <TitleBar title="Playbooks" />
      <BlockStack gap="400">
        {result?.ok ? <Banner tone="success" title={result.message} /> : null}
        <Layout>
          {types.map((t) => (
            <Layout.Section key={`${t.type}-${t.custom}-${JSON.stringify(t.steps)}`} variant="oneHalf">
              <PlaybookEditor
                type={t.type}
                title={t.title}
                steps={t.steps}
                custom={t.custom}
                busy={busy}
                error={result && !result.ok && result.type === t.type ? result.message : undefined}
                onSave={(steps) => submit({ intent: "save", type: t.type, steps: JSON.stringify(steps) }, { method: "post" })}
                onReset={() => submit({ intent: "reset", type: t.type }, { method: "post" })}
              />
            </Layout.Section>
          ))}
        </Layout>
      </BlockStack>
    </Page>
  );
}
