import { DEFAULT_ESCALATION_CONFIG, type EscalationConfig } from "~/domain/escalation";
import type { JobServices } from "~/services/deps";
import { mailerFromEnv, type Mailer } from "./mail.server";

/** What coordination work needs beyond the shared job services. */
export interface CoordinationServices extends JobServices {
  readonly mailer: Mailer;
  /** The app's public URL (portal links in emails). */
  readonly appUrl: string;
  readonly escalation: EscalationConfig;
  /** Outbound HTTP for suppliers' webhooks. */
  readonly fetch: typeof fetch;
}

export function coordinationServices(base: JobServices, extra: Partial<Omit<CoordinationServices, keyof JobServices>> = {}): CoordinationServices {
  return {
    ...base,
    mailer: extra.mailer ?? mailerFromEnv(),
    appUrl: (extra.appUrl ?? process.env.SHOPIFY_APP_URL ?? "http://localhost:3000").replace(/\/+$/, ""),
    escalation: extra.escalation ?? DEFAULT_ESCALATION_CONFIG,
    fetch: extra.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args)),
  };
}
