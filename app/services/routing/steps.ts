import type { DecisionPlan } from "~/domain/routing";
import type { FulfillmentOrderSnapshot, HoldReason, LineQuantity } from "~/shopify/fulfillment-orders";

/** Dropline's hold handle: lets us recognise our own stop-loss holds on a later run. */
export const STOP_LOSS_HOLD_HANDLE = "dropline-stop-loss";

export type RoutingStep =
  | {
      readonly kind: "move";
      readonly fulfillmentOrderId: string;
      readonly supplierId: string;
      readonly locationId: string;
      /** null: the whole fulfillment order. */
      readonly lines: readonly LineQuantity[] | null;
    }
  | {
      readonly kind: "hold";
      readonly fulfillmentOrderId: string;
      readonly lines: readonly LineQuantity[] | null;
      readonly reason: HoldReason;
      readonly notes: string;
    };

export interface StepPlan {
  readonly steps: readonly RoutingStep[];
  /**
   * Fulfillment orders this run leaves alone, with why. `blocking` ones are work the decision
   * wanted but Shopify does not allow now (the merchant must look); the rest are simply done.
   */
  readonly skipped: readonly Skip[];
}

export interface Skip {
  readonly fulfillmentOrderId: string;
  readonly why: string;
  readonly blocking: boolean;
}

type Target = { readonly kind: "supplier"; readonly supplierId: string } | { readonly kind: "hold" };

/** Units of each order line the decision sends where, consumed in order as lines are placed. */
function targetsByLine(decision: DecisionPlan): Map<string, { target: Target; quantity: number }[]> {
  const byLine = new Map<string, { target: Target; quantity: number }[]>();
  const add = (lineId: string, target: Target, quantity: number) => {
    const list = byLine.get(lineId) ?? [];
    list.push({ target, quantity });
    byLine.set(lineId, list);
  };
  for (const a of decision.assignments) for (const l of a.lines) add(l.lineId, { kind: "supplier", supplierId: a.supplierId }, l.quantity);
  for (const h of decision.holds) add(h.lineId, { kind: "hold" }, h.quantity);
  return byLine;
}

/** Shopify's hold reason: an incorrect address when the address is all that holds the order, else stock. */
function holdReasonOf(decision: DecisionPlan): HoldReason {
  return decision.holds.length > 0 && decision.holds.every((h) => h.reasonCode === "address") ? "INCORRECT_ADDRESS" : "INVENTORY_OUT_OF_STOCK";
}

const keyOf = (t: Target) => (t.kind === "hold" ? "hold" : `supplier:${t.supplierId}`);

/**
 * Turns a stored routing decision into the Shopify steps still needed, given the order's
 * fulfillment orders as they are now. Lines already at a supplier's location, closed or held by
 * us count as done, so running it again after a partial failure only does what is left, and
 * running it after success does nothing. Decision line ids are order line item GIDs (stable
 * across moves; fulfillment-order line item ids are not).
 */
export function planRoutingSteps(
  fulfillmentOrders: readonly FulfillmentOrderSnapshot[],
  decision: DecisionPlan,
  supplierLocations: ReadonlyMap<string, string>,
  holdNotes: string,
  /** Fulfillment orders at a supplier's location that must move on anyway (rejected, re-routed). */
  movable: ReadonlySet<string> = new Set(),
): StepPlan {
  const supplierLocationIds = new Set(supplierLocations.values());
  const remaining = targetsByLine(decision);
  const reason = holdReasonOf(decision);
  const steps: RoutingStep[] = [];
  const skipped: Skip[] = [];

  for (const fo of fulfillmentOrders) {
    const locationId = fo.assignedLocation.location?.id ?? null;
    if (locationId && supplierLocationIds.has(locationId) && !movable.has(fo.id)) {
      skipped.push({ fulfillmentOrderId: fo.id, why: "already at a supplier's location", blocking: false });
      continue;
    }
    if (fo.status !== "OPEN") {
      const ours = fo.fulfillmentHolds.some((h) => h.handle === STOP_LOSS_HOLD_HANDLE);
      skipped.push({ fulfillmentOrderId: fo.id, why: ours ? "held by Dropline for a person" : `status ${fo.status}`, blocking: false });
      continue;
    }
    const groups = new Map<string, { target: Target; lines: LineQuantity[] }>();
    for (const line of fo.lineItems.nodes) {
      let open = line.remainingQuantity;
      const plan = remaining.get(line.lineItem.id) ?? [];
      for (const part of plan) {
        if (open === 0) break;
        const take = Math.min(open, part.quantity);
        if (take === 0) continue;
        part.quantity -= take;
        open -= take;
        const key = keyOf(part.target);
        const group = groups.get(key) ?? { target: part.target, lines: [] };
        group.lines.push({ id: line.id, quantity: take });
        groups.set(key, group);
      }
      if (open > 0) {
        const group = groups.get("hold") ?? { target: { kind: "hold" } as Target, lines: [] };
        group.lines.push({ id: line.id, quantity: open });
        groups.set("hold", group);
      }
    }
    steps.push(...stepsForFulfillmentOrder(fo, [...groups.values()], supplierLocations, holdNotes, skipped, reason));
  }
  return { steps, skipped };
}

