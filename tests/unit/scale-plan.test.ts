import { describe, expect, it } from "vitest";
import { BURST_SHOP, DEFAULT_SCALE_LOAD, ORDER_TOPICS, planScaleLoad, type PlannedDelivery } from "../../bench/scale-plan";

const plan = planScaleLoad(DEFAULT_SCALE_LOAD);
const { deliveries, ordersPerShop } = plan;

const countBy = (items: readonly PlannedDelivery[], key: (d: PlannedDelivery) => number) => {
  const counts = new Map<number, number>();
  for (const d of items) counts.set(key(d), (counts.get(key(d)) ?? 0) + 1);
  return counts;
};

describe("scale benchmark load schedule", () => {
  it("spaces 200 deliveries a second over 60 seconds", () => {
    expect(deliveries).toHaveLength(12_000);
    expect(deliveries[0]!.atMs).toBe(0);
    expect(deliveries[1]!.atMs).toBe(5);
    expect(deliveries.at(-1)!.atMs).toBeCloseTo(59_995, 6);
  });

  it("repeats 10 % of the deliveries (a shop's odd one out adds at most one), each a second delivery of an event that also has its first delivery", () => {
    const duplicates = deliveries.filter((d) => d.duplicate);
    expect(duplicates.length).toBeGreaterThanOrEqual(1_200);
    expect(duplicates.length).toBeLessThanOrEqual(1_200 + DEFAULT_SCALE_LOAD.shops);
    const event = (d: PlannedDelivery) => `${d.shop}:${d.order}:${d.topic}`;
    const firsts = new Set(deliveries.filter((d) => !d.duplicate).map(event));
    expect(firsts.size).toBe(12_000 - duplicates.length);
    for (const d of duplicates) expect(firsts.has(event(d))).toBe(true);
    // A second delivery comes after the first one.
    const firstSlot = new Map<string, number>();
    deliveries.forEach((d, slot) => !d.duplicate && firstSlot.set(event(d), slot));
    const early = duplicates.filter((d) => firstSlot.get(event(d))! > deliveries.indexOf(d));
    expect(early.length).toBeLessThanOrEqual(DEFAULT_SCALE_LOAD.shops);
  });

  it("delivers both events of every order once each (orders/create and routing_complete), orders in a shuffled arrival order", () => {
    for (let shop = 0; shop < DEFAULT_SCALE_LOAD.shops; shop++) {
      for (const topic of ORDER_TOPICS) {
        const orders = deliveries.filter((d) => d.shop === shop && !d.duplicate && d.topic === topic).map((d) => d.order);
        expect([...orders].sort((a, b) => a - b)).toEqual(Array.from({ length: ordersPerShop[shop]! }, (_, k) => k));
      }
    }
    const burster = deliveries.filter((d) => d.shop === BURST_SHOP && !d.duplicate && d.topic === "orders/create").map((d) => d.order);
    expect(burster).not.toEqual([...burster].sort((a, b) => a - b));
    // Sometimes the routing_complete comes first, as Shopify does not promise an order.
    const firstAt = (shop: number, order: number, topic: string) => deliveries.findIndex((d) => d.shop === shop && d.order === order && d.topic === topic);
    // …but close together: within 16 of the shop's deliveries.
    const shopSlots = deliveries.map((d, slot) => ({ d, slot })).filter(({ d }) => d.shop === 1 && !d.duplicate);
    const position = (order: number, topic: string) => shopSlots.findIndex(({ d }) => d.order === order && d.topic === topic);
    for (let k = 0; k < ordersPerShop[1]!; k++) expect(Math.abs(position(k, ORDER_TOPICS[0]) - position(k, ORDER_TOPICS[1]))).toBeLessThan(16);
    const routingFirst = Array.from({ length: ordersPerShop[1]! }, (_, k) => firstAt(1, k, ORDER_TOPICS[1]) < firstAt(1, k, ORDER_TOPICS[0])).filter(Boolean);
    expect(routingFirst.length).toBeGreaterThan(0);
  });

  it("sends half of the deliveries on fresh connections, spread over the run", () => {
    expect(deliveries.filter((d) => d.fresh)).toHaveLength(6_000);
    const firstHalf = deliveries.slice(0, 6_000).filter((d) => d.fresh).length;
    expect(firstHalf).toBeGreaterThan(2_700);
    expect(firstHalf).toBeLessThan(3_300);
  });

  it("has the bursting shop send about ten times what each other shop sends during the burst, and about the same outside it", () => {
    const during = deliveries.filter((d) => d.inBurst);
    const outside = deliveries.filter((d) => !d.inBurst);
    expect(during.length / deliveries.length).toBeCloseTo(1 / 3, 2);
    const ratio = (part: readonly PlannedDelivery[]) => {
      const counts = countBy(part, (d) => d.shop);
      const others = [...counts].filter(([shop]) => shop !== BURST_SHOP).map(([, n]) => n);
      return (counts.get(BURST_SHOP) ?? 0) / (others.reduce((a, b) => a + b, 0) / others.length);
    };
    expect(ratio(during)).toBeGreaterThan(8.5);
    expect(ratio(during)).toBeLessThan(11.5);
    expect(ratio(outside)).toBeGreaterThan(0.6);
    expect(ratio(outside)).toBeLessThan(1.6);
    // The total rate does not change: the burst takes its share from the other shops.
    expect(countBy(during, (d) => d.shop).size).toBe(DEFAULT_SCALE_LOAD.shops);
  });

  it("is the same schedule for the same seed and another for another seed", () => {
    expect(planScaleLoad(DEFAULT_SCALE_LOAD)).toEqual(plan);
    expect(planScaleLoad({ ...DEFAULT_SCALE_LOAD, seed: 20 }).deliveries.slice(0, 50)).not.toEqual(deliveries.slice(0, 50));
  });

  it("scales down for a smoke run: 20 a second for 5 seconds over 3 shops", () => {
    const small = planScaleLoad({ ...DEFAULT_SCALE_LOAD, perSecond: 20, seconds: 5, shops: 3 });
    expect(small.deliveries).toHaveLength(100);
    const duplicates = small.deliveries.filter((d) => d.duplicate).length;
    expect(duplicates).toBeGreaterThanOrEqual(10);
    expect(duplicates).toBeLessThanOrEqual(13);
    expect(small.ordersPerShop.reduce((a, b) => a + b, 0) * 2).toBe(100 - duplicates);
    expect(new Set(small.deliveries.map((d) => d.shop))).toEqual(new Set([0, 1, 2]));
  });
});
