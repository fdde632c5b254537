import { BlockStack, Card, Text } from "@shopify/polaris";
import type { ReactNode } from "react";

/** A Polaris card with a heading and a one-line explanation above its content. */
export function SectionCard({ title, description, children }: { title: string; description: ReactNode; children: ReactNode }) {
  return (
    <Card>
      <BlockStack gap="400">
        <BlockStack gap="100">
          <Text as="h2" variant="headingMd">
            {title}
          </Text>
          <Text as="p" tone="subdued">
            {description}
          </Text>
        </BlockStack>
        {children}
      </BlockStack>
    </Card>
  );
}
