/** The weekly digest email's words: the week's exceptions by cause against the week before, and the open alerts. */
import { CAUSE_LABELS } from "./causes";
import type { CauseTrend } from "./group";

export interface DigestAlert {
  readonly message: string;
  readonly openedDay: string;
}

export interface DigestInput {
  readonly shopName: string;
  readonly week: string;
  readonly fromDay: string;
  readonly toDay: string;
  readonly trend: readonly CauseTrend[];
  readonly openAlerts: readonly DigestAlert[];
  /** Groups staff wrote a review note for this week. */
  readonly notesWritten: number;
  /** Links into the app (review page for the week, alerts page). */
  readonly reviewUrl: string;
  readonly alertsUrl: string;
}

const change = (now: number, before: number): string => {
  if (now === before) return "same as last week";
  const diff = now - before;
  return `${diff > 0 ? "+" : "−"}${Math.abs(diff)} on last week`;
};

/** Subject and plain-text body of the weekly digest. */
export function composeDigest(input: DigestInput): { subject: string; text: string } {
  const total = input.trend.reduce((sum, t) => sum + t.thisWeek, 0);
  const before = input.trend.reduce((sum, t) => sum + t.lastWeek, 0);
  const lines = [
    `Dropline weekly review for ${input.shopName}, ${input.week} (${input.fromDay} to ${input.toDay}).`,
    "",
    `Exceptions this week: ${total} (${change(total, before)}; last week ${before}).`,
    ...input.trend.map((t) => `  • ${CAUSE_LABELS[t.cause]}: ${t.thisWeek} (last week ${t.lastWeek})`),
    "",
    input.openAlerts.length === 0 ? "No metric alerts are open." : `Open alerts (${input.openAlerts.length}):`,
    ...input.openAlerts.map((a) => `  • ${a.message} (open since ${a.openedDay})`),
    "",
    `Review notes written: ${input.notesWritten}.`,
    `Review the week: ${input.reviewUrl}`,
    `Alerts and thresholds: ${input.alertsUrl}`,
  ];
  return {
    subject: `Dropline weekly review ${input.week}: ${total} exception${total === 1 ? "" : "s"}, ${input.openAlerts.length} open alert${input.openAlerts.length === 1 ? "" : "s"}`,
    text: lines.join("\n"),
  };
}
