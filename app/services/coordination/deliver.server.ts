/**
 * Delivering purchase orders, reminders and cancellation requests on the supplier's channel:
 * email (SMTP), a signed JSON webhook to the supplier's system, or nothing to push (portal and
 * CSV suppliers come to us). Failures are retried by the job and shown on the purchase order.
 */
import { createHmac, randomUUID } from "node:crypto";
import { z } from "zod";
import { issuePurchaseOrderToken } from "~/models/portal-tokens.server";
import { purchaseOrderLinkExpiry } from "~/domain/portal-link";
import {
  getPurchaseOrder,
  recordDelivery,
  supplierCoordination,
  type PurchaseOrderRecord,
  type SupplierCoordinationRecord,
} from "~/models/purchase-orders.server";
import { getSupplier } from "~/models/suppliers.server";
import { TerminalJobError } from "~/services/queue/errors";
import { OutboundRefusal } from "~/services/outbound/guarded-http.server";
import type { JobWork } from "~/services/queue/job-queue";
import type { DeliveryKind } from "~/services/queue/coordination";
import { purchaseOrderText } from "~/domain/purchase-order/purchase-order";
import type { CoordinationServices } from "./services.server";

export const WEBHOOK_SIGNATURE_HEADER = "X-Dropline-Hmac-Sha256";

const HEADINGS: Readonly<Record<DeliveryKind, (po: PurchaseOrderRecord) => { subject: string; heading: string }>> = {
  purchase_order: (po) => ({ subject: `Purchase order ${po.number}`, heading: "Please accept (with the date you will ship) or reject this purchase order." }),
  reminder: (po) => ({
    subject: `Reminder: purchase order ${po.number} is waiting for your answer`,
    heading: "We have not heard back on this purchase order. Please accept or reject it.",
  }),
  tracking_reminder: (po) => ({
    subject: `Reminder: purchase order ${po.number} needs its tracking number`,
    heading:
      "You accepted this purchase order and we have no tracking number yet. Please ship it and enter the tracking number, or tell us what is holding it up.",
  }),
  cancellation_request: (po) => ({
    subject: `Cancellation request for purchase order ${po.number}`,
    heading: "The customer cancelled. Please accept the cancellation if it has not shipped, or reject it if it has.",
  }),
};

/** The body of the supplier webhook; `signature` = base64 HMAC-SHA256 of this exact JSON. */
export function webhookBody(po: PurchaseOrderRecord, kind: DeliveryKind, text: string): string {
  const { id, number, orderName, serviceTier, shippingMethod, shipTo, notes, lines, shipBy, status } = po;
  return JSON.stringify({ event: kind, purchaseOrder: { id, number, orderName, status, serviceTier, shippingMethod, shipTo, notes, lines, shipBy }, text });
}

export function signWebhook(body: string, secret: string): string {
  return createHmac("sha256", secret).update(body, "utf8").digest("base64");
}

async function postWebhook(s: CoordinationServices, settings: SupplierCoordinationRecord, body: string, kind: DeliveryKind): Promise<void> {
  if (!settings.webhookUrl || !settings.webhookSecret)
    throw new TerminalJobError("The supplier's webhook channel has no URL or secret; set them on the supplier.");
  let status: number;
  try {
    ({ status } = await s.postToSupplier(settings.webhookUrl, {
      headers: {
        "Content-Type": "application/json",
        [WEBHOOK_SIGNATURE_HEADER]: signWebhook(body, settings.webhookSecret),
        "X-Dropline-Event": kind,
        "X-Dropline-Delivery": randomUUID(),
      },
      body,
      timeoutMs: 10_000,
    }));
  } catch (error) {
    // A refused address will not become public by retrying: say why and stop.
    if (error instanceof OutboundRefusal && error.permanent) throw new TerminalJobError(error.message);
    throw error;
  }
  if (status < 200 || status >= 300) throw new Error(`The supplier's system answered HTTP ${status} at ${settings.webhookUrl}`);
}

/**
 * A link that opens this purchase order in the portal, minted for this one email. Only hashes of
 * portal tokens are stored, so the supplier's portal link cannot be put in an email, and minting a
 * new portal link would revoke the one the supplier uses. So each email gets a token of its own
 * that opens only this purchase order (a forwarded or leaked email exposes one order, not all of
 * them), is stored hashed, audited and revoked like any token (rotating or revoking the supplier's
 * portal link kills it too), and lapses `portalLinks.daysAfterShipBy` (30 by default) after the ship-by date, when acceptance, shipping
 * and tracking are long done; every later email (reminder, resend, cancellation) carries a fresh
 * one. A signed stateless URL was the alternative: it could not be revoked, and it would be a
 * second kind of credential for the portal to check. See docs/decisions/010-emailed-portal-links.md.
 */
async function purchaseOrderLink(s: CoordinationServices, po: PurchaseOrderRecord): Promise<string> {
  const now = s.now();
  const expiresAt = purchaseOrderLinkExpiry(now, po.shipBy, s.portalLinks);
  const token = await issuePurchaseOrderToken(s.db, { shop: po.shop, supplierId: po.supplierId, purchaseOrderId: po.id, expiresAt }, now);
  return `${s.appUrl}/portal/${token}`;
}

/** Delivers one message for a purchase order; returns the channel used. */
export async function deliver(s: CoordinationServices, po: PurchaseOrderRecord, kind: DeliveryKind): Promise<string> {
  const settings = await supplierCoordination(s.db, po.shop, po.supplierId);
  const { subject, heading } = HEADINGS[kind](po);
  const body = purchaseOrderText(po, heading);
  if (settings.channel === "webhook") {
    // The supplier's system answers with its own portal token; the webhook carries no credential.
    const text = `${body}\n\nAnswer through the supplier API (${s.appUrl}/api/supplier/purchase-orders/${po.id}) or in your supplier portal.`;
    await postWebhook(s, settings, webhookBody(po, kind, text), kind);
    return "webhook";
  }
  if (settings.channel === "email") {
    const supplier = await getSupplier(s.db, po.shop, po.supplierId);
    if (!supplier?.contactEmail) throw new TerminalJobError("The supplier has no contact email; add one on the supplier.");
    const link = await purchaseOrderLink(s, po);
    const text = `${body}\n\nAnswer in your supplier portal:\n${link}\n\nThis link opens this purchase order only; please do not forward it.`;
    await s.mailer.send({ to: supplier.contactEmail, subject, text, messageId: `<${po.id}.${kind}.${randomUUID()}@dropline>` });
    return "email";
  }
  // Portal and CSV suppliers fetch their work; nothing is pushed.
  return settings.channel;
}

const Payload = z.object({ poId: z.string(), kind: z.enum(["purchase_order", "reminder", "tracking_reminder", "cancellation_request"]) });

export function deliverWork(s: CoordinationServices): JobWork {
  return {
    async perform(job) {
      const { poId, kind } = Payload.parse(job.payload);
      const po = await getPurchaseOrder(s.db, job.shop, poId);
      if (!po || po.status === "draft" || po.status === "awaiting_review") return;
      try {
        const via = await deliver(s, po, kind);
        await recordDelivery(s.db, job.shop, po.id, via, null);
      } catch (error) {
        await recordDelivery(s.db, job.shop, po.id, po.deliveredVia ?? "", `${kind}: ${(error as Error).message}`);
        throw error;
      }
    },
  };
}
