import { z } from "zod";

/** Environment, validated once at boot so a misconfiguration fails loudly with the variable's name. */
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  SHOPIFY_API_KEY: z.string().min(1, "SHOPIFY_API_KEY is required (the app's client id)"),
  SHOPIFY_API_SECRET: z.string().min(1, "SHOPIFY_API_SECRET is required (the app's client secret)"),
  SHOPIFY_APP_URL: z.string().url("SHOPIFY_APP_URL must be the app's public URL"),
  SCOPES: z.string().optional(),
  DATABASE_URL: z.string().default("file:./prisma/dev.sqlite"),
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
  WORKER_POLL_MS: z.coerce.number().int().positive().default(250),
  WORKER_CONCURRENCY: z.coerce.number().int().positive().max(64).default(4),
  /** SMTP for purchase-order emails (smtp://user:pass@host:587); read by the coordination mailer. */
  SMTP_URL: z.string().url().optional().or(z.literal("")),
  DROPLINE_MAIL_FROM: z.string().optional(),
});

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

/** Parses a set of variables (a script's or a test's own); throws an error naming every bad one. */
export function parseEnv(source: Readonly<Record<string, string | undefined>>): Env {
  const parsed = EnvSchema.safeParse(source);
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
