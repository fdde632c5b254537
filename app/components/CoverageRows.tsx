import { SectionCard } from "~/components/SectionCard";
import { Box, Button, InlineGrid, InlineStack, Text, TextField } from "@shopify/polaris";
import { EMPTY_COVERAGE_ROW, type CoverageRowValues, type FormErrors } from "~/models/supplier-form";

interface Props {
  readonly rows: CoverageRowValues[];
  readonly errors: FormErrors;
  readonly onChange: (rows: CoverageRowValues[]) => void;
}

/** The regions a supplier ships to: one row per country (or province), with transit and shipping cost. */
export function CoverageRows({ rows, errors, onChange }: Props) {
  const update = (index: number, field: keyof CoverageRowValues, value: string) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, [field]: value } : row)));
  const remove = (index: number) => onChange(rows.filter((_, i) => i !== index));
  const add = () => onChange([...rows, { ...EMPTY_COVERAGE_ROW }]);
  const fieldError = (i: number, field: keyof CoverageRowValues) => errors[`coverage.${i}.${field}`];

  return (
    <SectionCard title="Regions served" description="A province row wins over its country's row. Transit is in carrier business days.">
      {errors.coverage ? (
        <Text as="p" tone="critical">
          {errors.coverage}
        </Text>
      ) : null}
      {rows.map((row, i) => (
        <Box key={i} paddingBlockEnd="200" borderBlockEndWidth="025" borderColor="border-secondary">
          <InlineGrid columns={{ xs: 2, md: 6 }} gap="300" alignItems="end">
            <TextField
              label="Country"
              name={`coverage.${i}.countryCode`}
              value={row.countryCode}
              placeholder="US"
              autoComplete="off"
              maxLength={2}
              onChange={(v) => update(i, "countryCode", v.toUpperCase())}
              error={fieldError(i, "countryCode")}
            />
            <TextField
              label="Province (optional)"
              name={`coverage.${i}.provinceCode`}
              value={row.provinceCode}
              placeholder="CA"
              autoComplete="off"
              maxLength={3}
              onChange={(v) => update(i, "provinceCode", v.toUpperCase())}
              error={fieldError(i, "provinceCode")}
            />
            <TextField
              label="Transit min (days)"
              name={`coverage.${i}.transitMin`}
              type="number"
              min={0}
              value={row.transitMin}
              autoComplete="off"
              onChange={(v) => update(i, "transitMin", v)}
              error={fieldError(i, "transitMin")}
            />
            <TextField
              label="Transit max (days)"
              name={`coverage.${i}.transitMax`}
              type="number"
              min={0}
              value={row.transitMax}
              autoComplete="off"
              onChange={(v) => update(i, "transitMax", v)}
              error={fieldError(i, "transitMax")}
            />
            <TextField
              label="Shipping cost"
              name={`coverage.${i}.shippingCost`}
              value={row.shippingCost}
              inputMode="decimal"
              autoComplete="off"
              onChange={(v) => update(i, "shippingCost", v)}
              error={fieldError(i, "shippingCost")}
            />
            <InlineStack align="end">
              <Button variant="plain" tone="critical" onClick={() => remove(i)} accessibilityLabel={`Remove region ${i + 1}`}>
                Remove
              </Button>
            </InlineStack>
          </InlineGrid>
        </Box>
      ))}
      <InlineStack>
        <Button onClick={add}>Add region</Button>
      </InlineStack>
    </SectionCard>
  );
}
