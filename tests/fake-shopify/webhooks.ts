/**
 * Delivers store events to the app the way Shopify does: signed POSTs, at least once, in no
 * guaranteed order. Tests can make duplicates and reordering happen on purpose (duplicateRate,
 * shuffle) or take full control (manual: queue, inspect, reorder, then flushWebhooks()).
 */
import crypto from "node:crypto";
import { API_VERSION } from "./schema";
import { stringifyWithRawNumbers } from "./json";
import type { FakeEvent, FulfillmentServiceNotification } from "./store";
import { seededRandom } from "../../sim/prng";

export interface WebhookOptions {
  /** The app's origin, e.g. http://127.0.0.1:3000; deliveries go to `${baseUrl}/webhooks/${topic}`. */
  baseUrl?: string;
  apiSecret: string;
  /** Probability (0..1) that an event is delivered twice (same event id, new webhook id). */
  duplicateRate?: number;
  /** Deliver each batch of events (one mutation's worth) in a random order. */
  shuffle?: boolean;
  /** Queue deliveries until flushWebhooks() is called. */
  manual?: boolean;
  /** Queue only these topics (as in manual mode); deliver every other one at once. */
  heldTopics?: readonly string[];
  /** Seed of the PRNG behind duplicateRate and shuffle. */
  seed?: number;
  /** Retry non-2xx answers; off unless given. */
  retry?: { attempts: number; delayMs: number };
}

export interface PendingWebhook {
  kind: "webhook" | "fulfillment_service_notification";
  topic: string;
  shopDomain: string;
  url: string;
  /** X-Shopify-Webhook-Id: one per delivery (duplicates get their own). */
  webhookId: string;
  /** X-Shopify-Event-Id: shared by duplicates of one event. */
  eventId: string;
  triggeredAt: string;
  body: string;
  headers: Record<string, string>;
}

export interface DeliveryRecord {
  kind: PendingWebhook["kind"];
  topic: string;
  shopDomain: string;
  url: string;
  webhookId: string;
  eventId: string;
  attempt: number;
  /** HTTP status, or null when the request failed (error says why). */
  status: number | null;
  error: string | null;
  body: string;
}

// The same seeded generator as the simulators (repeatable duplicate and shuffle choices).
export { seededRandom };

export function signBody(body: string, secret: string): string {
  return crypto.createHmac("sha256", secret).update(body, "utf8").digest("base64");
}

export class WebhookDispatcher {
  private queue: PendingWebhook[] = [];
  private readonly log: DeliveryRecord[] = [];
  private readonly inFlight = new Set<Promise<unknown>>();
  private batch: PendingWebhook[] = [];
  private batchScheduled = false;
  private readonly random: () => number;

  constructor(private options: WebhookOptions) {
    this.random = seededRandom(options.seed ?? 1);
  }

  configure(options: Partial<WebhookOptions>): void {
    this.options = { ...this.options, ...options };
  }

  get manual(): boolean {
    return this.options.manual === true;
  }

  onEvent(event: FakeEvent): void {
    if (!this.options.baseUrl) return;
    const body = stringifyWithRawNumbers(event.payload);
    const url = `${this.options.baseUrl.replace(/\/$/, "")}/webhooks/${event.topic}`;
    const copies = this.random() < (this.options.duplicateRate ?? 0) ? 2 : 1;
    for (let i = 0; i < copies; i++) {
      const webhookId = crypto.randomUUID();
      this.add({
        kind: "webhook",
        topic: event.topic,
        shopDomain: event.shopDomain,
        url,
        webhookId,
        eventId: event.eventId,
        triggeredAt: event.triggeredAt,
        body,
        headers: {
          "Content-Type": "application/json",
          "X-Shopify-Topic": event.topic,
          "X-Shopify-Hmac-Sha256": signBody(body, this.options.apiSecret),
          "X-Shopify-Shop-Domain": event.shopDomain,
          "X-Shopify-API-Version": API_VERSION,
          "X-Shopify-Webhook-Id": webhookId,
          "X-Shopify-Event-Id": event.eventId,
          "X-Shopify-Triggered-At": event.triggeredAt,
        },
      });
    }
  }

  onNotification(n: FulfillmentServiceNotification): void {
    const body = JSON.stringify({ kind: n.kind });
    const eventId = crypto.randomUUID();
    const webhookId = crypto.randomUUID();
    this.add({
      kind: "fulfillment_service_notification",
      topic: "fulfillment_order_notification",
      shopDomain: n.shopDomain,
      url: `${n.callbackUrl.replace(/\/$/, "")}/fulfillment_order_notification`,
      webhookId,
      eventId,
      triggeredAt: new Date().toISOString(),
      body,
      headers: {
        "Content-Type": "application/json",
        "X-Shopify-Hmac-Sha256": signBody(body, this.options.apiSecret),
        "X-Shopify-Shop-Domain": n.shopDomain,
        "X-Shopify-API-Version": API_VERSION,
        "X-Shopify-Webhook-Id": webhookId,
      },
    });
  }

  private add(item: PendingWebhook): void {
    if (this.manual || this.options.heldTopics?.includes(item.topic)) {
      this.queue.push(item);
      return;
    }
    // Events raised by one mutation form one batch, so `shuffle` can reorder them.
    this.batch.push(item);
    if (this.batchScheduled) return;
    this.batchScheduled = true;
    setImmediate(() => {
      this.batchScheduled = false;
      const batch = this.options.shuffle ? this.shuffled(this.batch) : this.batch;
      this.batch = [];
      const run = (async () => {
        for (const w of batch) await this.deliver(w);
      })();
      this.track(run);
    });
  }

  private shuffled<T>(items: T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.random() * (i + 1));
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }

  private track(p: Promise<unknown>): void {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  private async deliver(w: PendingWebhook): Promise<DeliveryRecord> {
    const attempts = Math.max(1, this.options.retry?.attempts ?? 1);
    let record: DeliveryRecord | undefined;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      record = await this.attempt(w, attempt);
      if (record.status !== null && record.status >= 200 && record.status < 300) break;
      if (attempt < attempts) await new Promise((r) => setTimeout(r, this.options.retry?.delayMs ?? 0));
    }
    return record as DeliveryRecord;
  }

  private async attempt(w: PendingWebhook, attempt: number): Promise<DeliveryRecord> {
    const base = { kind: w.kind, topic: w.topic, shopDomain: w.shopDomain, url: w.url, webhookId: w.webhookId, eventId: w.eventId, attempt, body: w.body };
    let record: DeliveryRecord;
    try {
      const res = await fetch(w.url, { method: "POST", headers: w.headers, body: w.body });
      await res.arrayBuffer();
      record = { ...base, status: res.status, error: null };
    } catch (error) {
      record = { ...base, status: null, error: error instanceof Error ? error.message : String(error) };
    }
    this.log.push(record);
    return record;
  }

  /** Queued deliveries (manual mode). The array is live: tests may reorder or duplicate items. */
  pending(): PendingWebhook[] {
    return this.queue;
  }

  /** Sends every queued delivery in queue order; resolves with their records. */
  async flush(): Promise<DeliveryRecord[]> {
    const items = this.queue.splice(0, this.queue.length);
    const out: DeliveryRecord[] = [];
    for (const w of items) out.push(await this.deliver(w));
    return out;
  }

  /** Resolves when automatic deliveries scheduled so far have been attempted. */
  async settled(): Promise<void> {
    await new Promise((r) => setImmediate(r));
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  deliveries(): readonly DeliveryRecord[] {
    return this.log;
  }
}
