/**
 * What the order page says about an address hold: each problem in the check's words (what to fix
 * in Shopify), a link to the order in Shopify admin, and a button to check again at once.
 */
import { Banner, BlockStack, List, Text } from "@shopify/polaris";

export interface AddressHoldView {
  readonly status: "held" | "released" | "cancelled";
  readonly problems: readonly string[];
  readonly heldAt: string;
  readonly checkedAt: string;
  readonly releasedAt: string | null;
}

const when = (iso: string) => new Date(iso).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC";

export function AddressHoldBanner({
  hold,
  orderAdminUrl,
  onRecheck,
  busy,
}: {
  hold: AddressHoldView;
  orderAdminUrl: string;
  onRecheck: () => void;
  busy: boolean;
}) {
  if (hold.status === "released") {
    return (
      <Banner tone="success" title="Shipping address fixed">
        <p>The address passed the check on {when(hold.releasedAt ?? hold.checkedAt)}; the hold was released and the order routed again.</p>
      </Banner>
    );
  }
  if (hold.status === "cancelled") return null;
  return (
    <Banner
      tone="critical"
      title="Held: the shipping address must be fixed in Shopify before the purchase order can leave"
      action={{ content: "Edit the order in Shopify", url: orderAdminUrl, target: "_top" }}
      secondaryAction={{ content: busy ? "Checking…" : "Check again now", onAction: onRecheck }}
    >
      <BlockStack gap="200">
        <List type="bullet">
          {hold.problems.map((p, i) => (
            <List.Item key={i}>{p}</List.Item>
          ))}
        </List>
        <Text as="p" tone="subdued">
          Held since {when(hold.heldAt)}, last checked {when(hold.checkedAt)}. Dropline checks again when the order is edited in Shopify, and every 30 minutes.
        </Text>
      </BlockStack>
    </Banner>
  );
}
