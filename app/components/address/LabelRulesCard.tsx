/**
 * The supplier's carrier label rules on the supplier page: what the address check asks of a
 * shipping address before a purchase order goes to this supplier.
 */
import { Form } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, Checkbox, Text, TextField } from "@shopify/polaris";
import { useState } from "react";

export interface LabelRulesValues {
  readonly requirePhone: boolean;
  readonly refusePoBox: boolean;
  readonly latinOnly: boolean;
  readonly maxLineLength: number | null;
}

export function LabelRulesCard({ rules, error, saved, busy }: { rules: LabelRulesValues; error: string | null; saved: boolean; busy: boolean }) {
  const [requirePhone, setRequirePhone] = useState(rules.requirePhone);
  const [refusePoBox, setRefusePoBox] = useState(rules.refusePoBox);
  const [latinOnly, setLatinOnly] = useState(rules.latinOnly);
  const [maxLineLength, setMaxLineLength] = useState(rules.maxLineLength === null ? "" : String(rules.maxLineLength));
  return (
    <Card>
      <Form method="post">
        <input type="hidden" name="intent" value="label_rules" />
        {requirePhone ? <input type="hidden" name="requirePhone" value="on" /> : null}
        {refusePoBox ? <input type="hidden" name="refusePoBox" value="on" /> : null}
        {latinOnly ? <input type="hidden" name="latinOnly" value="on" /> : null}
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Carrier label rules
          </Text>
          <Text as="p" tone="subdued">
            Every shipping address is checked against its country&apos;s rules (postal code, state or province, street, city) before a purchase order leaves.
            Add what this supplier&apos;s carrier needs too; an order whose address fails is held with the reason, for you to fix in Shopify.
          </Text>
          {error ? <Banner tone="critical">{error}</Banner> : null}
          {saved ? <Banner tone="success">Label rules saved.</Banner> : null}
          <Checkbox
            label="The carrier needs the recipient's phone number (checked for the destination country)"
            checked={requirePhone}
            onChange={setRequirePhone}
          />
          <Checkbox label="The carrier does not deliver to post-office boxes" checked={refusePoBox} onChange={setRefusePoBox} />
          <Checkbox label="Labels print Latin letters only" checked={latinOnly} onChange={setLatinOnly} />
          <TextField
            label="Longest line the label prints (characters)"
            name="maxLineLength"
            value={maxLineLength}
            onChange={setMaxLineLength}
            autoComplete="off"
            helpText="Empty for no limit; many carriers print 35."
            inputMode="numeric"
          />
          <Button submit loading={busy}>
            Save label rules
          </Button>
        </BlockStack>
      </Form>
    </Card>
  );
}
