/**
 * Playbooks as data: for each case type, the ordered steps support takes — wait so many days,
 * then remind, re-route, reship, refund, cancel or notify. The merchant edits them per shop
 * (validated here); `nextStep` reads where a case stands from the actions already done.
 */
import { z } from "zod";
import { PLAYBOOK_ACTIONS, type ExceptionType, type PlaybookAction } from "./types";

const DAY_MS = 86_400_000;

export const PlaybookStepSchema = z
  .object({
    action: z.enum(PLAYBOOK_ACTIONS),
    /** For "wait": how many days the case sleeps before the next step is due. */
    waitDays: z.number().int().min(1, "Wait at least one day.").max(60, "Wait at most 60 days.").optional(),
  })
  .refine((s) => (s.action === "wait") === (s.waitDays !== undefined), {
    message: "A wait step needs a number of days; other steps take none.",
    path: ["waitDays"],
  });

export const PlaybookSchema = z
  .array(PlaybookStepSchema)
  .min(1, "A playbook needs at least one step.")
  .max(8, "A playbook has at most 8 steps.")
  .refine((steps) => steps[steps.length - 1]?.action !== "wait", { message: "A playbook cannot end with a wait." });

export type PlaybookStep = z.infer<typeof PlaybookStepSchema>;
export type Playbook = readonly PlaybookStep[];

const wait = (waitDays: number): PlaybookStep => ({ action: "wait", waitDays });
const step = (action: Exclude<PlaybookAction, "wait">): PlaybookStep => ({ action });

/** What support does when the merchant has not said otherwise. */
export const DEFAULT_PLAYBOOKS: Readonly<Record<ExceptionType, Playbook>> = {
  no_tracking_by_ship_date: [step("remind_supplier"), wait(1), step("reroute")],
  label_without_pickup: [step("remind_supplier"), wait(2), step("reroute")],
  no_movement: [step("remind_supplier"), wait(3), step("reship"), step("refund")],
  past_promised_delivery: [step("notify_customer"), wait(2), step("reship"), step("refund")],
  failed_delivery: [step("notify_customer"), wait(3), step("reship")],
  returned_to_sender: [step("reship"), step("refund")],
  lost: [step("reship"), step("refund")],
  stockout_after_accept: [step("reroute"), step("cancel_order")],
  delayed: [wait(3), step("reship"), step("refund")],
  damaged: [step("reship"), step("refund")],
  split_confusion: [step("notify_customer"), step("remind_supplier"), wait(2), step("reship")],
};

/** The playbook in force: the shop's own when it parses, else the default. */
export function playbookFor(type: ExceptionType, stored: unknown): Playbook {
  const parsed = PlaybookSchema.safeParse(stored);
  return parsed.success ? parsed.data : DEFAULT_PLAYBOOKS[type];
}

/** An action done on a case, oldest first. */
export interface DoneAction {
  readonly action: PlaybookAction;
  readonly atMs: number;
}

export type NextStep =
  | { readonly kind: "due"; readonly index: number; readonly step: PlaybookStep }
  | { readonly kind: "sleeping"; readonly untilMs: number; readonly index: number; readonly step: PlaybookStep }
  | { readonly kind: "finished" };

/**
 * Where a case stands in its playbook: steps are matched, in order, against the actions done;
 * a wait step counts as done once its days have passed since the previous step (or since the
 * case opened), or when staff chose "wait" on the case. Steps whose action is not available
 * (e.g. customer notices before they are wired) are skipped.
 */
export function nextStep(
  playbook: Playbook,
  done: readonly DoneAction[],
  openedAtMs: number,
  nowMs: number,
  available: ReadonlySet<PlaybookAction>,
  sleepUntilMs: number | null = null,
): NextStep {
  let cursor = 0;
  let since = openedAtMs;
  for (const [index, s] of playbook.entries()) {
    if (s.action !== "wait" && !available.has(s.action)) continue;
    if (s.action === "wait") {
      const manualWait = done.slice(cursor).findIndex((d) => d.action === "wait");
      if (manualWait >= 0) {
        cursor += manualWait + 1;
        since = done[cursor - 1]!.atMs;
        continue;
      }
      const until = Math.max(since + (s.waitDays ?? 0) * DAY_MS, sleepUntilMs ?? 0);
      const following = playbook.slice(index + 1).find((x) => x.action !== "wait" && available.has(x.action));
      if (nowMs < until && following) return { kind: "sleeping", untilMs: until, index, step: following };
      since = until;
      continue;
    }
    const found = done.slice(cursor).findIndex((d) => d.action === s.action);
    if (found < 0) {
      if (sleepUntilMs !== null && nowMs < sleepUntilMs) return { kind: "sleeping", untilMs: sleepUntilMs, index, step: s };
      return { kind: "due", index, step: s };
    }
    cursor += found + 1;
    since = done[cursor - 1]!.atMs;
  }
  return { kind: "finished" };
}

/** "wait 3 days → reship → refund", for the page. */
export function describePlaybook(playbook: Playbook): string {
  return playbook.map((s) => (s.action === "wait" ? `wait ${s.waitDays} day${s.waitDays === 1 ? "" : "s"}` : s.action.replace(/_/g, " "))).join(" → ");
}
