import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { fail, failure, formFailure, ok } from "~/domain/result";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import { Badge, Banner, BlockStack, Button, Card, DataTable, EmptyState, InlineStack, Layout, Page, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import prisma from "~/db.server";
import { decodePromiseData, decodeShopCalendar } from "~/domain/promise";
import { PROMISE_PUBLISH_JOB, promiseRepublishNowJob } from "~/services/queue/promise";
import { desiredPromiseValues } from "~/services/promise/publish.server";
import { listOffers } from "~/models/offers.server";
import { formatCountryCarrierHolidays, parseCarrierHolidaysForm, parseConfidenceForm, parseCountryCarrierHolidaysForm } from "~/models/promise-form";
import { AccuracyCard, ConfidenceCard } from "~/components/promise/PromiseAccuracyCards";
import { promiseAccuracy } from "~/services/promise/accuracy.server";
import { CALENDAR_KEY, loadCarrierHolidays, loadCarrierHolidaysByCountry, PROMISE_KEY, publishedValues } from "~/models/promise.server";
import { updateCarrierHolidays, updatePromiseConfidence } from "~/services/promise/holidays.server";
import { listSuppliers } from "~/models/suppliers.server";
import { confirmPromise, promiseConfirmedAt } from "~/models/setup.server";
import { authenticate } from "~/shopify.server";
import { services } from "~/services.server";

type RowState = "published" | "waiting" | "removing";

/** One variant as the page shows it: what Shopify holds, and whether a change is waiting. */
interface VariantRow {
  readonly variantId: string;
  readonly sku: string;
  readonly suppliers: string;
  readonly handling: string;
  readonly bytes: number;
  readonly publishedAt: string | null;
  readonly state: RowState;
}

const days = ([min, max]: readonly [number, number]): string => (min === max ? `${min} d` : `${min}–${max} d`);

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const shop = session.shop;
  const [published, desired, suppliers, offers, holidays, holidaysByCountry, queued, confirmedAt, accuracy] = await Promise.all([
    publishedValues(prisma, shop),
    desiredPromiseValues({ db: prisma, now: () => new Date() }, shop),
    listSuppliers(prisma, shop),
    listOffers(prisma, shop),
    loadCarrierHolidays(prisma, shop),
    loadCarrierHolidaysByCountry(prisma, shop),
    prisma.job.count({ where: { shop, kind: PROMISE_PUBLISH_JOB, status: { in: ["queued", "running"] } } }),
    promiseConfirmedAt(prisma, shop),
    promiseAccuracy(prisma, shop),
  ]);
  const names = new Map(suppliers.map((s) => [s.id, s.name]));
  const skus = new Map(offers.map((o) => [o.variantId, o.sku]));
  const wanted = new Map(desired.variants.map((v) => [v.variantId, v.value]));
  const rows: VariantRow[] = published
    .filter((p) => p.key === PROMISE_KEY)
    .map((p) => {
      const data = decodePromiseData(p.value);
      const first = data?.suppliers[0];
      const want = wanted.get(p.ownerId);
      return {
        variantId: p.ownerId,
        sku: skus.get(p.ownerId) ?? "—",
        suppliers: (data?.suppliers ?? []).map((s) => names.get(s.id ?? "") ?? "(removed supplier)").join(" → "),
        handling: first ? `${days(first.handling)} handling, cut-off ${first.cutoff} ${first.tz}` : "—",
        bytes: new TextEncoder().encode(p.value).length,
        publishedAt: p.publishedAt.toISOString(),
        state: want === undefined ? "removing" : want === p.value ? "published" : "waiting",
      };
    });
  const publishedIds = new Set(rows.map((r) => r.variantId));
  for (const v of desired.variants) {
    if (publishedIds.has(v.variantId)) continue;
    rows.push({
      variantId: v.variantId,
      sku: skus.get(v.variantId) ?? "—",
      suppliers: v.supplierIds.map((id) => names.get(id) ?? id).join(" → "),
      handling: "—",
      bytes: v.bytes,
      publishedAt: null,
      state: "waiting",
    });
  }
  rows.sort((a, b) => a.sku.localeCompare(b.sku) || a.variantId.localeCompare(b.variantId));
  const calendarRow = published.find((p) => p.key === CALENDAR_KEY);
  return {
    rows,
    queued: queued > 0,
    holidays: holidays.join("\n"),
    holidaysByCountry: formatCountryCarrierHolidays(holidaysByCountry),
    confirmedAt: confirmedAt?.toISOString() ?? null,
    calendar: calendarRow ? { dates: decodeShopCalendar(calendarRow.value)?.chol ?? [], publishedAt: calendarRow.publishedAt.toISOString() } : null,
    accuracy,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const form = Object.fromEntries(await request.formData());
  if (form.intent === "republish") {
    await services().queue.enqueue(promiseRepublishNowJob(session.shop, new Date()));
    return ok({ message: "Republishing: every variant's promise data is sent to Shopify again in a moment." });
  }
  if (form.intent === "confirm") {
    // The setup checklist's "check the delivery promise" step: the merchant's own acknowledgement.
    await confirmPromise(prisma, session.shop, services().now());
    return ok({ message: "Confirmed: the setup checklist counts the delivery promise as checked." });
  }
  if (form.intent === "calendar") {
    const parsed = parseCarrierHolidaysForm(form);
    if (!parsed.ok) return fail(formFailure({ carrierHolidays: parsed.failure.message }));
    // A post without the per-country field (an older form) leaves the per-country dates alone.
    const byCountry = "carrierHolidaysByCountry" in form ? parseCountryCarrierHolidaysForm(form) : null;
    if (byCountry && !byCountry.ok) return fail(formFailure({ carrierHolidaysByCountry: byCountry.failure.message }));
    await updateCarrierHolidays(prisma, session.shop, parsed.value, byCountry?.value);
    const countries = Object.keys(byCountry?.value ?? {}).length;
    return ok({
      message: `Saved ${parsed.value.length} carrier holiday(s)${countries > 0 ? ` and the dates of ${countries} countr${countries === 1 ? "y" : "ies"}` : ""}; checkout gets them within a minute.`,
    });
  }
  if (form.intent === "confidence") {
    const parsed = parseConfidenceForm(form);
    if (!parsed.ok) return fail(formFailure({ confidence: parsed.failure.message }));
    await updatePromiseConfidence(prisma, session.shop, parsed.value);
    return ok({ message: `Promise confidence set to ${parsed.value} %; checkout's windows follow within a minute.` });
  }
  return fail(failure("Unknown action."));
}

const STATE_BADGE: Record<RowState, { tone: "success" | "attention" | "warning"; label: string }> = {
  published: { tone: "success", label: "Published" },
  waiting: { tone: "attention", label: "Change waiting" },
  removing: { tone: "warning", label: "To remove" },
};

const when = (iso: string | null): string =>
  iso ? new Date(iso).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC" : "—";

function CalendarCard({
  holidays,
  holidaysByCountry,
  calendar,
  error,
  countryError,
  busy,
}: {
  holidays: string;
  holidaysByCountry: string;
  calendar: { dates: readonly string[]; publishedAt: string } | null;
  error: string | null;
  countryError: string | null;
  busy: boolean;
}) {
  const [value, setValue] = useState(holidays);
  const [countryValue, setCountryValue] = useState(holidaysByCountry);
  return (
    <Card>
      <Form method="post">
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Carrier holidays
          </Text>
          <Text as="p" tone="subdued">
            Days carriers do not deliver (weekends already count). Checkout, the product page and routing skip them for every supplier.
          </Text>
          <input type="hidden" name="intent" value="calendar" />
          <TextField
            label="Dates (YYYY-MM-DD, one per line)"
            name="carrierHolidays"
            value={value}
            onChange={setValue}
            multiline={4}
            autoComplete="off"
            error={error ?? undefined}
          />
          <TextField
            label="Holidays of one destination country only (one country a line)"
            helpText="For example “FR: 2026-07-14, 2026-08-15”: counted only for parcels to that country, on top of the dates above."
            name="carrierHolidaysByCountry"
            value={countryValue}
            onChange={setCountryValue}
            multiline={3}
            autoComplete="off"
            error={countryError ?? undefined}
          />
          <Text as="p" tone="subdued">
            {calendar
              ? `Published ${when(calendar.publishedAt)}: ${calendar.dates.length === 0 ? "no dates" : calendar.dates.join(", ")}`
              : "Not published yet."}
          </Text>
          <InlineStack>
            <Button submit loading={busy}>
              Save holidays
            </Button>
          </InlineStack>
        </BlockStack>
      </Form>
    </Card>
  );
}

/** The merchant's acknowledgement that the windows checkout shows are right (a setup step). */
function ConfirmCard({ confirmedAt, busy }: { confirmedAt: string | null; busy: boolean }) {
  return (
    <Card>
      <Form method="post">
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Is this what checkout should promise?
          </Text>
          <Text as="p" tone="subdued">
            {confirmedAt
              ? `Confirmed ${when(confirmedAt)}. Confirm again after changing suppliers' handling or transit times.`
              : "Check each variant's suppliers, handling and cut-off, then confirm. Setup counts this step done only once you do."}
          </Text>
          <input type="hidden" name="intent" value="confirm" />
          <InlineStack>
            <Button submit variant={confirmedAt ? "secondary" : "primary"} loading={busy}>
              {confirmedAt ? "Confirm again" : "Confirm the promise"}
            </Button>
          </InlineStack>
        </BlockStack>
      </Form>
    </Card>
  );
}

export default function PromisePage() {
  const { rows, queued, holidays, holidaysByCountry, calendar, confirmedAt, accuracy } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  // A field error shows under its field; anything else in the banner.
  const banner = !result ? null : result.ok ? result.value.message : result.failure.fieldErrors ? null : result.failure.message;
  const holidaysError = result && !result.ok ? (result.failure.fieldErrors?.carrierHolidays ?? null) : null;
  const countryHolidaysError = result && !result.ok ? (result.failure.fieldErrors?.carrierHolidaysByCountry ?? null) : null;
  const confidenceError = result && !result.ok ? (result.failure.fieldErrors?.confidence ?? null) : null;
  const busy = useNavigation().state !== "idle";
  return (
    <Page
      title="Delivery promise"
      subtitle="What checkout and the product page read to show each variant's delivery window"
      secondaryActions={[{ content: "Preview what a shopper sees", url: "/app/promise/preview" }]}
    >
      <TitleBar title="Delivery promise" />
      <Layout>
        {banner ? (
          <Layout.Section>
            <Banner tone={result?.ok ? "success" : "warning"}>{banner}</Banner>
          </Layout.Section>
        ) : null}
        {queued ? (
          <Layout.Section>
            <Banner tone="info">A republish is queued; changes reach Shopify within a minute.</Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <Card padding="0">
            {rows.length === 0 ? (
              <EmptyState heading="Nothing published yet" image="">
                <p>Variants get promise data once an active supplier has an offer for them.</p>
              </EmptyState>
            ) : (
              <DataTable
                columnContentTypes={["text", "text", "text", "numeric", "text", "text"]}
                headings={["SKU", "Suppliers (checkout tries them in this order)", "First supplier", "Bytes", "Published", "State"]}
                rows={rows.map((r) => [
                  r.sku,
                  r.suppliers,
                  r.handling,
                  r.bytes,
                  when(r.publishedAt),
                  <Badge key={r.variantId} tone={STATE_BADGE[r.state].tone}>
                    {STATE_BADGE[r.state].label}
                  </Badge>,
                ])}
              />
            )}
          </Card>
        </Layout.Section>
        <Layout.Section>
          <BlockStack gap="400">
            <ConfidenceCard confidence={accuracy.confidence} backtest={accuracy.backtest} names={accuracy.names} error={confidenceError} busy={busy} />
            <AccuracyCard report={accuracy.report} names={accuracy.names} />
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <ConfirmCard confirmedAt={confirmedAt} busy={busy} />
            <CalendarCard
              holidays={holidays}
              holidaysByCountry={holidaysByCountry}
              calendar={calendar}
              error={holidaysError}
              countryError={countryHolidaysError}
              busy={busy}
            />
            <Card>
              <Form method="post">
                <BlockStack gap="300">
                  <Text as="p" tone="subdued">
                    Promise data is republished after every supplier, offer or policy change, and hourly. Republish now sends every value again.
                  </Text>
                  <input type="hidden" name="intent" value="republish" />
                  <InlineStack>
                    <Button submit loading={busy}>
                      Republish now
                    </Button>
                  </InlineStack>
                </BlockStack>
              </Form>
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
