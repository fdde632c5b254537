/**
 * The periodic scheduler at 200 shops (issue #19: "at 1,000 shops about 5,000 timer insert attempts
 * a minute, 93 % duplicates", and every shop's sweeps enqueued at the same instant). Each tick's
 * enqueue attempts are counted through an in-memory queue with the real dedupe rule, so the
 * numbers are the scheduler's own, not the database's.
 */
import type { PrismaClient } from "@prisma/client";
import { beforeAll, describe, expect, it } from "vitest";
import type { JobQueue, NewJob } from "../../app/services/queue/job-queue";
import type { JobServices } from "../../app/services/deps";
import { useTestAppEnv } from "../helpers/app-env";

useTestAppEnv();
const SHOPS = 200;
const MINUTE = 60_000;
const START = Date.parse("2026-12-07T09:00:00Z");

let db: PrismaClient;
let runtime: typeof import("../../app/jobs/runtime.server");
let TimerMemo: typeof import("../../app/jobs/timer-memo.server").TimerMemo;

beforeAll(async () => {
  db = (await import("../../app/db.server")).default;
  runtime = await import("../../app/jobs/runtime.server");
  TimerMemo = (await import("../../app/jobs/timer-memo.server")).TimerMemo;
  await db.shop.createMany({ data: Array.from({ length: SHOPS }, (_, i) => ({ domain: `shop-${i + 1}.myshopify.com` })) });
});

/** Only enqueue: one job per dedupe key, and every attempt counted. */
function countingQueue() {
  const jobs = new Map<string, NewJob>();
  let attempts = 0;
  const unused = () => Promise.reject(new Error("the scheduler only enqueues"));
  const queue: JobQueue = {
    async enqueue(job) {
      attempts++;
      const created = !jobs.has(job.dedupeKey);
      if (created) jobs.set(job.dedupeKey, job);
      return { id: job.dedupeKey, created };
    },
    claim: unused,
    heartbeat: unused,
    complete: unused,
    fail: unused,
    park: unused,
    resumeParked: unused,
    retry: unused,
    cancelForShop: unused,
  };
  return { queue, jobs, attempts: () => attempts };
}

/** Runs one scheduler tick a minute for `minutes`; per tick, the attempts made and the jobs created. */
async function tickEveryMinute(minutes: number, memo?: InstanceType<typeof TimerMemo>) {
  const counting = countingQueue();
  let clock = START;
  const services: JobServices = { db, queue: counting.queue, now: () => new Date(clock), adminFor: () => Promise.reject(new Error("no Admin API here")) };
  const ticks: { attempts: number; created: number }[] = [];
  for (let minute = 0; minute < minutes; minute++) {
    clock = START + minute * MINUTE;
    const [attempted, had] = [counting.attempts(), counting.jobs.size];
    await runtime.scheduleTimers(services, memo);
    ticks.push({ attempts: counting.attempts() - attempted, created: counting.jobs.size - had });
  }
  return { ticks, keys: [...counting.jobs.keys()].sort() };
}

describe("the periodic scheduler at 200 shops", () => {
  it("sends each tick only the timers whose slot began since the last one, and still creates every job", async () => {
    const before = await tickEveryMinute(60);
    const after = await tickEveryMinute(60, new TimerMemo());

    // Nothing is lost or added: the same jobs, one per shop and slot.
    expect(after.keys).toEqual(before.keys);
    // Before: every tick attempts every timer of every shop (13 a shop); almost all are duplicates.
    const perShop = before.ticks[0]!.attempts / SHOPS;
    expect(perShop).toBeGreaterThanOrEqual(13);
    expect(before.ticks.every((t) => t.attempts === before.ticks[0]!.attempts)).toBe(true);
    const steady = (ticks: { attempts: number }[]) => ticks.slice(1).reduce((sum, t) => sum + t.attempts, 0) / (ticks.length - 1);
    const duplicateShare = 1 - before.ticks.slice(1).reduce((sum, t) => sum + t.created, 0) / (steady(before.ticks) * (before.ticks.length - 1));
    expect(duplicateShare).toBeGreaterThan(0.9);
    // After: the first tick sends everything once; then only what is new (a few % of it).
    expect(after.ticks[0]!.attempts).toBe(before.ticks[0]!.attempts);
    expect(steady(after.ticks)).toBeLessThan(steady(before.ticks) * 0.06);
    expect(after.ticks.slice(1).every((t) => t.attempts === t.created)).toBe(true);
    console.info(
      `[scheduler] ${SHOPS} shops, attempts per tick: before ${steady(before.ticks).toFixed(0)} (${(duplicateShare * 100).toFixed(0)} % duplicates), after ${steady(after.ticks).toFixed(1)}`,
    );
  });

  it("spreads the shops' sweeps over the period instead of creating them all at the top of the hour", async () => {
    const { ticks } = await tickEveryMinute(61);
    // Unspread, the 09:15, 09:30, 09:45 and 10:00 ticks would each create a sweep of every kind for all 200 shops.
    const created = ticks.slice(1).map((t) => t.created);
    const mean = created.reduce((a, b) => a + b, 0) / created.length;
    expect(Math.max(...created)).toBeLessThan(mean * 2.5);
    expect(Math.max(...created)).toBeLessThan(SHOPS);
    for (const minute of [15, 30, 45, 60]) expect(ticks[minute]!.created).toBeLessThan(SHOPS);
  });
});
