/**
 * The home page's open metric alerts: the newest few and the total, linking to the alerts page.
 * Data from `openAlertsCard(db, shop)` (app/models/alerts.server.ts).
 */
import { Link } from "@remix-run/react";
import { Badge, BlockStack, Card, InlineStack, Text } from "@shopify/polaris";
import type { OpenAlertsCardData } from "~/models/alerts.server";

const RULE_BADGE = { control_limit: "Beyond control limit", threshold_run: "Past your threshold" } as const;

export function OpenAlertsCard({ data }: { data: OpenAlertsCardData }) {
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            Open alerts
          </Text>
          <Badge tone={data.total > 0 ? "critical" : "success"}>{String(data.total)}</Badge>
        </InlineStack>
        {data.alerts.length === 0 ? (
          <Text as="p" tone="subdued">
            Every metric is in control.
          </Text>
        ) : (
          <BlockStack gap="200">
            {data.alerts.map((alert) => (
              <BlockStack gap="100" key={alert.id}>
                <InlineStack gap="200" blockAlign="center">
                  <Badge tone="critical">{RULE_BADGE[alert.rule]}</Badge>
                  <Text as="span" tone="subdued">
                    since {alert.openedAt.slice(0, 10)}
                  </Text>
                </InlineStack>
                <Text as="p">{alert.message}</Text>
              </BlockStack>
            ))}
          </BlockStack>
        )}
        <Link to="/app/alerts">{data.total > data.alerts.length ? `All ${data.total} open alerts and thresholds` : "Alerts and thresholds"}</Link>
      </BlockStack>
    </Card>
  );
}
