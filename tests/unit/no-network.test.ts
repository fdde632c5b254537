import http from "node:http";
import net from "node:net";
import { describe, expect, it } from "vitest";

describe("tests cannot touch the network", () => {
  it("refuses fetch to a public host before any packet leaves", async () => {
    await expect(fetch("https://shopify.com/")).rejects.toThrow(/blocked in tests/);
  });

  it("refuses raw sockets and http requests to non-loopback addresses", () => {
    expect(() => net.connect({ host: "93.184.216.34", port: 443 })).toThrow(/blocked in tests/);
    expect(() => net.connect(443, "10.0.0.1")).toThrow(/blocked in tests/);
    expect(() => http.get("http://example.com/")).toThrow(/blocked in tests/);
  });

  it("allows loopback", async () => {
    const server = http.createServer((_req, res) => res.end("ok"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as net.AddressInfo;
    try {
      expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe("ok");
      expect(await (await fetch(`http://localhost:${port}/`)).text()).toBe("ok");
    } finally {
      server.close();
    }
  });
});
