/**
 * Publishes promise data to Shopify: each variant's candidate suppliers (`$app.promise`) and the
 * shop's carrier holidays (`$app.calendar`), which the checkout extension reads. Only values whose
 * hash differs from what was last published are sent, 25 per metafieldsSet call; variants that no
 * longer have a candidate lose their metafield.
 */
import type { Clock } from "~/domain/clock";
import { createHash } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { z } from "zod";
import {
  businessDaysBetween,
  DEFAULT_WINDOW_COVERAGE,
  encodeShopCalendar,
  fromEpochDay,
  localDateTime,
  promiseReaction,
  type Reaction,
} from "~/domain/promise";
import type { RoutingPolicy, ScopedLine, Supplier } from "~/domain/routing";
import { freshScopes } from "~/models/product-scopes.server";
import { needsProductScopes, productScopesFor } from "~/services/routing/product-scopes.server";
import { zonesForCountries } from "~/domain/promise/destination-zones";
import { listOpenAlerts } from "~/models/alerts.server";
import { checkoutMayPromiseNotices } from "~/domain/notices";
import { disabledNoticeKinds } from "~/models/notices.server";
import { carrierHolidaysByDestination, evidenceFromShipments, learnFromShipments, type ShipmentObservation } from "~/domain/promise/observations";
import { buildPromiseValues, type VariantPromise } from "~/domain/variant-promise/publish";
import { recentShipmentObservations } from "~/models/delivery-history.server";
import { withBufferedAvailable } from "~/models/buffer.server";
import { listOffers } from "~/models/offers.server";
import {
  CALENDAR_KEY,
  forgetPublished,
  loadCarrierHolidays,
  loadCarrierHolidaysByCountry,
  loadPromiseConfidence,
  openPurchaseOrders,
  PROMISE_KEY,
  unacknowledgedPurchaseOrders,
  publishedValues,
  recordPublished,
  type PublishedValue,
} from "~/models/promise.server";
import { loadRoutingPolicy } from "~/models/routing.server";
import { listSuppliers } from "~/models/suppliers.server";
import type { AdminClient } from "~/shopify/client.server";
import { deleteAppMetafields, METAFIELDS_PER_CALL, setAppMetafields, shopGid, type MetafieldWrite } from "~/shopify/metafields";
import { TerminalJobError } from "~/services/queue/errors";
import { engineOffer, engineSupplier } from "~/services/routing/inputs";
import type { JobServices } from "~/services/deps";
import type { JobWork } from "~/services/queue/job-queue";

/** Observed order → hand-off business days per supplier id. */
export type HandlingSamples = (db: PrismaClient, shop: string) => Promise<ReadonlyMap<string, readonly number[]>>;
/** The shipments the promise learns handling and transit from. */
export type DeliveryHistory = (db: PrismaClient, shop: string) => Promise<readonly ShipmentObservation[]>;

export interface PublishDeps {
  readonly db: PrismaClient;
  readonly client: AdminClient;
  readonly now: Clock;
  /**
   * Where measured handling comes from, when not from the delivery history (an override kept
   * for callers that measure it elsewhere).
   */
  readonly handlingSamples?: HandlingSamples;
  /**
   * Shipments with their carrier events (default: the shop's recent shipments): handling is
   * learned from order to first carrier scan, transit from that scan to delivery.
   */
  readonly deliveryHistory?: DeliveryHistory;
  /**
   * Learn with the robust engine (`learnLane`: in-transit parcels censored, recency weights,
   * shrinkage for thin lanes, calibrated coverage, reactions to stale feeds, drifting handling and
   * backlogs). Default on; `false` keeps the earlier delivered-samples-only learning.
   */
  readonly robustLearning?: boolean;
}

export interface PublishReport {
  /** Variants with promise data. */
  readonly variants: number;
  /** Values written (variants and the calendar). */
  readonly sent: number;
  readonly unchanged: number;
  /** Variant metafields removed because no supplier can ship the variant any more. */
  readonly deleted: number;
  /** metafieldsSet calls made. */
  readonly calls: number;
  /** Variants Shopify no longer knows (deleted); nothing was written for them. */
  readonly missingOwners: readonly string[];
}

const DAY_MS = 86_400_000;
const hashOf = (value: string): string => createHash("sha256").update(value).digest("hex");

/** Yesterday in UTC: no zone's "today" is earlier, so no holiday that still matters is dropped. */
function holidaysFrom(now: Date): string {
  return fromEpochDay(Math.floor(now.getTime() / DAY_MS) - 1);
}

/**
 * Each offered variant's product and collections, for product- and collection-scoped policy rules
 * (only read when the policy has such a rule): from Shopify through routing's cache when a client
 * is at hand, else whatever the cache holds (the admin page's comparison).
 */
