/**
 * The exceptions queue: cases the sweep opened (they close themselves when the condition clears)
 * and cases staff opened (damaged, split confusion), filtered by type, supplier and age. Staff
 * assign an owner, note, set aside — and run playbook actions on one case or many: review what
 * will happen (the refund amount is Shopify's), confirm, and the actions run once each.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import { Badge, Banner, BlockStack, Card, EmptyState, IndexTable, InlineStack, Page, Text, TextField, useIndexResourceState } from "@shopify/polaris";
import { useState } from "react";
import { z } from "zod";
import { ActionPanel, ConfirmCard, ReportCase, type ActionFields } from "~/components/exceptions/ActionPanel";
import { Filters } from "~/components/exceptions/Filters";
import { EXCEPTION_RULES, MANUAL_CASE_TYPES, type ExceptionType, type NextStep } from "~/domain/exceptions";
import { caseOrderNames, listCases, updateCases } from "~/models/exceptions.server";
import { listSuppliers } from "~/models/suppliers.server";
import { services } from "~/services.server";
import { caseProgress } from "~/services/playbook/cases.server";
import { playbookIntent } from "~/services/playbook/page.server";
import { authenticate } from "~/shopify.server";

const TYPES: readonly ExceptionType[] = [...new Set<ExceptionType>([...EXCEPTION_RULES.map((r) => r.type), ...MANUAL_CASE_TYPES])];
const AGES: Record<string, number> = { "1d": 86_400_000, "3d": 3 * 86_400_000, "7d": 7 * 86_400_000 };
const words = (s: string) => s.replace(/_/g, " ");

const Filter = z.object({
  type: z
    .enum(TYPES as [ExceptionType, ...ExceptionType[]])
    .optional()
    .catch(undefined),
  supplierId: z.string().min(1).optional().catch(undefined),
  age: z.enum(["1d", "3d", "7d"]).optional().catch(undefined),
  status: z.enum(["active", "open", "dismissed", "closed"]).default("active").catch("active"),
});

function nextLabel(next: NextStep): string {
  if (next.kind === "finished") return "playbook done";
  if (next.kind === "sleeping") return `waiting until ${new Date(next.untilMs).toISOString().slice(0, 10)}, then ${words(next.step.action)}`;
  return `next: ${words(next.step.action)}`;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const filter = Filter.parse(Object.fromEntries(new URL(request.url).searchParams));
  const s = services();
  const now = s.now();
  const [cases, suppliers] = await Promise.all([
    listCases(
      s.db,
      session.shop,
      { status: filter.status, type: filter.type, supplierId: filter.supplierId, olderThanMs: filter.age ? AGES[filter.age] : undefined },
      now,
    ),
    listSuppliers(s.db, session.shop),
  ]);
  const progress = await caseProgress(s, session.shop, cases);
  const names = new Map(suppliers.map((x) => [x.id, x.name]));
  return {
    suppliers: suppliers.map((x) => ({ id: x.id, name: x.name })),
    cases: cases.map((c) => {
      const p = progress.get(c.id);
      const last = p?.history[p.history.length - 1];
      return {
        id: c.id,
        type: c.type,
        order: c.orderName ?? c.orderId ?? "",
        orderId: c.orderId,
        supplier: c.supplierId ? (names.get(c.supplierId) ?? "") : "",
        status: c.status,
        reason: c.closedReason ?? c.openedReason,
        playbook: p?.playbook ?? "",
        next: p ? nextLabel(p.next) : "",
        last: last ? `${words(last.action)} (${last.status}, ${last.actor}): ${last.text}` : "",
        owner: c.owner,
        note: c.resolutionNote,
        ageHours: Math.floor((now.getTime() - c.openedAt.getTime()) / 3_600_000),
      };
    }),
  };
}

const Bulk = z.object({
  ids: z
    .string()
    .transform((s) => s.split(",").filter(Boolean))
    .pipe(z.array(z.string()).min(1, "Select at least one case.")),
  owner: z.string().trim().max(80).optional(),
  note: z.string().trim().max(1000).optional(),
  dismiss: z.enum(["1"]).optional(),
});

export async function action({ request }: ActionFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const form = Object.fromEntries([...(await request.formData()).entries()].map(([k, v]) => [k, String(v)]));
  const s = services();
  if (form.intent === "review" || form.intent === "confirm" || form.intent === "report") {
    const actor = session.onlineAccessInfo?.associated_user.email ?? `staff of ${session.shop}`;
    const names = await caseOrderNames(s.db, session.shop, (form.ids ?? "").split(",").filter(Boolean));
    return playbookIntent(s, session.shop, actor, form, names);
  }
  const parsed = Bulk.safeParse(form);
  if (!parsed.success) return { kind: "message" as const, message: parsed.error.issues[0]?.message ?? "Invalid request.", tone: "critical" as const };
  const { ids, owner, note, dismiss } = parsed.data;
  const count = await updateCases(s.db, session.shop, ids, {
    ...(owner ? { owner } : {}),
    ...(note ? { resolutionNote: note } : {}),
    dismiss: dismiss === "1",
  });
  return { kind: "message" as const, message: `Updated ${count} case(s).`, tone: "success" as const };
}

export default function ExceptionsPage() {
  const { cases, suppliers } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const submit = useSubmit();
  const busy = useNavigation().state !== "idle";
  const { selectedResources, allResourcesSelected, handleSelectionChange, clearSelection } = useIndexResourceState(cases);
  const [owner, setOwner] = useState("");
  const [note, setNote] = useState("");
  const [dismissed, setDismissed] = useState<unknown>(null);
  const post = (fields: ActionFields) => submit(fields, { method: "post" });
  const ids = selectedResources.join(",");
  const bulk = (extra: Record<string, string>) => post({ ids, owner, note, ...extra });
  const preview = result && result.kind === "preview" && dismissed !== result ? result : null;
  return (
    <Page
      fullWidth
      title="Exceptions"
      subtitle="Orders that need a person: late, stuck, lost or damaged"
      secondaryActions={[{ content: "Playbooks", url: "/app/exceptions/playbooks" }]}
    >
      <TitleBar title="Exceptions" />
      <BlockStack gap="400">
        {result && result.kind === "message" ? <Banner tone={result.tone} title={result.message} /> : null}
        {preview ? (
          <ConfirmCard
            items={preview.items}
            busy={busy}
            onCancel={() => setDismissed(preview)}
            onConfirm={() => {
              post({
                ...preview.fields,
                intent: "confirm",
                ids: preview.items
                  .filter((i) => i.ok)
                  .map((i) => i.caseId)
                  .join(","),
              });
              clearSelection();
            }}
          />
        ) : null}
        <ActionPanel selected={selectedResources.length} busy={busy} onReview={(fields) => post({ ...fields, intent: "review", ids })} />
        <Card>
          <BlockStack gap="300">
            <Filters suppliers={suppliers} types={TYPES} />
            <InlineStack gap="300" blockAlign="end">
              <TextField label="Owner" value={owner} onChange={setOwner} autoComplete="off" />
              <TextField label="Resolution note" value={note} onChange={setNote} autoComplete="off" />
            </InlineStack>
          </BlockStack>
        </Card>
        <Card padding="0">
          <IndexTable
            resourceName={{ singular: "case", plural: "cases" }}
            itemCount={cases.length}
            emptyState={
              <EmptyState heading="No exception cases" image="">
                <p>
                  The exception sweep opens a case when a purchase order misses its ship-by, a parcel stops moving, or a carrier reports it lost or damaged.
                  Nothing matches these filters now; clear them to see closed cases.
                </p>
              </EmptyState>
            }
            selectedItemsCount={allResourcesSelected ? "All" : selectedResources.length}
            onSelectionChange={handleSelectionChange}
            promotedBulkActions={[
              { content: "Save owner and note", onAction: () => bulk({}) },
              { content: "Set aside until it clears", onAction: () => bulk({ dismiss: "1" }) },
            ]}
            headings={[
              { title: "Type" },
              { title: "Order" },
              { title: "Supplier" },
              { title: "Why" },
              { title: "Playbook" },
              { title: "Last action" },
              { title: "Owner / note" },
              { title: "Age (h)" },
            ]}
          >
            {cases.map((c, i) => (
              <IndexTable.Row id={c.id} key={c.id} position={i} selected={selectedResources.includes(c.id)}>
                <IndexTable.Cell>
                  <Badge tone={c.status === "open" ? "critical" : c.status === "dismissed" ? "attention" : "success"}>{words(c.type)}</Badge>
                </IndexTable.Cell>
                <IndexTable.Cell>{c.order}</IndexTable.Cell>
                <IndexTable.Cell>{c.supplier}</IndexTable.Cell>
                <IndexTable.Cell>
                  <Text as="span" breakWord>
                    {c.reason}
                  </Text>
                </IndexTable.Cell>
                <IndexTable.Cell>
                  <BlockStack gap="100">
                    <Text as="span" fontWeight="semibold">
                      {c.next}
                    </Text>
                    <Text as="span" tone="subdued" variant="bodySm">
                      {c.playbook}
                    </Text>
                  </BlockStack>
                </IndexTable.Cell>
                <IndexTable.Cell>
                  <Text as="span" breakWord variant="bodySm">
                    {c.last}
                  </Text>
                </IndexTable.Cell>
                <IndexTable.Cell>{[c.owner, c.note].filter(Boolean).join(" — ")}</IndexTable.Cell>
                <IndexTable.Cell>{c.ageHours}</IndexTable.Cell>
              </IndexTable.Row>
            ))}
          </IndexTable>
        </Card>
        <ReportCase busy={busy} onReport={(fields) => post({ ...fields, intent: "report" })} />
      </BlockStack>
    </Page>
  );
}
