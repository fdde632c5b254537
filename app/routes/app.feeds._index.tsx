/** Stock feeds, one per supplier: how each arrives and how its last run went. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import { Badge, Card, EmptyState, IndexTable, Layout, Page, Text } from "@shopify/polaris";
import prisma from "~/db.server";
import { listFeeds } from "~/models/feeds.server";
import { listSuppliers } from "~/models/suppliers.server";
import { authenticate } from "~/shopify.server";
import { RunStatusBadge } from "~/components/FeedRuns";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const [suppliers, feeds] = await Promise.all([listSuppliers(prisma, session.shop), listFeeds(prisma, session.shop)]);
  const lastRuns = await prisma.stockFeedRun.findMany({
    where: { shop: session.shop },
    orderBy: { startedAt: "desc" },
    distinct: ["feedId"],
    select: { feedId: true, status: true, startedAt: true },
  });
  const waiting = await prisma.stockFeedRun.groupBy({ by: ["feedId"], where: { shop: session.shop, status: "quarantined" }, _count: { _all: true } });
  return {
    rows: suppliers.map((s) => {
      const feed = feeds.find((f) => f.supplierId === s.id);
      const last = feed ? lastRuns.find((r) => r.feedId === feed.id) : undefined;
      return {
        supplierId: s.id,
        supplier: s.name,
        kind: feed?.kind ?? null,
        cadenceMinutes: feed?.cadenceMinutes ?? s.feedCadenceMinutes,
        lastGoodRunAt: feed?.lastGoodRunAt?.toISOString() ?? null,
        lastStatus: last?.status ?? null,
        quarantined: feed ? (waiting.find((w) => w.feedId === feed.id)?._count._all ?? 0) : 0,
      };
    }),
  };
}

const KIND_LABEL: Record<string, string> = { upload: "File upload", url: "Pulled from URL", push: "Signed push" };

export default function Feeds() {
  const { rows } = useLoaderData<typeof loader>();
  return (
    <Page title="Stock feeds">
      <TitleBar title="Stock feeds" />
      <Layout>
        <Layout.Section>
          <Card padding="0">
            {rows.length === 0 ? (
              <EmptyState heading="No suppliers yet" action={{ content: "Add a supplier", url: "/app/suppliers/new" }} image="">
                <p>Add a supplier first; each supplier gets one stock feed.</p>
              </EmptyState>
            ) : (
              <IndexTable
                resourceName={{ singular: "feed", plural: "feeds" }}
                itemCount={rows.length}
                selectable={false}
                headings={[{ title: "Supplier" }, { title: "Feed" }, { title: "Cadence" }, { title: "Last good update" }, { title: "Last run" }]}
              >
                {rows.map((r, i) => (
                  <IndexTable.Row id={r.supplierId} key={r.supplierId} position={i}>
                    <IndexTable.Cell>
                      <Link to={`/app/feeds/${r.supplierId}`}>{r.supplier}</Link>
                    </IndexTable.Cell>
                    <IndexTable.Cell>{r.kind ? KIND_LABEL[r.kind] : <Badge>Not set up</Badge>}</IndexTable.Cell>
                    <IndexTable.Cell>{`every ${r.cadenceMinutes} min`}</IndexTable.Cell>
                    <IndexTable.Cell>
                      <Text as="span">{r.lastGoodRunAt ? `${new Date(r.lastGoodRunAt).toISOString().slice(0, 16).replace("T", " ")} UTC` : "never"}</Text>
                    </IndexTable.Cell>
                    <IndexTable.Cell>
                      {r.lastStatus ? <RunStatusBadge status={r.lastStatus} /> : "—"}
                      {r.quarantined > 0 ? <Badge tone="warning">{`${r.quarantined} to review`}</Badge> : null}
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
