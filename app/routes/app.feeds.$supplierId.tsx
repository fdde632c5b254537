/** One supplier's stock feed: settings and mapping, upload, push details, runs and their reports. */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import { Banner, BlockStack, Card, Layout, Page, Text } from "@shopify/polaris";
import { RunReport, RunsTable, type RunView } from "~/components/FeedRuns";
import { FeedSettingsForm, FeedUploadForm, PushDetails } from "~/components/FeedSettingsForm";
import prisma from "~/db.server";
import { env } from "~/env.server";
import { approveRun, discardRun, ingestFeed, webStreamChunks } from "~/services/stock/ingest.server";
import { feedFormDefaults, parseFeedForm } from "~/models/feed-form";
import { maskSecret } from "~/domain/portal-link";
import { ensureFeed, getRun, listRuns, rotatePushSecret, saveFeedSettings, type RunRecord } from "~/models/feeds.server";
import { getSupplier } from "~/models/suppliers.server";
import { authenticate } from "~/shopify.server";
import { services } from "~/services.server";
import { limitedFormData } from "~/services/security/form-limit.server";

function runView(r: RunRecord): RunView {
  return { ...r, startedAt: r.startedAt.toISOString() };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const supplier = await getSupplier(prisma, session.shop, params.supplierId ?? "");
  if (!supplier) throw new Response("Supplier not found", { status: 404 });
  const feed = await ensureFeed(prisma, session.shop, supplier.id);
  const runs = await listRuns(prisma, session.shop, feed.id, 25);
  const selectedId = new URL(request.url).searchParams.get("run") ?? runs.find((r) => r.status === "quarantined")?.id ?? runs[0]?.id ?? null;
  const selected = selectedId ? await getRun(prisma, session.shop, selectedId) : null;
  return {
    supplier: { id: supplier.id, name: supplier.name },
    defaults: feedFormDefaults(feed),
    kind: feed.kind,
    // The secret itself is shown once, in the answer to the action that creates it; afterwards only its last 4 characters.
    push: { url: `${env().SHOPIFY_APP_URL.replace(/\/+$/u, "")}/feeds/${feed.id}/push`, maskedSecret: maskSecret(feed.pushSecret) },
    runs: runs.map(runView),
    selected: selected ? runView(selected) : null,
  };
}

type ActionResult = { intent: string; ok: boolean; message?: string; errors?: Record<string, string>; newSecret?: string };

export async function action({ request, params }: ActionFunctionArgs): Promise<ActionResult> {
  const { session } = await authenticate.admin(request);
  const shop = session.shop;
  const supplier = await getSupplier(prisma, shop, params.supplierId ?? "");
  if (!supplier) throw new Response("Supplier not found", { status: 404 });
  const limited = await limitedFormData(request, services().bodyLimits.feed);
  if (!limited.ok) return { intent: "upload", ok: false, message: limited.message };
  const form = limited.form;
  const intent = String(form.get("intent") ?? "");
  const deps = { db: prisma, now: () => new Date(), queue: services().queue };
  if (intent === "save") {
    const parsed = parseFeedForm(Object.fromEntries(form));
    if (!parsed.ok) return { intent, ok: false, errors: parsed.failure.fieldErrors };
    await saveFeedSettings(prisma, shop, supplier.id, parsed.value, new Date());
    return { intent, ok: true, message: "Feed settings saved." };
  }
  if (intent === "upload") {
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) return { intent, ok: false, message: "Choose a stock file first." };
    const run = await ingestFeed(deps, await ensureFeed(prisma, shop, supplier.id), webStreamChunks(file.stream()), "upload");
    return {
      intent,
      ok: run.status === "applied",
      message: `Run ${run.status}: ${run.rowsRead} rows read, ${run.rowsChanged} changed, ${run.rowsRejected} rejected.`,
    };
  }
  if (intent === "approve" || intent === "discard") {
    const runId = String(form.get("runId") ?? "");
    const done = intent === "approve" ? await approveRun(deps, shop, runId) : await discardRun(deps, shop, runId);
    return done.ok
      ? { intent, ok: true, message: intent === "approve" ? "Run approved: stock updated." : "Run discarded: stock unchanged." }
      : { intent, ok: false, message: done.failure.message };
  }
  if (intent === "rotate") {
    const newSecret = await rotatePushSecret(prisma, shop, supplier.id);
    return { intent, ok: true, message: "New push secret created; the old one no longer works. Copy it now: it is not shown again.", newSecret };
  }
  return { intent, ok: false, message: "Unknown action." };
}

export default function SupplierFeed() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <Page title={`Stock feed · ${data.supplier.name}`} backAction={{ content: "Stock feeds", url: "/app/feeds" }}>
      <TitleBar title={`Stock feed · ${data.supplier.name}`} />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {result?.message ? <Banner tone={result.ok ? "success" : "warning"}>{result.message}</Banner> : null}
            <FeedSettingsForm defaults={data.defaults} errors={result?.intent === "save" ? (result.errors ?? {}) : {}} busy={busy} />
            {data.kind === "push" ? <PushDetails url={data.push.url} maskedSecret={data.push.maskedSecret} newSecret={result?.newSecret} /> : null}
            <FeedUploadForm busy={busy} error={result?.intent === "upload" && !result.ok ? result.message : undefined} />
            <Card padding="0">
              <BlockStack gap="200">
                <div style={{ padding: "12px 16px 0" }}>
                  <Text as="h2" variant="headingMd">
                    Runs
                  </Text>
                </div>
                {data.runs.length === 0 ? (
                  <div style={{ padding: "0 16px 16px" }}>
                    <Text as="p" tone="subdued">
                      No runs yet.
                    </Text>
                  </div>
                ) : (
                  <RunsTable runs={data.runs} selectedId={data.selected?.id ?? null} />
                )}
              </BlockStack>
            </Card>
            {data.selected ? <RunReport run={data.selected} /> : null}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
