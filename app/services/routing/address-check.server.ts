/**
 * The address check where routing decides what leaves: the shipping address the purchase orders
 * would carry is checked against the destination country's rules and each chosen supplier's label
 * rules, and lines it fails are held (reason "address") with sentences the merchant acts on in
 * Shopify. The hold is recorded with a staff task and on the order's timeline.
 */
import type { PrismaClient } from "@prisma/client";
import { addressFingerprint, BASIC_LABEL_RULES, checkAddress, type AddressInput, type AddressProblem } from "~/domain/address";
import { hasAddressHolds, holdForAddress, type AddressVerdict, type DecisionPlan } from "~/domain/routing";
import { addressHoldFor, endAddressHold, labelRulesFor, recordAddressHold, type StoredAddressProblem } from "~/models/address-holds.server";
import { addOrderEvent } from "~/models/orders.server";
import type { SupplierRecord } from "~/models/suppliers.server";
import type { MailingAddress } from "~/shopify/address-recheck";
import type { OrderForRouting } from "~/shopify/order-for-routing";
import type { OrderPayload } from "~/shopify/webhooks/payloads";

/** Delivery methods with no parcel to label: the check does not apply. */
const NOTHING_SHIPS = new Set(["PICK_UP", "PICKUP_POINT", "RETAIL", "LOCAL"]);

const text = (value: string | null | undefined): string | null => (value && value.trim() !== "" ? value : null);

/** The address the purchase orders would carry, from routing's read; null when nothing ships. */
export function addressOfRoutedOrder(order: OrderForRouting): AddressInput | null {
  const fos = order.fulfillmentOrders.nodes;
  if (fos.length > 0 && fos.every((fo) => NOTHING_SHIPS.has(fo.deliveryMethod?.methodType ?? ""))) return null;
  const dest = fos.find((fo) => fo.destination)?.destination ?? null;
  return {
    name: text([dest?.firstName, dest?.lastName].filter(Boolean).join(" ")),
    company: text(dest?.company),
    address1: text(dest?.address1),
    address2: text(dest?.address2),
    city: text(dest?.city),
    province: text(order.shippingAddress?.provinceCode) ?? text(dest?.province),
    zip: text(dest?.zip),
    countryCode: text(dest?.countryCode) ?? text(order.shippingAddress?.countryCodeV2),
    phone: text(dest?.phone),
  };
}

/** The order's shipping address as the Admin API gives it now. */
export function addressOfMailing(a: MailingAddress | null): AddressInput {
  return {
    name: text([a?.firstName, a?.lastName].filter(Boolean).join(" ")),
    company: text(a?.company),
    address1: text(a?.address1),
    address2: text(a?.address2),
    city: text(a?.city),
    province: text(a?.provinceCode) ?? text(a?.province),
    zip: text(a?.zip),
    countryCode: text(a?.countryCodeV2),
    phone: text(a?.phone),
  };
}

/** The shipping address in an orders/* webhook. */
export function addressOfWebhook(a: OrderPayload["shipping_address"]): AddressInput {
  return {
    name: text([a?.first_name, a?.last_name].filter(Boolean).join(" ")) ?? text(a?.name),
    company: text(a?.company),
    address1: text(a?.address1),
    address2: text(a?.address2),
    city: text(a?.city),
    province: text(a?.province_code),
    zip: text(a?.zip),
    countryCode: text(a?.country_code),
    phone: text(a?.phone),
  };
}

/** The check's verdict for an address and the suppliers chosen for it, and the problems as stored. */
export interface ScreenedAddress {
  readonly address: AddressInput;
  readonly verdict: AddressVerdict;
  readonly problems: readonly StoredAddressProblem[];
  /** The suppliers whose carriers refuse the address. */
  readonly refusingSuppliers: readonly string[];
}

