/**
 * Customer notices: the shop profile mail is sent under (name, reply-to, locale, zone), which
 * notice kinds the shop turned off, and the log of every notice sent. Scoped by shop.
 */
import type { PrismaClient } from "@prisma/client";
import { parseDisabledKinds, type AutomaticNoticeKind, type NoticeKind } from "~/domain/notices";

export interface ShopProfileRecord {
  readonly shop: string;
  readonly name: string;
  readonly contactEmail: string;
  readonly primaryLocale: string;
  readonly ianaTimezone: string;
  readonly readAt: Date;
}

export async function findShopProfile(db: PrismaClient, shop: string): Promise<ShopProfileRecord | null> {
  return db.shopProfile.findUnique({ where: { shop } });
}

/**
 * The shop's time zone as Shopify states it (`ianaTimezone`, stored with the profile at install and
 * read again daily), or null before the profile was first read. Every "shop day" in Dropline — the
 * routing policy's business days, metric days, alert windows, the weekly review, one notice a day —
 * is counted in this zone (the routing policy's own zone stands only until Shopify has answered).
 */
export async function storedShopTimeZone(db: PrismaClient, shop: string): Promise<string | null> {
  return (await db.shopProfile.findUnique({ where: { shop }, select: { ianaTimezone: true } }))?.ianaTimezone ?? null;
}

export async function saveShopProfile(db: PrismaClient, profile: ShopProfileRecord): Promise<ShopProfileRecord> {
  const { shop, ...data } = profile;
  return db.shopProfile.upsert({ where: { shop }, create: profile, update: data });
}

/** The notice kinds this shop turned off (none unless the merchant chose). */
export async function disabledNoticeKinds(db: PrismaClient, shop: string): Promise<AutomaticNoticeKind[]> {
  const row = await db.noticeSettings.findUnique({ where: { shop } });
  return parseDisabledKinds(row?.disabled);
}

export async function saveDisabledNoticeKinds(db: PrismaClient, shop: string, disabled: readonly AutomaticNoticeKind[]): Promise<void> {
  const value = JSON.stringify([...new Set(disabled)].sort());
  await db.noticeSettings.upsert({ where: { shop }, create: { shop, disabled: value }, update: { disabled: value } });
}

export interface CustomerNoticeRecord {
  readonly shop: string;
  readonly key: string;
  readonly orderId: string;
  readonly orderName: string;
  readonly kind: string;
  readonly status: string;
  readonly recipient: string;
  readonly locale: string;
  readonly subject: string;
  readonly body: string;
  readonly messageId: string;
  readonly earliest: string;
  readonly latest: string;
  readonly reason: string;
  readonly createdAt: Date;
  readonly sentAt: Date | null;
}

export interface NewNotice {
  readonly key: string;
  readonly orderId: string;
  readonly orderName: string;
  readonly kind: NoticeKind;
  readonly recipient: string;
  readonly locale: string;
  readonly subject: string;
  readonly body: string;
  readonly messageId: string;
  readonly earliest: string;
  readonly latest: string;
  /** The reason as JSON (DelayReason). */
  readonly reason: string;
}

export async function findNotice(db: PrismaClient, shop: string, key: string): Promise<CustomerNoticeRecord | null> {
  return db.customerNotice.findUnique({ where: { shop_key: { shop, key } } });
}

/** Writes the notice as "sending" just before it goes to SMTP (a second attempt rewrites the same row). */
export async function recordSending(db: PrismaClient, shop: string, notice: NewNotice, at: Date): Promise<void> {
  const { key, ...data } = notice;
  await db.customerNotice.upsert({
    where: { shop_key: { shop, key } },
    create: { shop, key, ...data, status: "sending", createdAt: at },
    update: { ...data, status: "sending" },
  });
}

export async function markNoticeSent(db: PrismaClient, shop: string, key: string, at: Date): Promise<void> {
  await db.customerNotice.update({ where: { shop_key: { shop, key } }, data: { status: "sent", sentAt: at } });
}

/** The order's latest notice that went out. */
export async function latestSentNotice(db: PrismaClient, shop: string, orderId: string): Promise<CustomerNoticeRecord | null> {
  return db.customerNotice.findFirst({ where: { shop, orderId, status: "sent" }, orderBy: { createdAt: "desc" } });
}

export async function recentNotices(db: PrismaClient, shop: string, take = 20): Promise<CustomerNoticeRecord[]> {
  return db.customerNotice.findMany({ where: { shop }, orderBy: { createdAt: "desc" }, take });
}
