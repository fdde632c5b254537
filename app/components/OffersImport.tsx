import { SectionCard } from "~/components/SectionCard";
import { useSubmit } from "@remix-run/react";
import { Banner, BlockStack, Button, DataTable, DropZone, InlineStack, Link, Text } from "@shopify/polaris";
import { useCallback, useState } from "react";
import type { OfferRowReport } from "~/models/offers-csv";

/** What the import action answers (the offers-csv.server result, as JSON). */
export interface ImportOutcome {
  readonly fileError: string | null;
  readonly rows: OfferRowReport[];
  readonly validRows: number;
  readonly badRows: number;
  readonly applied: number;
  /** Rows whose SKU no variant carries, kept for suggestions on the SKU-mapping page. */
  readonly keptForMapping?: number;
}

interface Props {
  readonly outcome: ImportOutcome | null;
  readonly busy: boolean;
}

function Report(props: { outcome: ImportOutcome; onApplyValid: () => void; busy: boolean }) {
  const kept = props.outcome.keptForMapping ?? 0;
  return (
    <BlockStack gap="300">
      <ReportBanner {...props} />
      {kept > 0 ? (
        <Banner tone="info" title={`${kept} row(s) name a SKU no variant in Shopify has`}>
          <p>
            They are kept as the supplier's items: <Link url="/app/mapping">SKU mapping</Link> suggests the variant each one most likely means.
          </p>
        </Banner>
      ) : null}
    </BlockStack>
  );
}

function ReportBanner({ outcome, onApplyValid, busy }: { outcome: ImportOutcome; onApplyValid: () => void; busy: boolean }) {
  if (outcome.fileError) {
    return (
      <Banner tone="critical" title="The file was not imported">
        <p>{outcome.fileError}</p>
      </Banner>
    );
  }
  if (outcome.badRows === 0 || outcome.applied > 0) {
    const skipped = outcome.badRows > 0 ? ` ${outcome.badRows} row(s) with problems were skipped.` : "";
    return <Banner tone="success" title={`Imported ${outcome.applied} offer(s).${skipped}`} />;
  }
  const bad = outcome.rows.filter((r) => r.problems.length > 0);
  return (
    <BlockStack gap="300">
      <Banner tone="warning" title={`${outcome.badRows} of ${outcome.rows.length} rows have problems, so nothing was changed`}>
        <BlockStack gap="200">
          <p>Fix the rows below and upload the file again, or apply only the rows without problems.</p>
          {outcome.validRows > 0 ? (
            <InlineStack>
              <Button onClick={onApplyValid} loading={busy}>
                {`Apply the ${outcome.validRows} valid rows`}
              </Button>
            </InlineStack>
          ) : null}
        </BlockStack>
      </Banner>
      <DataTable
        columnContentTypes={["numeric", "text", "text", "text"]}
        headings={["Line", "Supplier", "SKU", "Problem"]}
        rows={bad.map((r) => [r.line, r.supplier, r.sku, r.problems.join("; ")])}
      />
    </BlockStack>
  );
}

/**
 * Upload a CSV of offers. The file is read in the browser and posted as text; when rows are bad,
 * the same text is posted again with "apply_valid" if the merchant chooses to.
 */
export function OffersImport({ outcome, busy }: Props) {
  const submit = useSubmit();
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [readError, setReadError] = useState<string | null>(null);

  const onDrop = useCallback(async (_all: File[], accepted: File[], rejected: File[]) => {
    const chosen = accepted[0];
    if (!chosen) return setReadError(rejected.length > 0 ? "Choose a .csv file." : null);
    setReadError(null);
    setFile({ name: chosen.name, text: await chosen.text() });
  }, []);

  const post = (mode: "all_or_nothing" | "apply_valid") => {
    if (file) submit({ intent: "import", mode, csv: file.text }, { method: "post" });
  };

  return (
    <SectionCard
      title="Import offers"
      description="Columns: supplier, sku, supplier_sku, unit_cost, stock_on_hand. A file with any bad row changes nothing unless you choose to apply the valid rows."
    >
      <DropZone accept=".csv,text/csv" type="file" allowMultiple={false} onDrop={onDrop} variableHeight>
        {file ? (
          <BlockStack gap="100" inlineAlign="center">
            <Text as="p">{file.name}</Text>
          </BlockStack>
        ) : (
          <DropZone.FileUpload actionTitle="Add CSV file" actionHint="or drop it here" />
        )}
      </DropZone>
      {readError ? (
        <Text as="p" tone="critical">
          {readError}
        </Text>
      ) : null}
      <InlineStack>
        <Button variant="primary" disabled={!file} loading={busy} onClick={() => post("all_or_nothing")}>
          Import
        </Button>
      </InlineStack>
      {outcome ? <Report outcome={outcome} busy={busy} onApplyValid={() => post("apply_valid")} /> : null}
    </SectionCard>
  );
}
