import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { fail, failure, ok } from "~/domain/result";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import { Badge, Banner, BlockStack, Button, Card, DataTable, EmptyState, InlineGrid, Layout, Page, Text } from "@shopify/polaris";
import { Stat } from "~/components/metrics/ControlTower";
import { z } from "zod";
import prisma from "~/db.server";
import { deadJobs, inboxSummary, recentEvents } from "~/models/inbox.server";
import { parkedJobs, shopAccess } from "~/models/shop-access.server";
import { ShopAccessCard, shopAccessView } from "~/components/ShopAccessCard";
import { authenticate } from "~/shopify.server";
import { services } from "~/services.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const [summary, events, dead, access, parked] = await Promise.all([
    inboxSummary(prisma, session.shop),
    recentEvents(prisma, session.shop),
    deadJobs(prisma, session.shop),
    shopAccess(prisma, session.shop),
    parkedJobs(prisma, session.shop),
  ]);
  return {
    summary,
    access: shopAccessView(access),
    parked: parked.map((p) => ({ ...p, updatedAt: p.updatedAt.toISOString() })),
    events: events.map((e) => ({ ...e, receivedAt: e.receivedAt.toISOString() })),
    dead: dead.map((d) => ({ ...d, finishedAt: d.finishedAt?.toISOString() ?? null })),
  };
}

const RetryForm = z.object({ intent: z.literal("retry"), jobId: z.string().min(1) });

export async function action({ request }: ActionFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const parsed = RetryForm.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return fail(failure("Choose a dead-lettered job to retry."));
  const retried = await services().queue.retry(session.shop, parsed.data.jobId, new Date());
  return retried
    ? ok({ message: "The job is back in the queue and will run in a moment." })
    : fail(failure("That job is not dead-lettered any more (it may have been retried already)."));
}

const STATUS_TONE = { succeeded: "success", dead: "critical", queued: "attention", running: "info", cancelled: undefined, parked: "warning" } as const;

export default function Inbox() {
  const { summary, events, dead, access, parked } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <Page title="Webhook inbox" subtitle={`${summary.events} events · ${summary.duplicateDeliveries} duplicate deliveries ignored`}>
      <TitleBar title="Webhook inbox" />
      <Layout>
        {result ? (
          <Layout.Section>
            <Banner tone={result.ok ? "success" : "warning"}>{result.ok ? result.value.message : result.failure.message}</Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <InlineGrid columns={{ xs: 2, md: 4 }} gap="400">
            <Stat label="Webhook events" value={summary.events} />
            <Stat label="Jobs waiting" value={summary.jobs.queued + summary.jobs.running} />
            <Stat label="Dead-lettered jobs" value={summary.jobs.dead} tone={summary.jobs.dead > 0 ? "critical" : undefined} />
            <Stat label="Duplicate deliveries ignored" value={summary.duplicateDeliveries} />
          </InlineGrid>
        </Layout.Section>
        <Layout.Section>
          <ShopAccessCard access={access} />
        </Layout.Section>
        {parked.length > 0 ? (
          <Layout.Section>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Waiting for the merchant
                </Text>
                <DataTable
                  columnContentTypes={["text", "text", "text"]}
                  headings={["Job", "Why it waits", "Since"]}
                  rows={parked.map((p) => [
                    p.dedupeKey,
                    p.lastError ?? "",
                    new Date(p.updatedAt).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" }),
                  ])}
                />
              </BlockStack>
            </Card>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                Dead-lettered jobs
              </Text>
              {dead.length === 0 ? (
                <Text as="p" tone="subdued">
                  Nothing has failed for good. Failed jobs retry with backoff; a job that keeps failing lands here.
                </Text>
              ) : (
                <DataTable
                  columnContentTypes={["text", "text", "numeric", "text"]}
                  headings={["Job", "Error", "Attempts", ""]}
                  rows={dead.map((d) => [
                    d.dedupeKey,
                    d.lastError ?? "",
                    d.attempts,
                    <Form method="post" key={d.id}>
                      <input type="hidden" name="intent" value="retry" />
                      <input type="hidden" name="jobId" value={d.id} />
                      <Button submit loading={busy}>
                        Retry
                      </Button>
                    </Form>,
                  ])}
                />
              )}
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card padding="0">
            {events.length === 0 ? (
              <EmptyState heading="No webhook events yet" image="">
                <p>Events from Shopify (orders, fulfillment orders, fulfillments, inventory) appear here.</p>
              </EmptyState>
            ) : (
              <DataTable
                columnContentTypes={["text", "text", "numeric", "text"]}
                headings={["Topic", "Received", "Deliveries", "Job"]}
                rows={events.map((e) => [
                  e.topic,
                  new Date(e.receivedAt).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" }),
                  e.deliveries,
                  e.job ? <Badge tone={STATUS_TONE[e.job.status as keyof typeof STATUS_TONE]}>{e.job.status}</Badge> : "—",
                ])}
              />
            )}
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
