/**
 * Shopify's token endpoint (`POST /admin/oauth/access_token`) for offline access tokens, as the
 * documentation describes it (checked 2026-12):
 * - token exchange (`urn:ietf:params:oauth:grant-type:token-exchange`) turns the session token
 *   (id token, HS256 signed with the app's secret) into an offline access token; with
 *   `expiring=1` it expires (`expires_in`, 3600 s by default) and comes with a refresh token;
 * - `grant_type=refresh_token` returns a new access token and a new refresh token. The refresh
 *   token rotates: the one used stays valid only until the app starts using its replacement (the
 *   new access token reaches the Admin API, or the new refresh token is used) — Shopify's
 *   "more resilient refreshes" behaviour of 2026-08 — and then stops working;
 * - a refused grant answers HTTP 400 `{"error":"invalid_grant","error_description":…}`; an
 *   expired or unknown access token gets the Admin API's 401 body.
 * Every request is logged so tests can count refreshes.
 */
import crypto from "node:crypto";

export interface OAuthOptions {
  /** The app's client id and secret (token requests must carry them; id tokens are signed with the secret). */
  readonly apiKey: string;
  readonly apiSecret: string;
  /** Lifetime of an expiring offline access token (Shopify: 3600 s). */
  readonly accessTokenLifetimeSeconds?: number;
  /** Lifetime of a refresh token (Shopify: 90 days). */
  readonly refreshTokenLifetimeSeconds?: number;
  /** The scopes granted with every token (the app's configured scopes). */
  readonly scope?: string;
}

export interface TokenRequestRecord {
  readonly shop: string;
  readonly grantType: string;
  readonly status: number;
  readonly at: string;
  /** The refresh token presented (refresh grants only). */
  readonly refreshToken?: string;
}

export interface IssuedTokens {
  readonly access_token: string;
  readonly scope: string;
  readonly expires_in?: number;
  readonly refresh_token?: string;
  readonly refresh_token_expires_in?: number;
}

interface AccessRecord {
  readonly shop: string;
  expiresAt: number | null;
  /** The refresh token this access token replaced; retired the first time this token is used. */
  readonly retires?: string;
}

interface RefreshRecord {
  readonly shop: string;
  readonly expiresAt: number;
  retired: boolean;
  /** The refresh token this one replaced; retired the first time this one is used. */
  readonly retires?: string;
}

export type AccessCheck = "valid" | "expired" | "unknown";

const TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
const OFFLINE_TOKEN_TYPE = "urn:shopify:params:oauth:token-type:offline-access-token";

function invalidGrant(description: string) {
  return { status: 400, body: { error: "invalid_grant", error_description: description } };
}

export class OAuthAuthority {
  private readonly access = new Map<string, AccessRecord>();
  private readonly refresh = new Map<string, RefreshRecord>();
  private readonly log: TokenRequestRecord[] = [];

  constructor(
    private options: OAuthOptions | undefined,
    private readonly now: () => number,
  ) {}

  configure(options: Partial<OAuthOptions>): void {
    this.options = { apiKey: "", apiSecret: "", ...this.options, ...options };
  }

  requests(): readonly TokenRequestRecord[] {
    return this.log;
  }

  /** Issues an offline token pair directly (tests and the demo's install step use token exchange instead where they can). */
  issue(shop: string, expiring = true, retires?: string): IssuedTokens {
    const token = `shpat_${crypto.randomBytes(16).toString("hex")}`;
    const scope = this.options?.scope ?? "";
    if (!expiring) {
      this.access.set(token, { shop, expiresAt: null });
      return { access_token: token, scope };
    }
    const lifetime = this.options?.accessTokenLifetimeSeconds ?? 3600;
    const refreshLifetime = this.options?.refreshTokenLifetimeSeconds ?? 90 * 24 * 3600;
    const refreshToken = `shprt_${crypto.randomBytes(16).toString("hex")}`;
    this.access.set(token, { shop, expiresAt: this.now() + lifetime * 1000, ...(retires ? { retires } : {}) });
    this.refresh.set(refreshToken, { shop, expiresAt: this.now() + refreshLifetime * 1000, retired: false, ...(retires ? { retires } : {}) });
    return { access_token: token, scope, expires_in: lifetime, refresh_token: refreshToken, refresh_token_expires_in: refreshLifetime };
  }

