/** The SKU-mapping report's categories, one card each, with what to do next when a list is empty. */
import { Badge, BlockStack, Card, DataTable, Link, Text } from "@shopify/polaris";
import type { ReactNode } from "react";

const utcDay = (iso: string) => new Date(iso).toLocaleDateString("en-US", { dateStyle: "medium", timeZone: "UTC" });
const SHOWN = 50;

function ReportCard(props: { id: string; title: string; count: number; help: string; empty: string; children: ReactNode; more?: number }) {
  return (
    <Card>
      <BlockStack gap="300">
        <div id={props.id}>
          <Text as="h2" variant="headingMd">
            {props.title} <Badge tone={props.count > 0 ? "attention" : "success"}>{String(props.count)}</Badge>
          </Text>
        </div>
        <Text as="p" tone="subdued">
          {props.help}
        </Text>
        {props.count === 0 ? <Text as="p">{props.empty}</Text> : props.children}
        {props.more && props.more > 0 ? (
          <Text as="p" tone="subdued">
            {`…and ${props.more} more.`}
          </Text>
        ) : null}
      </BlockStack>
    </Card>
  );
}

export interface SoldRow {
  readonly variantId: string;
  readonly sku: string | null;
  readonly title: string;
  readonly units: number;
  readonly orders: number;
  readonly lastSoldAt: string;
}

export function SoldWithoutOfferCard({ rows, windowDays }: { rows: readonly SoldRow[]; windowDays: number }) {
  return (
    <ReportCard
      id="sold-without-offer"
      title={`Sold in the last ${windowDays} days with no supplier offer`}
      count={rows.length}
      help="Routing holds these lines for a person. Accept a suggestion above, or add the offer to your offers CSV."
      empty="Every variant sold in this window has at least one supplier offer."
      more={rows.length - SHOWN}
    >
      <DataTable
        columnContentTypes={["text", "text", "numeric", "numeric", "text"]}
        headings={["SKU", "Item", "Units", "Orders", "Last sold"]}
        rows={rows.slice(0, SHOWN).map((r) => [r.sku ?? "(no SKU)", r.title, r.units, r.orders, utcDay(r.lastSoldAt)])}
      />
      <Link url="/app/offers">Import offers</Link>
    </ReportCard>
  );
}

export interface PublishedRow {
  readonly variantId: string;
  readonly sku: string | null;
  readonly productTitle: string;
  readonly title: string;
}

export function PublishedWithoutOfferCard({ rows, readAt }: { rows: readonly PublishedRow[]; readAt: string | null }) {
  return (
    <ReportCard
      id="published-without-offer"
      title="Active in Shopify with no supplier offer"
      count={rows.length}
      help={
        readAt
          ? "Fine for products you ship yourself; a dropshipped one needs an offer before its first order."
          : "The catalogue has not been read from Shopify yet."
      }
      empty={readAt ? "Every active variant has a supplier offer." : "Read the catalogue from Shopify to see this list."}
      more={rows.length - SHOWN}
    >
      <DataTable
        columnContentTypes={["text", "text"]}
        headings={["SKU", "Product / variant"]}
        rows={rows.slice(0, SHOWN).map((r) => [r.sku ?? "(no SKU)", r.title === "Default Title" ? r.productTitle : `${r.productTitle} — ${r.title}`])}
      />
    </ReportCard>
  );
}

export interface BrokenRow {
  readonly offerId: string;
  readonly sku: string;
  readonly supplierName: string;
  readonly supplierSku: string;
  readonly reason: "deleted" | "archived";
  readonly productTitle: string | null;
}

export function BrokenOffersCard({ rows, readAt }: { rows: readonly BrokenRow[]; readAt: string | null }) {
  return (
    <ReportCard
      id="broken-offers"
      title="Offers on deleted or archived variants"
      count={rows.length}
      help="Stock is published and promises computed for variants nobody can buy. Remove these offers from your CSV, or restore the product."
      empty={readAt ? "Every offer points at a variant that exists and is not archived." : "Read the catalogue from Shopify to check the offers."}
    >
      <DataTable
        columnContentTypes={["text", "text", "text", "text"]}
        headings={["SKU", "Supplier", "Supplier SKU", "Problem"]}
        rows={rows.map((r) => [
          r.sku,
          r.supplierName,
          r.supplierSku,
          r.reason === "deleted" ? "The variant was deleted in Shopify" : `Product "${r.productTitle ?? ""}" is archived`,
        ])}
      />
    </ReportCard>
  );
}

export interface DuplicateRow {
  readonly supplierName: string;
  readonly supplierSku: string;
  readonly skus: readonly string[];
}

export function DuplicatesCard({ rows }: { rows: readonly DuplicateRow[] }) {
  return (
    <ReportCard
      id="duplicate-supplier-skus"
      title="Supplier SKUs mapped twice"
      count={rows.length}
      help="One supplier item on two of your variants: its stock counts for both and either can oversell. Keep the right one in your offers CSV."
      empty="No supplier SKU is mapped to more than one variant."
    >
      <DataTable
        columnContentTypes={["text", "text", "text"]}
        headings={["Supplier", "Supplier SKU", "Your SKUs"]}
        rows={rows.map((r) => [r.supplierName, r.supplierSku, r.skus.join(", ")])}
      />
    </ReportCard>
  );
}

export function SuppliersWithoutFeedCard({ rows }: { rows: readonly { id: string; name: string; offers: number }[] }) {
  return (
    <ReportCard
      id="suppliers-without-feed"
      title="Suppliers with offers but no stock feed"
      count={rows.length}
      help="Their stock is only what you typed, and grows staler every day: the buffer grows with it."
      empty="Every supplier with offers has a stock feed."
    >
      <DataTable
        columnContentTypes={["text", "numeric", "text"]}
        headings={["Supplier", "Offers", ""]}
        rows={rows.map((r) => [
          r.name,
          r.offers,
          <Link key={r.id} url={`/app/feeds/${r.id}`}>
            Set up the feed
          </Link>,
        ])}
      />
    </ReportCard>
  );
}

export function UnmatchedRowsCard({ rows }: { rows: readonly { supplierName: string; supplierSku: string; source: string; title: string | null }[] }) {
  return (
    <ReportCard
      id="unmatched-rows"
      title="Supplier items that resemble none of your variants"
      count={rows.length}
      help="Items in a supplier's feed or offers CSV that no offer uses and no variant resembles: products you do not sell, or a SKU to add in Shopify."
      empty="Every supplier item is mapped or has a suggestion."
      more={rows.length - SHOWN}
    >
      <DataTable
        columnContentTypes={["text", "text", "text"]}
        headings={["Supplier", "Supplier SKU", "From"]}
        rows={rows
          .slice(0, SHOWN)
          .map((r) => [r.supplierName, r.title ? `${r.supplierSku} (${r.title})` : r.supplierSku, r.source === "feed" ? "Stock feed" : "Offers CSV"])}
      />
    </ReportCard>
  );
}
