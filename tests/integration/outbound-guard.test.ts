/**
 * Finding 1 (SSRF): every URL form that reaches a non-public address is refused before a socket
 * connects, however the address is spelled, wherever DNS or a redirect leads. The loopback server
 * below answers 200 to anything that gets through, so a bypass shows up as a success, not as a
 * refusal; non-loopback targets would hit the test network guard, which is not an OutboundRefusal.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { guardedPost, guardedRequest, OutboundRefusal, type Resolver } from "../../app/services/outbound/guarded-http.server";
import { guardedSupplierPoster } from "../../app/services/coordination/services.server";

let server: http.Server;
let port = 0;
const hits: string[] = [];
/** Where the loopback server redirects `/to?u=…` requests. */
beforeAll(async () => {
  server = http.createServer((req, res) => {
    hits.push(req.url ?? "");
    const url = new URL(req.url ?? "/", "http://x");
    if (url.pathname === "/to") {
      res.writeHead(Number(url.searchParams.get("status") ?? 302), { Location: url.searchParams.get("u") ?? "/" });
      res.end();
      return;
    }
    if (url.pathname === "/loop") {
      res.writeHead(302, { Location: "/loop" });
      res.end();
      return;
    }
    if (url.pathname === "/secret") {
      res.writeHead(500, { "Content-Type": "text/plain" });
      res.end("ami-id: i-0123456789 (internal response body)");
      return;
    }
    res.writeHead(200, { "Content-Type": "text/plain" });
    res.end("reached");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const DNS: Readonly<Record<string, readonly string[]>> = {
  "metadata.evil.example": ["169.254.169.254"],
  "mapped.evil.example": ["::ffff:a9fe:a9fe"],
  "mixed.evil.example": ["93.184.216.34", "10.0.0.1"],
  "nat64.evil.example": ["64:ff9b::a9fe:a9fe"],
  "sixtofour.evil.example": ["2002:a9fe:a9fe::1"],
  "ula.evil.example": ["fd00::1"],
  "loopback.evil.example": ["127.0.0.1"],
  "cgnat.evil.example": ["100.100.100.200"],
};
const resolver: Resolver = async (host) => {
  const answer = DNS[host];
  if (!answer) throw new Error(`ENOTFOUND ${host}`);
  return answer;
};

async function attempt(url: string, allowLoopback = false): Promise<string> {
  try {
    const response = await guardedRequest(url, { method: "GET", headers: {}, signal: AbortSignal.timeout(2_000) }, { lookup: resolver, allowLoopback });
    response.resume();
    return `connected: HTTP ${response.statusCode}`;
  } catch (error) {
    if (error instanceof OutboundRefusal) return `refused: ${error.message}`;
    return `other error: ${(error as Error).message}`;
  }
}

// [url form, the class named in the refusal]; `P` is the loopback server's port, filled in at run time.
const DIRECT: ReadonlyArray<readonly [string, RegExp]> = [
  ["http://127.0.0.1:P/", /loopback/],
  ["http://127.1:P/", /loopback/], // short form
  ["http://2130706433:P/", /loopback/], // decimal
  ["http://0177.0.0.1:P/", /loopback/], // octal
  ["http://0x7f.0.0.1:P/", /loopback/], // hex
  ["http://0x7f000001:P/", /loopback/], // hex, one number
  ["http://017700000001:P/", /loopback/], // octal, one number
  ["http://localhost:P/", /could not be found|loopback/],
  ["http://169.254.169.254/latest/meta-data/", /link-local/],
  ["http://2852039166/", /link-local/], // decimal metadata
  ["http://0251.0376.0251.0376/", /link-local/], // octal metadata
  ["http://0xa9.0xfe.0xa9.0xfe/", /link-local/], // hex bytes
  ["http://0xa9fea9fe/", /link-local/],
  ["http://169.254.43518/", /link-local/], // short, three parts
  ["http://10.0.0.1/", /private/],
  ["http://10.1/", /private/],
  ["http://172.16.0.1/", /private/],
  ["http://192.168.0.1/", /private/],
  ["http://100.64.0.1/", /carrier-grade NAT/],
  ["http://0.0.0.0:P/", /unspecified/],
  ["http://0:P/", /unspecified/],
  ["http://224.0.0.1/", /multicast/],
  ["http://255.255.255.255/", /reserved/],
  ["http://192.0.0.8/", /reserved/],
  ["http://198.18.0.1/", /reserved/],
  ["http://[::1]:P/", /loopback/],
  ["http://[0:0:0:0:0:0:0:1]:P/", /loopback/],
  ["http://[::]:P/", /unspecified/],
  ["http://[::ffff:169.254.169.254]/", /IPv4-in-IPv6/], // the reported bypass
  ["http://[::ffff:a9fe:a9fe]/", /IPv4-in-IPv6/],
  ["http://[::ffff:127.0.0.1]:P/", /IPv4-in-IPv6/],
  ["http://[0:0:0:0:0:ffff:7f00:1]:P/", /IPv4-in-IPv6/],
  ["http://[::ffff:0:a9fe:a9fe]/", /IPv4-in-IPv6/], // IPv4-translated
  ["http://[::127.0.0.1]:P/", /IPv4-in-IPv6/], // IPv4-compatible
  ["http://[::a9fe:a9fe]/", /IPv4-in-IPv6/],
  ["http://[64:ff9b::a9fe:a9fe]/", /IPv4-in-IPv6/], // NAT64
  ["http://[64:ff9b::10.0.0.1]/", /IPv4-in-IPv6/],
  ["http://[64:ff9b:1::a9fe:a9fe]/", /IPv4-in-IPv6/], // local-use NAT64
  ["http://[2002:a9fe:a9fe::]/", /IPv4-in-IPv6/], // 6to4
  ["http://[2002:7f00:1::1]:P/", /IPv4-in-IPv6/],
  ["http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/", /IPv4-in-IPv6/], // Teredo
  ["http://[fe80::1]/", /link-local/],
  ["http://[fd12:3456::1]/", /private/],
  ["http://[ff02::1]/", /multicast/],
  ["http://[2001:db8::1]/", /reserved/],
  ["http://[100::1]/", /reserved/],
  ["http://metadata.evil.example/", /169\.254\.169\.254, a link-local/],
  ["http://mapped.evil.example/", /IPv4-in-IPv6/],
  ["http://mixed.evil.example/", /10\.0\.0\.1, a private/], // one bad answer is enough
  ["http://nat64.evil.example/", /IPv4-in-IPv6/],
  ["http://sixtofour.evil.example/", /IPv4-in-IPv6/],
  ["http://ula.evil.example/", /private/],
  ["http://loopback.evil.example:P/", /loopback/],
  ["http://cgnat.evil.example/", /carrier-grade NAT/],
  ["file:///etc/passwd", /must start with http/],
  ["gopher://127.0.0.1:P/", /must start with http/],
  ["http://user:pass@metadata.evil.example/", /user name or password/],
];

// Each redirect target, reached from the allowed loopback server.
const REDIRECTED: ReadonlyArray<readonly [string, RegExp]> = [
  ["http://169.254.169.254/latest/meta-data/", /link-local/],
  ["http://2852039166/", /link-local/],
  ["http://0xa9fea9fe/", /link-local/],
  ["http://[::ffff:a9fe:a9fe]/", /IPv4-in-IPv6/],
  ["http://[::ffff:127.0.0.1]:P/", /IPv4-in-IPv6/],
  ["http://[64:ff9b::a00:1]/", /IPv4-in-IPv6/],
  ["http://[2002:a9fe:a9fe::]/", /IPv4-in-IPv6/],
  ["http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/", /IPv4-in-IPv6/],
  ["http://10.1/", /private/],
  ["http://metadata.evil.example/", /link-local/],
  ["http://mapped.evil.example/", /IPv4-in-IPv6/],
  ["file:///etc/passwd", /must start with http/],
];

const withPort = (url: string) => url.replace(":P/", `:${port}/`);

describe("outbound guard (SSRF)", () => {
  it.each(DIRECT)("refuses %s before connecting", async (form, reason) => {
    hits.length = 0;
    const outcome = await attempt(withPort(form));
    expect(outcome).toMatch(/^refused: /);
    expect(outcome).toMatch(reason);
    expect(hits).toEqual([]);
  });

  it.each(REDIRECTED)("re-checks a redirect to %s", async (target, reason) => {
    hits.length = 0;
    const outcome = await attempt(`http://127.0.0.1:${port}/to?u=${encodeURIComponent(withPort(target))}`, true);
    expect(outcome).toMatch(/^refused: /);
    expect(outcome).toMatch(reason);
    expect(hits).toHaveLength(1); // the first hop only
  });

  it("follows a redirect to an allowed address, and stops after the redirect cap", async () => {
    expect(await attempt(`http://127.0.0.1:${port}/to?u=${encodeURIComponent(`http://127.0.0.1:${port}/ok`)}`, true)).toBe("connected: HTTP 200");
    hits.length = 0;
    expect(await attempt(`http://127.0.0.1:${port}/loop`, true)).toMatch(/redirects too many times/);
    expect(hits).toHaveLength(4); // the request and 3 redirects
  });

  it("resolves once per connection and connects to the address it checked (no DNS rebinding window)", async () => {
    const answers = [["127.0.0.1"], ["169.254.169.254"]];
    let calls = 0;
    const rebinding: Resolver = async () => answers[Math.min(calls++, 1)]!;
    const response = await guardedRequest(
      `http://rebind.evil.example:${port}/ok`,
      { method: "GET", headers: {}, signal: AbortSignal.timeout(2_000) },
      { lookup: rebinding, allowLoopback: true },
    );
    response.resume();
    expect(response.statusCode).toBe(200);
    expect(calls).toBe(1);
    // The next connection gets the rebound answer and is refused at connect time.
    await expect(
      guardedRequest(
        `http://rebind.evil.example:${port}/ok`,
        { method: "GET", headers: {}, signal: AbortSignal.timeout(2_000) },
        { lookup: rebinding, allowLoopback: true },
      ),
    ).rejects.toThrow(/169\.254\.169\.254, a link-local/);
  });

  it("the supplier webhook poster refuses internal addresses and never returns the response body", async () => {
    const post = guardedSupplierPoster();
    await expect(post("http://[::ffff:a9fe:a9fe]/hook", { headers: {}, body: "{}", timeoutMs: 2_000 })).rejects.toThrow(
      /The supplier's webhook URL resolves to ::ffff:a9fe:a9fe, a IPv4-in-IPv6 address/,
    );
    const answer = await guardedPost(`http://127.0.0.1:${port}/secret`, { headers: {}, body: "{}", timeoutMs: 2_000 }, { allowLoopback: true });
    expect(answer).toEqual({ status: 500 });
    // A 307 keeps POST and is re-checked like any hop.
    await expect(
      guardedPost(
        `http://127.0.0.1:${port}/to?status=307&u=${encodeURIComponent("http://169.254.169.254/")}`,
        { headers: {}, body: "{}", timeoutMs: 2_000 },
        { allowLoopback: true },
      ),
    ).rejects.toBeInstanceOf(OutboundRefusal);
  });
});
