/**
 * The weekly exception review: the week's exceptions (cases, and the ladder's staff tasks) grouped
 * by cause, supplier and channel, with this week against last, and per group what staff recorded
 * (what happened, why, which rule prevents a repeat) and links to the setting to change.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import { Banner, BlockStack, Card, DataTable, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import prisma from "~/db.server";
import { ReviewGroupCard, type ReviewGroupView } from "~/components/ReviewGroupCard";
import { dayOf } from "~/domain/metrics";
import {
  CAUSE_LABELS,
  CAUSE_SETTING,
  isIsoWeek,
  isoWeekOf,
  parseReviewNoteForm,
  REVIEW_CAUSES,
  shiftWeek,
  type ReviewCause,
  type ReviewGroup,
} from "~/domain/review";
import { saveReviewNote } from "~/models/review.server";
import { loadRoutingPolicy } from "~/models/routing.server";
import { loadWeekReview } from "~/services/alerts/review.server";
import { authenticate } from "~/shopify.server";
import { countryName } from "~/domain/address";

const SETTING_LINKS: Record<"routing" | "supplier" | "stock", { to: string; label: string }> = {
  routing: { to: "/app/routing", label: "Routing policy" },
  supplier: { to: "/app/suppliers", label: "Suppliers" },
  stock: { to: "/app/stock", label: "Stock buffers" },
};

const words = (type: string) => type.replace(/_/g, " ");

function linksFor(group: ReviewGroup): { to: string; label: string }[] {
  if (group.by === "supplier") {
    return group.key ? [{ to: `/app/suppliers/${encodeURIComponent(group.key)}`, label: "Supplier" }, SETTING_LINKS.stock, SETTING_LINKS.routing] : [];
  }
  if (group.by === "channel") return [SETTING_LINKS.routing];
  const setting = CAUSE_SETTING[group.key as ReviewCause];
  return setting === "none" ? [] : [SETTING_LINKS[setting]];
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const shop = session.shop;
  const { timeZone } = await loadRoutingPolicy(prisma, shop);
  const current = isoWeekOf(dayOf(Date.now(), timeZone));
  const asked = new URL(request.url).searchParams.get("week") ?? "";
  const week = isIsoWeek(asked) && asked <= current ? asked : current;
  const review = await loadWeekReview(prisma, shop, week);
  const items = new Map(review.items.map((i) => [i.id, i]));
  const notes = new Map(review.notes.map((n) => [`${n.groupBy}|${n.groupKey}`, n]));
  const title = (g: ReviewGroup): string => {
    if (g.by === "cause") return CAUSE_LABELS[g.key as ReviewCause] ?? g.key;
    if (g.by === "supplier") return g.key ? (review.supplierNames[g.key] ?? "Removed supplier") : "No supplier";
    return g.key || "Order not known";
  };
  const view = (g: ReviewGroup): ReviewGroupView => {
    const note = notes.get(`${g.by}|${g.key}`);
    return {
      groupBy: g.by,
      groupKey: g.key,
      title: title(g),
      count: g.count,
      open: g.open,
      causes: REVIEW_CAUSES.filter((c) => g.causes[c] > 0)
        .map((c) => `${CAUSE_LABELS[c]} ${g.causes[c]}`)
        .join(" · "),
      items: g.itemIds.map((id) => {
        const item = items.get(id);
        return { id, open: item?.open ?? false, label: `${item?.orderName ?? "—"} ${words(item?.type ?? "")}${item?.open ? " (open)" : ""}` };
      }),
      links: linksFor(g),
      defaultTarget: g.by === "cause" ? CAUSE_SETTING[g.key as ReviewCause] : g.by === "supplier" ? "supplier" : "routing",
      note: note
        ? { whatHappened: note.whatHappened, why: note.why, prevention: note.prevention, linkTarget: note.linkTarget, updatedAt: note.updatedAt.toISOString() }
        : null,
    };
  };
  return {
    week,
    range: review.range,
    timeZone,
    previous: shiftWeek(week, -1),
    next: week < current ? shiftWeek(week, 1) : null,
    total: review.items.length,
    lastWeekTotal: review.lastWeekTotal,
    trend: review.trend.map((t) => ({ cause: CAUSE_LABELS[t.cause], thisWeek: t.thisWeek, lastWeek: t.lastWeek })),
    byCause: review.byCause.map(view),
    bySupplier: review.bySupplier.map(view),
    byChannel: review.byChannel.map(view),
    address: {
      byChannel: review.addressByChannel.map((r) => ({ ...r, label: r.key || "Order not known" })),
      byCountry: review.addressByCountry.map((r) => ({ ...r, label: r.key ? `${countryName(r.key)} (${r.key})` : "Country not known" })),
    },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const parsed = parseReviewNoteForm(Object.fromEntries(await request.formData()));
  if (!parsed.ok) return { ok: false as const, message: parsed.message };
  await saveReviewNote(prisma, session.shop, { ...parsed.value, author: null });
  return { ok: true as const, message: "Review note saved." };
}

type AddressRow = { label: string; count: number; open: number; heldBeforeLeaving: number };

/** Address problems this week, by channel and by destination country. */
function AddressProblems({ byChannel, byCountry }: { byChannel: readonly AddressRow[]; byCountry: readonly AddressRow[] }) {
  if (byChannel.length === 0) return null;
  const rows = (list: readonly AddressRow[]) => list.map((r) => [r.label, r.count, r.heldBeforeLeaving, r.count - r.heldBeforeLeaving, r.open]);
  const headings = ["", "Address problems", "Held before the purchase order left", "Failed at the carrier", "Still open"];
  const types: ("text" | "numeric")[] = ["text", "numeric", "numeric", "numeric", "numeric"];
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingLg">
          Address problems
        </Text>
        <Text as="p" tone="subdued">
          Orders held because the shipping address failed the address check (fix them in Shopify), and parcels that failed delivery or came back to the sender.
        </Text>
        <DataTable columnContentTypes={types} headings={["Channel", ...headings.slice(1)]} rows={rows(byChannel)} />
        <DataTable columnContentTypes={types} headings={["Country", ...headings.slice(1)]} rows={rows(byCountry)} />
      </BlockStack>
    </Card>
  );
}

