import { DEFAULT_ESCALATION_CONFIG, type EscalationConfig } from "~/domain/escalation";
import { DEFAULT_PORTAL_LINK_POLICY, type PortalLinkPolicy } from "~/domain/portal-link";
import type { JobServices } from "~/services/deps";
import { guardedPost } from "~/services/outbound/guarded-http.server";
import { mailerFromEnv, type Mailer } from "./mail.server";

/** What coordination work needs beyond the shared job services. */
export interface CoordinationServices extends JobServices {
  readonly mailer: Mailer;
  /** The app's public URL (portal links in emails). */
  readonly appUrl: string;
  readonly escalation: EscalationConfig;
  /** How long portal links and emailed purchase-order links work (DROPLINE_PORTAL_LINK_TTL_DAYS, DROPLINE_PO_LINK_DAYS_AFTER_SHIP_BY). */
  readonly portalLinks: PortalLinkPolicy;
  /**
   * POSTs to a supplier's webhook URL through the SSRF guard (public addresses only, checked at
   * connect time, redirects re-checked); answers the status only, never the response body.
   */
  readonly postToSupplier: SupplierPoster;
}

export type SupplierPoster = (
  url: string,
  post: { readonly headers: Readonly<Record<string, string>>; readonly body: string; readonly timeoutMs: number },
) => Promise<{ readonly status: number }>;

/** The supplier webhook poster; `allowLoopback` only for tests and the local demo (refused in production by env.server). */
export function guardedSupplierPoster(options: { readonly allowLoopback?: boolean } = {}): SupplierPoster {
  return (url, post) => guardedPost(url, post, { what: "The supplier's webhook URL", allowLoopback: options.allowLoopback ?? false });
}

export function coordinationServices(base: JobServices, extra: Partial<Omit<CoordinationServices, keyof JobServices>> = {}): CoordinationServices {
  return {
    ...base,
    mailer: extra.mailer ?? mailerFromEnv(),
    appUrl: (extra.appUrl ?? process.env.SHOPIFY_APP_URL ?? "http://localhost:3000").replace(/\/+$/, ""),
    escalation: extra.escalation ?? DEFAULT_ESCALATION_CONFIG,
    portalLinks: extra.portalLinks ?? DEFAULT_PORTAL_LINK_POLICY,
    postToSupplier: extra.postToSupplier ?? guardedSupplierPoster(),
  };
}
