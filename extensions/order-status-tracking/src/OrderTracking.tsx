/** The order-status block: each parcel's plain stage, the split, and the current delivery window. */
import { decodeOrderTracking } from "../../../app/domain/tracking/order-status";
import { trackingApi } from "./api";
import { buildTrackingView, type FormatDate } from "./tracking-view";

export function OrderTracking() {
  const api = trackingApi();
  const entry = api.appMetafields.value.find((e) => e.target.type === "order" && e.metafield.key === "tracking");
  const status = decodeOrderTracking(typeof entry?.metafield.value === "string" ? entry.metafield.value : null);
  if (!status || (status.p.length === 0 && status.a === 0 && !status.d)) return null;
  const formatDate: FormatDate = (date) => api.i18n.formatDate(new Date(`${date}T12:00:00Z`), { month: "short", day: "numeric", timeZone: "UTC" });
  const view = buildTrackingView(status, (key, replacements) => api.i18n.translate(key, replacements), formatDate);
  return (
    <s-section heading={api.i18n.translate("title")}>
      <s-stack gap="small-200">
        {view.notice && <s-text type="strong">{view.notice.window}</s-text>}
        {view.notice && <s-text color="subdued">{view.notice.reason}</s-text>}
        {view.split && <s-text>{view.split}</s-text>}
        <s-unordered-list>
          {view.parcels.map((p) => (
            <s-list-item key={p.key}>
              <s-stack gap="small-500">
                <s-text type="strong">{p.text}</s-text>
                {p.window && <s-text color="subdued">{p.window}</s-text>}
                {p.link && <s-link href={p.link.href}>{p.link.label}</s-link>}
              </s-stack>
            </s-list-item>
          ))}
        </s-unordered-list>
        {view.awaiting && <s-text color="subdued">{view.awaiting}</s-text>}
      </s-stack>
    </s-section>
  );
}
