/**
 * The exception rules as data: each says when its condition starts for a subject (an instant,
 * or "now" for conditions read straight off the tracking stage), what the playbook suggests,
 * and what to say when the condition clears. The engine in evaluate.ts walks this table.
 */
import { addBusinessDays, addDays, instantAt, localDateTime } from "../promise";
import type { TrackingStage } from "../tracking";
import type { ExceptionConfig, ExceptionSubject, ExceptionType, PlaybookAction } from "./types";

/** Days a split order's other part may go without tracking once one part is delivered (default). */
const DEFAULT_SPLIT_CONFUSION_DAYS = 2;

/** When a rule's condition holds: from `dueAtMs` on (null = already), with the reason to show. */
export interface RuleCheck {
  readonly dueAtMs: number | null;
  readonly reason: string;
}

export interface ExceptionRule {
  readonly type: ExceptionType;
  /** Null when the facts rule the condition out, whatever the time. */
  readonly check: (subject: ExceptionSubject, config: ExceptionConfig) => RuleCheck | null;
  readonly playbook: readonly PlaybookAction[];
  readonly closedReason: string;
}

const DAY_MS = 86_400_000;
const NOT_PICKED_UP: readonly (TrackingStage | null | undefined)[] = [null, undefined, "awaiting_supplier", "label_created"];
const IN_CARRIER_HANDS: readonly (TrackingStage | null | undefined)[] = ["picked_up", "in_transit", "out_for_delivery", "delayed", "delivery_attempt_failed"];

/** "2026-04-07 17:00 Europe/Paris": times in messages are the supplier's own. */
function localLabel(ms: number, timeZone: string): string {
  const { date, minutes } = localDateTime(ms, timeZone);
  const hh = String(Math.floor(minutes / 60)).padStart(2, "0");
  const mm = String(minutes % 60).padStart(2, "0");
  return `${date} ${hh}:${mm} ${timeZone}`;
}

/** The same local time of day `n` supplier business days later. */
function businessDaysLater(ms: number, n: number, subject: ExceptionSubject): number {
  const { timeZone } = subject.calendar;
  const local = localDateTime(ms, timeZone);
  const subMinute = ((ms % 60_000) + 60_000) % 60_000;
  return instantAt(addBusinessDays(local.date, n, subject.calendar), local.minutes, timeZone) + subMinute;
}

const stageRule = (type: ExceptionType, stage: TrackingStage, reason: string, playbook: readonly PlaybookAction[], closedReason: string): ExceptionRule => ({
  type,
  check: (s) => (s.stage === stage ? { dueAtMs: null, reason } : null),
  playbook,
  closedReason,
});

export const EXCEPTION_RULES: readonly ExceptionRule[] = [
  {
    type: "no_tracking_by_ship_date",
    check: (s, config) =>
      s.committedShipByMs != null && s.trackingUploadedAtMs == null
        ? {
            dueAtMs: s.committedShipByMs + (config.noTrackingGraceHours ?? 0) * 3_600_000,
            reason: `No tracking number by the committed ship date (${localLabel(s.committedShipByMs, s.calendar.timeZone)})`,
          }
        : null,
    playbook: ["remind_supplier", "notify_customer", "reroute"],
    closedReason: "Tracking number received",
  },
  {
    type: "label_without_pickup",
    check: (s, config) =>
      s.labelCreatedAtMs != null && NOT_PICKED_UP.includes(s.stage)
        ? {
            dueAtMs: businessDaysLater(s.labelCreatedAtMs, config.labelWithoutPickupBusinessDays, s),
            reason: `Label created ${localLabel(s.labelCreatedAtMs, s.calendar.timeZone)} and no carrier pickup scan after ${config.labelWithoutPickupBusinessDays} business days`,
          }
        : null,
    playbook: ["remind_supplier", "wait"],
    closedReason: "The carrier scanned the parcel",
  },
  {
    type: "no_movement",
    check: (s, config) =>
      s.lastScanAtMs != null && IN_CARRIER_HANDS.includes(s.stage)
        ? {
            dueAtMs: s.lastScanAtMs + config.noMovementDays * DAY_MS,
            reason: `No carrier scan for ${config.noMovementDays} days (last scan ${new Date(s.lastScanAtMs).toISOString()})`,
          }
        : null,
    playbook: ["wait", "notify_customer", "reship"],
    closedReason: "The parcel is moving again or has arrived",
  },
  {
    type: "past_promised_delivery",
    check: (s, config) =>
      s.promisedDelivery && s.stage !== "delivered"
        ? {
            dueAtMs: instantAt(addDays(s.promisedDelivery.latest, config.pastPromiseGraceDays ?? 1), 0, s.promisedDelivery.timeZone),
            reason: `Not delivered by the promised latest date ${s.promisedDelivery.latest}`,
          }
        : null,
    playbook: ["notify_customer", "reship", "refund"],
    closedReason: "Delivered, or the promise was moved",
  },
  stageRule("failed_delivery", "delivery_attempt_failed", "The carrier could not deliver the parcel", ["notify_customer", "wait"], "Delivery is back on track"),
  stageRule(
    "returned_to_sender",
    "returned_to_sender",
    "The parcel is being returned to the sender",
    ["notify_customer", "reship", "refund"],
    "The parcel is no longer marked as returning",
  ),
  // A carrier's "delayed" scan is news now, not when the promised date has passed.
  stageRule("delayed", "delayed", "The carrier reports the parcel delayed", ["wait", "reship", "refund"], "The parcel is moving again"),
  stageRule("lost", "lost", "The carrier reports the parcel lost", ["reship", "refund", "notify_customer"], "The parcel was found"),
  {
    // The customer holds part of the order and waits for the rest: they will ask where it is.
    type: "split_confusion",
    check: (s, config) => {
      if (s.otherPartDeliveredAtMs == null || s.acceptedAtMs == null || s.trackingUploadedAtMs != null) return null;
      const days = config.splitConfusionDays ?? DEFAULT_SPLIT_CONFUSION_DAYS;
      return {
        dueAtMs: s.otherPartDeliveredAtMs + days * DAY_MS,
        reason: `Another part of this order was delivered ${new Date(s.otherPartDeliveredAtMs).toISOString().slice(0, 10)}; this part has had no tracking for ${days} days since`,
      };
    },
    playbook: ["notify_customer", "remind_supplier", "reship"],
    closedReason: "This part of the order has shipped",
  },
  {
    type: "stockout_after_accept",
    check: (s) =>
      s.stockoutAfterAccept && s.acceptedAtMs != null ? { dueAtMs: null, reason: "The supplier reported a stockout after accepting the order" } : null,
    playbook: ["reroute", "notify_customer", "refund"],
    closedReason: "The stockout was resolved",
  },
];

/** The rule for a type (every type has exactly one). */
export function ruleFor(type: ExceptionType): ExceptionRule {
  const rule = EXCEPTION_RULES.find((r) => r.type === type);
  if (!rule) throw new RangeError(`No exception rule for "${type}"`);
  return rule;
}
