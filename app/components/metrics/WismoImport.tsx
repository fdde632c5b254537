/** The helpdesk CSV import of "where is my order" contacts, and its per-row report. */
import { Form } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, InlineStack, List, Text } from "@shopify/polaris";

export type WismoImportView =
  | { readonly ok: true; readonly imported: number; readonly duplicates: number }
  | { readonly ok: false; readonly error: string; readonly problems: readonly { readonly line: number; readonly problem: string }[] };

export function WismoImport({ result, busy }: { result: WismoImportView | undefined; busy: boolean }) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Import WISMO contacts
        </Text>
        <Text as="p" tone="subdued">
          A helpdesk export of &ldquo;where is my order&rdquo; tickets: columns order (#1001 or 1001), contacted_at (e.g. 2026-11-30T14:05:00Z), channel (email,
          chat, phone, social, other) and optionally ticket_id. A ticket id already imported is skipped; if any row is wrong, nothing is imported.
        </Text>
        <Form method="post" encType="multipart/form-data">
          <input type="hidden" name="intent" value="wismo_csv" />
          <InlineStack gap="300" blockAlign="center">
            <input type="file" name="file" accept=".csv,text/csv" aria-label="WISMO contacts CSV" />
            <Button submit loading={busy}>
              Import
            </Button>
          </InlineStack>
        </Form>
        {result?.ok ? <Banner tone="success" title={`Imported ${result.imported} contact(s); ${result.duplicates} duplicate ticket(s) skipped.`} /> : null}
        {result && !result.ok ? (
          <Banner tone="critical" title={result.error}>
            {result.problems.length > 0 ? (
              <List>
                {result.problems.map((p) => (
                  <List.Item key={`${p.line}-${p.problem}`}>
                    Line {p.line}: {p.problem}
                  </List.Item>
                ))}
              </List>
            ) : null}
          </Banner>
        ) : null}
      </BlockStack>
    </Card>
  );
}
