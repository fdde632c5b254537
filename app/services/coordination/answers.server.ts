/**
 * Answers to fulfillment and cancellation requests given in Shopify rather than through Dropline
 * (the supplier's own system, another app, a person in the admin). Dropline's own answers are
 * recognised because our purchase order already says the same, and cost nothing. Any other
 * answer books a reconcile job that runs after the grace period (our own answer is written just
 * after Shopify takes it), reads the fulfillment order in Shopify, and applies the answer only if
 * Shopify still shows it — with the side effects the portal's answer has (the escalation ladder,
 * re-routing after a rejection).
 */
import { z } from "zod";
import type { LadderEvent } from "~/domain/escalation";
import { addOrderEvent } from "~/models/orders.server";
import { purchaseOrdersForFulfillmentOrder, transitionPurchaseOrder, type PoStatus, type PurchaseOrderRecord } from "~/models/purchase-orders.server";
import { fetchFulfillmentOrderState, type FoState } from "~/shopify/fulfillment-requests";
import type { PrismaClient } from "@prisma/client";
import type { JobWork, NewJob } from "~/services/queue/job-queue";
import { recordRefusalOversell } from "~/services/scorecards/oversell.server";
import { feedLadder } from "./ladder.server";
import { settleAcceptIntent } from "./acceptance.server";
import type { CoordinationServices } from "./services.server";

export const SHOPIFY_ANSWERS = ["request_accepted", "request_rejected", "cancellation_accepted", "cancellation_rejected"] as const;
export type ShopifyAnswer = (typeof SHOPIFY_ANSWERS)[number];

interface AnswerRule {
  /** Purchase-order statuses the answer moves on; any other status already reflects it (or came later). */
  readonly from: readonly PoStatus[];
  readonly to: PoStatus;
  /** Shopify's fulfillment order still shows this answer (not a later change). */
  readonly confirmedBy: (fo: FoState) => boolean;
  readonly what: string;
}

const WAITING: readonly PoStatus[] = ["awaiting_review", "sent"];

const RULES: Readonly<Record<ShopifyAnswer, AnswerRule>> = {
  request_accepted: {
    // `accepting`: our own acceptance whose local confirmation a crash cut off.
    from: [...WAITING, "accepting"],
    to: "accepted",
    // A pending cancellation request leaves the request status ACCEPTED (as captured from Shopify).
    confirmedBy: (fo) => ["ACCEPTED", "CANCELLATION_REQUESTED", "CANCELLATION_REJECTED"].includes(fo.requestStatus),
    what: "accepted the fulfillment request",
  },
  request_rejected: { from: WAITING, to: "rejected", confirmedBy: (fo) => fo.requestStatus === "REJECTED", what: "rejected the fulfillment request" },
  cancellation_accepted: {
    from: [...WAITING, "accepted", "cancellation_requested"],
    to: "cancelled",
    confirmedBy: (fo) => fo.requestStatus === "CANCELLATION_ACCEPTED" || fo.status === "CANCELLED",
    what: "accepted the cancellation request",
  },
  cancellation_rejected: {
    from: [...WAITING, "cancellation_requested"],
    to: "accepted",
    confirmedBy: (fo) => fo.requestStatus === "CANCELLATION_REJECTED",
    what: "rejected the cancellation request",
  },
};

/** The ladder event a status change means (an acceptance we never saw is the supplier's acknowledgement). */
function ladderEventFor(from: PoStatus, to: PoStatus): LadderEvent | null {
  if (to === "accepted") return WAITING.includes(from) || from === "accepting" ? { type: "ack" } : null;
  if (to === "rejected") return { type: "reject" };
  if (to === "cancelled") return { type: "cancelled" };
  return null;
}

/** Purchase orders for the fulfillment order that the answer would still move. */
async function waitingFor(db: PrismaClient, shop: string, fulfillmentOrderId: string, answer: ShopifyAnswer): Promise<PurchaseOrderRecord[]> {
  const pos = await purchaseOrdersForFulfillmentOrder(db, shop, fulfillmentOrderId);
  return pos.filter((po) => RULES[answer].from.includes(po.status));
}

