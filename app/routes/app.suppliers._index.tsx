import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { fail, failure, ok } from "~/domain/result";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import { Badge, Banner, Button, Card, EmptyState, IndexTable, Layout, Link, Page, Text } from "@shopify/polaris";
import { z } from "zod";
import prisma from "~/db.server";
import { SERVICE_TIER_LABELS } from "~/models/supplier-form";
import { listSuppliers, type SupplierRecord } from "~/models/suppliers.server";
import { setSupplierStatus } from "~/services/suppliers/suppliers.server";
import { authenticate } from "~/shopify.server";

/** "US-CA, US-WA, CA" — the regions a supplier's coverage rows name. */
function regionsServed(s: SupplierRecord): string {
  return s.coverage.map((row) => (row.provinceCode ? `${row.countryCode}-${row.provinceCode}` : row.countryCode)).join(", ");
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const suppliers = await listSuppliers(prisma, session.shop);
  return {
    suppliers: suppliers.map((s) => ({
      id: s.id,
      name: s.name,
      tier: SERVICE_TIER_LABELS[s.serviceTier],
      handling: s.handlingMinDays === s.handlingMaxDays ? `${s.handlingMinDays} d` : `${s.handlingMinDays}–${s.handlingMaxDays} d`,
      cutoff: `${s.cutoff} ${s.timeZone}`,
      regions: regionsServed(s),
      status: s.status,
      syncError: s.syncError,
    })),
  };
}

const StatusForm = z.object({ intent: z.enum(["pause", "resume"]), supplierId: z.string().min(1) });

export async function action({ request }: ActionFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const parsed = StatusForm.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return fail(failure("Choose a supplier to pause or resume."));
  const { intent, supplierId } = parsed.data;
  const changed = await setSupplierStatus(prisma, session.shop, supplierId, intent === "pause" ? "paused" : "active");
  if (!changed) return fail(failure("That supplier no longer exists."));
  return ok({ message: intent === "pause" ? "Supplier paused: new orders will not be routed to it." : "Supplier resumed: it can receive orders again." });
}

function StatusToggle({ id, status, busy }: { id: string; status: string; busy: boolean }) {
  const pausing = status === "active";
  return (
    <Form method="post">
      <input type="hidden" name="supplierId" value={id} />
      <input type="hidden" name="intent" value={pausing ? "pause" : "resume"} />
      <Button submit size="slim" loading={busy}>
        {pausing ? "Pause" : "Resume"}
      </Button>
    </Form>
  );
}

export default function Suppliers() {
  const { suppliers } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busyId = navigation.state !== "idle" ? navigation.formData?.get("supplierId") : null;
  return (
    <Page title="Suppliers" primaryAction={{ content: "Add supplier", url: "/app/suppliers/new" }}>
      <TitleBar title="Suppliers" />
      <Layout>
        {result ? (
          <Layout.Section>
            <Banner tone={result.ok ? "success" : "warning"}>{result.ok ? result.value.message : result.failure.message}</Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <Card padding="0">
            {suppliers.length === 0 ? (
              <EmptyState heading="Add your first supplier" action={{ content: "Add supplier", url: "/app/suppliers/new" }} image="">
                <p>Each supplier becomes a fulfillment service in Shopify, so orders can be routed to it.</p>
              </EmptyState>
            ) : (
              <IndexTable
                resourceName={{ singular: "supplier", plural: "suppliers" }}
                itemCount={suppliers.length}
                selectable={false}
                headings={[{ title: "Name" }, { title: "Tier" }, { title: "Cut-off" }, { title: "Regions served" }, { title: "Status" }, { title: "" }]}
              >
                {suppliers.map((s, index) => (
                  <IndexTable.Row id={s.id} key={s.id} position={index}>
                    <IndexTable.Cell>
                      <Link url={`/app/suppliers/${s.id}`} removeUnderline>
                        <Text as="span" fontWeight="semibold">
                          {s.name}
                        </Text>
                      </Link>
                    </IndexTable.Cell>
                    <IndexTable.Cell>
                      {s.tier} · {s.handling}
                    </IndexTable.Cell>
                    <IndexTable.Cell>{s.cutoff}</IndexTable.Cell>
                    <IndexTable.Cell>{s.regions}</IndexTable.Cell>
                    <IndexTable.Cell>
                      <Badge tone={s.status === "active" ? "success" : "attention"}>{s.status === "active" ? "Active" : "Paused"}</Badge>
                      {s.syncError ? <Badge tone="warning">Out of sync</Badge> : null}
                    </IndexTable.Cell>
                    <IndexTable.Cell>
                      <StatusToggle id={s.id} status={s.status} busy={busyId === s.id} />
                    </IndexTable.Cell>
                  </IndexTable.Row>
                ))}
              </IndexTable>
            )}
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
