/**
 * The scale benchmark's load schedule, pure: which shop each delivery is for, which order (event)
 * it carries, whether it is a second delivery of an event already in the schedule, whether it goes
 * on a fresh TCP connection, and when it is due. Deterministic for a seed.
 *
 * - `perSecond × seconds` deliveries, evenly spaced (1000 / perSecond ms apart);
 * - each order is two events, as Shopify sends them: `orders/create` and the fulfillment orders'
 *   `fulfillment_orders/order_routing_complete` (what starts Dropline's routing) — in either order;
 * - `duplicateShare` of the deliveries repeat an event of the same shop already delivered (same
 *   event id, new webhook id), as Shopify's at-least-once delivery does;
 * - shops are drawn per slot by weight: 1 each, the bursting shop (index 0) `burstFactor` while
 *   the slot lies in the burst window (fractions of the run), so during the burst it sends
 *   `burstFactor` times what each other shop sends; the total rate stays `perSecond`;
 * - a shop's events arrive shuffled within runs of 8 (order k + 1 may come before order k, an
 *   order's routing_complete before its orders/create), never far from their order's other event;
 * - exactly `round(total × freshShare)` deliveries, drawn at random, use a fresh connection.
 */
import { seededRandom, type Random } from "../sim/prng";

export interface ScaleLoadOptions {
  readonly perSecond: number;
  readonly seconds: number;
  readonly shops: number;
  /** Share of the deliveries that repeat an event already delivered or still to come (0..1). */
  readonly duplicateShare: number;
  /** Share of the deliveries sent on a fresh TCP connection (the rest on keep-alive ones). */
  readonly freshShare: number;
  /** The bursting shop's weight during the burst, each other shop's being 1. */
  readonly burstFactor: number;
  /** The burst, as fractions of the run: [from, to). */
  readonly burstWindow: readonly [number, number];
  readonly seed: number;
}

export const DEFAULT_SCALE_LOAD: ScaleLoadOptions = {
  perSecond: 200,
  seconds: 60,
  shops: 50,
  duplicateShare: 0.1,
  freshShare: 0.5,
  burstFactor: 10,
  burstWindow: [1 / 3, 2 / 3],
  seed: 19,
};

/** A shop's events are shuffled within runs of this many (even, so an order's two events stay together). */
const SHUFFLE_SPAN = 8;

/** The shop that bursts. */
export const BURST_SHOP = 0;

export const ORDER_TOPICS = ["orders/create", "fulfillment_orders/order_routing_complete"] as const;
export type OrderTopic = (typeof ORDER_TOPICS)[number];

export interface PlannedDelivery {
  readonly shop: number;
  /** The order's number within its shop (0, 1, …): the k-th order the bench creates for that shop. */
  readonly order: number;
  readonly topic: OrderTopic;
  /** A second delivery of an event that has another (first) delivery in the schedule. */
  readonly duplicate: boolean;
  readonly fresh: boolean;
  /** Due this many milliseconds after the load starts. */
  readonly atMs: number;
  /** Due inside the burst window. */
  readonly inBurst: boolean;
}

export interface ScaleLoadPlan {
  readonly deliveries: readonly PlannedDelivery[];
  /** Orders per shop (two events each): the bench creates this many orders for each shop. */
  readonly ordersPerShop: readonly number[];
}

