/**
 * The confirmation for an action on a case: what will happen, in one sentence, from Shopify's
 * and our own records — the refund amount is Shopify's suggested refund for the affected lines.
 */
import { confirmationText, nextStep, type ActionPreview, type PreviewLine } from "~/domain/exceptions";
import { fail, failure, ok, type Result } from "~/domain/result";
import { shopPlaybooks } from "~/models/case-actions.server";
import type { JobServices } from "~/services/deps";
import { reasonText, type DelayReason } from "~/domain/notices";
import { findOrderDelay, forecastOrder } from "~/services/notices/detect.server";
import { suggestRefund } from "~/shopify/refunds";
import type { ActionRequest } from "./request";
import { EXECUTABLE_ACTIONS } from "./request";
import { orderOrRefuse, refundLines, replacementLines } from "./shopify-actions.server";
import { caseTarget, type CaseTarget } from "./target.server";

export interface Preview {
  readonly caseId: string;
  readonly confirmation: string;
  /** What the execution needs besides the request (e.g. the confirmed refund amount). */
  readonly params: Record<string, unknown>;
  readonly orderId: string;
}

function titledLines(order: Awaited<ReturnType<typeof orderOrRefuse>>, lines: readonly { lineItemId: string; quantity: number }[]): PreviewLine[] {
  return lines.map((l) => ({ title: order.lineItems.nodes.find((x) => x.id === l.lineItemId)?.name ?? l.lineItemId, quantity: l.quantity }));
}

async function describe(
  s: JobServices,
  shop: string,
  t: CaseTarget,
  request: ActionRequest,
): Promise<Result<{ preview: ActionPreview; params: Record<string, unknown> }>> {
  switch (request.action) {
    case "refund": {
      const order = await orderOrRefuse(s, shop, t.orderId);
      const lines = refundLines(order, t.lines);
      const suggested = (await suggestRefund(await s.adminFor(shop), t.orderId, lines, request.shipping))?.suggestedRefund;
      if (!suggested || Number(suggested.amountSet.shopMoney.amount) <= 0) return fail(failure(`Nothing is left to refund on ${order.name} for these lines.`));
      const money = suggested.amountSet.shopMoney;
      return ok({
        preview: {
          action: "refund",
          orderName: order.name,
          customer: order.email,
          lines: suggested.refundLineItems.map((l) => ({ title: l.lineItem.name, quantity: l.quantity })),
          amount: money.amount,
          shippingAmount: suggested.shipping.amountSet.shopMoney.amount,
          currency: money.currencyCode,
        },
        params: { confirmedAmount: money.amount },
      });
    }
    case "reship": {
      const order = await orderOrRefuse(s, shop, t.orderId);
      if (replacementLines(order, t.lines).length === 0) return fail(failure(`None of the affected lines of ${order.name} can be sent again.`));
      const lines = t.lines ?? order.lineItems.nodes.map((l) => ({ lineItemId: l.id, quantity: l.quantity }));
      return ok({ preview: { action: "reship", orderName: order.name, customer: order.email, lines: titledLines(order, lines) }, params: {} });
    }
    case "cancel_order": {
      const order = await orderOrRefuse(s, shop, t.orderId);
      if (order.cancelledAt) return fail(failure(`${order.name} is already cancelled.`));
      const { reason, refund, restock } = request;
      return ok({ preview: { action: "cancel_order", orderName: order.name, customer: order.email, reason, refund, restock }, params: {} });
    }
    case "reroute":
      if (!t.po || !["sent", "accepted"].includes(t.po.status))
        return fail(failure(`Only a sent or accepted purchase order can be re-routed; ${t.orderName} has none on this case.`));
      return ok({ preview: { action: "reroute", orderName: t.orderName, poNumber: t.po.number, supplierName: t.supplierName ?? "the supplier" }, params: {} });
    case "notify_customer": {
      const delay = await findOrderDelay(s, shop, t.orderId);
      const note = request.note?.trim();
      const window = delay?.window ?? (note ? await forecastOrder(s, shop, t.orderId) : null);
      if (!window)
        return fail(
          failure(
            delay === null && !note
              ? `Dropline finds no delay on ${t.orderName}: write a note to tell the customer something else.`
              : `${t.orderName} has nothing left to deliver; there is no new date to announce.`,
          ),
        );
      const reason: DelayReason = note ? { code: "note", text: note } : delay!.reason;
      const order = await s.db.order.findFirst({ where: { shop, id: t.orderId }, select: { email: true } });
      return ok({
        preview: {
          action: "notify_customer",
          orderName: t.orderName,
          customer: order?.email ?? null,
          earliest: window.earliest,
          latest: window.latest,
          reason: reasonText(reason),
        },
        params: { window, reason },
      });
    }
    case "remind_supplier":
      if (!t.po || !["sent", "accepted"].includes(t.po.status))
        return fail(failure(`There is no open purchase order on this case to remind the supplier about.`));
      return ok({ preview: { action: "remind_supplier", poNumber: t.po.number, supplierName: t.supplierName ?? "the supplier" }, params: {} });
    case "wait": {
      const untilMs = Date.parse(`${request.until}T00:00:00Z`);
      if (untilMs <= s.now().getTime()) return fail(failure("Choose a date in the future."));
      const { playbook } = (await shopPlaybooks(s.db, shop))(t.case.type);
      const next = nextStep(playbook, [], t.case.openedAt.getTime(), untilMs, EXECUTABLE_ACTIONS);
      return ok({ preview: { action: "wait", untilDate: request.until, then: next.kind === "finished" ? null : next.step.action }, params: { untilMs } });
    }
  }
}

/** The confirmation for one case, or why the action does not apply to it. */
export async function previewAction(s: JobServices, shop: string, caseId: string, request: ActionRequest): Promise<Result<Preview>> {
  const target = await caseTarget(s, shop, caseId);
  if (!target) return fail(failure("That case no longer exists or has no order."));
  if (target.case.status === "closed") return fail(failure(`The case on ${target.orderName} is closed.`));
  const described = await describe(s, shop, target, request);
  if (!described.ok) return described;
  return ok({ caseId, confirmation: confirmationText(described.value.preview), params: described.value.params, orderId: target.orderId });
}
