/**
 * What staff can do from the purchase-order admin: resend, re-route now, hold and release the
 * ladder, approve a purchase order waiting for review, close a task, and manage portal links.
 */
import { isIP } from "node:net";
import { refusalFor } from "~/services/outbound/address-policy";
import { OutboundRefusal, parseOutboundUrl } from "~/services/outbound/guarded-http.server";
import { z } from "zod";
import { fail, failure, ok, type Result } from "~/domain/result";
import { rotatePortalToken, revokePortalTokens } from "~/models/portal-tokens.server";
import { portalLinkExpiry } from "~/domain/portal-link";
import {
  closeStaffTask,
  getPurchaseOrder,
  saveSupplierCoordination,
  setHeld,
  setShopManualReview,
  supplierCoordination,
  CHANNELS,
} from "~/models/purchase-orders.server";
import { getSupplier } from "~/models/suppliers.server";
import { rerouteAway } from "./actions.server";
import { deliverJob, submitRequestsJob } from "~/services/queue/coordination";
import { rearmTimer } from "./ladder.server";
import type { CoordinationServices } from "./services.server";

/** What staff read after an action (and a new portal link, shown once); or why it was not done. */
export type AdminResult = Result<{ message: string; portalLink?: string }>;

const done = (message: string): AdminResult => ok({ message });
const refused = (message: string): AdminResult => fail(failure(message));

const PoIntent = z.object({ intent: z.enum(["resend", "reroute", "hold", "release", "approve"]), poId: z.string().min(1) });

/** One staff action on a purchase order of `shop`. */
export async function purchaseOrderAction(s: CoordinationServices, shop: string, values: Record<string, unknown>): Promise<AdminResult> {
  const parsed = PoIntent.safeParse(values);
  if (!parsed.success) return refused("Choose a purchase order and an action.");
  const po = await getPurchaseOrder(s.db, shop, parsed.data.poId);
  if (!po) return refused("That purchase order no longer exists.");
  switch (parsed.data.intent) {
    case "resend": {
      const kind = po.status === "cancellation_requested" ? "cancellation_request" : "purchase_order";
      await s.queue.enqueue(deliverJob(shop, po.id, kind, `resend:${s.now().getTime()}`));
      return done(`${po.number} will be sent to the supplier again.`);
    }
    case "reroute":
      if (!["sent", "accepted"].includes(po.status)) return refused(`${po.number} is ${po.status}; only a sent or accepted purchase order can be re-routed.`);
      if (!(await rerouteAway(s, po, "re-routed by staff")))
        return refused(`Shopify shows ${po.number} accepted by the supplier; Dropline recorded the acceptance instead of re-routing.`);
      return done(`${po.number} was taken from the supplier; the order is being routed to the next one.`);
    case "hold":
      await setHeld(s.db, shop, po.id, true);
      return done(`Escalation paused for ${po.number}.`);
    case "release":
      await setHeld(s.db, shop, po.id, false);
      // The timer's job may have run (and skipped) while held: book it again.
      if (po.ladder) await rearmTimer(s, shop, po.ladder, `release:${s.now().getTime()}`);
      return done(`Escalation resumed for ${po.number}.`);
    case "approve":
      if (po.status !== "awaiting_review") return refused(`${po.number} is not waiting for review.`);
      await s.queue.enqueue(submitRequestsJob(shop, po.orderId, `approve:${po.id}`, { approvePoId: po.id }));
      return done(`${po.number} approved: the fulfillment request goes out now.`);
  }
}

export async function closeTask(s: CoordinationServices, shop: string, taskId: string): Promise<AdminResult> {
  const closed = await closeStaffTask(s.db, shop, taskId, s.now());
  return closed ? done("Task closed.") : refused("That task is already closed.");
}

const SupplierSettings = z.object({
  supplierId: z.string().min(1),
  channel: z.enum(CHANNELS),
  webhookUrl: z.string().trim().url("The webhook URL must be a full https:// URL.").or(z.literal("")).default(""),
  webhookSecret: z.string().trim().default(""),
  manualReview: z.enum(["on", "off"]).default("off"),
  openTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Opening time is HH:MM."),
  closeTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Closing time is HH:MM."),
});

/**
 * What can be known about a webhook URL when it is saved: scheme, no credentials, and an IP
 * literal that is not public. Host names are checked at each delivery (DNS answers change).
 */
function webhookUrlProblem(raw: string): string | undefined {
  try {
    const url = parseOutboundUrl(raw, "The webhook URL");
    const literal = url.hostname.replace(/^\[|\]$/gu, "");
    return isIP(literal) ? refusalFor(literal, { allowLoopback: false }, "The webhook URL") : undefined;
  } catch (error) {
    if (error instanceof OutboundRefusal) return error.message;
    throw error;
  }
}

/** Saves how a supplier receives purchase orders. */
export async function saveChannel(s: CoordinationServices, shop: string, values: Record<string, unknown>): Promise<AdminResult> {
  const parsed = SupplierSettings.safeParse(values);
  if (!parsed.success) return refused(parsed.error.issues[0]?.message ?? "Check the supplier's settings.");
  const v = parsed.data;
  if (!(await getSupplier(s.db, shop, v.supplierId))) return refused("That supplier no longer exists.");
  // An empty secret field keeps the stored secret (the form never shows it back).
  const secret = v.webhookSecret || (await supplierCoordination(s.db, shop, v.supplierId)).webhookSecret || "";
  if (v.channel === "webhook" && (!v.webhookUrl || secret.length < 16)) {
    return refused("A webhook supplier needs a URL and a shared secret of at least 16 characters.");
  }
  if (v.closeTime <= v.openTime) return refused("Closing time must be after opening time.");
  const urlProblem = v.webhookUrl ? webhookUrlProblem(v.webhookUrl) : undefined;
  if (urlProblem) return refused(urlProblem);
  await saveSupplierCoordination(s.db, shop, v.supplierId, {
    channel: v.channel,
    webhookUrl: v.webhookUrl || null,
    webhookSecret: secret || null,
    manualReview: v.manualReview === "on",
    openTime: v.openTime,
    closeTime: v.closeTime,
  });
  return done("Supplier settings saved.");
}

/** Issues a new portal link (the old one stops working) or revokes the supplier's links. */
export async function portalLinkAction(s: CoordinationServices, shop: string, intent: "rotate" | "revoke", supplierId: string): Promise<AdminResult> {
  const supplier = await getSupplier(s.db, shop, supplierId);
  if (!supplier) return refused("That supplier no longer exists.");
  if (intent === "revoke") {
    const count = await revokePortalTokens(s.db, shop, supplierId, s.now());
    return done(
      count > 0 ? `${supplier.name}'s portal links (emailed purchase-order links included) no longer work.` : `${supplier.name} had no active portal link.`,
    );
  }
  const now = s.now();
  const token = await rotatePortalToken(s.db, shop, supplierId, now, portalLinkExpiry(now, s.portalLinks));
  return ok({
    message: `New portal link for ${supplier.name} (shown once; any earlier link, emailed purchase-order links included, stopped working).`,
    portalLink: `${s.appUrl}/portal/${token}`,
  });
}

export async function setManualReview(s: CoordinationServices, shop: string, on: boolean): Promise<AdminResult> {
  await setShopManualReview(s.db, shop, on);
  return done(on ? "Every fulfillment request now waits for a person's approval." : "Fulfillment requests go out as soon as orders are routed.");
}
