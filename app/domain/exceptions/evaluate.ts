/** The exception engine: evaluate the rule table at an instant, then reconcile with open cases. */
import { EXCEPTION_RULES, ruleFor } from "./rules";
import type { CasePlan, CaseRef, ExceptionCondition, ExceptionConfig, ExceptionSubject } from "./types";

/** Thresholds used when the merchant has not set their own. */
export const DEFAULT_EXCEPTION_CONFIG: ExceptionConfig = {
  labelWithoutPickupBusinessDays: 2,
  noMovementDays: 4,
  noTrackingGraceHours: 0,
  pastPromiseGraceDays: 1,
  splitConfusionDays: 2,
};

function assertConfig(config: ExceptionConfig): void {
  const { labelWithoutPickupBusinessDays: label, noMovementDays: still } = config;
  if (!Number.isInteger(label) || label < 1) {
    throw new RangeError(`The label-without-pickup threshold must be a whole number of business days ≥ 1, got ${label}`);
  }
  if (!Number.isFinite(still) || still <= 0) {
    throw new RangeError(`The no-movement threshold must be a positive number of days, got ${still}`);
  }
  const grace = config.noTrackingGraceHours ?? 0;
  if (!Number.isInteger(grace) || grace < 0) throw new RangeError(`The no-tracking grace must be a whole number of hours ≥ 0, got ${grace}`);
  const late = config.pastPromiseGraceDays ?? 1;
  if (!Number.isInteger(late) || late < 0) throw new RangeError(`The past-promise grace must be a whole number of days ≥ 0, got ${late}`);
}

/** The conditions open for a subject at `nowMs`, each with its reason and playbook. */
export function evaluateExceptions(subject: ExceptionSubject, nowMs: number, config: ExceptionConfig = DEFAULT_EXCEPTION_CONFIG): ExceptionCondition[] {
  assertConfig(config);
  return EXCEPTION_RULES.flatMap((rule) => {
    const check = rule.check(subject, config);
    if (!check || (check.dueAtMs !== null && nowMs < check.dueAtMs)) return [];
    return [
      {
        subjectId: subject.id,
        type: rule.type,
        openedReason: check.reason,
        sinceMs: check.dueAtMs,
        suggestedActions: rule.playbook,
      },
    ];
  });
}

/** The next instant after `nowMs` a timed rule would open on today's facts, for the timer; null if none. */
export function nextEvaluationAtMs(subject: ExceptionSubject, nowMs: number, config: ExceptionConfig = DEFAULT_EXCEPTION_CONFIG): number | null {
  assertConfig(config);
  const upcoming = EXCEPTION_RULES.map((rule) => rule.check(subject, config)?.dueAtMs).filter((due): due is number => due != null && due > nowMs);
  return upcoming.length > 0 ? Math.min(...upcoming) : null;
}

const keyOf = (c: CaseRef): string => `${c.subjectId}\u0000${c.type}`;

/**
 * Plan the case store for the subjects evaluated: open a case for each new condition, close
 * each case whose condition cleared, keep the rest. Pass the open cases of exactly the
 * subjects whose conditions you pass — a case with no matching condition is closed.
 */
export function reconcileCases<C extends CaseRef>(existingOpenCases: readonly C[], conditionsNow: readonly ExceptionCondition[]): CasePlan<C> {
  const current = new Map(conditionsNow.map((c) => [keyOf(c), c]));
  const seen = new Set<string>();
  const keep: C[] = [];
  const close: { case: C; closingReason: string }[] = [];
  for (const existing of existingOpenCases) {
    const key = keyOf(existing);
    if (seen.has(key)) close.push({ case: existing, closingReason: "Duplicate of another open case" });
    else if (current.has(key)) keep.push(existing);
    else close.push({ case: existing, closingReason: ruleFor(existing.type).closedReason });
    seen.add(key);
  }
  const open = [...current.values()].filter((c) => !seen.has(keyOf(c)));
  return { open, close, keep };
}
