/**
 * Replays past days through the app's own code paths on a manual clock. Everything the app would
 * receive arrives the way it would: orders are created in the fake Shopify (whose clock is the
 * same manual clock) and its signed webhooks and fulfillment-service callbacks go through
 * `receiveWebhook` into the inbox; the app's job handlers run inline (a Worker on the manual
 * clock, so escalation timers and exception sweeps fire at their own instants); suppliers answer
 * through the portal's actions; carriers push signed event batches to the carrier-event intake.
 */
import type { PrismaClient } from "@prisma/client";
import { addBusinessHours } from "../../../app/domain/escalation/business-hours";
import { addBusinessDays, instantAt, localDateTime, parseClockTime } from "../../../app/domain/promise";
import type { AppServices } from "../../../app/services.server";
import { InboxWriter } from "../../../app/jobs/inbox.server";
import { receiveWebhook } from "../../../app/jobs/receive-webhook.server";
import { jobHandlers, shopReauthParking } from "../../../app/jobs/runtime.server";
import { SqliteInboxStore, sqliteFileOf } from "../../../app/jobs/sqlite-inbox.server";
import { Worker } from "../../../app/jobs/worker.server";
import { scheduleTrackingTimers } from "../../../app/jobs/tracking/handlers.server";
import { listSuppliers, type SupplierRecord } from "../../../app/models/suppliers.server";
import { trackingSettings } from "../../../app/models/shipments.server";
import { receiveFulfillmentOrderNotification } from "../../../app/services/coordination/callback.server";
import {
  acceptPurchaseOrder,
  authenticatePortal,
  decideCancellation,
  rejectPurchaseOrder,
  reportStockout,
  submitTracking,
  type PortalAction,
  type PortalResult,
} from "../../../app/services/portal/portal-actions.server";
import { signCarrierBody } from "../../../app/services/tracking/carrier-source";
import { receiveCarrierDelivery } from "../../../app/services/tracking/receive.server";
import { isWebhookTopic } from "../../../app/shopify/topics";
import { verifyWebhookRequest } from "../../../app/shopify/webhook-hmac.server";
import type { FakeShopify } from "../../../tests/fake-shopify";
import { randomInt, seededRandom, type Random } from "../../../sim/prng";
import {
  DAY_MS,
  HOUR_MS,
  lognormal,
  parcelFate,
  plannedScans,
  planDay,
  SUPPLIER_PROFILES,
  type ParcelFate,
  type PlannedOrder,
  type SupplierConduct,
} from "./behaviour";
import { MinHeap } from "./heap";
import { upsTrackingNumber } from "./tracking-numbers";

export interface SimulationWorld {
  readonly fake: FakeShopify;
  readonly shop: string;
  readonly variantBySku: ReadonlyMap<string, { variantId: string }>;
  /** The app's services on the simulation's clock (scripts/services.ts `scriptServices(env, { now })`). */
  readonly services: AppServices;
  readonly databaseUrl: string;
  readonly apiSecret: string;
  /** Each supplier's portal token (the links the demo prints), by supplier id. */
  readonly portalTokens: ReadonlyMap<string, string>;
}

export interface SimulationOptions {
  readonly startMs: number;
  readonly endMs: number;
  readonly ordersPerDay: { readonly min: number; readonly max: number };
  readonly seed: number;
}

/** What the suppliers and carriers did, counted as the simulation did it (the app's own records are the truth). */
export interface SimulationTally {
  orders: number;
  customerCancellations: number;
  accepted: number;
  rejectedForStock: number;
  stockouts: number;
  shipped: number;
  cancellationsAnswered: number;
  carrierEvents: number;
  refused: number;
  webhooks: number;
  jobs: number;
}

interface SimEvent {
  readonly at: number;
  readonly seq: number;
  readonly run: () => Promise<void>;
}

