/**
 * Address holds and the suppliers' label rules, scoped by shop: the order routing held for its
 * shipping address (one row per order, with the problems as the merchant reads them), and what
 * each supplier's carrier needs on its labels.
 */
import type { AddressHold as AddressHoldRow, Prisma, PrismaClient } from "@prisma/client";
import { z } from "zod";
import { BASIC_LABEL_RULES, type AddressProblemCode, type AddressField, type LabelRules } from "~/domain/address";

type Db = PrismaClient | Prisma.TransactionClient;

/** One problem as stored: the check's sentence, and the supplier whose carrier has it (null: every carrier). */
export interface StoredAddressProblem {
  readonly supplierId: string | null;
  readonly code: AddressProblemCode;
  readonly field: AddressField;
  readonly message: string;
}

export type AddressHoldStatus = "held" | "released" | "cancelled";

export interface AddressHoldRecord extends Omit<AddressHoldRow, "problems" | "supplierIds" | "status"> {
  readonly status: AddressHoldStatus;
  readonly problems: readonly StoredAddressProblem[];
  readonly supplierIds: readonly string[];
}

const StoredProblems = z.array(z.object({ supplierId: z.string().nullable(), code: z.string(), field: z.string(), message: z.string() }));

function toRecord(row: AddressHoldRow): AddressHoldRecord {
  return {
    ...row,
    status: row.status as AddressHoldStatus,
    problems: StoredProblems.parse(JSON.parse(row.problems)) as StoredAddressProblem[],
    supplierIds: z.array(z.string()).parse(JSON.parse(row.supplierIds)),
  };
}

/** The staff task an address hold opens: one per hold (a later hold of the same order is a new task). */
export const ADDRESS_TASK_KIND = "address_hold";
const taskKey = (orderId: string, decisionVersion: number) => `${ADDRESS_TASK_KIND}:${orderId}:v${decisionVersion}`;

export interface AddressHoldInput {
  readonly orderId: string;
  readonly orderName: string;
  readonly problems: readonly StoredAddressProblem[];
  readonly supplierIds: readonly string[];
  readonly fingerprint: string;
  readonly countryCode: string | null;
  readonly channel: string;
  readonly decisionVersion: number;
}

/**
 * Records that routing held the order for its address, and opens the staff task saying what to
 * fix (once per hold). Returns whether this is a new hold (not a repeat of the one on record).
 */
export async function recordAddressHold(db: PrismaClient, shop: string, input: AddressHoldInput, at: Date): Promise<boolean> {
  const message = `${input.orderName}: the shipping address must be fixed in Shopify before the purchase order can leave. ${input.problems.map((p) => p.message).join(" ")}`;
  return db.$transaction(async (tx) => {
    const before = await tx.addressHold.findUnique({ where: { shop_orderId: { shop, orderId: input.orderId } } });
    const fresh = !before || before.status !== "held" || before.decisionVersion !== input.decisionVersion;
    const data = {
      orderName: input.orderName,
      status: "held",
      problems: JSON.stringify(input.problems),
      supplierIds: JSON.stringify(input.supplierIds),
      fingerprint: input.fingerprint,
      countryCode: input.countryCode,
      channel: input.channel,
      decisionVersion: input.decisionVersion,
      checkedAt: at,
      releasedAt: null,
    };
    await tx.addressHold.upsert({
      where: { shop_orderId: { shop, orderId: input.orderId } },
      create: { shop, orderId: input.orderId, heldAt: at, ...data },
      update: before?.status === "held" ? data : { ...data, heldAt: at },
    });
    // One open task per order: a hold recorded again (a later decision) keeps the task staff already see.
    const open = await tx.staffTask.findFirst({ where: { shop, kind: ADDRESS_TASK_KIND, orderId: input.orderId, status: "open" } });
    if (open) return fresh;
    const dedupeKey = taskKey(input.orderId, input.decisionVersion);
    await tx.staffTask.upsert({
      where: { shop_dedupeKey: { shop, dedupeKey } },
      create: { shop, orderId: input.orderId, purchaseOrderId: null, kind: ADDRESS_TASK_KIND, message, dedupeKey, createdAt: at },
      update: {},
    });
    return fresh;
  });
}

/** A later check still fails: what it found now (the task keeps its first words; the order page shows these). */
export async function updateAddressHoldCheck(
  db: Db,
  shop: string,
  id: string,
  check: { problems: readonly StoredAddressProblem[]; fingerprint: string; countryCode: string | null },
  at: Date,
): Promise<void> {
  await db.addressHold.updateMany({
    where: { shop, id, status: "held" },
    data: { problems: JSON.stringify(check.problems), fingerprint: check.fingerprint, countryCode: check.countryCode, checkedAt: at },
  });
}

/**
 * Ends a hold (the address passed, or the order was cancelled) and closes its staff task. False
 * when it had already ended: whoever ends it first carries out what follows, once.
 */
export async function endAddressHold(db: PrismaClient, shop: string, id: string, status: "released" | "cancelled", at: Date): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const hold = await tx.addressHold.findFirst({ where: { shop, id } });
    if (!hold) return false;
    const { count } = await tx.addressHold.updateMany({ where: { shop, id, status: "held" }, data: { status, releasedAt: at, checkedAt: at } });
    if (count === 0) return false;
    await tx.staffTask.updateMany({ where: { shop, kind: ADDRESS_TASK_KIND, orderId: hold.orderId, status: "open" }, data: { status: "done", doneAt: at } });
    return true;
  });
}

export async function addressHoldFor(db: Db, shop: string, orderId: string): Promise<AddressHoldRecord | null> {
  const row = await db.addressHold.findUnique({ where: { shop_orderId: { shop, orderId } } });
  return row ? toRecord(row) : null;
}

/** Orders held for their address now, oldest first (the periodic re-check). */
export async function heldAddressOrders(db: Db, shop: string, take = 500): Promise<AddressHoldRecord[]> {
  const rows = await db.addressHold.findMany({ where: { shop, status: "held" }, orderBy: { heldAt: "asc" }, take });
  return rows.map(toRecord);
}

// ── Label rules ─────────────────────────────────────────────────────────────────────────────

export type StoredLabelRules = Omit<LabelRules, "supplierName">;

/** Each supplier's label rules (the basic ones for a supplier without a row). */
export async function labelRulesFor(db: Db, shop: string, supplierIds: readonly string[]): Promise<Map<string, StoredLabelRules>> {
  const rows = await db.supplierLabelRules.findMany({ where: { shop, supplierId: { in: [...supplierIds] } } });
  const bySupplier = new Map<string, StoredLabelRules>(supplierIds.map((id) => [id, BASIC_LABEL_RULES]));
  for (const r of rows) {
    bySupplier.set(r.supplierId, { requirePhone: r.requirePhone, refusePoBox: r.refusePoBox, maxLineLength: r.maxLineLength, latinOnly: r.latinOnly });
  }
  return bySupplier;
}

export async function saveLabelRules(db: Db, shop: string, supplierId: string, rules: StoredLabelRules): Promise<void> {
  await db.supplierLabelRules.upsert({ where: { supplierId }, create: { shop, supplierId, ...rules }, update: { ...rules } });
}
