/**
 * The weekly digest email: once per shop per ISO week (the job is deduplicated per week, and the
 * send goes through performOnce with key `digest:<week>:email`), summarising the week's
 * exceptions by cause against the week before, and the open alerts.
 */
import { composeDigest, isIsoWeek } from "~/domain/review";
import { listOpenAlerts } from "~/models/alerts.server";
import { shopProfile } from "~/services/shop/profile.server";
import type { CoordinationServices } from "~/services/coordination/services.server";
import type { IntentOutcome } from "~/services/exactly-once.server";
import type { JobWork } from "~/services/queue/job-queue";
import { TerminalJobError } from "~/services/queue/errors";
import { alertRecipient, sendMailOnce } from "./notify.server";
import { loadWeekReview } from "./review.server";

/** Sends the digest of `week` (an ISO week such as "2026-W49") to the merchant, exactly once. */
export async function sendWeeklyDigest(s: CoordinationServices, shop: string, week: string): Promise<IntentOutcome<{ to: string }>> {
  if (!isIsoWeek(week)) throw new TerminalJobError(`"${week}" is not an ISO week`);
  const [review, open, contact] = await Promise.all([loadWeekReview(s.db, shop, week), listOpenAlerts(s.db, shop), shopProfile(s, shop)]);
  const mail = composeDigest({
    shopName: contact.name,
    week,
    fromDay: review.range.fromDay,
    toDay: review.range.toDay,
    trend: review.trend,
    openAlerts: open.map((a) => ({ message: a.message, openedDay: a.openedAt.toISOString().slice(0, 10) })),
    notesWritten: review.notes.length,
    reviewUrl: `${s.appUrl}/app/review?week=${week}`,
    alertsUrl: `${s.appUrl}/app/alerts`,
  });
  return sendMailOnce(s, shop, `digest:${week}:email`, { to: await alertRecipient(s, shop), ...mail, messageId: `<digest-${week}-${shop}@dropline>` });
}

export function weeklyDigestWork(s: CoordinationServices): JobWork {
  return {
    perform: async (job) => {
      const week = (job.payload as { week?: unknown } | null)?.week;
      if (typeof week !== "string") throw new TerminalJobError("weekly_digest job without a week");
      await sendWeeklyDigest(s, job.shop, week);
    },
  };
}