/** Suppliers answer in their office hours (local time). */
export const SUPPLIER_OFFICE_HOURS = { openTime: "08:00", closeTime: "18:00" } as const;
// Carriers' aggregator pushes what it saw every two hours.
const CARRIER_PUSH_EVERY_MS = 2 * HOUR_MS;
// The periodic exception sweep (the app's runs every 15 minutes; sweeps also book themselves when a rule falls due).
const SWEEP_EVERY_MS = 12 * HOUR_MS;
// In the last weeks every rare carrier fate happens at least once, so each kind of case is there to open.
const RARE_FATES_FROM_DAYS_BEFORE_END = 20;
const RARE_FATES: readonly ParcelFate[] = ["lost", "returned", "damaged", "no_movement", "delayed", "failed_attempt"];

export class HistorySimulation {
  private t: number;
  private seq = 0;
  private readonly heap = new MinHeap<SimEvent>((a, b) => a.at - b.at || a.seq - b.seq);
  private readonly db: PrismaClient;
  private readonly worker: Worker;
  private readonly inboxStore: SqliteInboxStore;
  private readonly inbox: InboxWriter;
  private readonly suppliers = new Map<string, SupplierRecord>();
  private readonly seen = new Set<string>();
  private readonly stockedOut = new Set<string>();
  private readonly carrierSlots = new Map<number, { trackingNumber: string; carrier: string; status: string; description: string; happenedAt: string }[]>();
  private readonly orderRandom: Random;
  private readonly supplierRandom: Random;
  private readonly carrierRandom: Random;
  private parcelCounter = 0;
  private readonly rareFatesLeft = [...RARE_FATES];
  readonly tally: SimulationTally = {
    orders: 0,
    customerCancellations: 0,
    accepted: 0,
    rejectedForStock: 0,
    stockouts: 0,
    shipped: 0,
    cancellationsAnswered: 0,
    carrierEvents: 0,
    refused: 0,
    webhooks: 0,
    jobs: 0,
  };

  constructor(
    private readonly world: SimulationWorld,
    private readonly options: SimulationOptions,
    private readonly setClock: (ms: number) => void,
  ) {
    this.t = options.startMs;
    this.db = world.services.db;
    this.orderRandom = seededRandom(options.seed);
    this.supplierRandom = seededRandom(options.seed + 1);
    this.carrierRandom = seededRandom(options.seed + 2);
    this.worker = new Worker(world.services.queue, jobHandlers(world.services, { feedMaxBytes: world.services.bodyLimits.feed }), {
      now: () => new Date(this.t),
      concurrency: 1,
      parking: shopReauthParking(this.db),
    });
    // The inbox's own connection, as the web process has (group commit, past instants).
    this.inboxStore = new SqliteInboxStore(sqliteFileOf(world.databaseUrl));
    this.inbox = new InboxWriter(this.inboxStore, { now: () => new Date(this.t) });
  }

  /** Runs every day from start to end; returns what the simulated parties did. */
  async run(): Promise<SimulationTally> {
    for (const s of await listSuppliers(this.db, this.world.shop)) this.suppliers.set(s.id, s);
    this.planOrders();
    for (let at = this.options.startMs; at < this.options.endMs; at += SWEEP_EVERY_MS) {
      this.schedule(at, () => scheduleTrackingTimers(this.world.services, this.world.shop));
    }
    this.setTime(this.options.startMs);
    try {
      for (let next = this.heap.pop(); next; next = this.heap.pop()) {
        await this.advanceTo(next.at);
        await next.run();
        await this.settle();
        await this.react();
      }
      await this.advanceTo(this.options.endMs);
    } finally {
      this.inboxStore.close();
    }
    return this.tally;
  }

  private setTime(ms: number): void {
    this.t = Math.max(this.t, ms);
    this.setClock(this.t);
  }

  private schedule(at: number, run: () => Promise<void>): void {
    if (at > this.options.endMs) return; // the future has not happened yet
    this.heap.push({ at, seq: this.seq++, run });
  }

  /** Runs the jobs that fall due before `target`, each at its own instant (ladder timers, sweeps, retries). */
  private async advanceTo(target: number): Promise<void> {
    for (;;) {
      const due = await this.db.job.findFirst({
        where: { status: "queued", runAt: { gt: new Date(this.t), lte: new Date(target) } },
        orderBy: { runAt: "asc" },
        select: { runAt: true },
      });
      if (!due) break;
      this.setTime(due.runAt.getTime());
      await this.settle();
      await this.react();
    }
    this.setTime(target);
  }

