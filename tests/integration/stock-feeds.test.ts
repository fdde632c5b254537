/**
 * Stock feeds through the shell (database, fetcher, push endpoint) with real-world mess. Every
 * bad run must leave the last good stock exactly as it was.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { TEST_SHOP, useTestAppEnv } from "../helpers/app-env";

useTestAppEnv();

let db: PrismaClient;
let feeds: typeof import("../../app/models/feeds.server");
let ingest: typeof import("../../app/services/stock/ingest.server");
let handlers: typeof import("../../app/jobs/stock/handlers.server");
let push: typeof import("../../app/services/stock/push.server");
let server: http.Server;
let base = "";
let supplierId = "";
const routes = new Map<string, (req: http.IncomingMessage, res: http.ServerResponse) => void>();
const seen: { path: string; ifNoneMatch?: string }[] = [];

const now = () => new Date();
const deps = () => ({ db, now });
const services = () => ({
  db,
  now,
  queue: { enqueue: async () => ({ id: "x", created: true }) } as never,
  adminFor: () => Promise.reject(new Error("no Shopify in feed tests")),
});
const GOOD = "sku,qty\nA-1,10\nA-2,20\nA-3,30\nA-4,40\nA-5,50\nA-6,60\n";

async function stock(): Promise<Record<string, number>> {
  const rows = await db.supplierStock.findMany({ where: { shop: TEST_SHOP, supplierId }, orderBy: { supplierSku: "asc" } });
  return Object.fromEntries(rows.map((r) => [r.supplierSku, r.quantity]));
}

async function feed() {
  return (await feeds.getFeed(db, TEST_SHOP, supplierId))!;
}

async function useUrlFeed(path: string) {
  await db.stockFeed.update({ where: { id: (await feed()).id }, data: { kind: "url", url: `${base}${path}`, etag: null, lastModified: null } });
}

async function pull(options: Record<string, unknown> = {}) {
  const handler = handlers.feedPullJobHandler(services(), { allowLoopback: true, timeoutMs: 2_000, ...options });
  await handler.perform({
    id: "j",
    shop: TEST_SHOP,
    kind: "stock_feed_pull",
    dedupeKey: "d",
    payload: { feedId: (await feed()).id },
    attempt: 1,
    maxAttempts: 3,
    leaseVersion: 1,
  });
  return (await feeds.listRuns(db, TEST_SHOP, (await feed()).id, 1))[0]!;
}

beforeAll(async () => {
  db = (await import("../../app/db.server")).default;
  feeds = await import("../../app/models/feeds.server");
  ingest = await import("../../app/services/stock/ingest.server");
  handlers = await import("../../app/jobs/stock/handlers.server");
  push = await import("../../app/services/stock/push.server");
  const supplier = await db.supplier.create({
    data: {
      shop: TEST_SHOP,
      name: "Feedy",
      contactEmail: "a@b.c",
      timeZone: "UTC",
      cutoff: "14:00",
      serviceTier: "standard",
      handlingMinDays: 1,
      handlingMaxDays: 2,
    },
  });
  supplierId = supplier.id;
  server = http.createServer((req, res) => {
    seen.push({ path: req.url ?? "", ifNoneMatch: req.headers["if-none-match"] as string | undefined });
    const route = routes.get(req.url ?? "");
    if (route) route(req, res);
    else res.writeHead(404).end("not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(async () => {
  await db.stockFeed.deleteMany({});
  await db.stockFeedRun.deleteMany({});
  await db.supplierStock.deleteMany({});
  await feeds.ensureFeed(db, TEST_SHOP, supplierId);
  await db.stockFeed.update({ where: { id: (await feed()).id }, data: { settings: JSON.stringify({ mapping: { sku: "sku", quantity: "qty" } }) } });
  await ingest.ingestFeed(deps(), await feed(), GOOD, "upload");
});

describe("uploads with real-world mess", () => {
  it("reads BOM, semicolons, quoted commas, thousands, blank lines, duplicates and bad quantities, rejecting row by row", async () => {
    const messy =
      '\uFEFFSKU;Qty;Name\r\n\r\nA-1;1.200;"Mug; blue, large"\r\nA-2;-3;x\r\nA-3;lots;x\r\n\r\nA-4;7;x\r\nA-4;8;dup\r\nA-5;2.000;x\r\nA-6;55;x\r\nA-7;"1.000";new\r\nA-8;1;x\r\nA-9;2;x\r\nA-10;3;x\r\n';
    await db.stockFeed.update({
      where: { id: (await feed()).id },
      data: { settings: JSON.stringify({ mapping: { sku: "sku", quantity: "qty" }, duplicates: "last-wins" }) },
    });
    const run = await ingest.ingestFeed(deps(), await feed(), messy, "upload");
    expect(run).toMatchObject({ status: "applied", rowsRead: 11, rowsRejected: 2 });
    expect(run.rejections.map((r) => [r.line, r.reason])).toEqual([
      [4, "quantity -3 is negative for SKU A-2"],
      [5, 'quantity "lots" is not a number for SKU A-3'],
    ]);
    expect(run.warnings).toEqual(["SKU A-4 appears on lines 7, 8; the last one was used."]);
    // Rejected SKUs drop out of the snapshot; the last good values are not invented for them.
    expect(await stock()).toEqual({ "A-1": 1200, "A-10": 3, "A-4": 8, "A-5": 2000, "A-6": 55, "A-7": 1000, "A-8": 1, "A-9": 2 });
  });

  it("rejects a malformed file (an unclosed quote) and keeps the last good stock", async () => {
    const run = await ingest.ingestFeed(deps(), await feed(), 'sku,qty\nA-1,5\n"A-2,7\nA-3,9\n', "upload");
    expect(run.status).toBe("rejected");
    expect(run.message).toMatch(/quote opened on line 3 is never closed/);
    expect(await stock()).toEqual({ "A-1": 10, "A-2": 20, "A-3": 30, "A-4": 40, "A-5": 50, "A-6": 60 });
  });

  it("quarantines a feed that suddenly reports zero for most SKUs; approve applies it, discard does not", async () => {
    const zeroes = "sku,qty\nA-1,0\nA-2,0\nA-3,0\nA-4,0\nA-5,50\nA-6,60\n";
    const run = await ingest.ingestFeed(deps(), await feed(), zeroes, "upload");
    expect(run.status).toBe("quarantined");
    expect(run.reasons[0]).toMatch(/4 of 6 SKUs that had stock \(67%\) now report 0/);
    expect((await stock())["A-1"]).toBe(10);
    expect(await ingest.discardRun(deps(), TEST_SHOP, run.id)).toEqual({ ok: true });
    expect((await stock())["A-1"]).toBe(10);
    const again = await ingest.ingestFeed(deps(), await feed(), zeroes, "upload");
    expect(await ingest.approveRun(deps(), TEST_SHOP, again.id)).toEqual({ ok: true });
    expect(await stock()).toMatchObject({ "A-1": 0, "A-5": 50 });
    expect((await feeds.getRun(db, TEST_SHOP, again.id))?.status).toBe("approved");
  });
});

describe("pulled URL feeds", () => {
  it("streams a 50 MB feed into stock", async () => {
    const rows = 50_000;
    const pad = "x".repeat(1_030);
    routes.set("/big.csv", (_req, res) => {
      res.writeHead(200, { "Content-Type": "text/csv" });
      res.write("sku,qty,description\n");
      let i = 0;
      const more = () => {
        let ok = true;
        while (ok && i < rows) {
          ok = res.write(`BIG-${i},${i % 100},"${pad}, ok"\n`);
          i++;
        }
        if (i < rows) res.once("drain", more);
        else res.end();
      };
      more();
    });
    await useUrlFeed("/big.csv");
    const run = await pull({ timeoutMs: 60_000 });
    expect(run).toMatchObject({ status: "quarantined", rowsRead: rows, rowsRejected: 0 });
    // Every old SKU is missing from the new export, so it waits for review; approving applies all 50,000.
    expect(await ingest.approveRun(deps(), TEST_SHOP, run.id)).toEqual({ ok: true });
    expect(await db.supplierStock.count({ where: { supplierId } })).toBe(rows);
  }, 120_000);

  it("reports a feed URL that times out and keeps stock", async () => {
    routes.set("/slow.csv", (_req, res) => {
      res.writeHead(200, { "Content-Type": "text/csv" });
      res.write("sku,qty\nA-1,1\n"); // then stalls
    });
    await useUrlFeed("/slow.csv");
    const run = await pull({ timeoutMs: 300 });
    expect(run.status).toBe("rejected");
    expect(run.message).toMatch(/within 300 ms \(timeout\)/);
    expect((await stock())["A-1"]).toBe(10);
  });

  it("reports a feed that returns HTML (a login page) and keeps stock", async () => {
    routes.set("/login", (_req, res) => res.writeHead(200, { "Content-Type": "text/html" }).end("<!DOCTYPE html><html><body>Sign in</body></html>"));
    await useUrlFeed("/login");
    const run = await pull();
    expect(run).toMatchObject({ status: "rejected" });
    expect(run.message).toMatch(/returned a web page \(HTML\)/);
    expect((await stock())["A-1"]).toBe(10);
  });

  it("refuses private, link-local and (without the test allowance) loopback addresses, after DNS", async () => {
    const before = seen.length;
    await useUrlFeed("/feed.csv");
    expect((await pull({ allowLoopback: false })).message).toMatch(/resolves to 127\.0\.0\.1, a loopback address/);
    await db.stockFeed.update({ where: { id: (await feed()).id }, data: { url: "http://10.1.2.3/feed.csv" } });
    expect((await pull()).message).toMatch(/10\.1\.2\.3/);
    await db.stockFeed.update({ where: { id: (await feed()).id }, data: { url: "http://feeds.supplier.example/stock.csv" } });
    const metadata = await pull({ lookup: async () => ["169.254.169.254"] });
    expect(metadata).toMatchObject({ status: "rejected" });
    expect(metadata.message).toMatch(/169\.254\.169\.254/);
    expect(seen.length).toBe(before); // nothing was ever requested
    expect((await stock())["A-1"]).toBe(10);
  });

  it("sends If-None-Match and records a 304 as a run that changes nothing", async () => {
    routes.set("/etag.csv", (req, res) => {
      if (req.headers["if-none-match"] === '"v1"') res.writeHead(304).end();
      else res.writeHead(200, { ETag: '"v1"', "Content-Type": "text/csv" }).end(GOOD.replace("A-1,10", "A-1,11"));
    });
    await useUrlFeed("/etag.csv");
    expect(await pull()).toMatchObject({ status: "applied", rowsChanged: 1 });
    const second = await pull();
    expect(second).toMatchObject({ status: "not_modified", rowsChanged: 0, rowsRead: 0 });
    expect(seen.at(-1)).toEqual({ path: "/etag.csv", ifNoneMatch: '"v1"' });
    expect((await stock())["A-1"]).toBe(11);
  });
});

describe("the signed push endpoint", () => {
  async function post(body: string, sign: (ts: string) => string, ts = String(Math.floor(Date.now() / 1000))) {
    await db.stockFeed.update({ where: { id: (await feed()).id }, data: { kind: "push" } });
    const request = new Request(`http://localhost/feeds/${(await feed()).id}/push`, {
      method: "POST",
      body,
      headers: { "X-Dropline-Timestamp": ts, "X-Dropline-Signature": sign(ts) },
    });
    return push.receivePush({ db, now }, (await feed()).id, request);
  }

  it("applies a correctly signed feed and answers with the run report", async () => {
    const body = GOOD.replace("A-2,20", "A-2,21") + "A-7,x\n";
    const secret = (await feed()).pushSecret;
    const outcome = await post(body, (ts) => push.pushSignature(secret, ts, body));
    expect(outcome.status).toBe(200);
    expect(outcome.body).toMatchObject({ status: "applied", rowsRead: 7, rowsChanged: 1, rowsRejected: 1 });
    expect((await stock())["A-2"]).toBe(21);
  });

  it("refuses a wrong signature and a replayed (old) timestamp without touching stock", async () => {
    const secret = (await feed()).pushSecret;
    const body = "sku,qty\nA-1,0\n";
    expect((await post(body, (ts) => push.pushSignature("wrong", ts, body))).status).toBe(401);
    const old = String(Math.floor(Date.now() / 1000) - 3600);
    expect((await post(body, (ts) => push.pushSignature(secret, ts, body), old)).status).toBe(401);
    expect((await stock())["A-1"]).toBe(10);
  });

  it("refuses a replay of an accepted push, and an older push after a newer, with the one 401 every failure gets", async () => {
    const secret = (await feed()).pushSecret;
    const nowSeconds = Math.floor(Date.now() / 1000);
    const newer = GOOD.replace("A-1,10", "A-1,12");
    const accepted = await post(newer, (ts) => push.pushSignature(secret, ts, newer), String(nowSeconds + 5));
    expect(accepted.status).toBe(200);
    const replay = await post(newer, (ts) => push.pushSignature(secret, ts, newer), String(nowSeconds + 5));
    const older = GOOD.replace("A-1,10", "A-1,9");
    const rollback = await post(older, (ts) => push.pushSignature(secret, ts, older), String(nowSeconds - 60));
    const forged = await post(older, (ts) => push.pushSignature("wrong", ts, older), String(nowSeconds + 10));
    const stale = await post(older, (ts) => push.pushSignature(secret, ts, older), String(nowSeconds - 3600));
    for (const refused of [replay, rollback, forged, stale]) expect(refused).toEqual(forged);
    expect(forged.status).toBe(401);
    expect((await stock())["A-1"]).toBe(12);
  });
});
