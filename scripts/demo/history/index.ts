/**
 * The demo's past (issue #14 item 7, issue #15 item 7): about 90 days of orders, supplier answers,
 * shipments and carrier events, replayed through the app's own code paths on a manual clock
 * (./simulation.ts), so every screen shows measured data the moment the demo starts. Then the
 * "after history" steps (metrics refresh, scorecard measures, alert evaluation) run once, as the
 * app's nightly jobs would have.
 */
import { tuneSqlite } from "../../../app/db-client.server";
import type { AppServices } from "../../../app/services.server";
import { DEMO_SHOP } from "../../../prisma/seed/demo-catalog";
import type { FakeShopify } from "../../../tests/fake-shopify";
import { scriptServices } from "../../services";
import type { PortalLink, SeededCatalog } from "../seed";
import { DAY_MS, HOUR_MS, SUPPLIER_PROFILES } from "./behaviour";
import { HistorySimulation, type SimulationTally } from "./simulation";

export { SUPPLIER_PROFILES } from "./behaviour";

export interface DemoHistoryOptions {
  /** How many days back the history starts (default 90). */
  readonly days?: number;
  /**
   * Orders per weekday, drawn uniformly in [min, max] (weekends a quarter fewer). Default 1–4 (about 200 orders): each
   * order costs the app's pipeline ~0.3 s of CPU here, and the demo must start well within CI's 3 minutes.
   */
  readonly ordersPerDay?: { readonly min: number; readonly max: number };
  readonly seed?: number;
  /** Where the history ends ("today"; default: now). It stops this long before: the live orders come after. */
  readonly endAt?: Date;
  readonly log?: (line: string) => void;
}

export interface DemoHistoryContext {
  readonly fake: FakeShopify;
  readonly catalog: SeededCatalog;
  /** The environment the demo gives the app (its database, secret, fake Admin API origin). */
  readonly appEnv: Readonly<Record<string, string | undefined>>;
  readonly portalLinks: readonly PortalLink[];
}

export interface DemoHistoryReport {
  readonly days: number;
  readonly from: Date;
  readonly to: Date;
  readonly seconds: number;
  /** What the simulated customers, suppliers and carriers did. */
  readonly tally: SimulationTally;
  /** Rows the app wrote, by table. */
  readonly rows: Readonly<Record<string, number>>;
}

/**
 * One step to run once the history is in: it reads the app's records at the real "now" and derives
 * what the app's scheduled jobs would have derived by now.
 */
export interface AfterHistoryStep {
  readonly name: string;
  run(services: AppServices, shop: string): Promise<void>;
}

/**
 * The after-history steps, in order: what the app's scheduled jobs would have derived by now —
 * the metrics rollup, then the suppliers' measures (routing, scorecards) and the alerts read it.
 */
export const AFTER_HISTORY_STEPS: readonly AfterHistoryStep[] = [
  // Facts from the replayed records, rolled up per day: what the metrics page, alerts and scorecards read.
  {
    name: "metrics rollup",
    run: async (services, shop) => {
      // Imported when run: these modules read the app's environment, which the demo sets first.
      const { refreshMetrics } = await import("../../../app/services/metrics/refresh.server");
      await refreshMetrics(services, shop, { full: true });
    },
  },
  // Supplier measures routing reads and the scorecard snapshot, from the facts just rolled up.
  {
    name: "supplier measures",
    run: async (services, shop) => {
      const { refreshSupplierMeasures } = await import("../../../app/services/scorecards/measures.server");
      await refreshSupplierMeasures(services, shop);
    },
  },
  // A shopper wrote in this morning: the item of a recently delivered order arrived broken. Staff open
  // a "damaged" case on it from the exceptions page (the playbook suggests reship, then refund).
  {
    name: "damaged item reported",
    run: async (services, shop) => {
      const { openStaffCase } = await import("../../../app/services/playbook/cases.server");
      const delivered = await services.db.shipment.findFirst({ where: { shop, stage: "delivered" }, orderBy: { labelCreatedAt: "desc" } });
      if (!delivered?.orderName) return;
      const opened = await openStaffCase(services, shop, {
        orderName: delivered.orderName,
        type: "damaged",
        note: "The customer emailed a photo: the item arrived cracked.",
        actor: "support@dropline-demo.example",
      });
      if (!opened.ok) throw new Error(opened.failure.message);
    },
  },
  // Alerts on the rollup (the drifting supplier's confirmation time); their notices run in the app's worker.
  {
    name: "alert evaluation",
    run: async (services, shop) => {
      const { evaluateShopAlerts } = await import("../../../app/services/alerts/evaluate.server");
      await evaluateShopAlerts(services, shop);
    },
  },
];

