/** The latest orders on the home page, each linked to its routing page with its routing outcome. */
import { Badge, BlockStack, Card, DataTable, Link, Text } from "@shopify/polaris";
import { outcomeLabel, statusLabel } from "~/components/routing/labels";

export interface RecentOrderView {
  readonly id: string;
  readonly name: string;
  readonly placedAt: string;
  readonly total: string;
  readonly destination: string;
  readonly serviceLevel: string;
  readonly cancelled: boolean;
  readonly path: string;
  readonly routing: { outcome: string; status: string } | null;
}

function RoutingBadge({ routing }: { routing: { outcome: string; status: string } | null }) {
  if (!routing)
    return (
      <Text as="span" tone="subdued">
        Not routed
      </Text>
    );
  const { label, tone } = routing.status === "applied" ? outcomeLabel(routing.outcome) : statusLabel(routing.status);
  return <Badge tone={tone}>{routing.status === "applied" ? label : `${outcomeLabel(routing.outcome).label} · ${label}`}</Badge>;
}

export function RecentOrders({ orders }: { orders: readonly RecentOrderView[] }) {
  return (
    <Card padding="0">
      <BlockStack gap="200">
        <div style={{ padding: "16px 16px 0" }}>
          <Text as="h2" variant="headingMd">
            Recent orders
          </Text>
        </div>
        {orders.length === 0 ? (
          <div style={{ padding: 16 }}>
            <Text as="p" tone="subdued">
              No orders yet. New Shopify orders appear here as soon as their webhook is processed.
            </Text>
          </div>
        ) : (
          <DataTable
            columnContentTypes={["text", "text", "text", "text", "text", "numeric"]}
            headings={["Order", "Placed", "Ships to", "Service", "Routing", "Total"]}
            rows={orders.map((o) => [
              <span key={o.id}>
                <Link url={o.path} removeUnderline>
                  {o.name}
                </Link>{" "}
                {o.cancelled ? <Badge tone="critical">Cancelled</Badge> : null}
              </span>,
              new Date(o.placedAt).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }),
              o.destination,
              o.serviceLevel === "expedited" ? <Badge tone="attention">Expedited</Badge> : "Standard",
              <RoutingBadge key={`${o.id}-routing`} routing={o.routing} />,
              o.total,
            ])}
          />
        )}
      </BlockStack>
    </Card>
  );
}
