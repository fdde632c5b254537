/** Plain customer wording for each stage: what a shopper needs, not what a carrier says. */
import type { TrackingStage } from "./stages";

/** Locales we write customer text for. */
export type CustomerLocale = "en" | "fr";

const TEXT: Readonly<Record<CustomerLocale, Readonly<Record<TrackingStage, string>>>> = {
  en: {
    awaiting_supplier: "Your order is being prepared.",
    label_created: "Your parcel is packed and waiting for the carrier.",
    picked_up: "The carrier has your parcel.",
    in_transit: "Your parcel is on its way.",
    out_for_delivery: "Your parcel is out for delivery.",
    delivered: "Your parcel has been delivered.",
    delayed: "Your parcel is running late. We are keeping an eye on it.",
    delivery_attempt_failed: "The carrier could not deliver your parcel. They will try again or leave a notice.",
    returned_to_sender: "Your parcel is going back to the sender. We will contact you.",
    lost: "The carrier has lost track of your parcel. We are sorting it out.",
  },
  fr: {
    awaiting_supplier: "Votre commande est en préparation.",
    label_created: "Votre colis est emballé et attend le transporteur.",
    picked_up: "Le transporteur a pris en charge votre colis.",
    in_transit: "Votre colis est en route.",
    out_for_delivery: "Votre colis est en cours de livraison.",
    delivered: "Votre colis a été livré.",
    delayed: "Votre colis a du retard. Nous le suivons de près.",
    delivery_attempt_failed: "Le transporteur n'a pas pu livrer votre colis. Il repassera ou laissera un avis de passage.",
    returned_to_sender: "Votre colis repart chez l'expéditeur. Nous allons vous contacter.",
    lost: "Le transporteur a perdu la trace de votre colis. Nous nous en occupons.",
  },
};

/** A short plain sentence for the customer about a stage, in English or French. */
export function plainStageText(stage: TrackingStage, locale: CustomerLocale): string {
  return TEXT[locale][stage];
}
