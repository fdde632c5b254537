/** An order's timeline (from app/models/timeline.server.ts orderTimeline): one row per step, oldest first. */
import { Badge, BlockStack, Card, InlineStack, Text } from "@shopify/polaris";
import type { TimelineEntry } from "~/models/timeline.server";

export function OrderTimeline({ entries, timeZone = "UTC" }: { entries: readonly TimelineEntry[]; timeZone?: string }) {
  const format = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone });
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Timeline
        </Text>
        {entries.length === 0 ? (
          <Text as="p" tone="subdued">
            Nothing has happened on this order yet.
          </Text>
        ) : null}
        {entries.map((e) => (
          <BlockStack key={e.id} gap="100">
            <InlineStack gap="200" blockAlign="center">
              <Badge tone={e.tone === "info" ? undefined : e.tone}>{format.format(new Date(e.at))}</Badge>
              <Text as="span" fontWeight="semibold">
                {e.title}
              </Text>
            </InlineStack>
            {e.detail ? (
              <Text as="p" tone="subdued" breakWord>
                {e.detail}
              </Text>
            ) : null}
          </BlockStack>
        ))}
      </BlockStack>
    </Card>
  );
}
