import { z } from "zod";
import { parseKeyring } from "./secret-box.server";

/** Days raw webhook payloads are kept by default (issue 16, finding 5). */
export const DEFAULT_PAYLOAD_RETENTION_DAYS = 30;

/** Days a supplier's portal link works by default (issue 16, finding 6). */
export const DEFAULT_PORTAL_LINK_TTL_DAYS = 90;
/** Days after ship-by an emailed purchase-order link works by default (the rule before it was configurable). */
export const DEFAULT_PO_LINK_DAYS_AFTER_SHIP_BY = 30;

const retentionDays = (fallback: number) => z.coerce.number().int().min(1).max(3650).default(fallback);

/** Days a supplier still sees a purchase order after it closed, by default (issue 16, finding 5; as app/services/coordination). */
const DEFAULT_SUPPLIER_PO_VISIBILITY_DAYS = 30;

/** A byte count between 1 KiB and 1 GiB. */
const bytes = (fallback: number) =>
  z.coerce
    .number()
    .int()
    .min(1024, "must be at least 1024 bytes")
    .max(1024 ** 3, "must be at most 1 GiB")
    .default(fallback);

/** Environment, validated once at boot so a misconfiguration fails loudly with the variable's name. */
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  SHOPIFY_API_KEY: z.string().min(1, "SHOPIFY_API_KEY is required (the app's client id)"),
  SHOPIFY_API_SECRET: z.string().min(1, "SHOPIFY_API_SECRET is required (the app's client secret)"),
  SHOPIFY_APP_URL: z.string().url("SHOPIFY_APP_URL must be the app's public URL"),
  SCOPES: z.string().optional(),
  DATABASE_URL: z.string().default("file:./prisma/dev.sqlite"),
  /** Connections in each process's Prisma pool on PostgreSQL (web and worker processes each hold one). */
  DATABASE_POOL_SIZE: z.coerce.number().int().positive().max(200).default(10),
  /**
   * The job queue: "auto" (default) runs pg-boss on PostgreSQL and the Job-table queue on SQLite;
   * "table" keeps the Job-table queue on PostgreSQL too (e.g. tests driving a manual clock).
   */
  DROPLINE_QUEUE: z.enum(["auto", "table", "pg-boss"]).default("auto"),
  /** Where Admin API calls go. Unset in production (https://{shop}); the demo and tests point it at the fake. */
  SHOPIFY_ADMIN_API_ORIGIN: z.string().url().optional(),
  /**
   * Refresh an expiring offline access token this many seconds before it expires (Shopify's tokens
   * last an hour; the demo's two minutes).
   */
  SHOPIFY_TOKEN_REFRESH_MARGIN_SECONDS: z.coerce.number().int().min(0).max(3000).default(300),
  /** "1" turns on the demo module (local App Bridge stand-in, token launcher). Refused in production. */
  DROPLINE_DEMO: z.enum(["0", "1"]).default("0"),
  /**
   * Where the job worker runs: "thread" (default) in a worker thread of the web process, "inline" on
   * the web process's event loop, "off" in a separate process (`npm run worker`).
   */
  DROPLINE_WORKER: z.enum(["thread", "inline", "off"]).default("thread"),
  /**
   * Nice value (0–19) of the job worker's thread or process: background work yields the CPU to
   * webhook acknowledgements (Linux keeps one per thread). 0 leaves the priority as it is.
   */
  DROPLINE_WORKER_NICE: z.coerce.number().int().min(0).max(19).default(10),
  WORKER_POLL_MS: z.coerce.number().int().positive().default(250),
  WORKER_CONCURRENCY: z.coerce.number().int().positive().max(64).default(4),
  /**
   * At most this many jobs of one shop run at once across every worker process, so a bursting
   * shop whose jobs wait on its own Admin API budget cannot hold every worker slot. 0 = no cap.
   * Unset: 2 on PostgreSQL (many shops, many workers), no cap on SQLite (one worker; the demo and a
   * single store are not slowed). Decision 032, addendum.
   */
  DROPLINE_SHOP_MAX_RUNNING: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(0).max(1000).optional()),
  /** SMTP for purchase-order emails (smtp://user:pass@host:587); read by the coordination mailer. */
  SMTP_URL: z.string().url().optional().or(z.literal("")),
  DROPLINE_MAIL_FROM: z.string().optional(),
  /**
   * "1" lets outbound requests to merchant-typed URLs (supplier webhooks) reach loopback addresses:
   * tests and the local demo only. Refused when NODE_ENV=production. Every other private range
   * stays refused either way.
   */
  DROPLINE_OUTBOUND_ALLOW_LOOPBACK: z.enum(["0", "1"]).default("0"),
  /** Largest body accepted by the portal, the supplier API, /carrier-events and the fulfillment-service callback. */
  DROPLINE_MAX_REQUEST_BYTES: bytes(1024 * 1024),
  /** Largest Shopify webhook body accepted (checked before the HMAC). */
  DROPLINE_MAX_WEBHOOK_BYTES: bytes(5 * 1024 * 1024),
  // Days raw webhook payloads (customer data) are kept; the event rows stay for deduplication.
  DROPLINE_WEBHOOK_PAYLOAD_RETENTION_DAYS: retentionDays(DEFAULT_PAYLOAD_RETENTION_DAYS),
  // Retention windows of the daily retention pass: app/domain/retention.ts says what each keeps and
  // checks them together (app/jobs/retention/policy.server.ts); the defaults equal DEFAULT_RETENTION.
  DROPLINE_RETENTION_WEBHOOK_EVENT_DAYS: retentionDays(90),
  DROPLINE_RETENTION_FINISHED_JOB_DAYS: retentionDays(14),
  DROPLINE_RETENTION_DEAD_JOB_DAYS: retentionDays(90),
  DROPLINE_RETENTION_JOB_KEY_DAYS: retentionDays(365),
  DROPLINE_RETENTION_AUDIT_DAYS: retentionDays(365),
  DROPLINE_RETENTION_CARRIER_EVENT_DAYS: retentionDays(180),
  DROPLINE_RETENTION_FEED_RUN_DAYS: retentionDays(30),
  // Days a supplier still sees a closed purchase order (and its ship-to) in the portal and the API.
  DROPLINE_SUPPLIER_PO_VISIBILITY_DAYS: retentionDays(DEFAULT_SUPPLIER_PO_VISIBILITY_DAYS),
  /** Largest stock feed: pushed, uploaded in the admin or pulled (JSON feeds are parsed under this cap). */
  DROPLINE_MAX_FEED_BYTES: bytes(50 * 1024 * 1024),
  /** Largest CSV uploaded in the admin (offers, tracking, carrier events). */
  DROPLINE_MAX_UPLOAD_BYTES: bytes(5 * 1024 * 1024),
  /** Requests per minute one client address may make to the portal, supplier API, push and carrier endpoints. */
  DROPLINE_RATE_LIMIT_IP_PER_MINUTE: z.coerce.number().int().positive().max(100_000).default(300),
  /** Requests per minute one credential (portal token, feed, carrier shop) may make to those endpoints. */
  DROPLINE_RATE_LIMIT_TOKEN_PER_MINUTE: z.coerce.number().int().positive().max(100_000).default(120),
  /**
   * The header your proxy puts the client's address in (its last entry is used, the one the proxy
   * itself appended). "x-forwarded-for" by default; "none" when nothing fronts the app (all
   * clients then share one per-address bucket; per-credential limits still apply).
   */
  DROPLINE_CLIENT_IP_HEADER: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9-]+$/u, "DROPLINE_CLIENT_IP_HEADER must be a header name or none")
    .default("x-forwarded-for"),
  /**
   * Keys that encrypt secrets at rest (access and refresh tokens, push, carrier and webhook
   * secrets): "id:base64key,id:base64key", the first is current, the others still decrypt. Required
   * in production; `npm run secrets:new-key` prints one, `npm run secrets:rotate` re-encrypts.
   */
  DROPLINE_ENCRYPTION_KEYS: z
    .string()
    .optional()
    .superRefine((spec, ctx) => {
      if (!spec) return;
      try {
        parseKeyring(spec);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: error instanceof Error ? error.message : String(error) });
      }
    }),
  /** Days a supplier's portal link works after it is issued (rotate to issue a new one). */
  DROPLINE_PORTAL_LINK_TTL_DAYS: z.coerce.number().int().min(1).max(3650).default(DEFAULT_PORTAL_LINK_TTL_DAYS),
  /** Days after a purchase order's ship-by date that the single-purchase-order link sent with it keeps working. */
  DROPLINE_PO_LINK_DAYS_AFTER_SHIP_BY: z.coerce.number().int().min(1).max(3650).default(DEFAULT_PO_LINK_DAYS_AFTER_SHIP_BY),
});

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

/** Parses a set of variables (a script's or a test's own); throws an error naming every bad one. */
export function parseEnv(source: Readonly<Record<string, string | undefined>>): Env {
  const parsed = EnvSchema.refine((e) => !(e.NODE_ENV === "production" && e.DROPLINE_OUTBOUND_ALLOW_LOOPBACK === "1"), {
    path: ["DROPLINE_OUTBOUND_ALLOW_LOOPBACK"],
    message: "must not be 1 in production (outbound requests to merchant-typed URLs would reach this host)",
  })
    .refine((e) => !(e.NODE_ENV === "production" && !e.DROPLINE_ENCRYPTION_KEYS), {
      path: ["DROPLINE_ENCRYPTION_KEYS"],
      message: "is required in production (secrets are encrypted at rest): generate a key with `npm run secrets:new-key`",
    })
    .safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}. See .env.example.`);
  }
  return parsed.data;
}

/** Parses process.env once; throws an error naming every bad variable. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
