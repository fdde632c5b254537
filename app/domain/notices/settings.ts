/** Which notice kinds a shop sends: all of them unless the merchant turned some off. */
import { NOTICE_KINDS, type AutomaticNoticeKind, type NoticeKind } from "./types";

/** The kinds turned off, from the stored JSON list; unknown entries are ignored. */
export function parseDisabledKinds(json: string | null | undefined): AutomaticNoticeKind[] {
  try {
    const raw: unknown = JSON.parse(json ?? "[]");
    return Array.isArray(raw) ? NOTICE_KINDS.filter((k) => raw.includes(k)) : [];
  } catch {
    return [];
  }
}

/** True when a notice of this kind may be sent (staff's own choice, `manual`, always may). */
export function noticeEnabled(kind: NoticeKind, disabled: readonly AutomaticNoticeKind[]): boolean {
  return kind === "manual" || !disabled.includes(kind);
}

/**
 * True when checkout may say "we'll email you if your delivery runs late": only while every
 * automatic kind is on, since with one off some late orders get no email.
 */
export function checkoutMayPromiseNotices(disabled: readonly AutomaticNoticeKind[]): boolean {
  return NOTICE_KINDS.every((k) => !disabled.includes(k));
}
