/** Feed runs: the list, one run's per-row report, and the approve/discard buttons of a quarantined run. */
import { Form, Link } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, EmptyState, IndexTable, InlineStack, List, Text } from "@shopify/polaris";

export interface RunView {
  readonly id: string;
  readonly source: string;
  readonly status: string;
  readonly rowsRead: number;
  readonly rowsChanged: number;
  readonly rowsRejected: number;
  readonly durationMs: number;
  readonly message: string | null;
  readonly reasons: readonly string[];
  readonly warnings: readonly string[];
  readonly rejections: readonly { line: number; raw: string; reason: string }[];
  readonly startedAt: string;
}

const TONES: Record<string, "success" | "warning" | "critical" | "info" | undefined> = {
  applied: "success",
  approved: "success",
  quarantined: "warning",
  rejected: "critical",
  not_modified: "info",
  discarded: undefined,
};

const LABELS: Record<string, string> = {
  applied: "Applied",
  approved: "Approved",
  quarantined: "Quarantined",
  rejected: "Rejected",
  not_modified: "Unchanged (304)",
  discarded: "Discarded",
};

export function RunStatusBadge({ status }: { status: string }) {
  return <Badge tone={TONES[status]}>{LABELS[status] ?? status}</Badge>;
}

const when = (iso: string) => `${iso.slice(0, 19).replace("T", " ")} UTC`;

export function RunsTable({ runs, selectedId }: { runs: readonly RunView[]; selectedId: string | null }) {
  return (
    <IndexTable
      resourceName={{ singular: "run", plural: "runs" }}
      itemCount={runs.length}
      emptyState={
        <EmptyState heading="No feed runs yet" image="">
          <p>
            Upload the supplier&apos;s stock file, or give a URL Dropline pulls on a schedule, or hand the supplier the push endpoint: each run is listed here.
          </p>
        </EmptyState>
      }
      selectable={false}
      headings={[
        { title: "Started" },
        { title: "Source" },
        { title: "Status" },
        { title: "Read", alignment: "end" },
        { title: "Changed", alignment: "end" },
        { title: "Rejected", alignment: "end" },
        { title: "Duration", alignment: "end" },
      ]}
    >
      {runs.map((r, i) => (
        <IndexTable.Row id={r.id} key={r.id} position={i} selected={r.id === selectedId}>
          <IndexTable.Cell>
            <Link to={`?run=${r.id}`}>{when(r.startedAt)}</Link>
          </IndexTable.Cell>
          <IndexTable.Cell>{r.source}</IndexTable.Cell>
          <IndexTable.Cell>
            <RunStatusBadge status={r.status} />
          </IndexTable.Cell>
          <IndexTable.Cell>
            <Text as="span" numeric alignment="end">
              {r.rowsRead}
            </Text>
          </IndexTable.Cell>
          <IndexTable.Cell>
            <Text as="span" numeric alignment="end">
              {r.rowsChanged}
            </Text>
          </IndexTable.Cell>
          <IndexTable.Cell>
            <Text as="span" numeric alignment="end">
              {r.rowsRejected}
            </Text>
          </IndexTable.Cell>
          <IndexTable.Cell>
            <Text as="span" numeric alignment="end">{`${r.durationMs} ms`}</Text>
          </IndexTable.Cell>
        </IndexTable.Row>
      ))}
    </IndexTable>
  );
}

function Review({ run }: { run: RunView }) {
  return (
    <Banner tone="warning" title="This run is quarantined: stock has not changed">
      <BlockStack gap="200">
        <List>
          {run.reasons.map((reason) => (
            <List.Item key={reason}>{reason}</List.Item>
          ))}
        </List>
        <Text as="p">{`Approving applies its ${run.rowsChanged} changes exactly as reviewed; discarding keeps the last good stock.`}</Text>
        <InlineStack gap="200">
          <Form method="post">
            <input type="hidden" name="intent" value="approve" />
            <input type="hidden" name="runId" value={run.id} />
            <Button submit variant="primary">
              Approve and apply
            </Button>
          </Form>
          <Form method="post">
            <input type="hidden" name="intent" value="discard" />
            <input type="hidden" name="runId" value={run.id} />
            <Button submit tone="critical">
              Discard
            </Button>
          </Form>
        </InlineStack>
      </BlockStack>
    </Banner>
  );
}

/** One run: why it was quarantined or rejected, its warnings, and every rejected row with the reason. */
export function RunReport({ run }: { run: RunView }) {
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack gap="200" blockAlign="center">
          <Text as="h2" variant="headingMd">{`Run of ${when(run.startedAt)}`}</Text>
          <RunStatusBadge status={run.status} />
        </InlineStack>
        {run.status === "quarantined" ? <Review run={run} /> : null}
        {run.message ? <Banner tone={run.status === "rejected" ? "critical" : "info"}>{run.message}</Banner> : null}
        {run.warnings.length > 0 ? (
          <List>
            {run.warnings.map((w) => (
              <List.Item key={w}>{w}</List.Item>
            ))}
          </List>
        ) : null}
        {run.rejections.length > 0 ? (
          <IndexTable
            resourceName={{ singular: "row", plural: "rows" }}
            itemCount={run.rejections.length}
            selectable={false}
            headings={[{ title: "Line" }, { title: "Why it was rejected" }, { title: "Row as sent" }]}
          >
            {run.rejections.map((r, i) => (
              <IndexTable.Row id={`${r.line}-${i}`} key={`${r.line}-${i}`} position={i}>
                <IndexTable.Cell>{r.line}</IndexTable.Cell>
                <IndexTable.Cell>{r.reason}</IndexTable.Cell>
                <IndexTable.Cell>
                  <Text as="span" variant="bodySm">
                    {r.raw}
                  </Text>
                </IndexTable.Cell>
              </IndexTable.Row>
            ))}
          </IndexTable>
        ) : (
          <Text as="p" tone="subdued">
            No rows were rejected.
          </Text>
        )}
        {run.rowsRejected > run.rejections.length ? (
          <Text as="p" tone="subdued">{`Showing the first ${run.rejections.length} of ${run.rowsRejected} rejected rows.`}</Text>
        ) : null}
      </BlockStack>
    </Card>
  );
}
