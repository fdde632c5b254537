/** The review note form (one schema for the page and the server): what happened, why, and the rule that prevents a repeat. */
import { z } from "zod";
import { isIsoWeek } from "./week";

export const REVIEW_LINK_TARGETS = ["routing", "supplier", "stock", "none"] as const;

const text = (label: string, max: number) => z.string().trim().min(1, `Say ${label}.`).max(max, `Keep "${label}" under ${max} characters.`);

export const ReviewNoteForm = z.object({
  week: z.string().refine(isIsoWeek, "Pick a week."),
  groupBy: z.enum(["cause", "supplier", "channel"]),
  groupKey: z.string().max(200),
  whatHappened: text("what happened", 2000),
  why: text("why it happened", 2000),
  prevention: text("which rule prevents a repeat", 2000),
  linkTarget: z.enum(REVIEW_LINK_TARGETS).default("none"),
});

export type ReviewNoteFields = z.infer<typeof ReviewNoteForm>;

/** Parses the posted note; the first problem as a message staff can act on. */
export function parseReviewNoteForm(fields: Readonly<Record<string, unknown>>): { ok: true; value: ReviewNoteFields } | { ok: false; message: string } {
  const parsed = ReviewNoteForm.safeParse(fields);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, message: parsed.error.issues[0]?.message ?? "Invalid note." };
}
