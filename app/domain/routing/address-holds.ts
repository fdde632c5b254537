/**
 * The address check's word on a routing decision: lines whose purchase order would carry an
 * address the carrier cannot deliver to are held (reason "address") instead of sent, with the
 * check's sentences as the hold message. The engine decides where lines go; this decides whether
 * they may leave yet.
 */
import type { AddressProblem } from "../address";
import type { Assignment, DecisionPlan, Hold, RoutingOutcome } from "./types";

export interface AddressVerdict {
  /** Problems any carrier has (no country, a malformed postal code, no street…): every line waits. */
  readonly common: readonly AddressProblem[];
  /** Problems only an assigned supplier's carrier has (phone, PO box, label length or script). */
  readonly bySupplier: ReadonlyMap<string, readonly AddressProblem[]>;
}

function outcomeOf(assigned: readonly Assignment[], holds: readonly Hold[]): RoutingOutcome {
  if (assigned.length === 0) return "held";
  if (holds.length > 0) return "partially_held";
  return assigned.length > 1 ? "split" : "routed";
}

const sentences = (problems: readonly AddressProblem[]): string => problems.map((p) => p.message).join(" ");

/** True when the decision holds lines for their address. */
export function hasAddressHolds(decision: Pick<DecisionPlan, "holds">): boolean {
  return decision.holds.some((h) => h.reasonCode === "address");
}

/**
 * The decision with the verdict applied: with common problems every line is held for the address
 * (whatever else held it: the address is what to fix first, and the order is routed again once it
 * is); otherwise each assignment whose supplier's carrier refuses the address becomes holds
 * naming that supplier. A clean verdict returns the decision unchanged.
 */
export function holdForAddress<D extends DecisionPlan>(decision: D, verdict: AddressVerdict): D {
  if (verdict.common.length > 0) {
    const message = sentences(verdict.common);
    const holds: Hold[] = [
      ...decision.assignments.flatMap((a) => a.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity, reasonCode: "address" as const, message }))),
      ...decision.holds.map((h) => ({ lineId: h.lineId, quantity: h.quantity, reasonCode: "address" as const, message })),
    ];
    return { ...decision, assignments: [], holds, outcome: "held" };
  }
  const refused = decision.assignments.filter((a) => (verdict.bySupplier.get(a.supplierId) ?? []).length > 0);
  if (refused.length === 0) return decision;
  const assignments = decision.assignments.filter((a) => !refused.includes(a));
  const holds: Hold[] = [
    ...decision.holds,
    ...refused.flatMap((a) => {
      const message = sentences(verdict.bySupplier.get(a.supplierId) ?? []);
      return a.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity, reasonCode: "address" as const, message, supplierId: a.supplierId }));
    }),
  ];
  return { ...decision, assignments, holds, outcome: outcomeOf(assignments, holds) };
}
