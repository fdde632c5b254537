/** Shopify's cost-based leaky bucket, as reported in `extensions.cost.throttleStatus`. */
export interface ThrottleStatus {
  readonly maximumAvailable: number;
  readonly currentlyAvailable: number;
  readonly restoreRate: number;
}

export interface QueryCost {
  readonly requestedQueryCost: number;
  readonly actualQueryCost: number | null;
  readonly throttleStatus: ThrottleStatus;
}

interface Snapshot {
  readonly status: ThrottleStatus;
  readonly atMs: number;
}

/**
 * What we last heard about one shop's bucket, projected forward with its restore rate. Pure
 * bookkeeping: the client asks it how long to wait before spending `cost` points.
 */
export class BucketTracker {
  private snapshot: Snapshot | undefined;

  /** Records the status from a response received at `atMs`. */
  observe(status: ThrottleStatus, atMs: number): void {
    this.snapshot = { status, atMs };
  }

  /** Points we expect to be available at `nowMs` (undefined before the first response). */
  availableAt(nowMs: number): number | undefined {
    if (!this.snapshot) return undefined;
    const { status, atMs } = this.snapshot;
    const restored = status.currentlyAvailable + (status.restoreRate * Math.max(0, nowMs - atMs)) / 1000;
    return Math.min(status.maximumAvailable, restored);
  }

  /** Milliseconds to wait so that `cost` points are available, keeping `reserve` points spare. */
  waitMsFor(cost: number, nowMs: number, reserve = 0): number {
    const available = this.availableAt(nowMs);
    if (available === undefined || !this.snapshot) return 0;
    const { maximumAvailable, restoreRate } = this.snapshot.status;
    const needed = Math.min(cost + reserve, maximumAvailable) - available;
    if (needed <= 0 || restoreRate <= 0) return 0;
    return Math.ceil((needed / restoreRate) * 1000);
  }
}
