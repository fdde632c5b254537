/**
 * An order's routing page: the order as Dropline knows it and every routing decision version, with
 * the explanation per line. `$id` is the numeric tail of the order GID (/app/orders/5917438099678354321);
 * the GID is rebuilt as a string, never parsed into a number. Scoped by shop: another shop's order is a 404.
 */
import { fail, failure, ok } from "~/domain/result";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import { Badge, Banner, BlockStack, Card, EmptyState, InlineGrid, Layout, Page, Text } from "@shopify/polaris";
import { useEffect } from "react";
import { z } from "zod";
import { DecisionCard } from "~/components/routing/DecisionCard";
import { decisionView } from "~/components/routing/decision-view";
import { orderGidFromParam } from "~/components/routing/order-path";
import prisma from "~/db.server";
import { formatMoney } from "~/domain/routing/format";
import { routeOrderJob } from "~/services/queue/routing";
import { decisionsForOrder, latestDecision } from "~/models/routing.server";
import { authenticate } from "~/shopify.server";
import { OrderTimeline } from "~/components/OrderTimeline";
import { orderTimeline } from "~/models/timeline.server";
import { services } from "~/services.server";
import { WismoCard } from "~/components/metrics/WismoCard";
import { contactsForOrder } from "~/models/metrics-wismo.server";
import { recordWismoContact } from "~/services/metrics/wismo.server";
import { AddressHoldBanner } from "~/components/address/AddressHoldBanner";
import { addressHoldFor } from "~/models/address-holds.server";
import { addressRecheckJob } from "~/services/queue/address";

const notFound = () => new Response("Order not found", { status: 404 });

const StoredLines = z.array(z.object({ title: z.string(), sku: z.string().nullable(), quantity: z.number(), unitPriceMinor: z.number() }));

type OrderRow = NonNullable<Awaited<ReturnType<typeof findOrder>>>;

function findOrder(shop: string, id: string) {
  return prisma.order.findFirst({ where: { shop, id } });
}

function orderSummary(o: OrderRow) {
  const lines = StoredLines.safeParse(JSON.parse(o.lines));
  return {
    name: o.name,
    placedAt: o.placedAt.toISOString(),
    total: formatMoney(o.totalMinor, o.currencyCode),
    shipsTo: [o.provinceCode, o.countryCode].filter(Boolean).join(", ") || "—",
    serviceLevel: o.serviceLevel,
    shippingTitle: o.shippingTitle,
    channel: o.channel,
    cancelled: o.cancelledAt !== null,
    lines: lines.success
      ? lines.data.map((l) => ({ title: l.title, sku: l.sku, quantity: l.quantity, unitPrice: formatMoney(l.unitPriceMinor, o.currencyCode) }))
      : [],
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const orderId = orderGidFromParam(params.id);
  if (!orderId) throw notFound();
  const [order, decisions, timeline, contacts, addressHold] = await Promise.all([
    findOrder(session.shop, orderId),
    decisionsForOrder(prisma, session.shop, orderId),
    orderTimeline(prisma, session.shop, orderId),
    contactsForOrder(prisma, session.shop, orderId),
    addressHoldFor(prisma, session.shop, orderId),
  ]);
  const newest = decisions[0];
  if (!order && !newest) throw notFound();
  return {
    orderId,
    name: order?.name ?? newest?.orderName ?? orderId,
    order: order ? orderSummary(order) : null,
    decisions: decisions.map(decisionView),
    timeline,
    wismo: contacts.map((c) => ({ at: c.contactedAt.toISOString(), channel: c.channel, source: c.source })),
    addressHold: addressHold
      ? {
          status: addressHold.status,
          problems: addressHold.problems.map((p) => p.message),
          heldAt: addressHold.heldAt.toISOString(),
          checkedAt: addressHold.checkedAt.toISOString(),
          releasedAt: addressHold.releasedAt?.toISOString() ?? null,
        }
      : null,
    // The order in Shopify admin (App Bridge opens shopify://admin links in the admin itself).
    orderAdminUrl: `shopify://admin/orders/${orderId.split("/").pop() ?? ""}`,
  };
}

const Intent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("reroute") }),
  z.object({ intent: z.literal("wismo"), channel: z.string() }),
  z.object({ intent: z.literal("address_recheck") }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const orderId = orderGidFromParam(params.id);
  if (!orderId) throw notFound();
  const [order, latest] = await Promise.all([findOrder(session.shop, orderId), latestDecision(prisma, session.shop, orderId)]);
  if (!order && !latest) throw notFound();
  const intent = Intent.safeParse(Object.fromEntries(await request.formData()));
  if (!intent.success) return fail(failure("Unknown action."));
  if (intent.data.intent === "wismo") {
    if (!order) return fail(failure("This order's details have not arrived yet; try again in a moment."));
    const recorded = await recordWismoContact(services(), session.shop, order, intent.data.channel);
    return recorded.ok ? ok({ message: "Recorded: the customer asked where this order is.", toast: "Contact recorded" }) : fail(failure(recorded.error));
  }
  if (order?.cancelledAt) return fail(failure("This order is cancelled, so there is nothing to route."));
  if (intent.data.intent === "address_recheck") {
    const hold = await addressHoldFor(prisma, session.shop, orderId);
    if (hold?.status !== "held") return fail(failure("This order is not held for its shipping address."));
    await services().queue.enqueue(addressRecheckJob(session.shop, orderId, `manual:${Date.now()}`));
    return ok({
      message: "Checking the shipping address again. If it passes, the hold is released and the order is routed; reload in a moment.",
      toast: "Address check queued",
    });
  }
  await services().queue.enqueue(routeOrderJob(session.shop, orderId, `manual:${Date.now()}`));
  return ok({
    message: "Re-routing is queued. Whatever is still open at your own locations is routed again; reload in a moment to see the new decision.",
    toast: "Re-routing queued",
  });
}

