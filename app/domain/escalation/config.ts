/** Default ladder timings and their validation. */
import { SERVICE_TIERS, type EscalationConfig, type LadderTimings, type ServiceTier } from "./types";

const t = (remind: number, staffTask: number, reroute: number): LadderTimings => ({
  remindAfterHours: remind,
  staffTaskAfterHours: staffTask,
  rerouteAfterHours: reroute,
});

/**
 * Business hours (8 per day by default). A same-day promise cannot wait long for an answer;
 * a special order can. Stockouts after acceptance run shorter: the order is already late-prone.
 */
export const DEFAULT_ESCALATION_CONFIG: EscalationConfig = {
  acknowledgement: {
    same_day: t(1, 2, 4),
    next_day: t(4, 8, 16),
    "48_hour": t(8, 16, 24),
    special_order: t(16, 32, 56),
  },
  stockout: {
    same_day: t(1, 2, 3),
    next_day: t(2, 4, 8),
    "48_hour": t(4, 8, 16),
    special_order: t(8, 16, 40),
  },
  customerNotice: { orderTag: "dropline-delay-risk", flowTrigger: "dropline-promise-at-risk" },
};

function checkTimings(kind: string, tier: ServiceTier, timings: LadderTimings | undefined): string[] {
  if (!timings) return [`${kind} timings for ${tier} are missing`];
  const { remindAfterHours: r, staffTaskAfterHours: s, rerouteAfterHours: x } = timings;
  const ok = [r, s, x].every((h) => Number.isFinite(h)) && 0 < r && r < s && s < x;
  return ok ? [] : [`${kind} timings for ${tier} must grow: 0 < reminder (${r}) < staff task (${s}) < re-route (${x}) business hours`];
}

/** The problems with a config (empty when it is usable): every rung must come after the previous one. */
export function validateEscalationConfig(config: EscalationConfig): string[] {
  const problems = SERVICE_TIERS.flatMap((tier) => [
    ...checkTimings("Acknowledgement", tier, config.acknowledgement[tier]),
    ...checkTimings("Stockout", tier, config.stockout[tier]),
  ]);
  if (!config.customerNotice.orderTag.trim()) problems.push("The customer notice needs an order tag");
  return problems;
}
