/**
 * The exceptions queue: cases the sweep opened (they close themselves when the condition clears),
 * filtered by type, supplier and age; staff assign an owner, pick the playbook action, note the
 * resolution or set cases aside, in bulk.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams, useSubmit } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import { Badge, Banner, BlockStack, Card, IndexTable, InlineStack, Page, Select, Text, TextField, useIndexResourceState } from "@shopify/polaris";
import { useState } from "react";
import { z } from "zod";
import prisma from "~/db.server";
import { EXCEPTION_RULES, type ExceptionType, type PlaybookAction } from "~/domain/exceptions";
import { listCases, updateCases } from "~/models/exceptions.server";
import { listSuppliers } from "~/models/suppliers.server";
import { authenticate } from "~/shopify.server";

const TYPES = EXCEPTION_RULES.map((r) => r.type);
const ACTIONS: readonly PlaybookAction[] = ["wait", "remind_supplier", "reroute", "reship", "refund", "notify_customer"];
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

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const filter = Filter.parse(Object.fromEntries(new URL(request.url).searchParams));
  const now = new Date();
  const [cases, suppliers] = await Promise.all([
    listCases(
      prisma,
      session.shop,
      { status: filter.status, type: filter.type, supplierId: filter.supplierId, olderThanMs: filter.age ? AGES[filter.age] : undefined },
      now,
    ),
    listSuppliers(prisma, session.shop),
  ]);
  const names = new Map(suppliers.map((s) => [s.id, s.name]));
  return {
    suppliers: suppliers.map((s) => ({ id: s.id, name: s.name })),
    cases: cases.map((c) => ({
      id: c.id,
      type: c.type,
      order: c.orderName ?? c.orderId ?? "",
      supplier: c.supplierId ? (names.get(c.supplierId) ?? "") : "",
      status: c.status,
      reason: c.closedReason ?? c.openedReason,
      suggested: c.suggestedActions,
      action: c.action,
      owner: c.owner,
      note: c.resolutionNote,
      ageHours: Math.floor((now.getTime() - c.openedAt.getTime()) / 3_600_000),
    })),
  };
}

const Bulk = z.object({
  ids: z
    .string()
    .transform((s) => s.split(",").filter(Boolean))
    .pipe(z.array(z.string()).min(1, "Select at least one case.")),
  owner: z.string().trim().max(80).optional(),
  action: z.enum(ACTIONS as [PlaybookAction, ...PlaybookAction[]]).optional(),
  note: z.string().trim().max(1000).optional(),
  dismiss: z.enum(["1"]).optional(),
});

export async function action({ request }: ActionFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const parsed = Bulk.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return { message: parsed.error.issues[0]?.message ?? "Invalid request.", tone: "critical" as const };
  const { ids, owner, action: chosen, note, dismiss } = parsed.data;
  const count = await updateCases(prisma, session.shop, ids, {
    ...(owner ? { owner } : {}),
    ...(chosen ? { action: chosen } : {}),
    ...(note ? { resolutionNote: note } : {}),
    dismiss: dismiss === "1",
  });
  return { message: `Updated ${count} case(s).`, tone: "success" as const };
}

function Filters({ suppliers }: { suppliers: { id: string; name: string }[] }) {
  const [params, setParams] = useSearchParams();
  const set = (key: string) => (value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };
  return (
    <InlineStack gap="300">
      <Select
        label="Type"
        value={params.get("type") ?? ""}
        onChange={set("type")}
        options={[{ label: "All types", value: "" }, ...TYPES.map((t) => ({ label: words(t), value: t }))]}
      />
      <Select
        label="Supplier"
        value={params.get("supplierId") ?? ""}
        onChange={set("supplierId")}
        options={[{ label: "All suppliers", value: "" }, ...suppliers.map((s) => ({ label: s.name, value: s.id }))]}
      />
      <Select
        label="Open for at least"
        value={params.get("age") ?? ""}
        onChange={set("age")}
        options={[
          { label: "Any age", value: "" },
          { label: "1 day", value: "1d" },
          { label: "3 days", value: "3d" },
          { label: "7 days", value: "7d" },
        ]}
      />
      <Select
        label="Status"
        value={params.get("status") ?? "active"}
        onChange={set("status")}
        options={["active", "open", "dismissed", "closed"].map((s) => ({ label: s, value: s }))}
      />
    </InlineStack>
  );
}

export default function ExceptionsPage() {
  const { cases, suppliers } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const submit = useSubmit();
  const { selectedResources, allResourcesSelected, handleSelectionChange } = useIndexResourceState(cases);
  const [owner, setOwner] = useState("");
  const [note, setNote] = useState("");
  const bulk = (extra: Record<string, string>) => submit({ ids: selectedResources.join(","), owner, note, ...extra }, { method: "post" });
  return (
    <Page fullWidth title="Exceptions" subtitle="Orders that need a person: late, stuck or failed">
      <TitleBar title="Exceptions" />
      <BlockStack gap="400">
        {result ? <Banner tone={result.tone} title={result.message} /> : null}
        <Card>
          <BlockStack gap="300">
            <Filters suppliers={suppliers} />
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
            selectedItemsCount={allResourcesSelected ? "All" : selectedResources.length}
            onSelectionChange={handleSelectionChange}
            promotedBulkActions={[
              { content: "Save owner and note", onAction: () => bulk({}) },
              { content: "Set aside until it clears", onAction: () => bulk({ dismiss: "1" }) },
            ]}
            bulkActions={ACTIONS.map((a) => ({ content: `Action: ${words(a)}`, onAction: () => bulk({ action: a }) }))}
            headings={[
              { title: "Type" },
              { title: "Order" },
              { title: "Supplier" },
              { title: "Why" },
              { title: "Playbook" },
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
                <IndexTable.Cell>{c.action ? `chosen: ${words(c.action)}` : c.suggested.map(words).join(" · ")}</IndexTable.Cell>
                <IndexTable.Cell>{[c.owner, c.note].filter(Boolean).join(" — ")}</IndexTable.Cell>
                <IndexTable.Cell>{c.ageHours}</IndexTable.Cell>
              </IndexTable.Row>
            ))}
          </IndexTable>
        </Card>
      </BlockStack>
    </Page>
  );
}