export const RECONCILE_ANSWER_JOB = "reconcile_request_answer";

const AnswerPayload = z.object({ fulfillmentOrderId: z.string(), answer: z.enum(SHOPIFY_ANSWERS), message: z.string().nullable(), key: z.string() });
type AnswerPayload = z.infer<typeof AnswerPayload>;

/** The webhook side: books a reconcile job when our purchase order says something else (database only). */
export async function answerDisagrees(db: PrismaClient, shop: string, fulfillmentOrderId: string, answer: ShopifyAnswer): Promise<boolean> {
  return (await waitingFor(db, shop, fulfillmentOrderId, answer)).length > 0;
}

export function reconcileAnswerJob(shop: string, payload: AnswerPayload, runAt: Date): NewJob {
  return {
    shop,
    kind: RECONCILE_ANSWER_JOB,
    dedupeKey: `reconcile_answer:${shop}:${payload.fulfillmentOrderId}:${payload.answer}:${payload.key}`,
    groupKey: `fulfillment-order:${shop}:${payload.fulfillmentOrderId}`,
    payload,
    runAt,
    maxAttempts: 5,
  };
}

/** Applies an answer Shopify shows and our purchase order does not; returns the purchase orders moved. */
export async function applyShopifyAnswer(s: CoordinationServices, shop: string, p: AnswerPayload): Promise<string[]> {
  const rule = RULES[p.answer];
  const waiting = await waitingFor(s.db, shop, p.fulfillmentOrderId, p.answer);
  if (waiting.length === 0) return [];
  const fo = await fetchFulfillmentOrderState(await s.adminFor(shop), p.fulfillmentOrderId);
  // Gone, or Shopify moved on since (that change brings its own webhook).
  if (!fo || !rule.confirmedBy(fo)) return [];
  const moved: string[] = [];
  const now = s.now();
  for (const po of waiting) {
    const said = p.message ? ` ("${p.message}")` : "";
    const data =
      rule.to === "rejected"
        ? { rejection: JSON.stringify({ reason: "OTHER", message: `Rejected in Shopify${said}`, lines: [] }), acknowledgedAt: po.acknowledgedAt ?? now }
        : rule.to === "accepted"
          ? { acknowledgedAt: po.acknowledgedAt ?? now }
          : {};
    if (!(await transitionPurchaseOrder(s.db, shop, po.id, [po.status], rule.to, data, now))) continue;
    moved.push(po.id);
    // Our own acceptance whose confirmation a crash cut off: Shopify's answer settles its intent.
    if (po.status === "accepting" && rule.to === "accepted") await settleAcceptIntent(s, po.shop, po.id);
    await addOrderEvent(s.db, {
      shop,
      orderId: po.orderId,
      kind: "answered_in_shopify",
      detail: `${po.number}: someone ${rule.what} in Shopify, not through Dropline${said}; the purchase order is now ${rule.to.replace(/_/g, " ")}.`,
      at: now,
      dedupeKey: `answered_in_shopify:${po.id}:${p.answer}:${p.key}`,
    });
    const event = ladderEventFor(po.status, rule.to);
    if (event) await feedLadder(s, shop, po.id, event);
    // Shopify's webhook carries no rejection reason: the message says whether it was for stock.
    if (rule.to === "rejected") await recordRefusalOversell(s, po, { kind: "reject", source: "shopify", reason: null, texts: [p.message], at: now });
  }
  return moved;
}

/** The reconcile job's work (its handler, in app/jobs/coordination, adds the kind). */
export function reconcileAnswerWork(s: CoordinationServices): JobWork {
  return {
    async perform(job) {
      await applyShopifyAnswer(s, job.shop, AnswerPayload.parse(job.payload));
    },
  };
}
