/** One purchase order in the supplier portal, with the forms for what the supplier can do now. */
import { Form } from "@remix-run/react";
import { Badge, BlockStack, Box, Button, Card, InlineStack, Text } from "@shopify/polaris";
import type { SupplierPoView } from "~/services/portal/portal-view";
import { REJECTION_REASONS } from "~/shopify/fulfillment-requests";

type Po = Omit<SupplierPoView, "lines"> & { lines: SupplierPoView["lines"][number][]; requestId: string };

const field = { display: "block", width: "100%", padding: "6px", marginTop: "4px", border: "1px solid #8a8a8a", borderRadius: "8px" };

function Hidden({ po, intent }: { po: Po; intent: string }) {
  return (
    <>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="poId" value={po.id} />
      <input type="hidden" name="requestId" value={po.requestId} />
    </>
  );
}

function AcceptForm({ po, today }: { po: Po; today: string }) {
  return (
    <Form method="post">
      <Hidden po={po} intent="accept" />
      <BlockStack gap="200">
        <label>
          Committed ship date
          <input type="date" name="shipDate" min={today} defaultValue={po.shipBy.slice(0, 10)} required style={field} />
        </label>
        <Button submit variant="primary">
          Accept
        </Button>
      </BlockStack>
    </Form>
  );
}

function RejectForm({ po }: { po: Po }) {
  return (
    <Form method="post">
      <Hidden po={po} intent="reject" />
      <BlockStack gap="200">
        <label>
          Reason
          <select name="reason" style={field} defaultValue="INVENTORY_OUT_OF_STOCK">
            {REJECTION_REASONS.map((r) => (
              <option key={r} value={r}>
                {r.toLowerCase().replace(/_/g, " ")}
              </option>
            ))}
          </select>
        </label>
        <label>
          Message to the merchant
          <input name="message" required minLength={3} style={field} />
        </label>
        {po.lines.map((line, i) => (
          <label key={line.id}>
            {line.sku} — why this line cannot ship (leave empty if it can)
            <input type="hidden" name={`lines.${i}.lineId`} value={line.id} />
            <input name={`lines.${i}.reason`} style={field} />
          </label>
        ))}
        <Button submit tone="critical">
          Reject
        </Button>
      </BlockStack>
    </Form>
  );
}

function CancellationForm({ po }: { po: Po }) {
  return (
    <InlineStack gap="200">
      {(["accept", "reject"] as const).map((decision) => (
        <Form method="post" key={decision}>
          <Hidden po={po} intent="cancellation" />
          <input type="hidden" name="decision" value={decision} />
          <Button submit tone={decision === "reject" ? "critical" : undefined}>
            {decision === "accept" ? "Accept cancellation (not shipped)" : "Reject cancellation (already shipped)"}
          </Button>
        </Form>
      ))}
    </InlineStack>
  );
}

function StockoutForm({ po }: { po: Po }) {
  return (
    <Form method="post">
      <Hidden po={po} intent="stockout" />
      <BlockStack gap="200">
        <label>
          Out of stock after all? Tell us which items
          <input name="message" required minLength={3} style={field} />
        </label>
        <Button submit>Report stockout</Button>
      </BlockStack>
    </Form>
  );
}

function TrackingForm({ po }: { po: Po }) {
  return (
    <Form method="post">
      <Hidden po={po} intent="tracking" />
      <BlockStack gap="200">
        <label>
          Shipped? Tracking number(s), separated by commas
          <input name="trackingNumbers" required style={field} />
        </label>
        <label>
          Carrier (optional: detected from the number when possible)
          <input name="carrier" style={field} />
        </label>
        <Button submit variant="primary">
          Send tracking
        </Button>
      </BlockStack>
    </Form>
  );
}

export function PurchaseOrderCard({ po, today }: { po: Po; today: string }) {
  const to = po.shipTo;
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack gap="200" blockAlign="center">
          <Text as="h3" variant="headingMd">
            {po.number}
          </Text>
          <Badge>{po.status.replace(/_/g, " ")}</Badge>
          <Text as="span" tone="subdued">
            order {po.orderName} · {po.serviceTier} · ship by {po.shipBy.slice(0, 10)} · customer chose {po.shippingMethod ?? "standard"}
          </Text>
        </InlineStack>
        <Box>
          {po.lines.map((l) => (
            <Text as="p" key={l.id}>
              {l.quantity} × {l.title} — our SKU {l.sku}, your SKU {l.supplierSku}
            </Text>
          ))}
        </Box>
        <Text as="p" tone="subdued">
          Ship to: {[to.name, to.company, to.address1, to.address2, to.zip, to.city, to.province, to.countryCode].filter(Boolean).join(", ")}
        </Text>
        {po.notes ? <Text as="p">Notes: {po.notes}</Text> : null}
        {po.committedShipAt ? <Text as="p">You committed to ship by {po.committedShipAt.slice(0, 10)}.</Text> : null}
        {po.actions.includes("accept") ? (
          <InlineStack gap="800" align="start" blockAlign="start">
            <AcceptForm po={po} today={today} />
            <RejectForm po={po} />
          </InlineStack>
        ) : null}
        {po.actions.includes("cancellation") ? <CancellationForm po={po} /> : null}
        {po.actions.includes("stockout") ? <TrackingForm po={po} /> : null}
        {po.actions.includes("stockout") ? <StockoutForm po={po} /> : null}
      </BlockStack>
    </Card>
  );
}
