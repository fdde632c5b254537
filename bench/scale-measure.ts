/**
 * What the scale benchmark reads back after the load: from the app's database (events stored,
 * orders received, routed and submitted, with their instants), from the fake Admin API (its
 * request log: calls and THROTTLED answers; its fulfillment orders: requests submitted twice), and
 * the row counts the retention pass leaves.
 */
import pg from "pg";

/** One order's path through the pipeline, epoch ms on this host's clock (null: not reached yet). */
export interface OrderTimes {
  readonly received: number | null;
  readonly routed: number | null;
  readonly submitted: number | null;
}

const key = (shop: string, id: string) => `${shop} ${id}`;

/** Epoch milliseconds of a `timestamp without time zone` column written in UTC (as Prisma writes them). */
const epochMs = (column: string) => `(EXTRACT(EPOCH FROM ${column}) * 1000)::float8`;

export class ScaleReadings {
  private readonly pool: pg.Pool;

  constructor(databaseUrl: string) {
    this.pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async rows<T>(sql: string, values: unknown[] = []): Promise<T[]> {
    return (await this.pool.query(sql, values)).rows as T[];
  }

  async count(sql: string, values: unknown[] = []): Promise<number> {
    const [row] = await this.rows<{ n: string | number }>(sql, values);
    return Number(row?.n ?? 0);
  }

  /** `shop eventId` of every stored event. */
  async storedEvents(): Promise<Set<string>> {
    const rows = await this.rows<{ shop: string; eventId: string }>(`SELECT "shop", "eventId" FROM "WebhookEvent"`);
    return new Set(rows.map((r) => key(r.shop, r.eventId)));
  }

  /** Jobs due now that are not finished (timers set for later are not work the load caused). */
  dueJobs(): Promise<number> {
    return this.count(`SELECT count(*) AS n FROM "Job" WHERE "status" IN ('queued', 'running') AND "runAt" <= (now() AT TIME ZONE 'UTC')`);
  }

  /** Orders with a purchase order submitted to its supplier (not waiting for review). */
  submittedOrders(): Promise<number> {
    return this.count(`SELECT count(DISTINCT ("shop", "orderId")) AS n FROM "PurchaseOrder" WHERE "status" <> 'awaiting_review'`);
  }

  /** When each event's webhook job finished (`shop eventId` → epoch ms): the order was received. */
  async eventsHandled(): Promise<Map<string, number>> {
    const rows = await this.rows<{ dedupeKey: string; at: number }>(
      `SELECT "dedupeKey", ${epochMs('"finishedAt"')} AS "at" FROM "Job" WHERE "dedupeKey" LIKE 'webhook:%' AND "status" = 'succeeded'`,
    );
    // The inbox's job key is webhook:<shop>:<event id>.
    return new Map(rows.map((r) => [r.dedupeKey.replace(/^webhook:([^:]+):/, "$1 "), Number(r.at)]));
  }

  /** When each order (`shop orderId`) was first routed and first submitted. */
  async orderTimes(): Promise<Map<string, Omit<OrderTimes, "received">>> {
    const routed = await this.rows<{ shop: string; orderId: string; at: number }>(
      `SELECT "shop", "orderId", min(${epochMs('"createdAt"')}) AS "at" FROM "RoutingDecision" GROUP BY 1, 2`,
    );
    const submitted = await this.rows<{ shop: string; orderId: string; at: number }>(
      `SELECT "shop", "orderId", min(${epochMs('COALESCE("sentAt", "createdAt")')}) AS "at" FROM "PurchaseOrder" WHERE "status" <> 'awaiting_review' GROUP BY 1, 2`,
    );
    const times = new Map<string, { routed: number | null; submitted: number | null }>();
    const entry = (shop: string, orderId: string) => {
      const k = key(shop, orderId);
      let t = times.get(k);
      if (!t) times.set(k, (t = { routed: null, submitted: null }));
      return t;
    };
    for (const r of routed) entry(r.shop, r.orderId).routed = Number(r.at);
    for (const r of submitted) entry(r.shop, r.orderId).submitted = Number(r.at);
    return times;
  }

  /** Orders whose "order received" entry was written more than once (the webhook's effect applied twice). */
  receivedTwice(): Promise<number> {
    return this.count(
      `SELECT count(*) AS n FROM (SELECT 1 FROM "OrderEvent" WHERE "kind" = 'order_received' GROUP BY "shop", "orderId" HAVING count(*) > 1) AS twice`,
    );
  }

  /** Purchase orders beyond one per supplier and order (a second PO for the same order and supplier). */
  extraPurchaseOrders(): Promise<number> {
    return this.count(`SELECT COALESCE(sum(n - 1), 0) AS n FROM (SELECT count(*) AS n FROM "PurchaseOrder" GROUP BY "shop", "orderId", "supplierId") AS per`);
  }

  /** Jobs by kind and status (where the workers' time went, or what still waits). */
  async jobsByKind(): Promise<string[]> {
    const rows = await this.rows<{ kind: string; status: string; n: string }>(
      `SELECT "kind", "status", count(*) AS n FROM "Job" GROUP BY 1, 2 ORDER BY 3 DESC`,
    );
    return rows.map((r) => `${r.kind}/${r.status}: ${r.n}`);
  }

  /**
   * How long jobs ran (pg-boss's started → completed, per dispatch) since `sinceMs`, by kind: whether
   * the worker slots were busy (slow jobs, or jobs waiting inside for something) or idle.
   */
  async jobRunTimes(sinceMs: number): Promise<{ kind: string; runs: number; p50: number; p99: number; busySeconds: number }[]> {
    const rows = await this.rows<{ kind: string; runs: string; p50: number; p99: number; busy: number }>(
      `SELECT j."kind", count(*) AS runs,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM (b.completed_on - b.started_on))) AS p50,
         percentile_cont(0.99) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM (b.completed_on - b.started_on))) AS p99,
         sum(EXTRACT(EPOCH FROM (b.completed_on - b.started_on))) AS busy
       FROM pgboss.job b JOIN "Job" j ON j."id" = b.data->>'jobId'
       WHERE b.name = 'dropline-jobs' AND b.state = 'completed' AND b.started_on >= to_timestamp($1 / 1000.0)
       GROUP BY 1 ORDER BY busy DESC`,
      [sinceMs],
    );
    return rows.map((r) => ({ kind: r.kind, runs: Number(r.runs), p50: Number(r.p50), p99: Number(r.p99), busySeconds: Number(r.busy) }));
  }

  /**
   * Routing and submission jobs by what started them (the trigger in their dedupe key: a webhook, a
   * sweep, a retry of an earlier step) and their runs: where the Admin API reads come from.
   */
  async orderJobsByTrigger(): Promise<string[]> {
    const rows = await this.rows<{ kind: string; trigger: string; n: string; attempts: string }>(
      `SELECT "kind", COALESCE(substring("dedupeKey" from 'Order/[0-9]+:([a-z_-]+)'), '?') AS "trigger", count(*) AS n, sum("attempts") AS attempts
       FROM "Job" WHERE "kind" IN ('route_order', 'submit_fulfillment_requests') GROUP BY 1, 2 ORDER BY 3 DESC`,
    );
    return rows.map((r) => `${r.kind} from ${r.trigger}: ${r.n} jobs, ${r.attempts} attempts`);
  }

  /** Orders whose first decision held something for a person (the load is meant to be all routable). */
  async heldOrders(): Promise<number> {
    return this.count(`SELECT count(*) AS n FROM "RoutingDecision" WHERE "version" = 1 AND "outcome" IN ('held', 'partially_held')`);
  }

  /** The statements PostgreSQL spent the most time on (only when the stack loaded pg_stat_statements). */
  async topStatements(limit: number): Promise<string[]> {
    const rows = await this.rows<{ calls: string; ms: number; query: string }>(
      `SELECT calls, total_exec_time AS ms, regexp_replace(query, '\\s+', ' ', 'g') AS query FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT $1`,
      [limit],
    );
    return rows.map((r) => `${Math.round(Number(r.ms))} ms in ${r.calls} calls: ${r.query.slice(0, 220)}`);
  }

  /** Webhook jobs by topic and status. */
  async webhookJobsByTopic(): Promise<string[]> {
    const rows = await this.rows<{ topic: string; status: string; n: string }>(
      `SELECT e."topic", j."status", count(*) AS n FROM "Job" j JOIN "WebhookEvent" e ON j."dedupeKey" = 'webhook:' || e."shop" || ':' || e."eventId" GROUP BY 1, 2 ORDER BY 3 DESC`,
    );
    return rows.map((r) => `${r.topic}/${r.status}: ${r.n}`);
  }

  /** Row counts of everything the retention pass purges, plus pg-boss's own job table. */
  async retainedRows(): Promise<Record<string, number>> {
    return {
      payloads: await this.count(`SELECT count(*) AS n FROM "WebhookEvent" WHERE "payload" <> ''`),
      webhookEvents: await this.count(`SELECT count(*) AS n FROM "WebhookEvent"`),
      finishedJobs: await this.count(`SELECT count(*) AS n FROM "Job" WHERE "status" IN ('succeeded', 'cancelled', 'dead')`),
      waitingJobs: await this.count(`SELECT count(*) AS n FROM "Job" WHERE "status" NOT IN ('succeeded', 'cancelled', 'dead')`),
      retiredKeys: await this.count(`SELECT count(*) AS n FROM "RetiredJobKey"`),
      bossJobs: await this.count(`SELECT count(*) AS n FROM pgboss.job`),
    };
  }
}

export { key as orderKey };

/** The fake's request log, read in slices while the bench runs (the log keeps only its newest 50,000). */
export class AdminCallTally {
  private since = 0;
  calls = 0;
  throttled = 0;
  dropped = 0;

