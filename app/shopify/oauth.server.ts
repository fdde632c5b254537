import type { Clock } from "~/domain/clock";
import { z } from "zod";
import { AdminApiError } from "./errors";

/** What Shopify's token endpoint returns for an expiring offline token. */
const TokenResponse = z.object({
  access_token: z.string().min(1),
  scope: z.string().optional(),
  expires_in: z.number().int().positive().optional(),
  refresh_token: z.string().min(1).optional(),
  refresh_token_expires_in: z.number().int().positive().optional(),
});

export interface RefreshedToken {
  readonly accessToken: string;
  readonly scope: string | null;
  /** null: the new token does not expire. */
  readonly expires: Date | null;
  readonly refreshToken: string | null;
  readonly refreshTokenExpires: Date | null;
}

/** Shopify refused the refresh for good (revoked, expired or already-replaced refresh token): only the merchant can fix it. */
export class RefreshRefusedError extends Error {
  constructor(
    readonly shop: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(`Shopify refused to refresh the access token for ${shop} (HTTP ${status}, ${code})`);
    this.name = "RefreshRefusedError";
  }
}

export type RefreshFn = (shop: string, refreshToken: string) => Promise<RefreshedToken>;

export interface TokenEndpointOptions {
  readonly apiKey: string;
  readonly apiSecret: string;
  /** Overrides https://{shop} (the demo and tests point it at the fake Admin API). */
  readonly origin?: string;
  readonly fetch?: typeof fetch;
  readonly now?: Clock;
}

/**
 * `POST https://{shop}/admin/oauth/access_token` with `grant_type=refresh_token`, as Shopify
 * documents it. A 4xx answer is a refusal (RefreshRefusedError); a 5xx or a network failure is
 * retryable (AdminApiError) — the refresh token was not spent, or Shopify keeps it until the new
 * one is used.
 */
export function refreshWithTokenEndpoint(options: TokenEndpointOptions): RefreshFn {
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const now = options.now ?? (() => new Date());
  return async (shop, refreshToken) => {
    const url = `${options.origin ?? `https://${shop}`}/admin/oauth/access_token`;
    let response: Response;
    try {
      response = await doFetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json", "X-Shopify-Shop-Domain": shop },
        body: JSON.stringify({ client_id: options.apiKey, client_secret: options.apiSecret, grant_type: "refresh_token", refresh_token: refreshToken }),
      });
    } catch (error) {
      throw new AdminApiError("network", `token refresh for ${shop}: ${error instanceof Error ? error.message : String(error)}`, {
        operationName: "refreshToken",
      });
    }
    const body = (await response.json().catch(() => ({}))) as { error?: unknown };
    if (response.status >= 400 && response.status < 500) {
      throw new RefreshRefusedError(shop, response.status, typeof body.error === "string" ? body.error : "refused");
    }
    if (!response.ok) {
      throw new AdminApiError("http", `token refresh for ${shop}: Shopify answered HTTP ${response.status}`, {
        operationName: "refreshToken",
        status: response.status,
      });
    }
    const parsed = TokenResponse.safeParse(body);
    if (!parsed.success) {
      throw new AdminApiError("network", `token refresh for ${shop}: unexpected answer (${parsed.error.issues[0]?.message ?? "invalid"})`, {
        operationName: "refreshToken",
      });
    }
    const t = parsed.data;
    const at = now().getTime();
    return {
      accessToken: t.access_token,
      scope: t.scope ?? null,
      expires: t.expires_in ? new Date(at + t.expires_in * 1000) : null,
      refreshToken: t.refresh_token ?? null,
      refreshTokenExpires: t.refresh_token_expires_in ? new Date(at + t.refresh_token_expires_in * 1000) : null,
    };
  };
}
