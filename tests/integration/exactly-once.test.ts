/**
 * The intent record in front of every customer-visible Shopify mutation: a retry after a lost
 * answer or a crash reads the earlier effect instead of repeating the call.
 */
import type { PrismaClient } from "@prisma/client";
import { beforeAll, describe, expect, it } from "vitest";
import { TEST_SHOP, useTestAppEnv } from "../helpers/app-env";

useTestAppEnv();

let db: PrismaClient;
let once: typeof import("../../app/services/exactly-once.server");
let UserErrorsFailure: typeof import("../../app/shopify/errors").UserErrorsFailure;

beforeAll(async () => {
  db = (await import("../../app/db.server")).default;
  once = await import("../../app/services/exactly-once.server");
  ({ UserErrorsFailure } = await import("../../app/shopify/errors"));
});

const now = () => new Date("2026-05-01T10:00:00Z");

/** A pretend Shopify holding refunds; `loseAnswer` makes the next call succeed but throw after. */
function shopify() {
  const refunds: string[] = [];
  let loseAnswer = false;
  return {
    refunds,
    loseNextAnswer: () => (loseAnswer = true),
    steps: (key: string) => ({
      recover: async () => (refunds.includes(key) ? { id: key } : null),
      perform: async () => {
        refunds.push(key);
        if (loseAnswer) {
          loseAnswer = false;
          throw new Error("socket hang up");
        }
        return { id: key };
      },
    }),
  };
}

describe("performOnce", () => {
  it("performs once, then returns the stored result without calling again", async () => {
    const fake = shopify();
    const spec = { shop: TEST_SHOP, key: "refund:case-1", kind: "refund", request: { amount: 10 } };
    const first = await once.performOnce(db, now, spec, fake.steps("r1"));
    const second = await once.performOnce(db, now, spec, fake.steps("r1"));
    expect(first).toMatchObject({ status: "done", performed: true });
    expect(second).toMatchObject({ status: "done", performed: false, result: { id: "r1" } });
    expect(fake.refunds).toEqual(["r1"]);
    expect(await once.findIntent(db, TEST_SHOP, "refund:case-1")).toMatchObject({ status: "done", attempts: 1, kind: "refund" });
  });

  it("after a lost answer, the retry finds the earlier effect instead of repeating it", async () => {
    const fake = shopify();
    fake.loseNextAnswer();
    const spec = { shop: TEST_SHOP, key: "refund:case-2", kind: "refund", request: null };
    await expect(once.performOnce(db, now, spec, fake.steps("r2"))).rejects.toThrow("socket hang up");
    expect(await once.findIntent(db, TEST_SHOP, "refund:case-2")).toMatchObject({ status: "pending", attempts: 1 });
    const retry = await once.performOnce(db, now, spec, fake.steps("r2"));
    expect(retry).toMatchObject({ status: "done", performed: false, recovered: true, result: { id: "r2" } });
    expect(fake.refunds).toEqual(["r2"]);
  });

  it("after a crash before the call reached Shopify, the retry performs it (once)", async () => {
    const fake = shopify();
    const spec = { shop: TEST_SHOP, key: "refund:case-3", kind: "refund", request: null };
    const crash = { recover: async () => null, perform: async (): Promise<{ id: string }> => Promise.reject(new Error("worker died")) };
    await expect(once.performOnce(db, now, spec, crash)).rejects.toThrow("worker died");
    expect(await once.performOnce(db, now, spec, fake.steps("r3"))).toMatchObject({ status: "done", performed: true });
    expect(fake.refunds).toEqual(["r3"]);
  });

  it("a refusal is recorded as failed and not sent again", async () => {
    let calls = 0;
    const spec = { shop: TEST_SHOP, key: "refund:case-4", kind: "refund", request: null };
    const refuse = {
      recover: async () => null,
      perform: async (): Promise<{ id: string }> => {
        calls++;
        throw new UserErrorsFailure("refundCreate", [{ message: "Refund amount exceeds the order total" }]);
      },
    };
    expect(await once.performOnce(db, now, spec, refuse)).toEqual({ status: "failed", error: expect.stringContaining("exceeds") });
    expect(await once.performOnce(db, now, spec, refuse)).toMatchObject({ status: "failed" });
    expect(calls).toBe(1);
  });

  it("of two attempts racing for one key, one performs and the other waits, then finds it done", async () => {
    const fake = shopify();
    const spec = { shop: TEST_SHOP, key: "refund:case-5", kind: "refund", request: null };
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow = {
      recover: async () => null,
      perform: async () => {
        await gate;
        return fake.steps("r5").perform();
      },
    };
    const first = once.performOnce(db, now, spec, slow);
    await new Promise((r) => setTimeout(r, 50));
    await expect(once.performOnce(db, now, spec, fake.steps("r5"))).rejects.toBeInstanceOf(once.IntentBusyError);
    release();
    await expect(first).resolves.toMatchObject({ status: "done", performed: true });
    await expect(once.performOnce(db, now, spec, fake.steps("r5"))).resolves.toMatchObject({ status: "done", performed: false });
    expect(fake.refunds).toEqual(["r5"]);
  });
});
