/** The home page's control-tower cards: what needs a person, late purchase orders, open exceptions, the week against the last. */
import { Badge, BlockStack, Card, InlineGrid, InlineStack, Link, List, Text } from "@shopify/polaris";
import type { PeriodSummary } from "~/domain/metrics";

const HOUR = 3_600_000;

export function Stat({
  label,
  value,
  tone,
  help,
  link,
}: {
  label: string;
  value: string | number;
  tone?: "critical" | "success";
  help?: string;
  link?: { url: string; content: string };
}) {
  return (
    <Card>
      <BlockStack gap="100">
        <Text as="h3" variant="headingSm" tone="subdued">
          {label}
        </Text>
        <Text as="p" variant="heading2xl" tone={tone}>
          {value}
        </Text>
        {help ? (
          <Text as="p" variant="bodySm" tone="subdued">
            {help}
          </Text>
        ) : null}
        {link ? <Link url={link.url}>{link.content}</Link> : null}
      </BlockStack>
    </Card>
  );
}

const rateText = (s: PeriodSummary) => (s.rate === null ? "—" : `${(s.rate * 100).toFixed(1)}%`);
const p90Text = (s: PeriodSummary) => (s.p90 === null ? "—" : `${(s.p90 / HOUR).toFixed(1)} h`);

/** "vs 91.2% (n = 40) the week before", or a plain "no data the week before". */
function versus(last: PeriodSummary, text: (s: PeriodSummary) => string): string {
  return last.n === 0 ? "no data the week before" : `vs ${text(last)} the week before (n = ${last.n})`;
}

export interface WeekView {
  readonly onTime: { thisWeek: PeriodSummary; lastWeek: PeriodSummary };
  readonly orderToShip: { thisWeek: PeriodSummary; lastWeek: PeriodSummary };
  readonly from: string;
  readonly to: string;
}

export function WeekCards({ week }: { week: WeekView }) {
  const { onTime, orderToShip } = week;
  const worse = onTime.thisWeek.rate !== null && onTime.lastWeek.rate !== null && onTime.thisWeek.rate < onTime.lastWeek.rate;
  const slower = orderToShip.thisWeek.p90 !== null && orderToShip.lastWeek.p90 !== null && orderToShip.thisWeek.p90 > orderToShip.lastWeek.p90;
  return (
    <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
      <Stat
        label={`On-time ship rate, ${week.from} to ${week.to}`}
        value={rateText(onTime.thisWeek)}
        tone={worse ? "critical" : undefined}
        help={`${onTime.thisWeek.numerator} of ${onTime.thisWeek.n} on time · ${versus(onTime.lastWeek, rateText)}`}
      />
      <Stat
        label={`p90 order-to-ship, ${week.from} to ${week.to}`}
        value={p90Text(orderToShip.thisWeek)}
        tone={slower ? "critical" : undefined}
        help={`n = ${orderToShip.thisWeek.n} · ${versus(orderToShip.lastWeek, p90Text)}`}
      />
    </InlineGrid>
  );
}

export interface NeedsPersonView {
  readonly heldOrders: number;
  readonly heldOrderList: readonly { orderId: string; orderName: string; outcome: string; path: string }[];
  readonly heldPurchaseOrders: number;
  readonly awaitingReview: number;
  readonly openStaffTasks: number;
  readonly staffTaskList: readonly { id: string; message: string }[];
}

export function NeedsPersonCard({ people }: { people: NeedsPersonView }) {
  const total = people.heldOrders + people.heldPurchaseOrders + people.awaitingReview + people.openStaffTasks;
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack gap="200" blockAlign="center">
          <Text as="h2" variant="headingMd">
            Needs a person
          </Text>
          <Badge tone={total > 0 ? "attention" : "success"}>{String(total)}</Badge>
        </InlineStack>
        <List>
          <List.Item>{people.heldOrders} order(s) held by routing (no supplier met the rules)</List.Item>
          <List.Item>
            {people.heldPurchaseOrders} purchase order(s) on hold · {people.awaitingReview} awaiting review (
            <Link url="/app/purchase-orders">purchase orders</Link>)
          </List.Item>
          <List.Item>{people.openStaffTasks} open staff task(s)</List.Item>
        </List>
        {people.heldOrderList.map((o) => (
          <Text as="p" key={o.orderId}>
            <Link url={o.path}>{o.orderName}</Link> · {o.outcome === "held" ? "held" : "partly held"}
          </Text>
        ))}
        {people.staffTaskList.map((t) => (
          <Text as="p" key={t.id} tone="subdued">
            {t.message}
          </Text>
        ))}
      </BlockStack>
    </Card>
  );
}
