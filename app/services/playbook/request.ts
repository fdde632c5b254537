/** What staff ask a playbook action to do: one zod schema for the exceptions page and the service. */
import { z } from "zod";
import { CANCEL_REASONS, type PlaybookAction } from "~/domain/exceptions";

export const ActionRequestSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("refund"), shipping: z.boolean().default(false) }),
  z.object({ action: z.literal("reship") }),
  z.object({
    action: z.literal("cancel_order"),
    reason: z.enum(CANCEL_REASONS).default("OTHER"),
    refund: z.boolean().default(true),
    restock: z.boolean().default(true),
  }),
  z.object({ action: z.literal("reroute") }),
  z.object({ action: z.literal("remind_supplier") }),
  z.object({ action: z.literal("notify_customer"), note: z.string().trim().max(500, "Keep the note under 500 characters.").optional() }),
  z.object({ action: z.literal("wait"), until: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Choose a date to wait until.") }),
]);
export type ActionRequest = z.infer<typeof ActionRequestSchema>;

/** The actions Dropline carries out (every playbook action). */
export const EXECUTABLE_ACTIONS: ReadonlySet<PlaybookAction> = new Set([
  "wait",
  "remind_supplier",
  "notify_customer",
  "reroute",
  "reship",
  "refund",
  "cancel_order",
]);

/** Actions that may be asked again once the last one finished (a second reminder, a longer wait). */
export const REPEATABLE_ACTIONS: ReadonlySet<PlaybookAction> = new Set(["wait", "remind_supplier"]);
