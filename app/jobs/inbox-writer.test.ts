import { describe, expect, it } from "vitest";
import { InboxWriter, type IncomingEvent, type InboxStore, type RecordOutcome } from "./inbox.server";

const event = (eventId: string): IncomingEvent => ({
  shop: "writer.myshopify.com",
  topic: "orders/create",
  eventId,
  webhookId: `w-${eventId}`,
  apiVersion: "2025-10",
  triggeredAt: null,
  rawBody: "{}",
});

/** A store whose writes wait until the test lets each one commit. */
function heldStore(concurrentWrites: number | undefined) {
  const writes: { ids: string[]; commit: () => void }[] = [];
  const store: InboxStore = {
    ...(concurrentWrites === undefined ? {} : { concurrentWrites }),
    write: (events) =>
      new Promise<RecordOutcome[]>((resolve) => {
        writes.push({ ids: events.map((e) => e.eventId), commit: () => resolve(events.map((e) => ({ status: "stored", id: e.eventId }))) });
      }),
  };
  return { store, writes };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("InboxWriter", () => {
  it("writes a delivery that arrives while a batch is being written in a batch of its own at once when the store takes concurrent writes", async () => {
    const { store, writes } = heldStore(2);
    const writer = new InboxWriter(store);
    const first = writer.record(event("a"));
    await tick();
    const second = writer.record(event("b"));
    await tick();
    expect(writes.map((w) => w.ids)).toEqual([["a"], ["b"]]);
    // Both places are taken: a third waits for one to free, then goes with whatever else waits.
    const third = writer.record(event("c"));
    const fourth = writer.record(event("d"));
    await tick();
    expect(writes).toHaveLength(2);
    writes[1]!.commit();
    await expect(second).resolves.toEqual({ status: "stored", id: "b" });
    await tick();
    expect(writes.map((w) => w.ids)).toEqual([["a"], ["b"], ["c", "d"]]);
    writes[0]!.commit();
    writes[2]!.commit();
    await expect(Promise.all([first, third, fourth])).resolves.toHaveLength(3);
  });

  it("keeps one batch at a time for a single-writer store (SQLite): later deliveries join the next batch", async () => {
    const { store, writes } = heldStore(undefined);
    const writer = new InboxWriter(store);
    const first = writer.record(event("a"));
    await tick();
    const rest = [writer.record(event("b")), writer.record(event("c"))];
    await tick();
    expect(writes.map((w) => w.ids)).toEqual([["a"]]);
    writes[0]!.commit();
    await first;
    await tick();
    expect(writes.map((w) => w.ids)).toEqual([["a"], ["b", "c"]]);
    writes[1]!.commit();
    await expect(Promise.all(rest)).resolves.toEqual([
      { status: "stored", id: "b" },
      { status: "stored", id: "c" },
    ]);
  });
});