function stepsForFulfillmentOrder(
  fo: FulfillmentOrderSnapshot,
  groups: { target: Target; lines: LineQuantity[] }[],
  supplierLocations: ReadonlyMap<string, string>,
  holdNotes: string,
  skipped: Skip[],
  reason: HoldReason,
): RoutingStep[] {
  const actions = new Set(fo.supportedActions.map((a) => a.action));
  const here = fo.assignedLocation.location?.id ?? null;
  // Lines whose chosen supplier is where Shopify already put them stay; everything else leaves.
  const staysHere = (g: { target: Target }) => g.target.kind === "supplier" && supplierLocations.get(g.target.supplierId) === here;
  const stay = groups.find(staysHere);
  // Moves first, the hold last: whatever is left on the original fulfillment order is held.
  const ordered = groups.filter((g) => !staysHere(g)).sort((a, b) => Number(a.target.kind === "hold") - Number(b.target.kind === "hold"));
  if (stay && ordered.length === 0) skipped.push({ fulfillmentOrderId: fo.id, why: "already at the chosen supplier's location", blocking: false });
  const steps: RoutingStep[] = [];
  ordered.forEach((group, index) => {
    const whole = !stay && (ordered.length === 1 || index === ordered.length - 1) ? null : group.lines;
    if (group.target.kind === "hold") {
      if (!actions.has("HOLD")) return skipped.push({ fulfillmentOrderId: fo.id, why: "Shopify does not allow a hold now", blocking: true });
      steps.push({ kind: "hold", fulfillmentOrderId: fo.id, lines: whole, reason, notes: holdNotes });
      return;
    }
    const locationId = supplierLocations.get(group.target.supplierId);
    if (!locationId) return skipped.push({ fulfillmentOrderId: fo.id, why: `supplier ${group.target.supplierId} has no Shopify location`, blocking: true });
    if (!actions.has("MOVE")) return skipped.push({ fulfillmentOrderId: fo.id, why: "Shopify does not allow a move now", blocking: true });
    steps.push({ kind: "move", fulfillmentOrderId: fo.id, supplierId: group.target.supplierId, locationId, lines: whole });
  });
  return steps;
}

// Request states in which Shopify lets a fulfillment order leave a fulfillment service's location.
const RELEASED = new Set(["UNSUBMITTED", "REJECTED", "CANCELLATION_ACCEPTED", "CLOSED"]);

/**
 * Suppliers the order must move away from: those asked to be excluded, and every supplier holding
 * one of the order's fulfillment orders in REJECTED (a rejection is never routed back to them).
 */
export function leavingSuppliers(
  fulfillmentOrders: readonly FulfillmentOrderSnapshot[],
  supplierLocations: ReadonlyMap<string, string>,
  exclude: readonly string[],
): Set<string> {
  const supplierAt = new Map([...supplierLocations].map(([supplierId, locationId]) => [locationId, supplierId]));
  const leaving = new Set(exclude);
  for (const fo of fulfillmentOrders) {
    const supplierId = supplierAt.get(fo.assignedLocation.location?.id ?? "");
    if (supplierId && fo.status === "OPEN" && fo.requestStatus === "REJECTED") leaving.add(supplierId);
  }
  return leaving;
}

/** An open fulfillment order at a leaving supplier's location, in a state Shopify lets move. */
export function isLeaving(fo: FulfillmentOrderSnapshot, supplierLocations: ReadonlyMap<string, string>, leaving: ReadonlySet<string>): boolean {
  const locationId = fo.assignedLocation.location?.id ?? "";
  const at = [...leaving].some((supplierId) => supplierLocations.get(supplierId) === locationId);
  return at && fo.status === "OPEN" && RELEASED.has(fo.requestStatus);
}
