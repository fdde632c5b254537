/** "Where is my order" contacts on an order page: staff record that the customer asked. */
import { BlockStack, Button, Card, InlineStack, Select, Text } from "@shopify/polaris";
import { useState } from "react";

const CHANNELS = [
  { label: "Email", value: "email" },
  { label: "Chat", value: "chat" },
  { label: "Phone", value: "phone" },
  { label: "Social", value: "social" },
  { label: "Other", value: "other" },
];

export interface WismoContactView {
  readonly at: string;
  readonly channel: string;
  readonly source: string;
}

export function WismoCard({ contacts, busy, onRecord }: { contacts: readonly WismoContactView[]; busy: boolean; onRecord: (channel: string) => void }) {
  const [channel, setChannel] = useState("email");
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Customer contacts
        </Text>
        <Text as="p" tone="subdued">
          {contacts.length === 0
            ? "No one has asked where this order is."
            : `Asked where the order is ${contacts.length} time(s), last on ${new Date(contacts[0]!.at).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC (${contacts[0]!.channel}). These count in the WISMO metric.`}
        </Text>
        <InlineStack gap="300" blockAlign="end">
          <Select label="Asked by" options={CHANNELS} value={channel} onChange={setChannel} />
          <Button onClick={() => onRecord(channel)} loading={busy}>
            Customer asked where the order is
          </Button>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}
