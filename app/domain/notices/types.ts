/**
 * Vocabulary of customer delay notices: what a notice is about (its kind, which the merchant can
 * turn off one by one), the reason a customer reads, and the revised delivery window.
 */
import type { PromiseWindow } from "../promise";

/** The automatic notice kinds, one per way a delay is found (each can be turned off in settings). */
export const NOTICE_KINDS = ["carrier_delayed", "no_movement", "late_ship_date", "predicted"] as const;
export type AutomaticNoticeKind = (typeof NOTICE_KINDS)[number];
/** `manual`: staff chose to notify the customer (a playbook action); settings do not stop it. */
export type NoticeKind = AutomaticNoticeKind | "manual";

/**
 * Why the delivery moved, as a code the message renders in the shop's language. `note` carries
 * the merchant's own words (a playbook action) and is sent as written.
 */
export type DelayReason =
  | { readonly code: "carrier_delayed" }
  | { readonly code: "no_movement"; readonly lastScanDate: string }
  | { readonly code: "late_ship_date"; readonly shipDate: string }
  | { readonly code: "slow_handling" }
  | { readonly code: "slow_transit" }
  | { readonly code: "note"; readonly text: string };

/** A delay found: which kind of notice it is, the new window and why. */
export interface DelayVerdict {
  readonly kind: AutomaticNoticeKind;
  readonly window: PromiseWindow;
  readonly reason: DelayReason;
}
