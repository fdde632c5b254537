/**
 * Shopify's leaky bucket for the GraphQL Admin API: each shop has `bucketSize` points that
 * refill continuously at `restoreRate` points per second. A request reserves its requested cost
 * up front and is refunded the difference once its actual cost is known.
 */
export interface BucketOptions {
  bucketSize: number;
  restoreRate: number;
  now: () => number;
}

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export class LeakyBucket {
  private available: number;
  private updatedAt: number;

  constructor(private readonly options: BucketOptions) {
    this.available = options.bucketSize;
    this.updatedAt = options.now();
  }

  /** Points available right now (restored since the last look). */
  currentlyAvailable(): number {
    const now = this.options.now();
    const elapsedSeconds = Math.max(0, now - this.updatedAt) / 1000;
    this.available = Math.min(this.options.bucketSize, this.available + elapsedSeconds * this.options.restoreRate);
    this.updatedAt = now;
    return this.available;
  }

  /** Reserves `cost` points; false (and nothing taken) when fewer are available. */
  tryTake(cost: number): boolean {
    if (cost > this.currentlyAvailable()) return false;
    this.available -= cost;
    return true;
  }

  refund(points: number): void {
    this.currentlyAvailable();
    this.available = Math.min(this.options.bucketSize, this.available + Math.max(0, points));
  }

  status(): ThrottleStatus {
    return {
      maximumAvailable: this.options.bucketSize,
      currentlyAvailable: Math.floor(this.currentlyAvailable()),
      restoreRate: this.options.restoreRate,
    };
  }
}
