/** The first-run setup checklist on the home page: each step's state and the screen that completes it. */
import { Form } from "@remix-run/react";
import { Badge, BlockStack, Button, Card, InlineStack, Link, ProgressBar, Text } from "@shopify/polaris";
import type { SetupChecklist } from "~/domain/setup";

function ModeButton({ mode, label, plain }: { mode: "hidden" | "shown"; label: string; plain?: boolean }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="checklist" />
      <input type="hidden" name="mode" value={mode} />
      <Button submit variant={plain ? "plain" : "tertiary"}>
        {label}
      </Button>
    </Form>
  );
}

export function SetupChecklistCard({ checklist }: { checklist: SetupChecklist }) {
  const total = checklist.steps.length;
  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack align="space-between" blockAlign="center">
          <BlockStack gap="100">
            <Text as="h2" variant="headingMd">
              Set up Dropline
            </Text>
            <Text as="p" tone="subdued">
              {checklist.complete ? "Every step is done." : `${checklist.doneCount} of ${total} steps done. Each step links to the screen that completes it.`}
            </Text>
          </BlockStack>
          <ModeButton mode="hidden" label="Hide checklist" />
        </InlineStack>
        <ProgressBar progress={Math.round((checklist.doneCount / total) * 100)} size="small" tone="success" />
        <BlockStack gap="300">
          {checklist.steps.map((step, i) => (
            <InlineStack key={step.key} gap="300" blockAlign="start" wrap={false}>
              <BlockStack gap="100">
                <InlineStack gap="200" blockAlign="center">
                  <Text as="h3" variant="headingSm">
                    {`${i + 1}. ${step.title}`}
                  </Text>
                  {step.done ? <Badge tone="success">Done</Badge> : <Badge>To do</Badge>}
                </InlineStack>
                <Text as="p" tone="subdued">
                  {step.detail}
                </Text>
                <div data-setup-step={step.key}>
                  <Link url={step.url}>{step.action}</Link>
                </div>
              </BlockStack>
            </InlineStack>
          ))}
        </BlockStack>
      </BlockStack>
    </Card>
  );
}

/** Shown instead of the checklist once it is hidden or complete: the way back to it. */
export function ReopenChecklist({ complete }: { complete: boolean }) {
  return (
    <InlineStack gap="200" blockAlign="center">
      <Text as="span" tone="subdued">
        {complete ? "Setup complete." : "Setup checklist hidden."}
      </Text>
      <ModeButton mode="shown" label="Show setup checklist" plain />
    </InlineStack>
  );
}