/** Re-routing matters when something may still be waiting at the merchant's locations. */
function rerouteIsUseful(decisions: readonly { outcome: string; status: string }[]): boolean {
  const newest = decisions[0];
  return !newest || newest.status === "failed" || newest.outcome === "held" || newest.outcome === "partially_held";
}

function OrderCard({ order }: { order: NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["order"]> }) {
  const facts: [string, string][] = [
    ["Placed", new Date(order.placedAt).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC"],
    ["Total", order.total],
    ["Ships to", order.shipsTo],
    ["Service", `${order.serviceLevel === "expedited" ? "Expedited" : "Standard"}${order.shippingTitle ? ` (${order.shippingTitle})` : ""}`],
    ["Channel", order.channel],
  ];
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Order
        </Text>
        <InlineGrid columns={{ xs: 2, md: 5 }} gap="300">
          {facts.map(([label, value]) => (
            <BlockStack key={label} gap="050">
              <Text as="span" tone="subdued">
                {label}
              </Text>
              <Text as="span">{value}</Text>
            </BlockStack>
          ))}
        </InlineGrid>
        <BlockStack gap="050">
          {order.lines.map((l, i) => (
            <Text as="p" key={i}>
              {l.quantity} × {l.title}
              {l.sku ? ` (${l.sku})` : ""} · {l.unitPrice} each
            </Text>
          ))}
        </BlockStack>
      </BlockStack>
    </Card>
  );
}

export default function OrderRoutingPage() {
  const { name, order, decisions, timeline, wismo, addressHold, orderAdminUrl } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const submit = useSubmit();
  const busy = useNavigation().state !== "idle";
  const shopify = useAppBridge();
  useEffect(() => {
    if (result?.ok) shopify.toast.show(result.value.toast);
  }, [result, shopify]);
  const cancelled = order?.cancelled ?? false;
  const useful = rerouteIsUseful(decisions);

  return (
    <Page
      title={name}
      backAction={{ content: "Home", url: "/app" }}
      titleMetadata={cancelled ? <Badge tone="critical">Cancelled</Badge> : undefined}
      primaryAction={
        cancelled ? undefined : { content: "Re-route now", onAction: () => submit({ intent: "reroute" }, { method: "post" }), loading: busy, primary: useful }
      }
    >
      <TitleBar title={name} />
      <Layout>
        {result ? (
          <Layout.Section>
            <Banner tone={result.ok ? "success" : "warning"}>{result.ok ? result.value.message : result.failure.message}</Banner>
          </Layout.Section>
        ) : null}
        {addressHold ? (
          <Layout.Section>
            <AddressHoldBanner
              hold={addressHold}
              orderAdminUrl={orderAdminUrl}
              busy={busy}
              onRecheck={() => submit({ intent: "address_recheck" }, { method: "post" })}
            />
          </Layout.Section>
        ) : null}
        {!cancelled ? (
          <Layout.Section>
            <Text as="p" tone="subdued">
              Re-route now routes whatever is still open at your own locations. Items on hold must have their hold released in Shopify first; items already at a
              supplier stay there.
            </Text>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          {order ? (
            <OrderCard order={order} />
          ) : (
            <Banner tone="info">
              <p>Dropline has not stored this order&apos;s details yet (its orders/create webhook may still be on its way). Its routing history is below.</p>
            </Banner>
          )}
        </Layout.Section>
        {order ? (
          <Layout.Section>
            <WismoCard contacts={wismo} busy={busy} onRecord={(channel) => submit({ intent: "wismo", channel }, { method: "post" })} />
          </Layout.Section>
        ) : null}
        {timeline.length > 0 ? (
          <Layout.Section>
            <OrderTimeline entries={timeline} />
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <BlockStack gap="400">
            {decisions.length === 0 ? (
              <Card>
                <EmptyState heading="Not routed yet" image="">
                  <p>Dropline routes an order once Shopify has assigned its fulfillment orders. Use Re-route now if it seems stuck.</p>
                </EmptyState>
              </Card>
            ) : (
              decisions.map((d, i) => <DecisionCard key={d.id} decision={d} latest={i === 0} />)
            )}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
