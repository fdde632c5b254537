import { describe, expect, it } from "vitest";
import { normalizeCarrierStatus, simplifyStatus } from "./normalize";
import type { TrackingStage } from "./stages";

type Case = readonly [status: string, carrier: string | undefined, stage: TrackingStage];

const CASES: readonly Case[] = [
  // Aggregators
  ["pre_transit", undefined, "label_created"],
  ["InfoReceived", undefined, "label_created"],
  ["InTransit", undefined, "in_transit"],
  ["in_transit", undefined, "in_transit"],
  ["TRANSIT", undefined, "in_transit"],
  ["OutForDelivery", undefined, "out_for_delivery"],
  ["available_for_pickup", undefined, "out_for_delivery"],
  ["AttemptFail", undefined, "delivery_attempt_failed"],
  ["failure", undefined, "delivery_attempt_failed"],
  ["Delivered", undefined, "delivered"],
  ["Exception", undefined, "delayed"],
  ["return_to_sender", undefined, "returned_to_sender"],
  ["RETURNED", undefined, "returned_to_sender"],
  // FedEx
  ["Shipment information sent to FedEx", "FedEx", "label_created"],
  ["Picked up", "FedEx", "picked_up"],
  ["At local FedEx facility", "FedEx", "in_transit"],
  ["On FedEx vehicle for delivery", "FedEx", "out_for_delivery"],
  ["Delivery exception", "FedEx", "delayed"],
  ["Customer not available or business closed", "FedEx", "delivery_attempt_failed"],
  ["OD", "FedEx Ground", "out_for_delivery"],
  ["DL", "fedex", "delivered"],
  // UPS
  ["Shipper created a label, UPS has not received the package yet.", "UPS", "label_created"],
  ["Order Processed: Ready for UPS", "UPS", "label_created"],
  ["Origin Scan", "UPS", "picked_up"],
  ["Arrived at Facility", "UPS", "in_transit"],
  ["Departed from Facility", "UPS", "in_transit"],
  ["Out For Delivery Today", "UPS", "out_for_delivery"],
  ["The receiver was not available for delivery. We'll make a second attempt.", "UPS", "delivery_attempt_failed"],
  ["Returning package to shipper", "UPS", "returned_to_sender"],
  ["I", "UPS", "in_transit"],
  ["X", "UPS", "delayed"],
  // USPS
  ["Shipping Label Created, USPS Awaiting Item", "USPS", "label_created"],
  ["Pre-Shipment Info Sent to USPS", "USPS", "label_created"],
  ["USPS in possession of item", "USPS", "picked_up"],
  ["Accepted at USPS Origin Facility", "USPS", "picked_up"],
  ["Arrived at USPS Regional Facility", "USPS", "in_transit"],
  ["In Transit to Next Facility", "USPS", "in_transit"],
  ["Delivered, In/At Mailbox", "USPS", "delivered"],
  ["Notice Left (No Authorized Recipient Available)", "USPS", "delivery_attempt_failed"],
  ["Attempted", "USPS", "delivery_attempt_failed"],
  ["Return to Sender", "USPS", "returned_to_sender"],
  ["Available for Pickup", "USPS", "out_for_delivery"],
  // DHL
  ["Shipment information received", "DHL", "label_created"],
  ["Shipment picked up", "DHL Express", "picked_up"],
  ["Processed at LEIPZIG - GERMANY", "DHL", "in_transit"],
  ["With delivery courier", "DHL", "out_for_delivery"],
  ["WC", "DHL", "out_for_delivery"],
  ["OK", "DHL", "delivered"],
  ["Clearance delay", "DHL", "delayed"],
  // Canada Post
  ["Electronic information submitted by shipper", "Canada Post", "label_created"],
  ["Item accepted at the Post Office", "Canada Post", "picked_up"],
  ["Item processed", "Canada Post", "in_transit"],
  ["Item out for delivery", "Canada Post", "out_for_delivery"],
  ["Notice card left indicating where item can be picked up", "Canada Post", "delivery_attempt_failed"],
  ["Item being returned to sender", "Canada Post", "returned_to_sender"],
  ["Delivery delayed", "Canada Post", "delayed"],
  // La Poste / Colissimo
  ["DI1", "Colissimo", "delivered"],
  ["PC1", "La Poste", "picked_up"],
  ["MD2", "La Poste", "out_for_delivery"],
  ["Votre colis est en cours d'acheminement", "La Poste", "in_transit"],
  ["Votre colis est en préparation chez l'expéditeur", "La Poste", "label_created"],
  ["Votre colis a été pris en charge par La Poste", "La Poste", "picked_up"],
  ["Votre colis est livré", "La Poste", "delivered"],
  ["Votre colis est retourné à l'expéditeur", "La Poste", "returned_to_sender"],
  ["Avis de passage déposé", "La Poste", "delivery_attempt_failed"],
];

describe("normalizeCarrierStatus", () => {
  it.each(CASES)("maps %j (%s) to %s", (status, carrier, stage) => {
    const match = normalizeCarrierStatus(status, undefined, carrier);
    expect(match.stage, JSON.stringify(match)).toBe(stage);
  });

  it("reads a carrier's short code only for that carrier", () => {
    expect(normalizeCarrierStatus("OD", undefined, "FedEx").stage).toBe("out_for_delivery");
    expect(normalizeCarrierStatus("OD", undefined, "Canada Post").stage).toBeNull();
    expect(normalizeCarrierStatus("OD").stage).toBeNull();
  });

  it("falls back to the description when the status is only a code it does not know", () => {
    const match = normalizeCarrierStatus("Z9", "Arrived at Facility", "UPS");
    expect(match).toMatchObject({ stage: "in_transit", matchedBy: expect.stringContaining("description") });
  });

  it("does not read 'will be delivered' as delivered", () => {
    expect(normalizeCarrierStatus("Your package will be delivered tomorrow").stage).toBe("in_transit");
  });

  it("returns null with a reason for an unknown status instead of guessing", () => {
    const match = normalizeCarrierStatus("Zorgle blip 42", undefined, "UPS");
    expect(match).toEqual({ stage: null, reason: "unrecognized", detail: 'No stage for "Zorgle blip 42" from UPS' });
  });

  it("knows statuses that carry no progress", () => {
    expect(normalizeCarrierStatus("pending")).toMatchObject({ stage: null, reason: "no_information" });
    expect(normalizeCarrierStatus("cancelled")).toMatchObject({ stage: null, reason: "cancelled" });
    expect(normalizeCarrierStatus("Expired")).toMatchObject({ stage: null, reason: "expired" });
  });

  it("is not fooled by object prototype keys", () => {
    expect(normalizeCarrierStatus("constructor")).toMatchObject({ stage: null, reason: "unrecognized" });
  });

  it("simplifies camelCase, accents and punctuation", () => {
    expect(simplifyStatus("OutForDelivery")).toBe("out for delivery");
    expect(simplifyStatus("  Retourné à l'expéditeur! ")).toBe("retourne a l expediteur");
  });
});
