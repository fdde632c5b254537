/**
 * Exact status codes, looked up after `simplifyStatus`. Aggregator statuses (AfterShip tags,
 * EasyPost, Shippo, 17TRACK, DHL unified API) are words and safe for any carrier; short codes
 * (UPS "I", FedEx "OD", La Poste "DI1") only mean something for their own carrier.
 */
import type { TrackingStage } from "./stages";

/** A code that names a stage, or one that is known but tells us nothing about progress. */
export type CodeMeaning = TrackingStage | { readonly none: "no_information" | "cancelled" | "expired" };

const NO_INFO = { none: "no_information" } as const;

/** Aggregator and unified-API statuses, keyed by their simplified form. */
export const AGGREGATOR_CODES: Readonly<Record<string, CodeMeaning>> = {
  // AfterShip tags (InfoReceived → "info received"), 17TRACK main statuses.
  pending: NO_INFO,
  "not found": NO_INFO,
  "info received": "label_created",
  "in transit": "in_transit",
  "out for delivery": "out_for_delivery",
  "available for pickup": "out_for_delivery",
  "attempt fail": "delivery_attempt_failed",
  "delivery failure": "delivery_attempt_failed",
  delivered: "delivered",
  exception: "delayed",
  expired: { none: "expired" },
  // EasyPost, Shippo and the DHL unified API.
  unknown: NO_INFO,
  "pre transit": "label_created",
  transit: "in_transit",
  "return to sender": "returned_to_sender",
  returned: "returned_to_sender",
  failure: "delivery_attempt_failed",
  cancelled: { none: "cancelled" },
  canceled: { none: "cancelled" },
  error: NO_INFO,
};

/** Carriers whose own short codes we know. */
export type KnownCarrier = "ups" | "usps" | "fedex" | "dhl" | "canada_post" | "la_poste";

/** Carrier-specific codes, keyed by simplified code. */
export const CARRIER_CODES: Readonly<Record<KnownCarrier, Readonly<Record<string, CodeMeaning>>>> = {
  // UPS Track API `status.type`.
  ups: {
    m: "label_created",
    mv: { none: "cancelled" },
    p: "picked_up",
    i: "in_transit",
    o: "out_for_delivery",
    d: "delivered",
    x: "delayed",
    rs: "returned_to_sender",
    na: NO_INFO,
  },
  // USPS event codes.
  usps: {
    gx: "label_created",
    "03": "picked_up",
    "10": "in_transit",
    of: "out_for_delivery",
    "01": "delivered",
    "02": "delivery_attempt_failed",
  },
  // FedEx Track API `derivedStatusCode` / `eventType`.
  fedex: {
    oc: "label_created",
    pu: "picked_up",
    it: "in_transit",
    ar: "in_transit",
    dp: "in_transit",
    od: "out_for_delivery",
    dl: "delivered",
    de: "delayed",
    se: "delayed",
    dy: "delayed",
    rs: "returned_to_sender",
    ca: { none: "cancelled" },
  },
  // DHL Express checkpoint codes.
  dhl: {
    pu: "picked_up",
    pl: "in_transit",
    af: "in_transit",
    df: "in_transit",
    ar: "in_transit",
    wc: "out_for_delivery",
    ok: "delivered",
    ca: "delivery_attempt_failed",
    nh: "delivery_attempt_failed",
    rt: "returned_to_sender",
  },
  canada_post: {},
  // La Poste / Colissimo "Suivi" event codes.
  la_poste: {
    dr1: "label_created",
    pc1: "picked_up",
    pc2: "picked_up",
    et1: "in_transit",
    et2: "in_transit",
    et3: "in_transit",
    et4: "in_transit",
    ep1: "in_transit",
    do1: "in_transit",
    do2: "in_transit",
    md2: "out_for_delivery",
    ag1: "out_for_delivery",
    nd1: "delivery_attempt_failed",
    pb1: "delayed",
    // "Problème résolu": the parcel moves on, which also clears a delay.
    pb2: "in_transit",
    re1: "returned_to_sender",
    di1: "delivered",
    di2: "returned_to_sender",
  },
};

const CARRIER_ALIASES: ReadonlyArray<readonly [RegExp, KnownCarrier]> = [
  [/^usps\b|united states postal/, "usps"],
  [/^ups\b|united parcel/, "ups"],
  [/^fed ?ex\b/, "fedex"],
  [/^dhl\b/, "dhl"],
  [/^canada post\b|^postes canada\b/, "canada_post"],
  [/^la poste\b|^colissimo\b/, "la_poste"],
];

/** The carrier we hold codes for, from a free-form name ("FedEx Ground" → "fedex"). */
export function knownCarrier(carrier: string | undefined, simplify: (s: string) => string): KnownCarrier | null {
  if (!carrier) return null;
  const name = simplify(carrier);
  return CARRIER_ALIASES.find(([pattern]) => pattern.test(name))?.[1] ?? null;
}
