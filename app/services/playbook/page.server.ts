/**
 * The exceptions page's playbook intents, parsed and carried out for the route: review (the
 * confirmations), confirm (record and queue the actions), and open a staff-reported case.
 */
import { z } from "zod";
import type { JobServices } from "~/services/deps";
import { openStaffCase } from "./cases.server";
import { ActionRequestSchema, type ActionRequest } from "./request";
import { previewActions, requestCaseActions } from "./request.server";

const flag = z.enum(["true", "false"]).transform((v) => v === "true");
const Ids = z
  .string()
  .transform((s) => s.split(",").filter(Boolean))
  .pipe(z.array(z.string()).min(1, "Select at least one case."));

const ActionForm = z.object({
  ids: Ids,
  action: z.string(),
  shipping: flag.optional(),
  reason: z.string().optional(),
  refund: flag.optional(),
  restock: flag.optional(),
  until: z.string().optional(),
  note: z.string().optional(),
});

export type PageAnswer =
  | { kind: "preview"; items: { caseId: string; order: string; ok: boolean; text: string }[]; fields: Record<string, string> }
  | { kind: "message"; message: string; tone: "success" | "critical" | "warning" };

function parseRequest(form: Record<string, unknown>): { ids: string[]; request: ActionRequest } | string {
  const parsed = ActionForm.safeParse(form);
  if (!parsed.success) return parsed.error.issues[0]?.message ?? "Invalid request.";
  const { ids, ...rest } = parsed.data;
  const request = ActionRequestSchema.safeParse(rest);
  if (!request.success) return request.error.issues[0]?.message ?? "Invalid action.";
  return { ids, request: request.data };
}

export async function playbookIntent(
  s: JobServices,
  shop: string,
  actor: string,
  form: Record<string, string>,
  orderNames: Map<string, string>,
): Promise<PageAnswer> {
  if (form.intent === "report") {
    const opened = await openStaffCase(s, shop, { orderName: form.orderName ?? "", type: form.type ?? "", note: (form.note ?? "").slice(0, 500), actor });
    return opened.ok
      ? { kind: "message", message: `Case opened on ${opened.value.orderName}.`, tone: "success" }
      : { kind: "message", message: opened.failure.message, tone: "critical" };
  }
  const parsed = parseRequest(form);
  if (typeof parsed === "string") return { kind: "message", message: parsed, tone: "critical" };
  const { ids, request } = parsed;
  if (form.intent === "review") {
    const previews = await previewActions(s, shop, ids, request);
    const { intent: _intent, ...fields } = form;
    return {
      kind: "preview",
      fields,
      items: previews.map(({ caseId, preview }) => ({
        caseId,
        order: orderNames.get(caseId) ?? caseId,
        ok: preview.ok,
        text: preview.ok ? preview.value.confirmation : preview.failure.message,
      })),
    };
  }
  const outcomes = await requestCaseActions(s, shop, actor, ids, request);
  const requested = outcomes.filter((o) => o.status === "requested").length;
  const notes = outcomes.filter((o) => o.status !== "requested").map((o) => `${orderNames.get(o.caseId) ?? o.caseId}: ${"message" in o ? o.message : ""}`);
  return {
    kind: "message",
    message: [`${requested} action${requested === 1 ? "" : "s"} queued; each runs once and is recorded on the case.`, ...notes].join(" "),
    tone: notes.length > 0 ? "warning" : "success",
  };
}