async function variantScopes(
  deps: { db: PrismaClient; client?: AdminClient; now: Date },
  shop: string,
  policy: RoutingPolicy,
  variantIds: readonly string[],
): Promise<ReadonlyMap<string, ScopedLine>> {
  if (!needsProductScopes(policy) || variantIds.length === 0) return new Map();
  if (deps.client) return productScopesFor({ db: deps.db, client: deps.client, now: deps.now }, shop, policy, variantIds);
  const cached = await freshScopes(deps.db, shop, variantIds, new Date(0));
  return new Map([...cached.values()].map((s) => [s.variantId, { productId: s.productId, collectionIds: s.collections.map((c) => c.id) }]));
}

/** What should be published now: every variant's value and the shop calendar. */
export async function desiredPromiseValues(
  deps: Pick<PublishDeps, "db" | "now" | "handlingSamples" | "deliveryHistory" | "robustLearning"> & { readonly client?: AdminClient },
  shop: string,
): Promise<{ variants: VariantPromise[]; calendar: string }> {
  const { db } = deps;
  const now = deps.now();
  const [suppliers, offers, policy, holidays, byCountry, shipments, handlingOverride, noticesOff, confidence, openAlerts, unacknowledged, openOrders] =
    await Promise.all([
      listSuppliers(db, shop),
      listOffers(db, shop),
      loadRoutingPolicy(db, shop),
      loadCarrierHolidays(db, shop),
      loadCarrierHolidaysByCountry(db, shop),
      (deps.deliveryHistory ?? recentShipmentObservations)(db, shop),
      deps.handlingSamples?.(db, shop),
      disabledNoticeKinds(db, shop),
      loadPromiseConfidence(db, shop),
      listOpenAlerts(db, shop),
      unacknowledgedPurchaseOrders(db, shop),
      openPurchaseOrders(db, shop, now),
    ]);
  const [buffered, scopes] = await Promise.all([
    withBufferedAvailable(db, shop, offers, now),
    variantScopes({ db, ...(deps.client ? { client: deps.client } : {}), now }, shop, policy, [...new Set(offers.map((o) => o.variantId))].sort()),
  ]);
  const today = holidaysFrom(now);
  const engineSuppliers = suppliers.map(engineSupplier);
  const calendars = new Map(engineSuppliers.map((s) => [s.id, s.calendar]));
  const carrierHolidaysTo = carrierHolidaysByDestination(holidays, byCountry);
  const learned = learnFromShipments(shipments, calendars, carrierHolidaysTo);
  // The robust engine (censored parcels, recency, shrinkage, calibration) unless an override
  // supplies handling samples measured elsewhere.
  // Open purchase orders (sent or acknowledged, not shipped) are handling still running: their age
  // and number move the supplier's handling estimate before any of them ships.
  const evidence =
    deps.robustLearning !== false && !handlingOverride ? evidenceFromShipments(shipments, openOrders, calendars, now.getTime(), carrierHolidaysTo) : undefined;
  const reactions = supplierReactions(engineSuppliers, offers, policy.stock.maxAgeMs, openAlerts, unacknowledged, now);
  const variants = buildPromiseValues({
    ...(evidence ? { evidence, reactions } : {}),
    // The default confidence publishes no `cov` (readers assume 97 %), so unchanged shops resend nothing.
    ...(confidence !== DEFAULT_WINDOW_COVERAGE || evidence ? { confidence } : {}),
    suppliers: engineSuppliers,
    offers: buffered.map(engineOffer),
    policy,
    handlingSamples: handlingOverride ?? learned.handling,
    transitSamples: learned.transit,
    today,
    scopes,
  });
  // Checkout says "we'll email you if it runs late" only while the shop sends every kind of notice;
  // the destination zones cover every country a supplier ships to, so each surface dates a
  // delivery in the shopper's zone without a call (see destination-zone.ts).
  const countries = engineSuppliers.filter((s) => s.status === "active").flatMap((s) => s.coverage.map((row) => row.countryCode));
  return {
    variants,
    calendar: encodeShopCalendar(holidays, {
      holidaysFrom: today,
      delayNotices: checkoutMayPromiseNotices(noticesOff),
      carrierHolidaysByCountry: byCountry,
      destinationZones: zonesForCountries(countries),
    }),
  };
}

/**
 * Each supplier's reaction (`promiseReaction`) to what the app knows now: its stock feed's age
 * against routing's freshness limit, the control tower's open order-to-ship alert for it, and its
 * purchase orders waiting for acknowledgement. Suppliers with nothing to react to are absent.
 */