  constructor(private readonly fakeUrl: string) {}

  /** Reads what was logged since the last look. */
  async poll(): Promise<void> {
    const res = await fetch(`${this.fakeUrl}/__fake/requests?since=${this.since}`);
    if (!res.ok) throw new Error(`fake request log: HTTP ${res.status}`);
    const body = (await res.json()) as { requests: { seq: number; status: string }[]; mark: number; dropped: number };
    for (const r of body.requests) {
      this.calls += 1;
      if (r.status === "throttled") this.throttled += 1;
    }
    // Records dropped before they were read would be missing from the tally: counted, and reported.
    const first = body.requests[0]?.seq;
    if (first !== undefined && first > this.since + 1) this.dropped += first - this.since - 1;
    this.since = body.mark;
  }
}

/**
 * How long the web processes themselves took to answer the load's deliveries, read from their
 * access log (server/access-log.mjs: from the request reaching Express to the response finishing).
 * What the load generator measures on top is connection set-up, the cluster's hand-off and waiting
 * to be scheduled on a busy CPU.
 */
export function serverSideAckMs(webLog: string): number[] {
  const line = /^POST \/webhooks\/(?:orders\/create|fulfillment_orders\/order_routing_complete) \d+ \S+ - ([\d.]+) ms$/u;
  return webLog.split("\n").flatMap((l) => {
    const m = line.exec(l);
    return m ? [Number(m[1])] : [];
  });
}

/** Admin API calls and cost points per operation in the fake's log (its newest 50,000 requests). */
export async function adminCallsByOperation(fakeUrl: string): Promise<string[]> {
  const res = await fetch(`${fakeUrl}/__fake/requests`);
  const body = (await res.json()) as { byOperation: { operationName: string; calls: number; requestedCost: number; actualCost: number }[] };
  return [...body.byOperation]
    .sort((a, b) => b.actualCost - a.actualCost)
    .map((o) => `${o.operationName}: ${o.calls} calls, ${o.actualCost} points (requested ${o.requestedCost})`);
}

/** Fulfillment orders that got more than one fulfillment request (the submission applied twice), per the fake's state. */
export async function fulfillmentRequestsSentTwice(fakeUrl: string, shops: readonly string[]): Promise<number> {
  let twice = 0;
  for (const shop of shops) {
    const res = await fetch(`${fakeUrl}/__fake/state?shop=${encodeURIComponent(shop)}`);
    if (!res.ok) throw new Error(`fake state of ${shop}: HTTP ${res.status}`);
    const state = (await res.json()) as { fulfillmentOrders: { merchantRequests: { kind: string }[] }[] };
    twice += state.fulfillmentOrders.filter((fo) => fo.merchantRequests.filter((m) => m.kind === "FULFILLMENT_REQUEST").length > 1).length;
  }
  return twice;
}
