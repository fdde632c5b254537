/**
 * Supplier portal credentials and the audit trail. A token is 32 random bytes shown once; only
 * its SHA-256 is stored, so a database leak does not open any portal. A supplier has one portal
 * link (all its purchase orders) and may have purchase-order links (one purchase order each, with
 * an expiry) sent with emailed purchase orders. Rotating the portal link revokes every earlier
 * token of the supplier, purchase-order links included; revoking takes effect on the next request.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Prisma, PrismaClient } from "@prisma/client";
import { DEFAULT_PORTAL_LINK_POLICY, DEFAULT_PORTAL_LINK_TTL_DAYS, effectiveExpiry, portalLinkExpiry } from "~/domain/portal-link";

type Db = PrismaClient | Prisma.TransactionClient;

export interface PortalIdentity {
  readonly tokenId: string;
  readonly shop: string;
  readonly supplierId: string;
  /** Set for a purchase-order link: the only purchase order it opens. */
  readonly purchaseOrderId: string | null;
}

const PREFIX = "dlp_";

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

const newSecret = () => `${PREFIX}${randomBytes(32).toString("base64url")}`;

/**
 * Issues a fresh token for the supplier and revokes the ones before it. Returns the secret once.
 * It works until `expiresAt` (the configured lifetime: portalLinkExpiry).
 */
export async function rotatePortalToken(
  db: PrismaClient,
  shop: string,
  supplierId: string,
  now: Date,
  expiresAt: Date = portalLinkExpiry(now, DEFAULT_PORTAL_LINK_POLICY),
): Promise<string> {
  const secret = newSecret();
  await db.$transaction([
    db.portalToken.updateMany({ where: { shop, supplierId, revokedAt: null }, data: { revokedAt: now } }),
    db.portalToken.create({ data: { shop, supplierId, tokenHash: hashToken(secret), createdAt: now, expiresAt } }),
  ]);
  return secret;
}

/** Issues a token that opens one purchase order of the supplier until `expiresAt`. Returns the secret once. */
export async function issuePurchaseOrderToken(
  db: Db,
  link: { shop: string; supplierId: string; purchaseOrderId: string; expiresAt: Date },
  now: Date,
): Promise<string> {
  const secret = newSecret();
  await db.portalToken.create({ data: { ...link, tokenHash: hashToken(secret), createdAt: now } });
  return secret;
}

/** Revokes every live token of the supplier (purchase-order links included); returns how many. */
export async function revokePortalTokens(db: Db, shop: string, supplierId: string, now: Date): Promise<number> {
  const { count } = await db.portalToken.updateMany({ where: { shop, supplierId, revokedAt: null }, data: { revokedAt: now } });
  return count;
}

export interface LiveLinks {
  /** The supplier's portal link works (the admin shows "portal link active"). */
  readonly portal: boolean;
  /** How many purchase-order links sent by email still work. */
  readonly purchaseOrderLinks: number;
}

/** The suppliers with a working token, and which kind. */
export async function liveLinksBySupplier(db: Db, shop: string, now: Date): Promise<Map<string, LiveLinks>> {
  const rows = await db.portalToken.findMany({
    where: {
      shop,
      revokedAt: null,
      // A link stored without an expiry lapses the default lifetime after its creation (effectiveExpiry).
      OR: [{ expiresAt: null, createdAt: { gt: new Date(now.getTime() - DEFAULT_PORTAL_LINK_TTL_DAYS * 86_400_000) } }, { expiresAt: { gt: now } }],
    },
    select: { supplierId: true, purchaseOrderId: true },
  });
  const live = new Map<string, LiveLinks>();
  for (const row of rows) {
    const seen = live.get(row.supplierId) ?? { portal: false, purchaseOrderLinks: 0 };
    live.set(row.supplierId, row.purchaseOrderId === null ? { ...seen, portal: true } : { ...seen, purchaseOrderLinks: seen.purchaseOrderLinks + 1 });
  }
  return live;
}

/** `lastUsedAt` is kept to the minute. */
export const LAST_USED_RESOLUTION_MS = 60_000;

/** What a presented token is worth now. */
export type PortalTokenCheck =
  | { readonly kind: "valid"; readonly identity: PortalIdentity; readonly expiresAt: Date }
  /** A real link past its expiry: the supplier gets a page saying so (a guessed token is never "expired"). */
  | { readonly kind: "expired"; readonly expiredAt: Date }
  | { readonly kind: "invalid" };

