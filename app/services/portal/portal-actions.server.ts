/**
 * What a supplier can do from the portal or the supplier API, one function per action. Each one
 * checks, in order: the input, that the purchase order is this supplier's in this shop, that the
 * request id is new (replays are refused), that the purchase order is in a state that allows it,
 * then answers Shopify, then records the change. Every attempt, allowed or refused, is audited.
 */
import { fail, ok, refusal, type Refusal, type Result } from "~/domain/result";
import type { PortalIdentity } from "~/models/portal-tokens.server";
import { audit, markRequestSeen, requestSeen, resolvePortalToken } from "~/models/portal-tokens.server";
import {
  getSupplierPurchaseOrder,
  listSupplierPurchaseOrders,
  transitionPurchaseOrder,
  type PoStatus,
  type PurchaseOrderRecord,
} from "~/models/purchase-orders.server";
import { UserErrorsFailure } from "~/shopify/errors";
import { acceptCancellationRequest, rejectCancellationRequest, rejectFulfillmentRequest } from "~/shopify/fulfillment-requests";
import { z } from "zod";
import { recordSupplierShipment } from "~/services/tracking/intake.server";
import { feedLadder } from "../coordination/ladder.server";
import { confirmAcceptance } from "../coordination/acceptance.server";
import { recordRefusalOversell } from "../scorecards/oversell.server";
import { AcceptInput, CancellationInput, firstIssue, RejectInput, shipDateProblem, shipInstant, StockoutInput } from "./portal-input";
import type { CoordinationServices } from "../coordination/services.server";

/** What the supplier sees after an action, with the purchase order as stored; or why it was refused. */
export type PortalResult = Result<{ message: string; po: PurchaseOrderRecord }, Refusal>;

export type PortalAction = "accept" | "reject" | "cancellation" | "stockout" | "tracking";

interface Attempt {
  readonly s: CoordinationServices;
  readonly who: PortalIdentity;
  readonly action: PortalAction;
  readonly poId: string;
}

async function refuse(a: Attempt, status: number, message: string): Promise<PortalResult> {
  await audit(a.s.db, { identity: a.who, action: a.action, purchaseOrderId: a.poId, outcome: "refused", detail: message, at: a.s.now() });
  return fail(refusal(status, message));
}

/**
 * The supplier behind a token; an unknown, revoked or expired token is audited and refused. With
 * `linkId` (the portal page of one link, token from its cookie) the token must be that link's.
 */
export async function authenticatePortal(
  s: CoordinationServices,
  token: string | null | undefined,
  action: string,
  linkId?: string,
): Promise<PortalIdentity | null> {
  const found = await resolvePortalToken(s.db, token, s.now());
  const identity = found && (linkId === undefined || found.tokenId === linkId) ? found : null;
  if (!identity) await audit(s.db, { identity: null, action, outcome: "refused", detail: "unknown or revoked token", at: s.now() });
  return identity;
}

/**
 * One purchase order the identity may see: the supplier's own, and for a purchase-order link only
 * the one it was sent with. Anything else looks exactly like a missing purchase order.
 */
export async function purchaseOrderFor(s: CoordinationServices, who: PortalIdentity, poId: string): Promise<PurchaseOrderRecord | null> {
  if (who.purchaseOrderId !== null && who.purchaseOrderId !== poId) return null;
  return getSupplierPurchaseOrder(s.db, who.shop, who.supplierId, poId);
}

/** The purchase orders the identity may see, newest first (a purchase-order link: its own only). */
export async function purchaseOrdersFor(s: CoordinationServices, who: PortalIdentity): Promise<PurchaseOrderRecord[]> {
  return listSupplierPurchaseOrders(s.db, who.shop, who.supplierId, who.purchaseOrderId === null ? {} : { id: who.purchaseOrderId });
}

type Checked<T> = { po: PurchaseOrderRecord; input: T } | { refused: PortalResult };

/** Input, ownership, replay and state, in that order; nothing has changed when any fails. */
async function check<T extends { requestId: string }>(
  a: Attempt,
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: import("zod").ZodError } },
  raw: unknown,
  allowed: readonly PoStatus[],
): Promise<Checked<T>> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return { refused: await refuse(a, 400, firstIssue(parsed.error)) };
  // Another supplier's or another shop's purchase order looks exactly like a missing one.
  const po = await purchaseOrderFor(a.s, a.who, a.poId);
  if (!po) return { refused: await refuse(a, 404, "No such purchase order for your account.") };
  if (await requestSeen(a.s.db, a.who.tokenId, parsed.data.requestId)) {
    return {
      refused: await refuse(a, 409, `This request (${parsed.data.requestId}) was already carried out; nothing was changed. Reload to see the current state.`),
    };
  }
  if (!allowed.includes(po.status)) {
    return { refused: await refuse(a, 409, `Purchase order ${po.number} is ${po.status.replace(/_/g, " ")}; this action is not possible now.`) };
  }
  return { po, input: parsed.data };
}