/** Checks an address for every carrier, then for each supplier's carrier. */
export async function screenAddress(
  db: PrismaClient,
  shop: string,
  address: AddressInput,
  suppliers: readonly Pick<SupplierRecord, "id" | "name">[],
): Promise<ScreenedAddress> {
  const common = checkAddress(address, { supplierName: "", ...BASIC_LABEL_RULES }).problems;
  const stored =
    (supplierId: string | null) =>
    (p: AddressProblem): StoredAddressProblem => ({ supplierId, code: p.code, field: p.field, message: p.message });
  if (common.length > 0) return { address, verdict: { common, bySupplier: new Map() }, problems: common.map(stored(null)), refusingSuppliers: [] };
  const rules = await labelRulesFor(
    db,
    shop,
    suppliers.map((s) => s.id),
  );
  const bySupplier = new Map<string, readonly AddressProblem[]>();
  for (const s of suppliers) {
    const problems = checkAddress(address, { supplierName: s.name, ...(rules.get(s.id) ?? BASIC_LABEL_RULES) }).problems;
    if (problems.length > 0) bySupplier.set(s.id, problems);
  }
  return {
    address,
    verdict: { common, bySupplier },
    problems: [...bySupplier].flatMap(([id, problems]) => problems.map(stored(id))),
    refusingSuppliers: [...bySupplier.keys()],
  };
}

/**
 * Applies the address check to a fresh routing decision: lines going to a carrier that would
 * refuse the address are held for it. Orders with nothing to ship pass unchecked.
 */
export async function screenDecision<D extends DecisionPlan>(
  db: PrismaClient,
  shop: string,
  order: OrderForRouting,
  decision: D,
  suppliers: readonly SupplierRecord[],
): Promise<{ decision: D; screened: ScreenedAddress | null }> {
  const address = addressOfRoutedOrder(order);
  if (!address) return { decision, screened: null };
  const chosen = new Set(decision.assignments.map((a) => a.supplierId));
  const screened = await screenAddress(
    db,
    shop,
    address,
    suppliers.filter((s) => chosen.has(s.id)),
  );
  return { decision: holdForAddress(decision, screened.verdict), screened };
}

export interface RoutedOrderRef {
  readonly orderId: string;
  readonly orderName: string;
  readonly channel: string;
  readonly decisionVersion: number;
}

/**
 * After a decision is stored: an address hold is recorded (staff task, timeline); a decision that
 * holds nothing for the address ends the hold on record (the address was fixed, and perhaps the hold
 * released by hand in Shopify).
 */
export async function noteAddressOutcome(
  db: PrismaClient,
  shop: string,
  ref: RoutedOrderRef,
  decision: DecisionPlan,
  screened: ScreenedAddress | null,
  at: Date,
): Promise<void> {
  if (screened && hasAddressHolds(decision)) {
    const fresh = await recordAddressHold(
      db,
      shop,
      {
        ...ref,
        problems: screened.problems,
        supplierIds: screened.refusingSuppliers,
        fingerprint: addressFingerprint(screened.address),
        countryCode: screened.address.countryCode?.trim().toUpperCase() ?? null,
      },
      at,
    );
    if (fresh)
      await addOrderEvent(db, {
        shop,
        orderId: ref.orderId,
        kind: "address_hold",
        detail: `Held until the shipping address is fixed in Shopify: ${screened.problems.map((p) => p.message).join(" ")}`,
        at,
        dedupeKey: `address_hold:${ref.orderId}:v${ref.decisionVersion}`,
      });
    return;
  }
  const held = await addressHoldFor(db, shop, ref.orderId);
  if (held?.status === "held" && (await endAddressHold(db, shop, held.id, "released", at)))
    await addOrderEvent(db, {
      shop,
      orderId: ref.orderId,
      kind: "address_released",
      detail: `The shipping address passes the address check now; routed again (decision v${ref.decisionVersion}).`,
      at,
      dedupeKey: `address_released:${held.id}:v${ref.decisionVersion}`,
    });
}
