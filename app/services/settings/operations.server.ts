/** Saving the escalation and exception settings page: the same schema the form checks, then both tables. */
import type { PrismaClient } from "@prisma/client";
import { fieldErrors, OperationsSettingsSchema, settingsFromForm, type OperationsSettings } from "~/domain/escalation";
import { fail, ok, type Result } from "~/domain/result";
import { loadOperationsSettings, saveOperationsSettings } from "~/models/operations-settings.server";

export type SaveSettingsResult = Result<OperationsSettings, { message: string; fieldErrors: Record<string, string> }>;

export async function saveSettingsFromForm(db: PrismaClient, shop: string, values: Readonly<Record<string, unknown>>): Promise<SaveSettingsResult> {
  const parsed = OperationsSettingsSchema.safeParse(settingsFromForm(values));
  if (!parsed.success) return fail({ message: "Some settings need fixing; nothing was saved.", fieldErrors: fieldErrors(parsed.error) });
  await saveOperationsSettings(db, shop, parsed.data);
  return ok(parsed.data);
}

export { loadOperationsSettings };
