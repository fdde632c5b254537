/** The supplier's own scorecard in the portal: grade, trend, measures, worst SKUs and its purchase orders that counted against it. */
import { BlockStack, Card, DataTable, Text } from "@shopify/polaris";
import { GradeHeader, MeasuresTable, WorstSkusTable } from "~/components/scorecard/ScorecardParts";
import type { PortalScorecard } from "~/services/portal/portal-scorecard.server";

export function ScorecardCard({ card }: { card: PortalScorecard }) {
  const against = card.measures.flatMap((m) => card.against[m.name].map((l) => [m.label, l.purchaseOrderNumber, l.sku, l.words]));
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingLg">
          Your scorecard (last {card.windowDays} days)
        </Text>
        <GradeHeader grade={card.grade} letter={card.letter} trend={card.trend} counted={card.counted} lateToleranceDays={card.lateToleranceDays} />
        <MeasuresTable measures={card.measures} />
        <Text as="h3" variant="headingMd">
          SKUs to look at
        </Text>
        <WorstSkusTable skus={card.worstSkus} minLines={card.minSkuLines} />
        {against.length > 0 ? (
          <BlockStack gap="200">
            <Text as="h3" variant="headingMd">
              Purchase orders that lowered your score
            </Text>
            <DataTable
              columnContentTypes={["text", "text", "text", "text"]}
              headings={["Measure", "Purchase order", "SKU", "What happened"]}
              rows={against}
              increasedTableDensity
            />
          </BlockStack>
        ) : null}
      </BlockStack>
    </Card>
  );
}
