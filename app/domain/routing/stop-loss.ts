/**
 * Stop-loss: when a line cannot be placed the plan holds it, with a typed reason code and a
 * message that names the suppliers, what stopped each, and what the merchant can change.
 */
import { HARD_CONSTRAINT_ORDER } from "./constraints";
import type { OrderContext } from "./context";
import { constraintWords } from "./explain";
import { formatList, formatMoney } from "./format";
import { reserveHoldMessage, type PolicyNote } from "./scope";
import type { ConstraintName, EngineHoldReasonCode, Hold, LineExplanation, OrderLine } from "./types";

/** What hold messages and the split rule read of the order being routed (and which scoped rules applied). */
export type HoldTerms = Pick<OrderContext, "order" | "policy" | "region"> & { readonly note?: PolicyNote | undefined };

/** A line the plan could not place, with its candidates expanded from the explanation's columns. */
export interface HeldLine {
  readonly line: OrderLine;
  readonly explanation: LineExplanation;
}

/** What a merchant can do about each failed constraint. */
export const CONSTRAINT_HINTS: Readonly<Record<ConstraintName, (ctx: HoldTerms) => string>> = {
  supplierKnown: () => "set up the missing supplier or remove its offers",
  supplierActive: () => "resume a paused supplier",
  notExcluded: () => "assign the line by hand",
  shipsToDestination: (ctx) => `add a supplier covering ${ctx.region}`,
  stockAvailable: () => "restock or lower the buffer",
  stockFresh: () => "refresh the stock feed",
  meetsPromise: (ctx) => `relax the ${ctx.order.serviceLevel} promise or add a faster supplier`,
  minimumScore: () => "lower the policy's minimum score",
};

export interface SplitPermission {
  readonly permitted: boolean;
  readonly reason: string;
}

/** Whether this order may ship in more than one parcel, and why. */
export function splitPermission(ctx: Pick<HoldTerms, "order" | "policy">, singleSupplierCanTakeAll: boolean): SplitPermission {
  const split = ctx.policy.split;
  const money = (minor: number): string => formatMoney(minor, ctx.order.currencyCode);
  const basket = `basket ${money(ctx.order.basketValue)}`;
  if (!split.allowed) return { permitted: false, reason: "splitting is turned off in the routing policy" };
  if (ctx.order.basketValue >= split.minBasketValue) {
    return { permitted: true, reason: `${basket} is at or above the split minimum ${money(split.minBasketValue)}` };
  }
  if (ctx.order.serviceLevel === "expedited" && split.allowForExpedited) {
    return { permitted: true, reason: "the policy allows splitting expedited orders" };
  }
  if (split.allowToAvoidCancel && !singleSupplierCanTakeAll) {
    return { permitted: true, reason: "no single supplier can take every line; the policy splits rather than cancel" };
  }
  return { permitted: false, reason: `${basket} is below the split minimum ${money(split.minBasketValue)}` };
}

const describe = (ev: HeldLine): string => `${ev.line.quantity} × ${ev.line.title ?? ev.line.variantId}`;

function noEligibleMessage(ctx: HoldTerms, ev: HeldLine): string {
  const failed = new Set<ConstraintName>();
  const blocked = ev.explanation.candidates.map((c) => {
    const details = c.constraints.filter((r) => !r.passed);
    for (const r of details) failed.add(r.name);
    return `${c.supplierName} (${details.map((r) => constraintWords(r, c.supplierName).detail).join("; ")})`;
  });
  const hints = ["supplierKnown" as const, ...HARD_CONSTRAINT_ORDER, "minimumScore" as const]
    .filter((name) => failed.has(name))
    .map((name) => CONSTRAINT_HINTS[name](ctx));
  return `No supplier can ship ${describe(ev)} to ${ctx.region}: ${formatList(blocked)}. To route it: ${hints.join(", ")}.`;
}

function belowMinMessage(ctx: HoldTerms, ev: HeldLine): string {
  const min = ctx.policy.stopLoss.minScore ?? 0;
  const scored = ev.explanation.candidates.filter((c) => c.score).map((c) => `${c.supplierName} ${c.score!.total.toFixed(2)}`);
  return (
    `Every supplier that can ship ${describe(ev)} to ${ctx.region} scores below the policy minimum ` +
    `${min.toFixed(2)}: ${formatList(scored)}. Lower the minimum score or assign the line by hand.`
  );
}

function eligibleNames(ev: HeldLine): string {
  const names = ev.explanation.candidates.filter((c) => c.eligible).map((c) => c.supplierName);
  return formatList(names, 3);
}

/** Why a line is held: no offer, nobody eligible, scores too low, no split allowed, or too many parcels. */
export function holdReason(ev: HeldLine, splitPermitted: boolean): EngineHoldReasonCode {
  if (ev.explanation.candidates.length === 0) return "no_offer";
  if (!ev.explanation.candidates.some((c) => c.eligible)) {
    return ev.explanation.candidates.some((c) => c.score) ? "below_min_score" : "no_eligible_supplier";
  }
  return splitPermitted ? "max_parcels_exceeded" : "split_not_allowed";
}

/** The hold for a line the plan could not place. */
export function holdFor(ctx: HoldTerms, ev: HeldLine, split: SplitPermission): Hold {
  const reasonCode = holdReason(ev, split.permitted);
  const messages: Record<EngineHoldReasonCode, () => string> = {
    no_offer: () => `No supplier offers ${ev.line.title ?? "this item"} (${ev.line.variantId}); map the variant to a supplier SKU to route it.`,
    no_eligible_supplier: () => noEligibleMessage(ctx, ev),
    below_min_score: () => belowMinMessage(ctx, ev),
    split_not_allowed: () =>
      `${describe(ev)} can ship from ${eligibleNames(ev)}, but no single supplier can take the whole order ` +
      `and splitting is not allowed (${split.reason}). Allow splits for this case or assign the lines by hand.`,
    max_parcels_exceeded: () =>
      `${describe(ev)} can ship from ${eligibleNames(ev)}, but placing it would take more than ` +
      `${ctx.policy.split.maxParcels} parcels (the policy maximum). Raise the parcel limit or assign the line by hand.`,
  };
  const stock = ev.explanation.candidates.flatMap((c) => c.constraints).find((r) => r.name === "stockAvailable");
  const needed = stock?.name === "stockAvailable" ? stock.needed : ev.line.quantity;
  // The reserve speaks for itself: "restock" would be the wrong advice when the stock is there.
  const reserved = reasonCode === "no_eligible_supplier" ? reserveHoldMessage(ctx.note, describe(ev), ev.line.variantId, needed, ctx.order.channel) : null;
  return { lineId: ev.line.lineId, quantity: ev.line.quantity, reasonCode, message: reserved ?? messages[reasonCode]() };
}
