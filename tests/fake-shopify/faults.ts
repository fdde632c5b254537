/**
 * Faults a test can arm on the fake: the next request that runs a given root field (e.g.
 * `refundCreate`) is executed — Shopify's state changes — and then its answer is lost: the
 * connection is dropped before any response byte is written, as when a network fails after
 * Shopify committed. The request log still records it (status "ok": it ran).
 */
export type FaultKind = "drop_response";

export interface FaultSpec {
  /** A root field the request runs (refundCreate, orderCreate, orderCancel, fulfillmentCreate…). */
  rootField: string;
  kind?: FaultKind;
  /** How many matching requests it hits (default 1). */
  times?: number;
}

export class Faults {
  private armed: { rootField: string; kind: FaultKind; left: number }[] = [];

  arm(spec: FaultSpec): void {
    if (!spec.rootField) throw new Error("a fault needs a rootField");
    this.armed.push({ rootField: spec.rootField, kind: spec.kind ?? "drop_response", left: spec.times ?? 1 });
  }

  /** The fault that hits a request running `rootFields`, used up as it fires; null if none. */
  take(rootFields: readonly string[]): FaultKind | null {
    const fault = this.armed.find((f) => f.left > 0 && rootFields.includes(f.rootField));
    if (!fault) return null;
    fault.left -= 1;
    this.armed = this.armed.filter((f) => f.left > 0);
    return fault.kind;
  }

  clear(): number {
    const n = this.armed.length;
    this.armed = [];
    return n;
  }
}