/** Checks a presented token (unknown, malformed and revoked are all "invalid"); records its use at most once a minute. */
export async function checkPortalToken(db: Db, token: string | null | undefined, now: Date): Promise<PortalTokenCheck> {
  if (!token || !token.startsWith(PREFIX) || token.length > 200) return { kind: "invalid" };
  const row = await db.portalToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || row.revokedAt) return { kind: "invalid" };
  const expiresAt = effectiveExpiry(row.expiresAt, row.createdAt);
  if (expiresAt.getTime() <= now.getTime()) return { kind: "expired", expiredAt: expiresAt };
  // At most one write a minute per token: a busy (or hostile) client must not turn reads into writes.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await db.portalToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return { kind: "valid", identity: { tokenId: row.id, shop: row.shop, supplierId: row.supplierId, purchaseOrderId: row.purchaseOrderId }, expiresAt };
}

/** The identity behind a presented token, or null (unknown, malformed, revoked or expired). */
export async function resolvePortalToken(db: Db, token: string | null | undefined, now: Date): Promise<PortalIdentity | null> {
  const check = await checkPortalToken(db, token, now);
  return check.kind === "valid" ? check.identity : null;
}

export interface AuditEntry {
  readonly identity: PortalIdentity | null;
  readonly action: string;
  readonly purchaseOrderId?: string | null;
  readonly outcome: "ok" | "refused";
  readonly detail?: string | null;
  readonly at: Date;
}

/** Longest audit detail kept; the rest is cut (the text may come from the request). */
export const AUDIT_DETAIL_MAX = 200;

/** Actions the portal and the supplier API know; anything else a client sends is recorded as "other". */
const KNOWN_ACTIONS = new Set(["view", "action", "accept", "reject", "cancellation", "stockout", "tracking", "list", "get"]);

/** The action as recorded: one of a fixed set, whatever the request said. */
export function boundedAction(action: string): string {
  const api = action.startsWith("api:");
  const name = api ? action.slice(4) : action;
  return `${api ? "api:" : ""}${KNOWN_ACTIONS.has(name) ? name : "other"}`;
}

// Control characters (a CR/LF in a log line, an escape sequence) are replaced.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/gu;
const boundedText = (text: string | null | undefined, max: number) => (text ? text.replace(CONTROL, " ").slice(0, max) : null);
// Purchase-order ids are cuids; anything else came from the request and is not worth keeping.
const boundedPoId = (id: string | null | undefined) => (id && /^[A-Za-z0-9_-]{1,40}$/u.test(id) ? id : null);

const MINUTE_MS = 60_000;

/**
 * Records one portal or API attempt. A carried-out action is one row. A refusal is counted in the
 * row of its (shop, token, action, reason, minute): a loop of refused requests adds one row a
 * minute per distinct reason, not one per request, and every recorded field has a bounded size.
 */
export async function audit(db: Db, entry: AuditEntry): Promise<void> {
  const data = {
    shop: entry.identity?.shop ?? null,
    supplierId: entry.identity?.supplierId ?? null,
    tokenId: entry.identity?.tokenId ?? null,
    action: boundedAction(entry.action),
    purchaseOrderId: boundedPoId(entry.purchaseOrderId),
    outcome: entry.outcome,
    detail: boundedText(entry.detail, AUDIT_DETAIL_MAX),
    at: entry.at,
  };
  if (entry.outcome === "ok") {
    await db.portalAudit.create({ data });
    return;
  }
  const minute = Math.floor(entry.at.getTime() / MINUTE_MS);
  const windowKey = createHash("sha256")
    .update(JSON.stringify([data.shop, data.tokenId, data.action, data.purchaseOrderId, data.detail, minute]))
    .digest("base64url");
  await db.portalAudit.upsert({
    where: { windowKey },
    create: { ...data, windowKey, count: 1 },
    update: { count: { increment: 1 }, at: entry.at },
  });
}

export async function listAudit(db: Db, shop: string, take = 50) {
  return db.portalAudit.findMany({ where: { shop }, orderBy: { at: "desc" }, take });
}

/** True when this token already carried out a request with this id (a replay). */
export async function requestSeen(db: Db, tokenId: string, requestId: string): Promise<boolean> {
  return (await db.portalRequest.findUnique({ where: { tokenId_requestId: { tokenId, requestId } } })) !== null;
}

/** Records a carried-out request id; throws P2002 when a concurrent replay got there first. */
export async function markRequestSeen(db: Db, tokenId: string, requestId: string, at: Date): Promise<void> {
  await db.portalRequest.create({ data: { tokenId, requestId, at } });
}