  /** Hands Shopify's queued webhooks and callbacks to the app, and runs the jobs due now, until both are quiet. */
  private async settle(): Promise<void> {
    for (let round = 0; round < 50; round++) {
      const hooks = this.world.fake.pendingWebhooks().splice(0);
      for (const hook of hooks) {
        const request = new Request(hook.url, { method: "POST", body: hook.body, headers: hook.headers });
        if (hook.kind === "fulfillment_service_notification") {
          const { db, queue } = this.world.services;
          await receiveFulfillmentOrderNotification(request, { db, queue, apiSecret: this.world.apiSecret, maxBytes: this.world.services.bodyLimits.request });
        } else if (isWebhookTopic(hook.topic)) {
          const response = await receiveWebhook(request, hook.topic, {
            record: (event) => this.inbox.record(event),
            maxBytes: this.world.services.bodyLimits.webhook,
            authenticate: (r, rawBody) => verifyWebhookRequest(r, rawBody, this.world.apiSecret),
          });
          if (response.status !== 200) throw new Error(`The app refused the ${hook.topic} webhook: HTTP ${response.status}`);
          this.tally.webhooks++;
        }
      }
      const ran = await this.worker.drain();
      this.tally.jobs += ran;
      if (hooks.length === 0 && ran === 0) return;
    }
    throw new Error("The demo history did not settle in 50 rounds at " + new Date(this.t).toISOString());
  }

  // ── Customers ──────────────────────────────────────────────────────────────────────────────

  private planOrders(): void {
    const { startMs, endMs, ordersPerDay } = this.options;
    const firstDay = Math.floor(startMs / DAY_MS) * DAY_MS;
    for (let day = firstDay, index = 0; day < endMs; day += DAY_MS, index++) {
      for (const order of planDay(this.orderRandom, day, ordersPerDay, index)) {
        if (order.at < startMs) continue;
        this.schedule(order.at, () => this.placeOrder(order));
      }
    }
  }

  private async placeOrder(order: PlannedOrder): Promise<void> {
    const created = this.world.fake.createOrder({
      shop: this.world.shop,
      email: order.email,
      sourceName: order.channel,
      lineItems: order.lines.map(({ sku, quantity }) => {
        const variant = this.world.variantBySku.get(sku);
        if (!variant) throw new Error(`The demo history sells an unknown SKU ${sku}`);
        return { variantId: variant.variantId, quantity };
      }),
      shippingAddress: { ...order.destination },
      shippingLine: { ...order.shipping },
    });
    this.tally.orders++;
    if (order.cancelAfterHours !== null) {
      this.schedule(order.at + order.cancelAfterHours * HOUR_MS, async () => {
        this.world.fake.cancelOrder({ shop: this.world.shop, orderId: created.id, reason: "CUSTOMER" });
        this.tally.customerCancellations++;
      });
    }
  }

  // ── Suppliers ──────────────────────────────────────────────────────────────────────────────

  /** Looks at what the app sent suppliers since the last look and books each supplier's answer. */
  private async react(): Promise<void> {
    const waiting = await this.db.purchaseOrder.findMany({
      where: { shop: this.world.shop, status: { in: ["sent", "cancellation_requested"] } },
      select: { id: true, status: true, supplierId: true, sentAt: true, createdAt: true },
      orderBy: { number: "asc" },
    });
    for (const po of waiting) {
      const key = `${po.id}:${po.status}`;
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      const supplier = this.suppliers.get(po.supplierId);
      if (!supplier) continue;
      const calendar = {
        timeZone: supplier.timeZone,
        cutoff: supplier.cutoff,
        holidays: supplier.holidays,
        workdays: supplier.workingDays,
        ...SUPPLIER_OFFICE_HOURS,
      };
      const from = (po.sentAt ?? po.createdAt).getTime();
      if (po.status === "sent") {
        const conduct = this.conductOf(supplier, from);
        const hours = Math.min(60, lognormal(this.supplierRandom, conduct.ackMedianHours, conduct.ackSigma));
        this.schedule(addBusinessHours(Math.max(from, this.t), hours, calendar), () => this.answer(supplier, po.id, conduct));
      } else {
        const hours = 0.5 + this.supplierRandom() * 4;
        this.schedule(addBusinessHours(this.t, hours, calendar), () => this.answerCancellation(supplier, po.id));
      }
    }
  }