function shuffle<T>(random: Random, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** `count` distinct indexes out of `0..n-1`, at random. */
function sample(random: Random, n: number, count: number): Set<number> {
  return new Set(
    shuffle(
      random,
      Array.from({ length: n }, (_, i) => i),
    ).slice(0, count),
  );
}

/** Builds the schedule (see the module comment). */
export function planScaleLoad(options: ScaleLoadOptions): ScaleLoadPlan {
  const { perSecond, seconds, shops, burstFactor } = options;
  if (perSecond <= 0 || seconds <= 0 || shops < 1) throw new RangeError("perSecond, seconds and shops must be positive");
  const random = seededRandom(options.seed);
  const total = Math.round(perSecond * seconds);
  const gapMs = 1000 / perSecond;
  const [from, to] = options.burstWindow;
  const inBurst = (slot: number) => slot / total >= from && slot / total < to;

  const shopOf = Array.from({ length: total }, (_, slot) => {
    const weightOfBurster = inBurst(slot) ? burstFactor : 1;
    const r = random() * (weightOfBurster + (shops - 1));
    return r < weightOfBurster ? BURST_SHOP : Math.min(shops - 1, 1 + Math.floor(r - weightOfBurster));
  });

  // Which slots carry a second delivery; each repeats an event of its own shop.
  const duplicateSlots = sample(random, total, Math.round(total * options.duplicateShare));
  const firstSlotsByShop: number[][] = Array.from({ length: shops }, () => []);
  for (let slot = 0; slot < total; slot++) if (!duplicateSlots.has(slot)) firstSlotsByShop[shopOf[slot]!]!.push(slot);
  // A shop with no first delivery cannot have a second one: such a slot carries a new event.
  for (const slot of [...duplicateSlots]) {
    if (firstSlotsByShop[shopOf[slot]!]!.length === 0) {
      duplicateSlots.delete(slot);
      firstSlotsByShop[shopOf[slot]!]!.push(slot);
    }
  }
  // Events come in pairs (an order's two topics): a shop's odd last first-delivery becomes a
  // second delivery instead (at most one per shop), or, when it is the shop's only one, a new pair's partner.
  for (const slots of firstSlotsByShop) {
    if (slots.length % 2 === 0) continue;
    if (slots.length > 1) duplicateSlots.add(slots.pop()!);
    else slots.push(...[...duplicateSlots].filter((d) => shopOf[d] === shopOf[slots[0]!]).slice(0, 1));
  }
  for (const slots of firstSlotsByShop) for (const slot of slots) duplicateSlots.delete(slot);
  if (firstSlotsByShop.some((slots) => slots.length % 2 === 1)) throw new RangeError("Too few deliveries per shop to send both events of every order");

  // Event numbers per shop (2k: order k's orders/create, 2k + 1: its routing_complete), dealt to
  // its first-delivery slots in time order, shuffled within runs of SHUFFLE_SPAN: a shop's orders
  // and an order's two events arrive out of order, but within seconds of each other.
  const eventAt = new Map<number, number>();
  for (const slots of firstSlotsByShop) {
    for (let start = 0; start < slots.length; start += SHUFFLE_SPAN) {
      const numbers = shuffle(
        random,
        slots.slice(start, start + SHUFFLE_SPAN).map((_, k) => start + k),
      );
      numbers.forEach((event, k) => eventAt.set(slots[start + k]!, event));
    }
  }
  const eventsPerShop = firstSlotsByShop.map((slots) => slots.length);
  /** A second delivery repeats an event of its shop delivered before it (any, when none was). */
  const repeated = (shop: number, slot: number): number => {
    const firsts = firstSlotsByShop[shop]!;
    const before = firsts.findIndex((s) => s > slot);
    const pool = before === -1 ? firsts.length : before;
    return eventAt.get(firsts[Math.floor(random() * (pool > 0 ? pool : firsts.length))]!)!;
  };
  const freshSlots = sample(random, total, Math.round(total * options.freshShare));

  const deliveries = Array.from({ length: total }, (_, slot): PlannedDelivery => {
    const shop = shopOf[slot]!;
    const duplicate = duplicateSlots.has(slot);
    const event = duplicate ? repeated(shop, slot) : eventAt.get(slot)!;
    const order = Math.floor(event / 2);
    return { shop, order, topic: ORDER_TOPICS[event % 2]!, duplicate, fresh: freshSlots.has(slot), atMs: slot * gapMs, inBurst: inBurst(slot) };
  });
  return { deliveries, ordersPerShop: eventsPerShop.map((n) => n / 2) };
}
