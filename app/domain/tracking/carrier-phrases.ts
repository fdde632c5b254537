/**
 * Carrier wording → stage, matched on the simplified text (lower case, no accents, words
 * separated by single spaces). Order matters: the first rule that matches wins, so the rules
 * that contain a forward word ("not delivered", "return to sender") come before that word.
 */
import type { TrackingStage } from "./stages";

/** One phrase rule: a name for the logs, the pattern, and the stage it means. */
export interface PhraseRule {
  readonly name: string;
  readonly pattern: RegExp;
  readonly stage: TrackingStage;
}

const rule = (name: string, pattern: RegExp, stage: TrackingStage): PhraseRule => ({ name, pattern, stage });

export const PHRASE_RULES: readonly PhraseRule[] = [
  rule("return to sender", /\breturn(ed|ing)? (package |parcel |shipment |item )?to (the )?(sender|shipper|origin)\b/, "returned_to_sender"),
  rule("being returned", /\bbeing returned\b|\breturned to shipper\b/, "returned_to_sender"),
  rule("retour expediteur", /\b(retour(ne)?|renvoye) (a|vers) l ?expediteur\b|\bdistribue a l ?expediteur\b/, "returned_to_sender"),
  rule("lost", /\blost\b|\bperdu\b|\bcannot be located\b/, "lost"),
  rule("delivery attempted", /\battempt(ed)?\b|\bnotice (card )?left\b|\bunable to deliver\b|\bundeliverable\b/, "delivery_attempt_failed"),
  rule("recipient absent", /\b(customer|receiver|recipient) (was )?not available\b|\bnot home\b|\bbusiness closed\b/, "delivery_attempt_failed"),
  rule("not delivered", /\bnot delivered\b|\bfailed delivery\b|\bdelivery fail(ed|ure)\b/, "delivery_attempt_failed"),
  rule("avis de passage", /\bavis de passage\b|\bdestinataire absent\b|\bnon distribuable\b|\bnon livre\b/, "delivery_attempt_failed"),
  rule("exception", /\bexception\b|\bincident\b|\bprobleme\b|\balert\b/, "delayed"),
  rule("delay", /\bdelay(ed)?\b|\bretard(e)?\b|\bweather\b|\bmissent\b/, "delayed"),
  rule("out for delivery", /\bout for delivery\b|\bon [a-z ]*vehicle for delivery\b|\bwith (delivery )?courier\b/, "out_for_delivery"),
  rule("available for pickup", /\b(available|ready) for (pickup|pick up|collection)\b/, "out_for_delivery"),
  rule("en livraison", /\ben cours de livraison\b|\ben livraison\b|\bmis en distribution\b|\bdisponible (en|au|dans|a)\b/, "out_for_delivery"),
  rule("picked up by recipient", /\bpicked up by (the )?(customer|recipient|consignee)\b/, "delivered"),
  rule("delivered", /(?<!\bbe )\bdelivered\b|\bdelivery (completed|successful)\b/, "delivered"),
  rule("livre", /\b(a ete|est) (livre|distribue)\b|\bcolis (livre|distribue)\b|\blivraison effectuee\b|^(livre|distribue)$/, "delivered"),
  rule("label created", /\blabel (created|printed|purchased)\b|\bshipping label\b|\bpre ?shipment\b/, "label_created"),
  rule("information sent", /\b(shipment|electronic|shipping) information (sent|received|submitted)\b|\binformation submitted\b/, "label_created"),
  rule(
    "awaiting carrier",
    /\bawaiting item\b|\bready for (ups|fedex|usps|dhl|the carrier|carrier|dispatch|shipment)\b|\bhas not received\b|\border processed\b/,
    "label_created",
  ),
  rule("en preparation", /\ben preparation\b|\bannonce\b/, "label_created"),
  rule("picked up", /\bpicked up\b|\bpickup scan\b|\borigin scan\b|\baccepted\b|\bin possession\b|\bdropped off\b/, "picked_up"),
  rule("pris en charge", /\bpris en charge\b/, "picked_up"),
  rule("in transit", /\btransit\b|\barriv(ed|al) at\b|\bdepart(ed|ure)\b|\bprocess(ed|ing)\b|\bfacility\b/, "in_transit"),
  rule(
    "on its way",
    /\b(will|to) be delivered\b|\bscheduled for delivery\b|\bon (its|the) way\b|\ben route\b|\bsort(ed|ing)?\b|\bhub\b|\bcustoms\b|\bcleared\b/,
    "in_transit",
  ),
  rule("acheminement", /\bacheminement\b|\bachemine\b|\ben transit\b|\barrive\b|\bdouane\b|\btraite\b/, "in_transit"),
];
