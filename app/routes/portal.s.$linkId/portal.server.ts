/** The supplier portal's server side: the token is the only credential; every action is audited. */
import { fail, refusal } from "~/domain/result";
import { randomUUID } from "node:crypto";
import { formToInput } from "~/services/portal/portal-input";
import {
  acceptPurchaseOrder,
  authenticatePortal,
  decideCancellation,
  purchaseOrdersFor,
  rejectPurchaseOrder,
  reportStockout,
  submitTracking,
  type PortalResult,
} from "~/services/portal/portal-actions.server";
import { supplierPoView } from "~/services/portal/portal-view";
import { portalScorecard } from "~/services/portal/portal-scorecard.server";
import type { CoordinationServices } from "~/services/coordination/services.server";
import { getSupplier } from "~/models/suppliers.server";
import { services } from "~/services.server";

export const NOT_FOUND_MESSAGE = "This portal link is not valid: it was mistyped, rotated or revoked. Ask the merchant for a new link.";
export const REOPEN_MESSAGE = "This page opens from your portal link: open the link from the merchant's email again.";

/** The page a supplier gets when a link expired. */
export function expiredMessage(expiredAt: string): string {
  return `This portal link expired on ${expiredAt.slice(0, 10)}. Ask the merchant for a new link.`;
}

export function portalServices(): CoordinationServices {
  return services();
}

/**
 * The supplier's purchase orders (a purchase-order link: that one only), each with a fresh request
 * id for its forms (replays are refused).
 */
export async function loadPortal(s: CoordinationServices, token: string | null | undefined, linkId?: string) {
  const who = await authenticatePortal(s, token, "view", linkId);
  if (!who) return null;
  const supplier = await getSupplier(s.db, who.shop, who.supplierId);
  const [pos, scorecard] = await Promise.all([purchaseOrdersFor(s, who), portalScorecard(s, who)]);
  return {
    supplierName: supplier?.name ?? "Supplier",
    scorecard,
    today: s.now().toISOString().slice(0, 10),
    purchaseOrders: pos.map((po) => ({ ...supplierPoView(po), requestId: randomUUID() })),
  };
}

const RUN = {
  accept: acceptPurchaseOrder,
  reject: rejectPurchaseOrder,
  cancellation: decideCancellation,
  stockout: reportStockout,
} as const;

/** One form post from the portal. */
export async function portalAction(s: CoordinationServices, token: string | null | undefined, form: FormData, linkId?: string): Promise<PortalResult> {
  const intent = String(form.get("intent") ?? "");
  const who = await authenticatePortal(s, token, intent || "action", linkId);
  if (!who) return fail(refusal(404, NOT_FOUND_MESSAGE));
  const poId = String(form.get("poId") ?? "");
  if (intent === "tracking") return submitTracking(s, who, poId, Object.fromEntries(form), "portal");
  if (!(intent in RUN)) return fail(refusal(400, "Unknown action."));
  return RUN[intent as keyof typeof RUN](s, who, poId, formToInput(form));
}