  private conductOf(supplier: SupplierRecord, at: number): SupplierConduct {
    const profile = SUPPLIER_PROFILES[supplier.name] ?? SUPPLIER_PROFILES["Pacific Coast Fulfillment"]!;
    return profile.conduct((this.options.endMs - at) / DAY_MS);
  }

  /** One portal form post as the supplier: authenticated by its token, like the browser's. */
  private async portal(
    supplier: SupplierRecord,
    action: PortalAction,
    run: (who: NonNullable<Awaited<ReturnType<typeof authenticatePortal>>>) => Promise<PortalResult>,
  ) {
    const services = this.world.services;
    const who = await authenticatePortal(services, this.world.portalTokens.get(supplier.id), action);
    if (!who) throw new Error(`The demo history has no portal token for ${supplier.name}`);
    const result = await run(who);
    if (!result.ok) this.tally.refused++;
    return result;
  }

  private requestId(kind: string, poId: string): string {
    return `history-${kind}-${poId}`;
  }

  private async answer(supplier: SupplierRecord, poId: string, conduct: SupplierConduct): Promise<void> {
    const random = this.supplierRandom;
    const services = this.world.services;
    if (random() < conduct.rejectForStock) {
      const result = await this.portal(supplier, "reject", (who) =>
        rejectPurchaseOrder(services, who, poId, {
          requestId: this.requestId("reject", poId),
          reason: "INVENTORY_OUT_OF_STOCK",
          message: "Sorry, our stock count was wrong: this item is sold out.",
        }),
      );
      if (result.ok) this.tally.rejectedForStock++;
      return;
    }
    const calendar = { timeZone: supplier.timeZone, cutoff: supplier.cutoff, holidays: supplier.holidays, workdays: supplier.workingDays };
    const cutoff = parseClockTime(supplier.cutoff);
    // The supplier commits to its cut-off on the day its handling time ends (a full instant: a bare
    // date would mean midnight UTC, before the day's work has started).
    const handling = randomInt(random, supplier.handlingMinDays, supplier.handlingMaxDays) + conduct.extraCommitDays;
    let committed = addBusinessDays(localDateTime(this.t, supplier.timeZone).date, handling, calendar);
    if (instantAt(committed, cutoff, supplier.timeZone) <= this.t) committed = addBusinessDays(committed, 1, calendar);
    const shipDate = new Date(instantAt(committed, cutoff, supplier.timeZone)).toISOString();
    const result = await this.portal(supplier, "accept", (who) =>
      acceptPurchaseOrder(services, who, poId, { requestId: this.requestId("accept", poId), shipDate }),
    );
    if (!result.ok) return;
    this.tally.accepted++;
    if (random() < conduct.stockoutAfterAccept) {
      this.schedule(this.t + (2 + random() * 20) * HOUR_MS, () => this.stockout(supplier, poId));
      return;
    }
    const lateDays = random() < conduct.lateShare ? randomInt(random, 1, conduct.lateDaysMax) : 0;
    const shipDay = lateDays > 0 ? addBusinessDays(committed, lateDays, calendar) : committed;
    // Parcels leave in the hours before the cut-off; the tracking number reaches us a little later.
    const leaves = Math.max(this.t + HOUR_MS, instantAt(shipDay, cutoff - 360 + Math.floor(random() * 180), supplier.timeZone));
    const uploaded = leaves + lognormal(random, conduct.trackingLatencyHours, 0.6) * HOUR_MS;
    this.schedule(uploaded, () => this.ship(supplier, poId, leaves));
  }

  private async stockout(supplier: SupplierRecord, poId: string): Promise<void> {
    const result = await this.portal(supplier, "stockout", (who) =>
      reportStockout(this.world.services, who, poId, { requestId: this.requestId("stockout", poId), message: "Warehouse count found none left of this item." }),
    );
    if (result.ok) {
      this.stockedOut.add(poId);
      this.tally.stockouts++;
    }
  }

