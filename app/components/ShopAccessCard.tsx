import { Badge, Banner, BlockStack, Card, InlineStack, Text } from "@shopify/polaris";

export interface ShopAccessView {
  readonly tokenExpiresAt: string | null;
  readonly refreshable: boolean;
  readonly refreshCount: number;
  readonly lastRefreshedAt: string | null;
  readonly lastRefreshedBy: string | null;
  readonly needsReauth: { readonly at: string; readonly reason: string } | null;
  readonly parkedJobs: number;
}

const time = (iso: string) => new Date(iso).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" }) + " UTC";

/** Shown on the home page only when background work is waiting for the merchant. */
export function ReauthBanner({ access }: { access: ShopAccessView }) {
  if (!access.needsReauth && access.parkedJobs === 0) return null;
  return (
    <Banner tone="critical" title="Dropline is waiting for you to reconnect it to Shopify">
      <p>
        {access.needsReauth ? `${access.needsReauth.reason} (${time(access.needsReauth.at)}). ` : ""}
        {access.parkedJobs} background {access.parkedJobs === 1 ? "job is" : "jobs are"} set aside, nothing is lost: they resume as soon as a store owner or
        staff member with app access opens Dropline in Shopify admin.
      </p>
    </Banner>
  );
}

/** The offline token's upkeep, for the inbox page: when it expires, how often it was refreshed, by whom. */
export function ShopAccessCard({ access }: { access: ShopAccessView }) {
  return (
    <Card>
      <BlockStack gap="200">
        <InlineStack gap="200" blockAlign="center">
          <Text as="h2" variant="headingMd">
            Access to Shopify
          </Text>
          {access.needsReauth ? <Badge tone="critical">Needs the merchant</Badge> : <Badge tone="success">Connected</Badge>}
        </InlineStack>
        <Text as="p">
          {access.tokenExpiresAt
            ? `The offline access token expires at ${time(access.tokenExpiresAt)}; ${access.refreshable ? "background work refreshes it shortly before (or as soon as Shopify refuses it), once for all workers." : "it has no refresh token, so the next expiry needs the merchant."}`
            : "The offline access token does not expire (installed before expiring tokens)."}
        </Text>
        <Text as="p" tone="subdued">
          {access.refreshCount === 0
            ? "Not refreshed yet."
            : `Refreshed ${access.refreshCount} ${access.refreshCount === 1 ? "time" : "times"}; last at ${time(access.lastRefreshedAt ?? "")} by ${access.lastRefreshedBy ?? "—"}.`}
        </Text>
        {access.parkedJobs > 0 ? (
          <Text as="p" tone="critical">
            {access.parkedJobs} {access.parkedJobs === 1 ? "job waits" : "jobs wait"} for the merchant to open Dropline (listed below).
          </Text>
        ) : null}
      </BlockStack>
    </Card>
  );
}

/** Dates as ISO strings for the loader's JSON. */
export function shopAccessView(access: {
  tokenExpiresAt: Date | null;
  refreshable: boolean;
  refreshCount: number;
  lastRefreshedAt: Date | null;
  lastRefreshedBy: string | null;
  needsReauth: { at: Date; reason: string } | null;
  parkedJobs: number;
}): ShopAccessView {
  return {
    ...access,
    tokenExpiresAt: access.tokenExpiresAt?.toISOString() ?? null,
    lastRefreshedAt: access.lastRefreshedAt?.toISOString() ?? null,
    needsReauth: access.needsReauth ? { at: access.needsReauth.at.toISOString(), reason: access.needsReauth.reason } : null,
  };
}
