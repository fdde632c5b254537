/**
 * What a supplier's carrier needs on its labels, as the merchant sets it on the supplier's page:
 * a phone number, no post-office boxes, a longest line, Latin letters only. The address check
 * applies it before each purchase order to that supplier leaves.
 */
import type { PrismaClient } from "@prisma/client";
import { z } from "zod";
import { fail, formFailure, ok, type FormFailure, type Result } from "~/domain/result";
import { labelRulesFor, saveLabelRules, type StoredLabelRules } from "~/models/address-holds.server";
import { getSupplier } from "~/models/suppliers.server";

const checkbox = z
  .enum(["on"])
  .optional()
  .transform((v) => v === "on");

export const LabelRulesForm = z.object({
  requirePhone: checkbox,
  refusePoBox: checkbox,
  latinOnly: checkbox,
  maxLineLength: z
    .string()
    .trim()
    .default("")
    .refine(
      (v) => v === "" || (/^\d+$/.test(v) && Number(v) >= 20 && Number(v) <= 100),
      "A label line holds 20 to 100 characters; leave it empty for no limit.",
    )
    .transform((v) => (v === "" ? null : Number(v))),
});

/** The supplier's label rules as the form shows them. */
export async function supplierLabelRules(db: PrismaClient, shop: string, supplierId: string): Promise<StoredLabelRules> {
  return (await labelRulesFor(db, shop, [supplierId])).get(supplierId)!;
}

/** Saves the label rules of one of the shop's suppliers; held orders are checked against them at the next re-check. */
export async function saveSupplierLabelRules(
  db: PrismaClient,
  shop: string,
  supplierId: string,
  values: Record<string, unknown>,
): Promise<Result<StoredLabelRules, FormFailure>> {
  if (!(await getSupplier(db, shop, supplierId))) return fail(formFailure({ "": "That supplier no longer exists." }));
  const parsed = LabelRulesForm.safeParse(values);
  if (!parsed.success) {
    return fail(formFailure(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? ""), i.message]))));
  }
  await saveLabelRules(db, shop, supplierId, parsed.data);
  return ok(parsed.data);
}