export function supplierReactions(
  suppliers: readonly Supplier[],
  offers: readonly { supplierId: string; stockUpdatedAt: Date }[],
  maxStockAgeMs: number,
  openAlerts: readonly { metric: string; dimension: string; segment: string; value: number; limit: number }[],
  unacknowledged: readonly { supplierId: string; sentAt: Date }[],
  now: Date,
): Map<string, Reaction> {
  const newestStock = new Map<string, number>();
  for (const o of offers) newestStock.set(o.supplierId, Math.max(newestStock.get(o.supplierId) ?? 0, o.stockUpdatedAt.getTime()));
  const reactions = new Map<string, Reaction>();
  for (const s of suppliers) {
    const newest = newestStock.get(s.id);
    const alert = openAlerts.find((a) => a.metric === "orderToShip" && a.dimension === "supplierId" && a.segment === s.id);
    const waiting = unacknowledged.filter((p) => p.supplierId === s.id);
    const oldest = waiting[0]?.sentAt;
    const today = localDateTime(now.getTime(), s.calendar.timeZone).date;
    const reaction = promiseReaction({
      feedStale: newest !== undefined && now.getTime() - newest > maxStockAgeMs,
      handlingAlert: alert ? { value: alert.value, limit: alert.limit } : null,
      unacknowledged: {
        count: waiting.length,
        oldestBusinessDays: oldest ? Math.max(0, businessDaysBetween(localDateTime(oldest.getTime(), s.calendar.timeZone).date, today, s.calendar)) : 0,
      },
    });
    if (reaction.reasons.length > 0) reactions.set(s.id, reaction);
  }
  return reactions;
}

interface Pending extends MetafieldWrite {
  readonly hash: string;
}

function changed(published: PublishedValue | undefined, hash: string, force: boolean): boolean {
  return force || published?.hash !== hash;
}

async function writeInBatches(deps: PublishDeps, shop: string, writes: readonly Pending[]): Promise<{ calls: number; missing: string[] }> {
  let calls = 0;
  const missing: string[] = [];
  for (let i = 0; i < writes.length; i += METAFIELDS_PER_CALL) {
    const batch = writes.slice(i, i + METAFIELDS_PER_CALL);
    const outcome = await setAppMetafields(
      deps.client,
      batch.map(({ ownerId, key, type, value }) => ({ ownerId, key, type, value })),
    );
    calls++;
    const gone = new Set(outcome.missingOwners);
    missing.push(...outcome.missingOwners);
    // Recorded per batch: a failure later on resends only what Shopify has not accepted yet.
    await recordPublished(
      deps.db,
      shop,
      batch.filter((w) => !gone.has(w.ownerId)).map(({ ownerId, key, hash, value }) => ({ ownerId, key, hash, value })),
      deps.now(),
    );
  }
  return { calls, missing };
}

async function deleteStale(deps: PublishDeps, shop: string, ownerIds: readonly string[]): Promise<void> {
  for (let i = 0; i < ownerIds.length; i += METAFIELDS_PER_CALL) {
    const batch = ownerIds.slice(i, i + METAFIELDS_PER_CALL);
    await deleteAppMetafields(
      deps.client,
      batch.map((ownerId) => ({ ownerId, key: PROMISE_KEY })),
    );
    await forgetPublished(deps.db, shop, PROMISE_KEY, batch);
  }
}

/** Computes the desired values and sends what changed (everything when `force`). */
export async function publishPromises(deps: PublishDeps, shop: string, options: { force?: boolean } = {}): Promise<PublishReport> {
  const force = options.force ?? false;
  const [{ variants, calendar }, published] = await Promise.all([desiredPromiseValues(deps, shop), publishedValues(deps.db, shop)]);
  const byOwner = new Map(published.filter((p) => p.key === PROMISE_KEY).map((p) => [p.ownerId, p]));
  const writes: Pending[] = variants
    .map((v) => ({ ownerId: v.variantId, key: PROMISE_KEY, type: "json" as const, value: v.value, hash: hashOf(v.value) }))
    .filter((w) => changed(byOwner.get(w.ownerId), w.hash, force));
  const unchanged = variants.length - writes.length;
  const calendarRow = published.find((p) => p.key === CALENDAR_KEY);
  const calendarHash = hashOf(calendar);
  if (changed(calendarRow, calendarHash, force)) {
    writes.push({ ownerId: calendarRow?.ownerId ?? (await shopGid(deps.client)), key: CALENDAR_KEY, type: "json", value: calendar, hash: calendarHash });
  }
  const { calls, missing } = await writeInBatches(deps, shop, writes);
  const wanted = new Set(variants.map((v) => v.variantId));
  const stale = [...byOwner.keys()].filter((id) => !wanted.has(id));
  await deleteStale(deps, shop, stale);
  if (missing.length > 0) console.warn(`[promise] ${shop}: Shopify no longer knows ${missing.length} variant(s) with offers`, missing.slice(0, 5));
  return { variants: variants.length, sent: writes.length - missing.length, unchanged, deleted: stale.length, calls, missingOwners: missing };
}

const Payload = z.object({ reason: z.string().default(""), force: z.boolean().default(false) });

/** The job: publish one shop's promise data (jobs of one shop never overlap: same group key). */
export function promisePublishWork(services: JobServices, options: Pick<PublishDeps, "handlingSamples" | "deliveryHistory"> = {}): JobWork {
  return {
    async perform(job) {
      const parsed = Payload.safeParse(job.payload);
      if (!parsed.success) throw new TerminalJobError(`Bad promise_publish payload: ${parsed.error.message}`);
      const client = await services.adminFor(job.shop);
      await publishPromises({ db: services.db, client, now: services.now, ...options }, job.shop, { force: parsed.data.force });
    },
  };
}
