/**
 * The supplier JSON API: the portal's actions for suppliers' own systems. Authorization: Bearer
 * <portal token>; JSON in, JSON out; errors are `{ "error": "…" }` with a meaningful status.
 */
import {
  acceptPurchaseOrder,
  authenticatePortal,
  decideCancellation,
  purchaseOrderFor,
  purchaseOrdersFor,
  rejectPurchaseOrder,
  reportStockout,
  submitTracking,
} from "./portal-actions.server";
import { supplierCoordination } from "~/models/purchase-orders.server";
import type { PortalIdentity } from "~/models/portal-tokens.server";
import { supplierPoView, type SupplierPoView } from "./portal-view";
import type { PurchaseOrderRecord } from "~/models/purchase-orders.server";
import { payloadTooLarge, readTextLimited } from "../security/body-limit.server";
import type { CoordinationServices } from "../coordination/services.server";

const JSON_HEADERS = { "Content-Type": "application/json", "Cache-Control": "no-store" };
const reply = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: JSON_HEADERS });
const UNAUTHORIZED = () => reply(401, { error: "Send your portal token as 'Authorization: Bearer <token>'. It may have been rotated or revoked." });

/** The token of an `Authorization: Bearer` header (also the rate limiter's credential key). */
export function bearer(request: Request): string | null {
  const header = request.headers.get("authorization") ?? "";
  return header.toLowerCase().startsWith("bearer ") ? header.slice(7).trim() : null;
}

/** A purchase order as this supplier may see it (the recipient's phone per the supplier's setting). */
async function viewer(s: CoordinationServices, who: PortalIdentity): Promise<(po: PurchaseOrderRecord) => SupplierPoView> {
  const contact = await supplierCoordination(s.db, who.shop, who.supplierId);
  return (po) => supplierPoView(po, contact);
}

/** GET /api/supplier/purchase-orders — this supplier's purchase orders, newest first. */
export async function listForSupplier(s: CoordinationServices, request: Request): Promise<Response> {
  const who = await authenticatePortal(s, bearer(request), "api:list");
  if (!who) return UNAUTHORIZED();
  const [pos, view] = await Promise.all([purchaseOrdersFor(s, who), viewer(s, who)]);
  return reply(200, { purchaseOrders: pos.map(view) });
}

/** GET /api/supplier/purchase-orders/:id — one of this supplier's purchase orders. */
export async function getForSupplier(s: CoordinationServices, request: Request, poId: string): Promise<Response> {
  const who = await authenticatePortal(s, bearer(request), "api:get");
  if (!who) return UNAUTHORIZED();
  const po = await purchaseOrderFor(s, who, poId);
  if (!po) return reply(404, { error: "No such purchase order for your account." });
  return reply(200, { purchaseOrder: (await viewer(s, who))(po) });
}

const RUN = { accept: acceptPurchaseOrder, reject: rejectPurchaseOrder, cancellation: decideCancellation, stockout: reportStockout } as const;

/**
 * POST /api/supplier/purchase-orders/:id — body `{ "action": "accept" | "reject" | "cancellation" | "stockout" | "tracking", … }`.
 * Answers `{ message, purchaseOrder }` with the purchase order as stored after the action (an
 * acceptance's `status` and `committedShipAt` included); see docs/supplier-api.md.
 */
export async function actForSupplier(s: CoordinationServices, request: Request, poId: string, maxBytes: number): Promise<Response> {
  // Read under its limit before anything else (the token is checked after the body is parsed).
  const text = await readTextLimited(request, maxBytes);
  if (text === null) return payloadTooLarge(maxBytes, true);
  let body: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("not an object");
    body = parsed as Record<string, unknown>;
  } catch {
    return reply(400, { error: "The body must be a JSON object." });
  }
  const action = typeof body.action === "string" ? body.action : "";
  const who = await authenticatePortal(s, bearer(request), `api:${action || "action"}`);
  if (!who) return UNAUTHORIZED();
  if (action === "tracking") {
    const result = await submitTracking(s, who, poId, body, "api");
    return result.ok
      ? reply(200, { message: result.value.message, purchaseOrder: (await viewer(s, who))(result.value.po) })
      : reply(result.failure.status, { error: result.failure.message });
  }
  if (!(action in RUN)) return reply(400, { error: `Unknown action "${action}": use accept, reject, cancellation or stockout.` });
  const result = await RUN[action as keyof typeof RUN](s, who, poId, body);
  return result.ok
    ? reply(200, { message: result.value.message, purchaseOrder: (await viewer(s, who))(result.value.po) })
    : reply(result.failure.status, { error: result.failure.message });
}