  private async ship(supplier: SupplierRecord, poId: string, leftAt: number): Promise<void> {
    const po = await this.db.purchaseOrder.findFirst({ where: { shop: this.world.shop, id: poId }, select: { status: true, orderId: true } });
    if (!po || po.status !== "accepted" || this.stockedOut.has(poId)) return; // cancelled or re-routed meanwhile
    const trackingNumber = upsTrackingNumber(supplier.name, ++this.parcelCounter);
    const result = await this.portal(supplier, "tracking", (who) =>
      submitTracking(this.world.services, who, poId, { requestId: this.requestId("tracking", poId), trackingNumbers: trackingNumber, carrier: "UPS" }),
    );
    if (!result.ok) return;
    this.tally.shipped++;
    const shipTo = (await this.db.order.findFirst({ where: { shop: this.world.shop, id: po.orderId }, select: { countryCode: true, provinceCode: true } })) ?? {
      countryCode: null,
      provinceCode: null,
    };
    const lane =
      supplier.coverage.find((c) => c.countryCode === shipTo.countryCode && c.provinceCode && c.provinceCode === shipTo.provinceCode) ??
      supplier.coverage.find((c) => c.countryCode === shipTo.countryCode && !c.provinceCode);
    const transitDays = randomInt(this.carrierRandom, lane?.transitMin ?? 3, lane?.transitMax ?? 6);
    let fate = parcelFate(this.carrierRandom);
    if (this.options.endMs - leftAt < RARE_FATES_FROM_DAYS_BEFORE_END * DAY_MS) {
      const missing = this.rareFatesLeft.indexOf(fate);
      if (missing >= 0) this.rareFatesLeft.splice(missing, 1);
      else if (fate === "delivered" && this.rareFatesLeft.length > 0) fate = this.rareFatesLeft.shift()!;
    }
    for (const scan of plannedScans(this.carrierRandom, fate, transitDays)) {
      const at = leftAt + scan.afterMs;
      if (at > this.options.endMs) break;
      this.carrierScan(at, { trackingNumber, carrier: "UPS", status: scan.status, description: scan.description, happenedAt: new Date(at).toISOString() });
    }
  }

  private async answerCancellation(supplier: SupplierRecord, poId: string): Promise<void> {
    const result = await this.portal(supplier, "cancellation", (who) =>
      decideCancellation(this.world.services, who, poId, { requestId: this.requestId("cancellation", poId), decision: "accept" }),
    );
    if (result.ok) this.tally.cancellationsAnswered++;
  }

  // ── Carriers ───────────────────────────────────────────────────────────────────────────────

  /** Queues a scan for the aggregator's next push (the push is signed like any carrier relay's). */
  private carrierScan(at: number, event: { trackingNumber: string; carrier: string; status: string; description: string; happenedAt: string }): void {
    const slot = Math.ceil(at / CARRIER_PUSH_EVERY_MS) * CARRIER_PUSH_EVERY_MS;
    if (slot > this.options.endMs) return;
    const batch = this.carrierSlots.get(slot);
    if (batch) {
      batch.push(event);
      return;
    }
    this.carrierSlots.set(slot, [event]);
    this.schedule(slot, () => this.pushCarrierEvents(slot));
  }

  private async pushCarrierEvents(slot: number): Promise<void> {
    const events = this.carrierSlots.get(slot) ?? [];
    this.carrierSlots.delete(slot);
    if (events.length === 0) return;
    const { carrierEventSecret } = await trackingSettings(this.db, this.world.shop);
    const rawBody = JSON.stringify({ events });
    const headers = new Headers({
      "Content-Type": "application/json",
      "X-Dropline-Shop": this.world.shop,
      "X-Dropline-Hmac-Sha256": signCarrierBody(carrierEventSecret, rawBody),
    });
    const outcome = await receiveCarrierDelivery(this.world.services, { rawBody, headers });
    if (outcome.status !== 202) throw new Error(`The carrier-event intake refused the demo's push: ${outcome.status} ${JSON.stringify(outcome.body)}`);
    this.tally.carrierEvents += events.length;
  }
}
