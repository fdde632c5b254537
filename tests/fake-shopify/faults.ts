/**
 * Fault injection: what goes wrong between the app and Shopify. `loseResponseOnce(name)` lets the
 * next matching request run in full (the mutation is applied, its webhooks queued) and then drops
 * the connection before the answer is written, so the client sees a network error: the case that
 * makes a blind retry create a second fulfillment, refund or order.
 */

/** Names a request by its operation name (`ShipmentFulfillmentWithTracking`) or a root field (`fulfillmentCreate`). */
export type FaultMatch = string;

interface Armed {
  readonly match: FaultMatch;
  remaining: number;
}

export class Faults {
  private armed: Armed[] = [];
  private fired: { match: FaultMatch; operationName: string | null; at: number }[] = [];

  /** The next `times` requests matching `match` run, and their answers are lost. */
  loseResponseOnce(match: FaultMatch, times = 1): void {
    this.armed.push({ match, remaining: times });
  }

  /** Disarms every fault not yet fired. */
  clear(): void {
    this.armed = [];
  }

  /** Faults that fired, oldest first. */
  history(): readonly { match: FaultMatch; operationName: string | null; at: number }[] {
    return this.fired;
  }

  /** Called by the server once a request ran: true when its answer must be lost. */
  takeLostResponse(operation: { operationName: string | null; rootFields: readonly string[] }, at: number): boolean {
    const hit = this.armed.find((f) => f.remaining > 0 && (f.match === operation.operationName || operation.rootFields.includes(f.match)));
    if (!hit) return false;
    hit.remaining -= 1;
    this.armed = this.armed.filter((f) => f.remaining > 0);
    this.fired.push({ match: hit.match, operationName: operation.operationName, at });
    return true;
  }
}

/** The same control, spelled as a spec (playbook tests, `/__fake/injectFault`). */
export type FaultKind = "drop_response";

export interface FaultSpec {
  /** A root field the request runs (refundCreate, orderCreate, orderCancel, fulfillmentCreate…). */
  readonly rootField: string;
  readonly kind?: FaultKind;
  /** How many matching requests it hits (default 1). */
  readonly times?: number;
}

/** Arms `spec` on `faults`: the matching requests run and their answers are lost. */
export function armFault(faults: Faults, spec: FaultSpec): void {
  if (!spec.rootField) throw new Error("a fault needs a rootField");
  faults.loseResponseOnce(spec.rootField, spec.times ?? 1);
}
