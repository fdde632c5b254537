/**
 * The delay notice as the customer reads it, in the shop's language: English, French or German,
 * chosen by the shop's primary locale (anything else falls back to English). Plain text, short:
 * the order, the new window, the reason, and who to answer.
 */
import { formatWindow, type PromiseWindow } from "../promise";
import type { DelayReason } from "./types";

export const NOTICE_LOCALES = ["en", "fr", "de"] as const;
export type NoticeLocale = (typeof NOTICE_LOCALES)[number];

/** The notice language for a shop's primary locale ("fr-CA" → fr; unsupported → en). */
export function noticeLocale(primaryLocale: string | null | undefined): NoticeLocale {
  const base = (primaryLocale ?? "").split(/[-_]/)[0]!.toLowerCase();
  return (NOTICE_LOCALES as readonly string[]).includes(base) ? (base as NoticeLocale) : "en";
}

interface Phrases {
  readonly subject: (order: string) => string;
  readonly greeting: string;
  readonly intro: (order: string) => string;
  readonly window: (window: string) => string;
  readonly why: string;
  readonly reasons: Readonly<Record<Exclude<DelayReason["code"], "note">, (date: string) => string>>;
  readonly sorry: string;
  readonly reply: string;
  readonly signOff: (shop: string) => string;
}

const PHRASES: Readonly<Record<NoticeLocale, Phrases>> = {
  en: {
    subject: (order) => `Order ${order}: new delivery estimate`,
    greeting: "Hello,",
    intro: (order) => `Your order ${order} will arrive later than we first estimated.`,
    window: (w) => `New estimated delivery: ${w}.`,
    why: "Why:",
    reasons: {
      carrier_delayed: () => "the carrier reported a delay in transit.",
      no_movement: (d) => `the carrier has not scanned your parcel since ${d}; we are following up with them.`,
      late_ship_date: (d) => `our supplier will hand your order to the carrier on ${d}, later than planned.`,
      slow_handling: () => "your order is taking longer than usual to leave our supplier.",
      slow_transit: () => "your parcel is taking longer than usual with the carrier.",
    },
    sorry: "We are sorry for the wait.",
    reply: "Questions? Just reply to this email.",
    signOff: (shop) => `${shop}`,
  },
  fr: {
    subject: (order) => `Commande ${order} : nouvelle date de livraison estimée`,
    greeting: "Bonjour,",
    intro: (order) => `Votre commande ${order} arrivera plus tard que prévu.`,
    window: (w) => `Nouvelle livraison estimée : ${w}.`,
    why: "Pourquoi :",
    reasons: {
      carrier_delayed: () => "le transporteur a signalé un retard d'acheminement.",
      no_movement: (d) => `le transporteur n'a pas scanné votre colis depuis le ${d} ; nous faisons le point avec lui.`,
      late_ship_date: (d) => `notre fournisseur remettra votre commande au transporteur le ${d}, plus tard que prévu.`,
      slow_handling: () => "votre commande met plus de temps que d'habitude à quitter notre fournisseur.",
      slow_transit: () => "votre colis met plus de temps que d'habitude chez le transporteur.",
    },
    sorry: "Nous vous prions de nous excuser pour ce délai.",
    reply: "Une question ? Répondez simplement à cet e-mail.",
    signOff: (shop) => `${shop}`,
  },
  de: {
    subject: (order) => `Bestellung ${order}: neuer voraussichtlicher Liefertermin`,
    greeting: "Hallo,",
    intro: (order) => `Ihre Bestellung ${order} kommt später an als zunächst angenommen.`,
    window: (w) => `Neue voraussichtliche Lieferung: ${w}.`,
    why: "Grund:",
    reasons: {
      carrier_delayed: () => "Der Versanddienstleister hat eine Verzögerung gemeldet.",
      no_movement: (d) => `Ihr Paket wurde seit dem ${d} nicht mehr gescannt; wir klären das mit dem Versanddienstleister.`,
      late_ship_date: (d) => `Unser Lieferant übergibt Ihre Bestellung erst am ${d} an den Versanddienstleister.`,
      slow_handling: () => "Ihre Bestellung braucht bei unserem Lieferanten länger als üblich.",
      slow_transit: () => "Ihr Paket ist beim Versanddienstleister länger als üblich unterwegs.",
    },
    sorry: "Bitte entschuldigen Sie die Verzögerung.",
    reply: "Fragen? Antworten Sie einfach auf diese E-Mail.",
    signOff: (shop) => `${shop}`,
  },
};

const DATE_LOCALE: Readonly<Record<NoticeLocale, string>> = { en: "en-US", fr: "fr-FR", de: "de-DE" };

/** One date, as the window is printed (noon UTC: no zone moves it). */
function formatDate(date: string, locale: NoticeLocale): string {
  return formatWindow({ earliest: date, latest: date }, DATE_LOCALE[locale]);
}

/** The reason as one sentence in the notice's language (a merchant's note is theirs, as written). */
export function reasonText(reason: DelayReason, locale: NoticeLocale = "en"): string {
  if (reason.code === "note") return reason.text;
  const date = reason.code === "no_movement" ? reason.lastScanDate : reason.code === "late_ship_date" ? reason.shipDate : "";
  return PHRASES[locale].reasons[reason.code](date ? formatDate(date, locale) : "");
}

/** What the notice says. */
export interface NoticeContent {
  readonly orderName: string;
  readonly shopName: string;
  readonly window: PromiseWindow;
  readonly reason: DelayReason;
}

export interface RenderedNotice {
  readonly locale: NoticeLocale;
  readonly subject: string;
  readonly text: string;
}

/** The email: subject and plain-text body in `locale`. */
export function renderDelayNotice(content: NoticeContent, locale: NoticeLocale): RenderedNotice {
  const p = PHRASES[locale];
  const window = formatWindow(content.window, DATE_LOCALE[locale]);
  const text = [
    p.greeting,
    "",
    p.intro(content.orderName),
    p.window(window),
    `${p.why} ${reasonText(content.reason, locale)}`,
    "",
    p.sorry,
    p.reply,
    "",
    p.signOff(content.shopName),
  ].join("\n");
  return { locale, subject: p.subject(content.orderName), text };
}