/** Runs the Shopify step; Shopify's refusal becomes the supplier's answer, nothing recorded. */
async function shopifyStep(a: Attempt, run: () => Promise<unknown>): Promise<PortalResult | null> {
  try {
    await run();
    return null;
  } catch (error) {
    if (error instanceof UserErrorsFailure) return refuse(a, 409, `Shopify refused: ${error.userErrors.map((e) => e.message).join("; ")}`);
    throw error;
  }
}

/** Records the request id and the new state together; a concurrent replay loses here. */
async function commit(
  a: Attempt,
  po: PurchaseOrderRecord,
  requestId: string,
  from: PoStatus,
  to: PoStatus,
  data: Parameters<typeof transitionPurchaseOrder>[5],
  detail: string,
): Promise<PortalResult> {
  const moved = await a.s.db.$transaction(async (tx) => {
    await markRequestSeen(tx, a.who.tokenId, requestId, a.s.now());
    return transitionPurchaseOrder(tx, a.who.shop, po.id, [from], to, data);
  });
  if (!moved) return refuse(a, 409, `Purchase order ${po.number} changed meanwhile; reload and try again.`);
  await audit(a.s.db, { identity: a.who, action: a.action, purchaseOrderId: po.id, outcome: "ok", detail, at: a.s.now() });
  // The answer shows what was stored (the committed ship date of an acceptance included), not the
  // record as it was before this change.
  const stored = await getSupplierPurchaseOrder(a.s.db, a.who.shop, a.who.supplierId, po.id);
  return ok({ message: detail, po: stored ?? { ...po, status: to } });
}

/**
 * Accept with a committed ship date. Committed here first (`accepting`), then passed to Shopify
 * with `estimatedShippedAt` exactly once, then confirmed (acceptance.server.ts): a crash in
 * between can no longer leave Shopify accepted and our ladder chasing the supplier.
 */
export async function acceptPurchaseOrder(s: CoordinationServices, who: PortalIdentity, poId: string, raw: unknown): Promise<PortalResult> {
  const a: Attempt = { s, who, action: "accept", poId };
  const checked = await check(a, AcceptInput, raw, ["sent"]);
  if ("refused" in checked) return checked.refused;
  const { po, input } = checked;
  const problem = shipDateProblem(input.shipDate, s.now());
  if (problem) return refuse(a, 400, problem);
  const shipAt = shipInstant(input.shipDate);
  // Compare-and-set: a concurrent replay of the same answer loses here.
  const moved = await transitionPurchaseOrder(s.db, who.shop, po.id, ["sent"], "accepting", { committedShipAt: shipAt, acknowledgedAt: s.now() });
  if (!moved) return refuse(a, 409, `Purchase order ${po.number} changed meanwhile; reload and try again.`);
  const outcome = await confirmAcceptance(s, who.shop, po.id, input.message || `Accepted: ${po.number}`);
  if (outcome.status === "refused") return refuse(a, 409, `Shopify refused: ${outcome.reason}`);
  await markRequestSeen(s.db, who.tokenId, input.requestId, s.now());
  const detail =
    outcome.status === "accepted"
      ? `Accepted ${po.number}, shipping by ${input.shipDate}.`
      : `Accepted ${po.number}, shipping by ${input.shipDate}; Shopify is slow to confirm, Dropline will finish it shortly.`;
  await audit(s.db, { identity: who, action: "accept", purchaseOrderId: po.id, outcome: "ok", detail, at: s.now() });
  const stored = await getSupplierPurchaseOrder(s.db, who.shop, who.supplierId, po.id);
  return ok({ message: detail, po: stored ?? { ...po, status: outcome.status === "accepted" ? "accepted" : "accepting" } });
}

/** Reject (with Shopify's reason, and per-line reasons) → Shopify rejects; the ladder re-routes. */
export async function rejectPurchaseOrder(s: CoordinationServices, who: PortalIdentity, poId: string, raw: unknown): Promise<PortalResult> {
  const a: Attempt = { s, who, action: "reject", poId };
  const checked = await check(a, RejectInput, raw, ["sent"]);
  if ("refused" in checked) return checked.refused;
  const { po, input } = checked;
  const known = new Set(po.lines.map((l) => l.fulfillmentOrderLineItemId));
  const stranger = input.lines.find((l) => !known.has(l.lineId));
  if (stranger) return refuse(a, 400, `Line ${stranger.lineId} is not on purchase order ${po.number}.`);
  const client = await s.adminFor(who.shop);
  const lineItems = input.lines.map((l) => ({ fulfillmentOrderLineItemId: l.lineId, message: l.reason }));
  const failed = await shopifyStep(a, () =>
    rejectFulfillmentRequest(client, { id: po.fulfillmentOrderId, reason: input.reason, message: input.message, lineItems }),
  );
  if (failed) return failed;
  const rejection = JSON.stringify({ reason: input.reason, message: input.message, lines: input.lines });
  const result = await commit(
    a,
    po,
    input.requestId,
    "sent",
    "rejected",
    { rejection, acknowledgedAt: s.now() },
    `Rejected ${po.number}: ${input.reason} — ${input.message}`,
  );
  if (!result.ok) return result;
  await feedLadder(s, who.shop, po.id, { type: "reject" });
  // A rejection for lack of stock is an oversell: it raises this supplier's buffer (after the
  // ladder, so a failure here cannot stop the re-route).
  await recordRefusalOversell(s, po, {
    kind: "reject",
    source: "supplier",
    reason: input.reason,
    texts: [input.message, ...input.lines.map((l) => l.reason)],
    at: s.now(),
  });
  return result;
}

