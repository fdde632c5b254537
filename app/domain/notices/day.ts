/** A notice's day: at most one notice per order per shop-local day, keyed by it. */
import { localDateTime } from "../promise";

/** The shop-local date of an instant ("YYYY-MM-DD"). */
export function noticeDay(nowMs: number, shopTimeZone: string): string {
  return localDateTime(nowMs, shopTimeZone).date;
}

/** The exactly-once key of an order's notice on a day. */
export function noticeKey(orderId: string, day: string): string {
  return `notice:${orderId}:${day}`;
}