/** Runs the after-history steps on the app's services (real clock); returns how long each took, in ms. */
export async function runAfterHistory(
  services: AppServices,
  shop: string,
  steps: readonly AfterHistoryStep[] = AFTER_HISTORY_STEPS,
): Promise<Record<string, number>> {
  const took: Record<string, number> = {};
  for (const step of steps) {
    const started = performance.now();
    await step.run(services, shop);
    took[step.name] = Math.round(performance.now() - started);
  }
  return took;
}

export const DEFAULT_ORDERS_PER_DAY = { min: 1, max: 4 } as const;

// The history stops this long before "now", so the live orders placed after start are the newest.
const GAP_BEFORE_NOW_MS = 15 * 60_000;

/**
 * Replays the demo shop's past. Call after the suppliers, their portals and offers exist and before
 * the app starts; the fake's clock and webhook delivery are set back to real time and automatic
 * delivery afterwards.
 */
export async function seedDemoHistory(context: DemoHistoryContext, options: DemoHistoryOptions = {}): Promise<DemoHistoryReport> {
  const days = options.days ?? 90;
  const endMs = (options.endAt ?? new Date()).getTime() - GAP_BEFORE_NOW_MS;
  // Whole hours, so the same seed gives the same orders whatever minute the demo starts.
  const startMs = Math.floor((endMs - days * DAY_MS) / HOUR_MS) * HOUR_MS;
  const started = performance.now();
  const { fake } = context;
  const databaseUrl = context.appEnv.DATABASE_URL;
  const apiSecret = context.appEnv.SHOPIFY_API_SECRET;
  if (!databaseUrl || !apiSecret) throw new Error("The demo history needs DATABASE_URL and SHOPIFY_API_SECRET in the app's environment");
  let simNow = startMs;
  const services = scriptServices(context.appEnv, { now: () => new Date(simNow) });
  // As the app's worker does: WAL without a sync per commit (a crash loses at most the demo's history).
  await tuneSqlite(services.db);
  fake.configureWebhooks({ manual: true });
  let tally: SimulationTally;
  try {
    const simulation = new HistorySimulation(
      {
        fake,
        shop: DEMO_SHOP.domain,
        variantBySku: context.catalog.variantBySku,
        services,
        databaseUrl,
        apiSecret,
        portalTokens: new Map(context.portalLinks.map((l) => [l.supplierId, l.token])),
      },
      { startMs, endMs, ordersPerDay: options.ordersPerDay ?? DEFAULT_ORDERS_PER_DAY, seed: options.seed ?? 20261207 },
      (ms) => {
        simNow = ms;
        fake.setClock(() => ms);
      },
    );
    tally = await simulation.run();
  } finally {
    fake.setClock(() => Date.now());
    fake.configureWebhooks({ manual: false });
    await services.close();
  }
  const counter = scriptServices(context.appEnv);
  try {
    const rows = await countRows(counter.db);
    const report: DemoHistoryReport = { days, from: new Date(startMs), to: new Date(endMs), seconds: (performance.now() - started) / 1000, tally, rows };
    options.log?.(describeHistory(report));
    return report;
  } finally {
    await counter.close();
  }
}

async function countRows(db: AppServices["db"]): Promise<Record<string, number>> {
  const [orders, purchaseOrders, shipments, carrierEvents, exceptionCases, routingDecisions, webhookEvents, jobs, staffTasks] = await Promise.all([
    db.order.count(),
    db.purchaseOrder.count(),
    db.shipment.count(),
    db.carrierEvent.count(),
    db.exceptionCase.count(),
    db.routingDecision.count(),
    db.webhookEvent.count(),
    db.job.count(),
    db.staffTask.count(),
  ]);
  return { orders, purchaseOrders, shipments, carrierEvents, exceptionCases, routingDecisions, webhookEvents, jobs, staffTasks };
}

/** One paragraph for the demo's terminal. */
export function describeHistory(report: DemoHistoryReport): string {
  const t = report.tally;
  const rows = Object.entries(report.rows)
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");
  const suppliers = Object.entries(SUPPLIER_PROFILES)
    .map(([name, p]) => `    ${name}: ${p.story}`)
    .join("\n");
  return [
    `Demo history: ${report.days} days (${report.from.toISOString().slice(0, 10)} → ${report.to.toISOString().slice(0, 10)}) replayed in ${report.seconds.toFixed(1)} s:`,
    `  ${t.orders} orders (${t.customerCancellations} cancelled by the customer), ${t.accepted} purchase orders accepted, ${t.rejectedForStock} rejected for stock, ${t.stockouts} stockouts after acceptance, ${t.shipped} shipped, ${t.carrierEvents} carrier events`,
    `  rows: ${rows}`,
    suppliers,
  ].join("\n");
}