  /** Whether an Admin API request may use this token; using a replacement retires the refresh token it replaced. */
  checkAccess(shop: string, token: string): AccessCheck {
    const record = this.access.get(token);
    if (!record || record.shop !== shop) return "unknown";
    if (record.expiresAt !== null && record.expiresAt <= this.now()) return "expired";
    if (record.retires) this.retire(record.retires);
    return "valid";
  }

  /** Ends every access token of the shop now (as if their hour had passed). */
  expireAccessTokens(shop: string): number {
    let n = 0;
    for (const record of this.access.values()) {
      if (record.shop === shop && (record.expiresAt === null || record.expiresAt > this.now())) {
        record.expiresAt = this.now();
        n++;
      }
    }
    return n;
  }

  /** Revokes every refresh token of the shop (e.g. the merchant's access was withdrawn). */
  revokeRefreshTokens(shop: string): number {
    let n = 0;
    for (const record of this.refresh.values()) {
      if (record.shop === shop && !record.retired) {
        record.retired = true;
        n++;
      }
    }
    return n;
  }

  /** Answers POST /admin/oauth/access_token for `shop` (body as JSON or form fields). */
  handleTokenRequest(shop: string | undefined, fields: Record<string, string>): { status: number; body: unknown } {
    const grantType = fields.grant_type ?? "";
    const answer = this.answer(shop, grantType, fields);
    this.log.push({
      shop: shop ?? "",
      grantType,
      status: answer.status,
      at: new Date(this.now()).toISOString(),
      ...(grantType === "refresh_token" && fields.refresh_token ? { refreshToken: fields.refresh_token } : {}),
    });
    return answer;
  }

  private answer(shop: string | undefined, grantType: string, fields: Record<string, string>): { status: number; body: unknown } {
    const options = this.options;
    if (!options) return { status: 400, body: { error: "invalid_client", error_description: "the fake has no app credentials configured (oauth option)" } };
    if (!shop) return { status: 404, body: { errors: "Not Found" } };
    if (fields.client_id !== options.apiKey || fields.client_secret !== options.apiSecret) {
      return { status: 401, body: { error: "invalid_client", error_description: "Client authentication failed" } };
    }
    if (grantType === "refresh_token") {
      const presented = fields.refresh_token ?? "";
      const record = this.refresh.get(presented);
      if (!record || record.shop !== shop || record.retired || record.expiresAt <= this.now()) {
        return invalidGrant("The refresh token is invalid, expired or was already replaced.");
      }
      if (record.retires) this.retire(record.retires);
      return { status: 200, body: this.issue(shop, true, presented) };
    }
    if (grantType === TOKEN_EXCHANGE) {
      if (fields.requested_token_type !== OFFLINE_TOKEN_TYPE) {
        return { status: 400, body: { error: "invalid_request", error_description: "Only offline access tokens are issued by this fake." } };
      }
      if (!this.validIdToken(fields.subject_token ?? "", shop, options)) {
        return { status: 400, body: { error: "invalid_subject_token", error_description: "The session token is invalid." } };
      }
      return { status: 200, body: this.issue(shop, fields.expiring === "1" || fields.expiring === "true") };
    }
    return { status: 400, body: { error: "unsupported_grant_type", error_description: `Unsupported grant type "${grantType}"` } };
  }

  private retire(refreshToken: string): void {
    const record = this.refresh.get(refreshToken);
    if (record) record.retired = true;
  }

  /** An id token signed with the app's secret, for the app, naming this shop, not expired. */
  private validIdToken(jwt: string, shop: string, options: OAuthOptions): boolean {
    const [header, payload, signature] = jwt.split(".");
    if (!header || !payload || !signature) return false;
    const expected = crypto.createHmac("sha256", options.apiSecret).update(`${header}.${payload}`).digest("base64url");
    if (expected.length !== signature.length || !crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(signature))) return false;
    try {
      const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { aud?: string; dest?: string; exp?: number };
      const dest = claims.dest ? new URL(claims.dest).hostname : "";
      return claims.aud === options.apiKey && dest === shop && typeof claims.exp === "number" && claims.exp * 1000 > this.now() - 10_000;
    } catch {
      return false;
    }
  }
}