function Section({ title, week, groups, busy }: { title: string; week: string; groups: readonly ReviewGroupView[]; busy: boolean }) {
  if (groups.length === 0) return null;
  return (
    <BlockStack gap="300">
      <Text as="h2" variant="headingLg">
        {title}
      </Text>
      {groups.map((g) => (
        <ReviewGroupCard key={`${g.groupBy}|${g.groupKey}|${week}`} week={week} group={g} busy={busy} />
      ))}
    </BlockStack>
  );
}

export default function ReviewPage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <Page title="Weekly exception review" subtitle={`${data.week}: ${data.range.fromDay} to ${data.range.toDay} (${data.timeZone})`}>
      <TitleBar title="Weekly exception review" />
      <Layout>
        {result ? (
          <Layout.Section>
            <Banner tone={result.ok ? "success" : "critical"}>{result.message}</Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <InlineStack align="space-between" blockAlign="center">
                <Link to={`/app/review?week=${data.previous}`}>← {data.previous}</Link>
                <Text as="p" variant="headingMd">
                  {data.total} exception{data.total === 1 ? "" : "s"} this week · {data.lastWeekTotal} the week before
                </Text>
                {data.next ? <Link to={`/app/review?week=${data.next}`}>{data.next} →</Link> : <span />}
              </InlineStack>
              {data.trend.length > 0 ? (
                <DataTable
                  columnContentTypes={["text", "numeric", "numeric"]}
                  headings={["Cause", "This week", "Last week"]}
                  rows={data.trend.map((t) => [t.cause, t.thisWeek, t.lastWeek])}
                />
              ) : (
                <Text as="p" tone="subdued">
                  No exceptions this week or the week before.
                </Text>
              )}
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <BlockStack gap="600">
            <Section title="By cause" week={data.week} groups={data.byCause} busy={busy} />
            <Section title="By supplier" week={data.week} groups={data.bySupplier} busy={busy} />
            <Section title="By channel" week={data.week} groups={data.byChannel} busy={busy} />
            <AddressProblems byChannel={data.address.byChannel} byCountry={data.address.byCountry} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