/** The supplier's answer to a customer cancellation, passed back to Shopify. */
export async function decideCancellation(s: CoordinationServices, who: PortalIdentity, poId: string, raw: unknown): Promise<PortalResult> {
  const a: Attempt = { s, who, action: "cancellation", poId };
  const checked = await check(a, CancellationInput, raw, ["cancellation_requested"]);
  if ("refused" in checked) return checked.refused;
  const { po, input } = checked;
  const client = await s.adminFor(who.shop);
  const accept = input.decision === "accept";
  const message = input.message || (accept ? "Cancellation accepted by the supplier." : "Already shipped; cancellation rejected by the supplier.");
  const failed = await shopifyStep(a, () => (accept ? acceptCancellationRequest : rejectCancellationRequest)(client, po.fulfillmentOrderId, message));
  if (failed) return failed;
  const result = await commit(
    a,
    po,
    input.requestId,
    "cancellation_requested",
    accept ? "cancelled" : "accepted",
    {},
    `${accept ? "Accepted" : "Rejected"} the cancellation of ${po.number}.`,
  );
  if (result.ok && accept) await feedLadder(s, who.shop, po.id, { type: "cancelled" });
  return result;
}

/** A stockout after acceptance re-enters the escalation ladder (its stockout timings). */
export async function reportStockout(s: CoordinationServices, who: PortalIdentity, poId: string, raw: unknown): Promise<PortalResult> {
  const a: Attempt = { s, who, action: "stockout", poId };
  const checked = await check(a, StockoutInput, raw, ["accepted"]);
  if ("refused" in checked) return checked.refused;
  const { po, input } = checked;
  const result = await commit(a, po, input.requestId, "accepted", "accepted", {}, `Stockout reported on ${po.number}: ${input.message}`);
  if (!result.ok) return result;
  await feedLadder(s, who.shop, po.id, { type: "stockout_reported" });
  // Accepted, then out of stock: an oversell, recorded once per purchase order however often it is reported.
  await recordRefusalOversell(s, po, { kind: "stockout", source: "supplier", texts: [input.message], at: s.now() });
  return result;
}

const TrackingInput = z.object({
  requestId: z.string().trim().min(1, "requestId is required (any unique string per submission)"),
  // A form sends one text field ("1Z…, 9400…"); the API may send a list.
  trackingNumbers: z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : v.split(/[\s,;]+/)).map((n) => n.trim()).filter(Boolean))
    .refine((list) => list.length > 0, "Enter at least one tracking number."),
  carrier: z
    .string()
    .trim()
    .max(80)
    .optional()
    .transform((v) => v || undefined),
  url: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined),
});

/**
 * The supplier enters carrier and tracking number(s) for an accepted purchase order; it becomes a
 * Shopify fulfillment (fulfillmentCreate) through the tracking intake, which also marks the
 * purchase order shipped and closes its ladder. Invalid numbers and replays change nothing.
 */
export async function submitTracking(
  s: CoordinationServices,
  who: PortalIdentity,
  poId: string,
  raw: unknown,
  source: "portal" | "api" = "portal",
): Promise<PortalResult> {
  const a: Attempt = { s, who, action: "tracking", poId };
  const checked = await check(a, TrackingInput, raw, ["accepted"]);
  if ("refused" in checked) return checked.refused;
  const { po, input } = checked;
  const result = await recordSupplierShipment(s, who.shop, {
    supplierId: who.supplierId,
    fulfillmentOrderIds: [po.fulfillmentOrderId],
    trackingNumbers: input.trackingNumbers,
    ...(input.carrier ? { carrier: input.carrier } : {}),
    ...(input.url ? { url: input.url } : {}),
    source,
  });
  if (!result.ok) return refuse(a, result.failure.status, result.failure.message);
  await markRequestSeen(s.db, who.tokenId, input.requestId, s.now());
  await audit(s.db, { identity: who, action: "tracking", purchaseOrderId: po.id, outcome: "ok", detail: result.value.message, at: s.now() });
  const updated = await getSupplierPurchaseOrder(s.db, who.shop, who.supplierId, po.id);
  return ok({ message: result.value.message, po: updated ?? po });
}
